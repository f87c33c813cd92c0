"""The trainer's review pages: each learner's typed role-play answers with their marks as reviewed.

One HTML page per learner and an ``index.html`` listing them. Each mark shows
the trainer's latest word on it (confirmed, removed by whom, added) and buttons
to confirm, remove or add marks; «Descargar revisiones» builds a JSON file of
those decisions in the browser, for ``progress --apply-reviews``
(:mod:`simulator.course.decisions`). The page works offline: its one script is
embedded and allowed by its hash in a Content-Security-Policy that forbids
everything else (no network, no other script). Everything a learner typed,
names included, is escaped; file names come from a counter, never from the name.
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simulator.course.exercises.tracking import ROLEPLAY_KIND
from simulator.course.review import ReviewedMark, reviewed_marks, typed_answers
from simulator.roleplay.judge import BREACHES, ELEMENTS, Judgement, Mark
from simulator.ui.judged import highlighted

__all__ = ["INDEX_PAGE", "judgement", "mark_state", "reviewed_text", "transcript_page", "write_transcripts"]

#: The page that lists every learner's page.
INDEX_PAGE = "index.html"
_SCRIPT = Path(__file__).with_name("revision.js").read_text(encoding="utf-8")
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
_STYLE = ("body{font-family:sans-serif;max-width:62em;margin:auto;padding:0 1em}"
          "table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
          "text-align:left}button[aria-pressed=true]{background:#1f4e79;color:#fff}"
          ".quitada{color:#666}.pendiente{font-style:italic}")


def _head(title: str, script: bool) -> str:
    """The page head with a policy that allows nothing but the page's own script and styles."""
    scripts = f"'sha256-{_SCRIPT_HASH}'" if script else "'none'"
    policy = (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; base-uri 'none'; "
              "form-action 'none'")
    return (f"<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{policy}\">"
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>")


@dataclass(frozen=True)
class _Counts:
    """What the index says of one learner's page."""

    answers: int
    pending: int
    reviewed: int


def mark_state(mark: ReviewedMark) -> str:
    """The mark as reviewed, in words: a removed one struck through."""
    who = html.escape(mark.reviewer or "")
    if mark.decision == "quitar":
        return f"<del>{mark.label.replace('_', ' ')}</del> quitada por {who}"
    if mark.decision == "confirmar":
        return f"confirmada por {who}"
    if mark.decision == "agregar":
        return f"agregada por {who}"
    return "sin revisar" + (" (falta: revísela)" if mark.breach else "")


def judgement(answer: dict) -> Judgement:
    """The judge's verdict on a saved typed answer, as the judge gave it."""
    written = answer["escrito"]
    return Judgement(written["texto"], tuple(Mark(*mark) for mark in written["marcas"]))


def reviewed_text(judged: Judgement, marks: list[ReviewedMark]) -> str:
    """The learner's text highlighted with the marks still kept after review."""
    removed = {mark.label for mark in marks if not mark.kept}
    kept = tuple(mark for mark in judged.marks if mark.label not in removed)
    return highlighted(Judgement(judged.text, kept))


def _mark_row(mark: ReviewedMark, judged: Judgement) -> str:
    """One row of an answer's marks: label, kind, the learner's words, its state and the buttons."""
    words = html.escape(", ".join(f"«{said}»" for said in judged.words(mark.label))) or "—"
    buttons = "".join(f"<button type='button' data-decision='{decision}' aria-pressed='false'>{decision}"
                      "</button> " for decision in ("confirmar", "quitar"))
    kind = "falta" if mark.breach else "elemento"
    style = " class='quitada'" if not mark.kept else ""
    return (f"<tr data-marca='{mark.label}'{style}><td>{mark.label.replace('_', ' ')}</td><td>{kind}</td>"
            f"<td>{words}</td><td>{mark_state(mark)}</td>"
            f"<td>{buttons}<span class='pendiente'></span></td></tr>")


def _answer(result_id: int, answer: dict, reviews: list[dict]) -> str:
    """One typed answer: the text with its kept marks highlighted, each mark as reviewed, the controls."""
    result, step = int(result_id), int(answer["paso"])
    judged, marks = judgement(answer), reviewed_marks(answer, reviews)
    present = {mark.label for mark in marks}
    options = "".join(f"<option value='{label}'>{label.replace('_', ' ')} "
                      f"({'falta' if label in BREACHES else 'elemento'})</option>"
                      for label in BREACHES + ELEMENTS if label not in present)
    rows = "".join(_mark_row(mark, judged) for mark in marks)
    return (f"<section class='respuesta' data-resultado='{result}' data-paso='{step}'>"
            f"<h3>Paso {step}</h3><p>{reviewed_text(judged, marks)}</p>"
            "<table class='marcas'><thead><tr><th>Marca</th><th>Tipo</th><th>Palabras</th><th>Estado</th>"
            f"<th>Su decisión</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<p><label>Agregar una marca que el juez no vio: <select class='agregar'>"
            f"<option value=''>elija…</option>{options}</select></label> "
            "<button type='button' class='agregar'>Agregar</button></p>"
            f"<p>Referencia: <code>resultado={result}, paso={step}</code></p></section>")


_HELP = ("<p>Para cada marca, pulse <b>confirmar</b> si el juez acertó o <b>quitar</b> si se equivocó "
         "(pulse otra vez para deshacer); agregue las que no vio. Después pulse <b>Descargar revisiones</b> "
         "y guarde el archivo con sus decisiones en el archivo de avance:</p>"
         "<pre>python -m simulator progress --db RUTA/avance.sqlite --apply-reviews {file} "
         "--reviewer \"Su nombre\"</pre><p>La página muestra las revisiones guardadas cuando se escribió "
         "(las marcas tachadas ya fueron quitadas); escríbala de nuevo con <code>--transcripts</code> para "
         "ver las suyas. <a href='" + INDEX_PAGE + "'>Todos los alumnos</a></p>")


def transcript_page(name: str, calls: pd.DataFrame, reviews: list[dict], page: str) -> str:
    """The page ``page`` (its file name without ``.html``) of one learner: each role-play call with typed
    answers, newest last."""
    parts = [_head(f"Respuestas escritas de {name}", script=True), f"<body data-pagina='{page}'>",
             f"<h1>Respuestas escritas de {html.escape(name)}</h1>",
             _HELP.format(file=f"revisiones_{page}.json"),
             "<p><button type='button' id='descargar'>Descargar revisiones</button> "
             "<span id='estado' role='status'></span></p>"]
    for call in calls.itertuples():
        result = "aprobada" if call.passed else "no aprobada"
        state = " (revisada por el formador)" if call.revisada else ""
        parts.append(f"<h2>{html.escape(str(call.activity))}</h2>"
                     f"<p>Fecha: {html.escape(str(call.recorded_at))} · Resultado: {result}{state} · "
                     f"Puntaje: {html.escape(str(call.score))}</p>")
        own = [review for review in reviews if review["result_id"] == call.id]
        parts.extend(_answer(call.id, answer, own) for answer in typed_answers(call.details))
    return "".join(parts) + f"<script>{_SCRIPT}</script></body></html>"


def _counts(calls: pd.DataFrame, reviews: list[dict]) -> _Counts:
    """Typed answers, breaches the judge marked that nobody reviewed yet, and marks reviewed."""
    marks = [mark for call in calls.itertuples() for answer in typed_answers(call.details)
             for mark in reviewed_marks(answer, [r for r in reviews if r["result_id"] == call.id])]
    answers = sum(len(typed_answers(details)) for details in calls["details"])
    return _Counts(answers, sum(mark.breach and mark.decision is None for mark in marks),
                      sum(mark.decision is not None for mark in marks))


def _index(pages: list[tuple[str, str, _Counts]]) -> str:
    """The list of learners' pages with what is left to review on each."""
    rows = "".join(f"<tr><td><a href='{page}'>{page}</a></td><td>{html.escape(name)}</td><td>{counts.answers}"
                   f"</td><td>{counts.pending}</td><td>{counts.reviewed}</td></tr>"
                   for page, name, counts in pages)
    return (_head("Revisión de respuestas escritas", script=False)
            + "<body><h1>Revisión de respuestas escritas</h1><p>Una página por alumno con sus respuestas "
            "escritas en los juegos de rol. Empiece por quien tenga faltas por revisar: en su página "
            "confirme o quite cada marca y descargue sus decisiones.</p>"
            "<table><thead><tr><th>Página</th><th>Alumno</th><th>Respuestas escritas</th>"
            "<th>Faltas por revisar</th><th>Marcas revisadas</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></body></html>")


def write_transcripts(results: pd.DataFrame, reviews: list[dict], folder: Path) -> list[tuple[Path, str]]:
    """Write ``alumno_N.html`` into ``folder`` for each learner with typed answers, and ``index.html``;
    each learner's page and name."""
    typed = results["details"].map(lambda details: bool(typed_answers(details))).astype(bool)
    calls = results[(results["kind"] == ROLEPLAY_KIND) & typed]
    written, listed = [], []
    for number, (name, own) in enumerate(calls.groupby("trainee", sort=True), start=1):
        path = folder / f"alumno_{number}.html"
        path.write_text(transcript_page(str(name), own, reviews, path.stem), encoding="utf-8")
        written.append((path, str(name)))
        listed.append((path.name, str(name), _counts(own, reviews)))
    (folder / INDEX_PAGE).write_text(_index(listed), encoding="utf-8")
    return written
