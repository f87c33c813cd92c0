"""The trainer's review pages: each learner's typed role-play answers with what the judge marked.

One HTML page per learner, for reading in a browser before recording a review
(:meth:`simulator.course.progress.ProgressStore.review`). Each answer gives its
reference (result and step) for that call. Everything a learner typed, names
included, is escaped; file names come from a counter, never from the name.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from simulator.course.exercises.tracking import ROLEPLAY_KIND
from simulator.course.review import typed_answers
from simulator.roleplay.judge import Judgement, Mark
from simulator.ui.judged import highlighted, legend

__all__ = ["transcript_page", "write_transcripts"]

_HEAD = ("<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'>"
         "<title>Respuestas escritas de {name}</title></head>"
         "<body style='font-family:sans-serif;max-width:60em;margin:auto'>")


def _answer(result_id: int, answer: dict, reviews: list[dict]) -> str:
    """One typed answer: the highlighted text, its legend, the reference and the reviews so far."""
    written = answer["escrito"]
    verdict = Judgement(written["texto"], tuple(Mark(*mark) for mark in written["marcas"]))
    done = "".join(f"<li>{html.escape(r['decision'])} {html.escape(r['label'])} "
                   f"({html.escape(r['reviewer'])}, {html.escape(r['reviewed_at'])})</li>"
                   for r in reviews if r["step"] == answer["paso"])
    return (f"<h3>Paso {answer['paso']}</h3><p>{highlighted(verdict)}</p>{legend(verdict)}"
            f"<p>Referencia para revisar: <code>resultado={result_id}, paso={answer['paso']}</code></p>"
            + (f"<p>Revisiones:</p><ul>{done}</ul>" if done else ""))


def transcript_page(name: str, calls: pd.DataFrame, reviews: list[dict]) -> str:
    """The page of one learner: each role-play call with typed answers, newest last."""
    parts = [_HEAD.format(name=html.escape(name)), f"<h1>Respuestas escritas de {html.escape(name)}</h1>"]
    for call in calls.itertuples():
        result = "aprobada" if call.passed else "no aprobada"
        state = " (revisada por el formador)" if call.revisada else ""
        parts.append(f"<h2>{html.escape(str(call.activity))}</h2>"
                     f"<p>Fecha: {html.escape(str(call.recorded_at))} · Resultado: {result}{state} · "
                     f"Puntaje: {html.escape(str(call.score))}</p>")
        own = [review for review in reviews if review["result_id"] == call.id]
        parts.extend(_answer(call.id, answer, own) for answer in typed_answers(call.details))
    return "".join(parts) + "</body></html>"


def write_transcripts(results: pd.DataFrame, reviews: list[dict], folder: Path) -> list[tuple[Path, str]]:
    """Write ``alumno_N.html`` into ``folder`` for each learner with typed answers; each page and its
    learner."""
    typed = results["details"].map(lambda details: bool(typed_answers(details))).astype(bool)
    calls = results[(results["kind"] == ROLEPLAY_KIND) & typed]
    written = []
    for number, (name, own) in enumerate(calls.groupby("trainee", sort=True), start=1):
        path = folder / f"alumno_{number}.html"
        path.write_text(transcript_page(str(name), own, reviews), encoding="utf-8")
        written.append((path, str(name)))
    return written
