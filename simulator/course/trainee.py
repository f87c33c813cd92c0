"""Who is taking the course and where their progress goes, asked once per machine.

A learner types their name the first time a notebook calls :func:`sign_in`; the
name is kept in a small profile file, so the next notebooks just greet them.
Progress goes to one SQLite file per cohort (:func:`progress_path`), which a
trainer may point at a shared folder with ``COBRANZA_AVANCE``. Nothing here may
stop a learner: a profile or store that cannot be written gives a Spanish note,
and the course goes on without saving.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from simulator.course.exercises.feedback import Text
from simulator.course.exercises.tracking import track_progress
from simulator.course.progress import STORE_VARIABLE
from simulator.output_paths import os_reason

__all__ = ["NAME_VARIABLE", "PROFILE_VARIABLE", "current_trainee", "forget",
           "progress_path", "remember", "sign_in"]

#: Environment variable with the learner's name (skips the question, e.g. in a shared lab).
NAME_VARIABLE = "COBRANZA_ALUMNO"
#: Environment variable with the path of the profile file that remembers the name.
PROFILE_VARIABLE = "COBRANZA_PERFIL"

_HOME_FOLDER = ".cobranza"
_MAX_NAME = 80


def progress_path() -> Path:
    """The cohort's progress file: ``$COBRANZA_AVANCE`` or ``~/.cobranza/avance.sqlite``."""
    configured = os.environ.get(STORE_VARIABLE, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / _HOME_FOLDER / "avance.sqlite"


def _profile_path() -> Path:
    configured = os.environ.get(PROFILE_VARIABLE, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / _HOME_FOLDER / "alumno.txt"


def _clean(name: str) -> str:
    """One line of at most 80 characters; a name is a label, not a document."""
    return " ".join(str(name).split())[:_MAX_NAME]


def current_trainee() -> str | None:
    """The learner's name from ``$COBRANZA_ALUMNO`` or the profile file; None if never given."""
    name = _clean(os.environ.get(NAME_VARIABLE, ""))
    if name:
        return name
    try:
        name = _clean(_profile_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return name or None


def remember(name: str) -> Text:
    """Keep ``name`` in the profile and start saving progress under it; says what happened."""
    name = _clean(name)
    if not name:
        return Text("Escriba su nombre o su número de empleado para guardar su avance.")
    note = ""
    try:
        profile = _profile_path()
        profile.parent.mkdir(parents=True, exist_ok=True)
        profile.write_text(name + "\n", encoding="utf-8")
    except OSError as error:
        note = (f" No se pudo guardar su nombre para los siguientes cuadernos ({os_reason(error)}); "
                "se lo volveremos a preguntar.")
    track_progress(name, progress_path())
    return Text(f"Hola, {name}. Sus respuestas se guardan en {progress_path()}.{note}")


def forget() -> None:
    """Stop saving in this session (the profile file stays)."""
    track_progress(None)


def sign_in():
    """Start saving this notebook's results: greet a known learner or ask the name once.

    Returns Markdown when the name is known, else a small form (a text box and a
    button) that calls :func:`remember`.
    """
    name = current_trainee()
    if name is not None:
        return remember(name)
    import ipywidgets as widgets  # only the form needs the widget library

    box = widgets.Text(placeholder="Su nombre o número de empleado", description="Nombre")
    button = widgets.Button(description="Guardar mi nombre", button_style="primary")
    answer = widgets.HTML("Escriba su nombre una sola vez; los demás cuadernos lo recordarán.")

    def save(_) -> None:
        answer.value = html.escape(remember(box.value))

    button.on_click(save)
    return widgets.VBox([widgets.HBox([box, button]), answer])
