"""A certificate-style summary of the final exam, printable and downloadable.

It reads the learner's saved results (the cohort's progress file), because in
exam mode what counts is the first complete attempt, which a later session must
not be able to rewrite: it shows the first-attempt score, the attempts used, the
date and the variant of each item. The exam is the one of the learner's track
(the agent's has no statistics section), as chosen at sign-in and kept in the
progress file, and the certificate names it. Without a name or a readable file
it says so and never fails.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
from dataclasses import dataclass

from simulator.course.exercises import all_exercises, exam_items
from simulator.course.exercises.exam import PASS_SHARE, ExamResult, attempt_cap, exam_result
from simulator.course.exercises.tracking import signed_in, signed_in_track
from simulator.course.gradebook import activity_table, exercises_passed, load_results
from simulator.course.progress import ProgressError, ProgressStore
from simulator.course.tracks import MANAGER, TRACKS
from simulator.course.trainee import current_trainee, progress_path

__all__ = ["Certificate", "certificate"]


@dataclass(frozen=True)
class Certificate:
    """The outcome of the final exam for one learner.

    Attributes:
        track: whose exam it is, the agent's or the manager's (the complete one when no track was chosen).
        exam: the learner's exam from the progress file; None when nobody is signed in (``registered``
            False) or the file cannot be read.
        cap: attempts allowed per item.
        course_passed: course exercises passed so far (None when no progress file was read).
    """

    trainee: str
    track: str
    registered: bool
    issued: dt.date
    exam: ExamResult | None
    cap: int
    course_passed: int | None
    course_total: int

    @property
    def sections(self) -> tuple[tuple[str, bool | None], ...]:
        """(section label, right at the first attempt?) in exam order; None when not answered yet."""
        if self.exam is None:
            return tuple((item.section, None) for item in exam_items(self.track))
        return tuple((item.section, attempts[0].passed if attempts else None)
                     for item, attempts in self.exam.items)

    @property
    def passed(self) -> bool:
        """The exam's pass rule on the first complete attempt (see :data:`PASS_SHARE`)."""
        return self.exam is not None and self.exam.passed

    def _rows(self) -> str:
        marks = {True: "✅ correcta", False: "❌ incorrecta", None: "— sin responder"}
        rows = ["<tr><th>Sección</th><th>Primer intento</th><th>Intentos usados</th><th>Variante</th></tr>"]
        for item, attempts in self.exam.items if self.exam else ((item, ()) for item in
                                                                       exam_items(self.track)):
            first = attempts[0] if attempts else None
            variant = "—" if first is None or first.variant is None else \
                f"{first.variant + 1} de {len(item.variants)}"
            rows.append(f"<tr><td>{html.escape(item.section)}</td><td>{marks[first and first.passed]}</td>"
                        f"<td>{len(attempts)} de {self.cap}</td><td>{variant}</td></tr>")
        return "".join(rows)

    def html(self) -> str:
        """A self-contained page that prints on one sheet."""
        total = len(self.sections)
        needed = math.ceil(PASS_SHARE * total)
        if self.exam is None:
            unread = "SIN DATOS: no se pudo leer el archivo de avance; avise a su formador"
            verdict = (unread if self.registered
                       else "SIN REGISTRO: regístrese con sign_in() para que su examen cuente")
            score = ""
        elif not self.exam.complete:
            answered = sum(1 for _, ok in self.sections if ok is not None)
            verdict, score = f"PENDIENTE: {answered} de {total} secciones respondidas", ""
        else:
            verdict = "APROBADO" if self.passed else "NO APROBADO"
            taken = dt.datetime.fromisoformat(self.exam.completed_at).strftime("%d/%m/%Y")
            score = (f"<p>Puntaje del primer intento completo: <b>{self.exam.first_score} de {total}</b> "
                     f"(terminado el {taken}); mejor puntaje: {self.exam.best_score} de {total}.</p>")
        course = ("" if self.course_passed is None else
                  f"<p>Ejercicios del curso aprobados: {self.course_passed} de {self.course_total}.</p>")
        return (
            "<div style='border:3px double #1b5e20;padding:18px 24px;max-width:640px;"
            "font-family:sans-serif'>"
            "<h2 style='margin-top:0'>Curso de Cobranza: evaluación final</h2>"
            f"<p>Examen de la pista: <b>{html.escape(TRACKS[self.track].lower())}</b></p>"
            f"<p>Participante: <b>{html.escape(self.trainee)}</b><br>"
            f"Fecha: {self.issued.strftime('%d/%m/%Y')}</p>"
            f"<table>{self._rows()}</table>{score}"
            f"<h3>Resultado: {verdict}</h3>"
            f"<p>Se aprueba con al menos {needed} de {total} secciones correctas en el primer intento; "
            f"cada sección admite {self.cap} intentos.</p>{course}"
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


def _exam(trainee: str, track: str | None) -> ExamResult | None:
    try:
        return exam_result(trainee, ProgressStore(progress_path()).results(trainee), exam_items(), track)
    except ProgressError:
        return None


def _track(trainee: str | None) -> str | None:
    """The learner's track as the progress file keeps it, else as this session knows it."""
    try:
        kept = ProgressStore(progress_path()).profiles().get(trainee, {}).get("track") if trainee else None
    except ProgressError:
        kept = None
    return kept or (signed_in_track() if trainee == signed_in() else None)


def certificate(trainee: str | None = None, today: dt.date | None = None) -> Certificate:
    """The certificate of ``trainee`` (the signed-in learner by default) from the progress file, on the
    exam of their track."""
    name = trainee or signed_in() or current_trainee()
    track = _track(name)
    return Certificate(
        trainee=name or "Participante sin registrar",
        track=track or MANAGER,
        registered=name is not None,
        issued=today or dt.date.today(),
        exam=_exam(name, track) if name else None,
        cap=attempt_cap(),
        course_passed=_course_passed(name) if name else None,
        course_total=len(all_exercises()),
    )
