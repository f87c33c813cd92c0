"""A certificate-style summary of the final assessment, printable and downloadable.

It reads this session's checks (:func:`simulator.course.exercises.results`), so it
works for a learner who never signed in; when the learner is signed in it
adds how much of the whole course they have passed, from the cohort file. A
missing or broken file leaves that line out and never blocks the certificate.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass

from simulator.course.exercises import all_exercises, results
from simulator.course.gradebook import activity_table, exercises_passed, load_results
from simulator.course.progress import ProgressError
from simulator.course.trainee import current_trainee, progress_path

__all__ = ["Certificate", "certificate"]


@dataclass(frozen=True)
class Certificate:
    """The outcome of the final assessment for one learner.

    Attributes:
        sections: (section label, passed?) in exam order; None when not answered yet.
        course_passed: course exercises passed so far (None when no progress file was read).
    """

    trainee: str
    issued: dt.date
    sections: tuple[tuple[str, bool | None], ...]
    course_passed: int | None
    course_total: int

    @property
    def passed(self) -> bool:
        """Every section passed."""
        return all(ok is True for _, ok in self.sections)

    def html(self) -> str:
        """A self-contained page that prints on one sheet."""
        marks = {True: "✅ aprobada", False: "❌ no aprobada", None: "— sin responder"}
        rows = "".join(f"<tr><td>{html.escape(label)}</td><td>{marks[ok]}</td></tr>"
                       for label, ok in self.sections)
        done = sum(ok is True for _, ok in self.sections)
        verdict = ("APROBADO" if self.passed else
                   f"PENDIENTE: {done} de {len(self.sections)} secciones aprobadas")
        course = ("" if self.course_passed is None else
                  f"<p>Ejercicios del curso aprobados: {self.course_passed} de {self.course_total}.</p>")
        return (
            "<div style='border:3px double #1b5e20;padding:18px 24px;max-width:640px;"
            "font-family:sans-serif'>"
            "<h2 style='margin-top:0'>Curso de Cobranza: evaluación final</h2>"
            f"<p>Participante: <b>{html.escape(self.trainee)}</b><br>"
            f"Fecha: {self.issued.strftime('%d/%m/%Y')}</p>"
            f"<table>{rows}</table>"
            f"<h3>Resultado: {verdict}</h3>{course}"
            "<p style='font-size:small'>Evaluación práctica del curso abierto Cobranza; no es una "
            "certificación oficial.</p></div>"
        )

    def _repr_html_(self) -> str:
        page = f"<!DOCTYPE html><html lang='es'><meta charset='utf-8'><body>{self.html()}</body></html>"
        payload = base64.b64encode(page.encode("utf-8")).decode("ascii")
        return (f"{self.html()}<p><a download='evaluacion_final.html' "
                f"href='data:text/html;charset=utf-8;base64,{payload}'>Descargar el resumen (HTML)</a></p>")


def _course_passed(trainee: str) -> int | None:
    """Course exercises the learner has passed in the cohort file, or None if it cannot be read."""
    try:
        activities = activity_table(load_results(progress_path()))
    except ProgressError:
        return None
    return exercises_passed(activities).get(trainee, 0)


def certificate(sections: Mapping[str, str], trainee: str | None = None,
                today: dt.date | None = None) -> Certificate:
    """The certificate for ``sections`` (exercise id -> section label) as checked in this session."""
    checked = results()
    name = trainee or current_trainee()
    return Certificate(
        trainee=name or "Participante sin registrar",
        issued=today or dt.date.today(),
        sections=tuple((label, checked[key].correct if key in checked else None)
                       for key, label in sections.items()),
        course_passed=_course_passed(name) if name else None,
        course_total=len(all_exercises()),
    )
