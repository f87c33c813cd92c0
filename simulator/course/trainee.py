"""Who is taking the course, on which track and in which country, and where their progress goes.

The first time a notebook calls :func:`sign_in`, the learner types their name
and picks their track (gestor or gerente, :mod:`simulator.course.tracks`) and
their country edition (:mod:`simulator.compliance.edition`); all three are kept
in a small profile file, so the next notebooks just greet them. A profile from
before tracks existed holds only the name: the form then asks only what is
missing. Progress goes to one SQLite file per cohort (:func:`progress_path`),
which a trainer may point at a shared folder with ``COBRANZA_AVANCE``; the
choice of track and country is kept there too, for the trainer's gradebook.
Nothing here may stop a learner: a profile or store that cannot be written, or
a country the course has no edition for, gives a Spanish note and keeps
everything that was valid.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, replace
from pathlib import Path

from simulator.compliance.edition import DEFAULT_EDITION, Edition, available_editions, load_edition
from simulator.course.exercises.feedback import Text
from simulator.course.exercises.tracking import track_progress
from simulator.course.progress import STORE_VARIABLE, ProgressError, ProgressStore
from simulator.course.tracks import TRACKS
from simulator.output_paths import os_reason

__all__ = ["NAME_VARIABLE", "PROFILE_VARIABLE", "Profile", "current_edition", "current_profile",
           "current_track", "current_trainee", "forget", "progress_path", "remember", "sign_in"]

#: Environment variable with the learner's name (skips the question, e.g. in a shared lab).
NAME_VARIABLE = "COBRANZA_ALUMNO"
#: Environment variable with the path of the profile file that remembers the name, track and country.
PROFILE_VARIABLE = "COBRANZA_PERFIL"

_HOME_FOLDER = ".cobranza"
_MAX_NAME = 80
#: Keys of the profile file's lines after the name ("pista: gestor", "pais: CO").
_TRACK_KEY, _EDITION_KEY = "pista", "pais"


@dataclass(frozen=True)
class Profile:
    """What the learner has told the course; None for what they have not chosen yet."""

    name: str | None = None
    track: str | None = None
    edition: str | None = None

    @property
    def complete(self) -> bool:
        """Name, track and country are all known: nothing left to ask."""
        return None not in (self.name, self.track, self.edition)


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


def _edition_code(country: object) -> str | None:
    """The shipped edition's code for ``country`` ("co", " CO "), or None when there is none."""
    code = str(country or "").strip().upper()
    return code if code in available_editions() else None


def _read_profile() -> Profile:
    """The profile file: the name on its first line, then ``pista:`` and ``pais:`` lines.

    A file that cannot be read is an empty profile; a track or country the
    course does not know is left unchosen, so the form asks it again.
    """
    try:
        lines = _profile_path().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Profile()
    fields = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
    track = fields.get(_TRACK_KEY, "").strip()
    return Profile(name=(_clean(lines[0]) if lines else "") or None,
                   track=track if track in TRACKS else None,
                   edition=_edition_code(fields.get(_EDITION_KEY)))


def current_profile() -> Profile:
    """The learner's profile; ``$COBRANZA_ALUMNO``, when set, gives the name."""
    profile = _read_profile()
    name = _clean(os.environ.get(NAME_VARIABLE, "")) or profile.name
    return replace(profile, name=name or None)


def current_trainee() -> str | None:
    """The learner's name from ``$COBRANZA_ALUMNO`` or the profile file; None if never given."""
    return current_profile().name


def current_track() -> str | None:
    """The learner's track (``gestor`` or ``gerente``); None if never chosen."""
    return current_profile().track


def current_edition() -> Edition:
    """The learner's country edition, for rendering in it; Mexico's until they choose one."""
    return load_edition(current_profile().edition or DEFAULT_EDITION)


def _country_options() -> list[tuple[str, str]]:
    return [(f"{load_edition(code).country} ({code})", code) for code in available_editions()]


