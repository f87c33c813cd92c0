"""The final exam's certificate reads the learner's progress file; the strategy answers follow the simulator.

How first attempts, attempts and variants reach the certificate is tested in test_exam.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import re

from simulator.course.certificate import certificate
from simulator.course.exercises import get_exercise, track_progress
from simulator.course.exercises.topics.evaluacion import _decision, _paired


def test_the_strategy_answers_come_from_the_comparison():
    difference = get_exercise("evaluacion.diferencia")
    for index, variant in enumerate(difference.variants):
        mean = 100 * _paired(variant["kpi"])[0]
        assert difference.exercise_for(index).check(round(mean, 2))
        assert not difference.exercise_for(index).check(round(mean, 2) + 0.5)
    decision = get_exercise("evaluacion.decision")
    for index, variant in enumerate(decision.variants):
        exercise = decision.exercise_for(index)
        letter = {key: letter for letter, key in exercise.shown().items()}
        assert exercise.check(letter[_decision(variant["kpi"], variant["mas_es_mejor"])])
        assert not exercise.check(letter["a"])  # never change everything at once
    # The variants must not all share one answer (which one depends on the parameters: with 0.2 all three).
    assert len({_decision(variant["kpi"], variant["mas_es_mejor"]) for variant in decision.variants}) >= 2


def test_nobody_signed_in_gets_a_certificate_that_asks_to_sign_in(tmp_path, monkeypatch):
    monkeypatch.delenv("COBRANZA_ALUMNO", raising=False)
    monkeypatch.setenv("COBRANZA_PERFIL", str(tmp_path / "sin_perfil.txt"))
    track_progress(None)
    result = certificate(today=dt.date(2026, 12, 4))
    assert result.exam is None and not result.passed and len(result.sections) == 5
    assert "SIN REGISTRO" in result.html() and "04/12/2026" in result.html()
    link = re.search(r"base64,([A-Za-z0-9+/=]+)", result._repr_html_()).group(1)
    assert "SIN REGISTRO" in base64.b64decode(link).decode("utf-8")


def test_a_broken_file_is_named_and_never_blocks_the_certificate(tmp_path, monkeypatch):
    broken = tmp_path / "avance.sqlite"
    broken.write_text("no es una base de datos", encoding="utf-8")
    monkeypatch.setenv("COBRANZA_AVANCE", str(broken))
    result = certificate(trainee="Iván")
    assert result.sections[0][1] is None and result.course_passed is None
    assert "SIN DATOS" in result.html() and "sin responder" in result.html()
    assert "Ejercicios del curso" not in result.html()
