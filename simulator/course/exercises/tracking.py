"""Optional hook that saves each checked answer, call and negotiation to the trainee's progress.

Off until a notebook calls :func:`track_progress` (usually through
:func:`simulator.course.trainee.sign_in`). Saving must never cost the learner a
result: if the store fails (a read-only folder, a full disk, a broken file), a
Spanish note is shown and the feedback is shown as usual.
"""

from __future__ import annotations

from pathlib import Path

from simulator.course.exercises.feedback import Feedback
from simulator.course.progress import ProgressStore

__all__ = ["KIND", "ROLEPLAY_KIND", "earlier", "failures", "is_on", "record", "save", "saved", "signed_in",
           "signed_in_track", "track_progress"]

#: ``kind`` of the rows exercises write to the progress store.
KIND = "ejercicio"
#: ``kind`` of the rows the role-play widget writes (its activity is the scenario's id).
ROLEPLAY_KIND = "juego_de_rol"

_TARGET: dict[str, object] = {}


def track_progress(trainee: str | None, store: ProgressStore | str | Path | None = None,
                   track: str | None = None) -> None:
    """Save every later check of this session as ``trainee``'s progress in ``store``.

    Args:
        trainee: the learner's name as the trainer's gradebook lists it; None turns saving off.
        store: a :class:`~simulator.course.progress.ProgressStore` (or any object with its ``record``
            method, such as a trainer's gradebook) or the path of its SQLite file.
        track: the learner's track (:mod:`simulator.course.tracks`), which decides their exam; None
            while they have not chosen one.
    """
    _TARGET.clear()
    if trainee is None:
        return
    if store is None:
        raise ValueError("indique dónde guardar el avance, p. ej. track_progress('Ana', 'avance.sqlite')")
    _TARGET.update(trainee=str(trainee), track=track,
                   store=store if hasattr(store, "record") else ProgressStore(store))


def is_on() -> bool:
    """True once a learner is signed in for this session."""
    return bool(_TARGET)


def signed_in() -> str | None:
    """The name progress is saved under, or None while tracking is off."""
    return _TARGET.get("trainee")


def signed_in_track() -> str | None:
    """The signed-in learner's track, or None while tracking is off or no track was chosen."""
    return _TARGET.get("track")


def saved() -> list[dict]:
    """The signed-in learner's saved results, oldest first (none when they cannot be read).

    A store that cannot be read (or a gradebook without ``results``) counts as empty:
    what is read here only varies what is shown, it must never stop a learner.
    """
    read = getattr(_TARGET.get("store"), "results", None)
    if read is None:
        return []
    try:
        return read(_TARGET["trainee"])
    except Exception:  # a broken store must not hide the exercise
        return []


def failures(activity: str) -> int:
    """How many wrong answers to ``activity`` the signed-in learner has saved (0 when none can be read)."""
    return sum(1 for row in saved()
               if row["kind"] == KIND and row["activity"] == activity and not row["passed"])


def earlier(kind: str, activity: str) -> int:
    """How many results of ``activity`` the signed-in learner has saved (0 when off or unreadable)."""
    return sum(row["kind"] == kind and row["activity"] == activity for row in saved())


def record(kind: str, activity: str, score: float | None, passed: bool, details: dict) -> str | None:
    """Save one result for the signed-in learner; returns a Spanish warning if it could not be saved.

    Nothing is saved (and None returned) while tracking is off.
    """
    if not _TARGET:
        return None
    try:
        _TARGET["store"].record(_TARGET["trainee"], kind, activity, score, passed, details)
    except Exception as error:  # a failing store must not hide the feedback
        return (f"Aviso: no se pudo guardar este resultado en su avance ({error}). "
                "Su trabajo sí se revisó; avise a su formador si el aviso se repite.")
    return None


def save(exercise_id: str, feedback: Feedback) -> None:
    """Record one checked answer if tracking is on; on any failure print why and carry on."""
    warning = record(KIND, exercise_id, feedback.points, feedback.correct,
                     {"mensaje": feedback.message, **(feedback.details or {})})
    if warning:
        print(warning)