def _write_profile(profile: Profile) -> str:
    """Save the profile file; an empty string, or a Spanish note on why it could not be saved."""
    lines = [profile.name or ""]
    lines += [f"{_TRACK_KEY}: {profile.track}"] if profile.track else []
    lines += [f"{_EDITION_KEY}: {profile.edition}"] if profile.edition else []
    try:
        path = _profile_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        return (f" No se pudo guardar su perfil para los siguientes cuadernos ({os_reason(error)}); "
                "se lo volveremos a preguntar.")
    return ""


def _record_choice(profile: Profile) -> str:
    """Keep the track and country in the cohort's progress file; a Spanish note if it cannot."""
    if profile.track is None and profile.edition is None:
        return ""
    try:
        ProgressStore(progress_path()).choose(profile.name, profile.track, profile.edition)
    except ProgressError as error:
        return f" Aviso: {error}; su formador no verá su pista en el reporte."
    return ""


def _missing(profile: Profile) -> str:
    parts = [part for part, value in (("su pista", profile.track), ("su país", profile.edition))
             if value is None]
    return f" Falta elegir {' y '.join(parts)}." if parts else ""


def remember(name: str, track: str | None = None, country: str | None = None) -> Text:
    """Keep the name, track and country in the profile and start saving progress; says what happened.

    What was chosen before and is not given again (or is not valid) is kept, so
    a wrong country loses neither the name, nor the track, nor an earlier country.
    """
    name = _clean(name)
    if not name:
        return Text("Escriba su nombre o su número de empleado para guardar su avance.")
    notes, earlier = "", _read_profile()
    if track is not None and track not in TRACKS:
        notes += f" La pista {track!r} no existe; elija una de: {', '.join(TRACKS)}."
    code = _edition_code(country)
    if country is not None and code is None:
        known = ", ".join(label for label, _ in _country_options())
        notes += (f" El curso no tiene edición para el país «{_clean(country)}»; elija uno de: {known}. "
                  "Lo demás quedó guardado.")
    profile = Profile(name, track if track in TRACKS else earlier.track, code or earlier.edition)
    notes += _write_profile(profile)
    track_progress(name, progress_path(), track=profile.track)
    notes += _record_choice(profile)
    chosen = ""
    if profile.track and profile.edition:
        chosen = f" Pista: {TRACKS[profile.track].lower()}; edición: {load_edition(profile.edition).country}."
    return Text(f"Hola, {name}.{chosen} Sus respuestas se guardan en {progress_path()}."
                f"{_missing(profile)}{notes}")


def forget() -> None:
    """Stop saving in this session (the profile file stays)."""
    track_progress(None)


def sign_in(change: bool = False):
    """Start saving this notebook's results: greet a known learner or ask what is missing, once.

    Returns Markdown when name, track and country are known, else a small form
    (the name, two lists and a button) that calls :func:`remember`. A known name
    starts saving at once, before the form is answered. ``change=True`` shows the
    form filled with the current choices, to correct a wrong track or country.
    """
    profile = current_profile()
    if profile.complete and not change:
        return remember(profile.name, profile.track, profile.edition)
    import ipywidgets as widgets  # only the form needs the widget library

    if profile.name is not None:
        track_progress(profile.name, progress_path(), track=profile.track)
    box = widgets.Text(value=profile.name or "", placeholder="Su nombre o número de empleado",
                       description="Nombre")
    track = widgets.Dropdown(options=[(label, key) for key, label in TRACKS.items()], value=profile.track,
                             description="Pista")
    country = widgets.Dropdown(options=_country_options(), value=profile.edition, description="País")
    button = widgets.Button(description="Guardar", button_style="primary")
    answer = widgets.HTML("Escriba su nombre y elija su pista y su país una sola vez; los demás cuadernos "
                          "lo recordarán.")

    def save(_) -> None:
        answer.value = html.escape(remember(box.value, track.value, country.value))

    button.on_click(save)
    return widgets.VBox([widgets.HBox([box, track, country, button]), answer])
