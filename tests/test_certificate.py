"""The final assessment's certificate follows this session's checks and the learner's progress file."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest

from simulator.course.certificate import certificate
from simulator.course.exercises import all_exercises, get_exercise, track_progress
from simulator.course.exercises.topics.evaluacion import EXAM_SECTIONS, _paired, strategy_case
from simulator.course.progress import ProgressStore

RIGHT = {
    "evaluacion.llamada": [0, 0, 0, 0, (0, "800"), (0, "el viernes"), 0],
    "evaluacion.negociacion": ("Dejarla hablar; abrir pidiendo",),
    "evaluacion.normativa": ("Decirle a la vecina", "Llamar a las 22:30", "Decir que el cliente",
                             "Presentarse como abogado o"),
}
DECISION = {"b": "Llevar la retadora a", "c": "Seguir probando en el", "d": "Descartar la retadora: cobra"}


def _answer(key, answer):
    """A choice answer written as fragments of the right options, read as the letters shown now."""
    return get_exercise(key).letter_for(*answer) if isinstance(answer, tuple) else answer


def _right_decision():
    _, low, high = _paired("net_recovery")
    decision = get_exercise("evaluacion.decision")
    return decision.letter_for(DECISION["b" if low > 0 else "d" if high < 0 else "c"])


@pytest.fixture()
def signed_in(tmp_path, monkeypatch):
    path = tmp_path / "avance.sqlite"
    monkeypatch.setenv("COBRANZA_AVANCE", str(path))
    monkeypatch.setenv("COBRANZA_ALUMNO", "Paula Ríos")
    track_progress("Paula Ríos", path)
    yield path
    track_progress(None)


def test_the_strategy_answers_come_from_the_comparison():
    paired = strategy_case().paired.set_index("kpi")
    mean = paired.loc["recovery_rate", "mean"]
    assert get_exercise("evaluacion.diferencia").check(round(100 * mean, 2))
    assert not get_exercise("evaluacion.diferencia").check(round(100 * mean, 2) + 0.5)
    decision = get_exercise("evaluacion.decision")
    assert decision.check(_right_decision())
    assert not decision.check(decision.letter_for("Cambiar hoy toda"))  # never change everything at once


def test_sections_follow_the_checks_and_all_must_pass(signed_in):
    for key, answer in RIGHT.items():
        assert get_exercise(key).check(_answer(key, answer))
    get_exercise("evaluacion.diferencia").check(999)  # wrong
    get_exercise("evaluacion.decision").check(get_exercise("evaluacion.decision").letter_for("Cambiar hoy"))
    pending = certificate(EXAM_SECTIONS, today=dt.date(2026, 12, 4))
    assert [ok for _, ok in pending.sections] == [True, True, True, False, False]
    assert not pending.passed and "PENDIENTE: 3 de 5" in pending.html()
    get_exercise("evaluacion.diferencia").check(round(100 * _paired("recovery_rate")[0], 2))
    get_exercise("evaluacion.decision").check(_right_decision())
    done = certificate(EXAM_SECTIONS, today=dt.date(2026, 12, 4))
    assert done.passed and "APROBADO" in done.html() and "Paula Ríos" in done.html()
    assert "04/12/2026" in done.html()
    passed = {row["activity"] for row in ProgressStore(signed_in).results() if row["passed"]}
    assert done.course_passed == len(passed) == 5 and done.course_total == len(all_exercises())
    link = re.search(r"base64,([A-Za-z0-9+/=]+)", done._repr_html_()).group(1)
    assert "APROBADO" in base64.b64decode(link).decode("utf-8")


def test_a_missing_answer_shows_as_unanswered_and_a_broken_file_is_left_out(tmp_path, monkeypatch):
    broken = tmp_path / "avance.sqlite"
    broken.write_text("no es una base de datos", encoding="utf-8")
    monkeypatch.setenv("COBRANZA_AVANCE", str(broken))
    result = certificate({"evaluacion.no_respondida": "Una sección sin responder"}, trainee="Iván")
    assert result.sections == (("Una sección sin responder", None),)
    assert result.course_passed is None and "sin responder" in result.html()
    assert "Ejercicios del curso" not in result.html()
