"""The strategy-design exercise kind: YAML text through the real loader, run against a reference.

What matters in class: a good strategy passes with its numbers, a broken file
gets the loader's message with line and field, over-contacting fails and says
why, contacts the rules would block fail naming the rule, the check is
reproducible, and the run stays small enough to take seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.course.exercises import DesignGoals, get_exercise, strategy_design
from simulator.course.exercises.strategy_design import design_sample
from simulator.experiments.settings import RunSettings
from simulator.paths import PROJECT_ROOT, dataset

CHALLENGER = "estrategias.retadora"
GOALS = DesignGoals(min_recovery_gain=0.0, max_cost_ratio=1.5, max_complaints_per_1000=40)


def _text(name: str) -> str:
    return Path(dataset("strategies", f"{name}.yaml")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small():
    """A quicker exercise of the same kind: 150 accounts, 60 days, against ``digital_primero``."""
    return strategy_design("prueba.diseno", "Diseño", "Escriba una estrategia.", reference="digital_primero",
                           goals=GOALS, hints=("Vea docs/estrategias.md.",), accounts=150,
                           settings=RunSettings(days=60, seed=5, replications=2))


def test_a_strategy_that_watches_the_whole_portfolio_passes_against_solo_antiguas():
    feedback = get_exercise(CHALLENGER).check(_text("escalonada"))
    assert feedback.correct, feedback.message
    assert "cumple todas las metas" in feedback.message and "`escalonada` recupera" in feedback.message
    mine, base = feedback.details["recovery_rate"], feedback.details["referencia"]["recovery_rate"]
    assert mine >= base + 0.005 and feedback.details["compliance_blocked"] == 0


def test_the_reference_itself_does_not_pass_and_is_told_its_shortfall():
    feedback = get_exercise(CHALLENGER).check(_text("solo_antiguas"))
    assert not feedback and "Recupera" in feedback.message and "se pide al menos" in feedback.message
    assert "cuentas jóvenes" in feedback.hint


def test_over_contacting_fails_and_says_why():
    feedback = get_exercise(CHALLENGER).check(_text("intensiva"))
    assert not feedback
    assert "Contacta de más" in feedback.message and "quejas por cada 1,000 cuentas" in feedback.message
    assert "contactos por cuenta" in feedback.message and "el tope es 30" in feedback.message
    assert feedback.details["complaints_per_1000"] > 30
    assert "cada_dias" in feedback.hint or "contactos_por_semana" in feedback.hint


def test_a_broken_yaml_gets_the_loaders_line_and_field(small):
    broken = _text("escalonada").replace("  agentes: 12", "  agentess: 12")
    line = 1 + broken.splitlines().index("  agentess: 12")
    feedback = small.check(broken)
    assert not feedback
    assert f"línea {line}, campo 'recursos.agentess'" in feedback.message
    assert "¿quiso decir 'agentes'?" in feedback.message and "/tmp" not in feedback.message
    syntax = small.check("nombre: x\n  recursos: : [\n")
    assert not syntax and "línea 2" in syntax.message and "YAML inválido" in syntax.message


def test_an_unknown_channel_is_named_with_its_action(small):
    feedback = small.check(_text("digital_primero").replace("canal: sms", "canal: smss", 1))
    assert not feedback and "smss" in feedback.message and "línea" in feedback.message


def test_contacts_the_rules_block_fail_naming_the_rule(small):
    aggressive = (PROJECT_ROOT / "tests" / "data" / "agresiva.yaml").read_text(encoding="utf-8")
    feedback = small.check(aggressive)
    assert not feedback and "Las reglas de contacto bloquearon" in feedback.message
    assert "MX.horario" in feedback.message and "07:00 a 22:00" in feedback.message
    assert "ventana" in feedback.hint


def test_answers_that_are_not_yaml_text_get_a_message(small):
    for answer in (42, ["nombre: x"], {"nombre": "x"}, b"nombre: x"):
        feedback = small.check(answer)
        assert not feedback and "texto YAML" in feedback.message
    assert not small.check("   ")  # blank, as in the student version


def test_the_check_is_reproducible_and_its_sample_is_fixed(small):
    first, second = small.check(_text("escalonada")), small.check(_text("escalonada"))
    assert first.details == second.details
    assert design_sample(150, 5).equals(design_sample(150, 5)) and len(design_sample(150, 5)) == 150


def test_goals_are_stated_and_a_run_too_big_for_a_check_is_refused():
    statement = get_exercise(CHALLENGER).statement
    assert "400 cuentas" in statement and "90 días" in statement and "`solo_antiguas`" in statement
    with pytest.raises(ValueError, match="demasiado grande"):
        strategy_design("prueba.grande", "T", "S", reference="escalonada", goals=GOALS, hints=("h",),
                        accounts=5000)
    with pytest.raises(Exception, match="no se encontró"):
        strategy_design("prueba.falta", "T", "S", reference="no_existe", goals=GOALS, hints=("h",))


def test_the_guide_example_builds_a_working_exercise(guide_exercise):
    exercise = guide_exercise("strategy_design", strategy_design=strategy_design, DesignGoals=DesignGoals)
    assert "400 cuentas" in exercise.statement
    assert exercise.check(_text("escalonada")) and not exercise.check(_text("solo_antiguas"))
