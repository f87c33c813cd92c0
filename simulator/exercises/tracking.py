"""Optional hook that saves each checked answer to the trainee's progress.

Off until a notebook calls :func:`track_progress`. Saving must never cost the
learner a result: if the store fails (a read-only folder, a full disk, a broken
file), a Spanish note is printed and the check's feedback is shown as usual.
"""

from __future__ import annotations

from pathlib import Path

from simulator.exercises.feedback import Feedback
from simulator.progress import ProgressStore

__all__ = ["KIND", "save", "track_progress"]

#: ``kind`` of the rows exercises write to the progress store.
KIND = "ejercicio"

_TARGET: dict[str, object] = {}


def track_progress(trainee: str | None, store: ProgressStore | str | Path | None = None) -> None:
    """Save every later check of this session as ``trainee``'s progress in ``store``.

    Args:
        trainee: the learner's name as the trainer's gradebook lists it; None turns saving off.
        store: a :class:`~simulator.progress.ProgressStore` (or any object with its ``record``
            method, such as a trainer's gradebook) or the path of its SQLite file.
    """
    _TARGET.clear()
    if trainee is None:
        return
    if store is None:
        raise ValueError("indique dónde guardar el avance, p. ej. track_progress('Ana', 'avance.sqlite')")
    _TARGET.update(trainee=str(trainee),
                   store=store if hasattr(store, "record") else ProgressStore(store))


def save(exercise_id: str, feedback: Feedback) -> None:
    """Record one result if tracking is on; on any failure print why and carry on."""
    if not _TARGET:
        return
    try:
        _TARGET["store"].record(_TARGET["trainee"], KIND, exercise_id, feedback.points, feedback.correct,
                                {"mensaje": feedback.message, **(feedback.details or {})})
    except Exception as error:  # a failing store must not hide the feedback
        print(f"Aviso: no se pudo guardar este resultado en su avance ({error}). "
              "Su respuesta sí se revisó; avise a su formador si el aviso se repite.")
