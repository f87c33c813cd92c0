"""Difficulty changes the debtor, not only the penalties: the linter asks for it and the library has it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import DialogueError
from simulator.roleplay import lint_file, load_library, load_scenario
from simulator.roleplay.graph import MIN_DIFFICULTY_BRANCHES, difficulty_branches
from simulator.roleplay.replay import play_path

MINIMAL = Path(__file__).parent / "data" / "dialogo_minimo.yaml"
LIBRARY = load_library()


def _techniques(scenario, level: str) -> set[str]:
    path = scenario.model_path(level)
    session, _ = play_path(scenario, path.choices, path.inputs, difficulty=level)
    return {tag for move in session.moves for tag in move.techniques}


def test_the_linter_asks_for_branches_by_level_and_a_harder_model_call():
    messages = [problem.message for problem in lint_file(MINIMAL)]
    assert any("hay 0 ramas que dependen de la dificultad" in message for message in messages)
    assert any("en dificil no pide ninguna técnica que fácil no use" in message for message in messages)


def test_a_model_call_is_needed_at_every_level(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    cut = text[:text.index("  dificil:\n", text.index("camino_modelo:"))]
    path = tmp_path / "dialogo_minimo.yaml"
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(DialogueError, match="falta: dificil"):
        load_scenario(path)


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_every_scenario_bends_at_least_three_branches_by_level(scenario_id):
    assert difficulty_branches(LIBRARY[scenario_id]) >= MIN_DIFFICULTY_BRANCHES


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_the_hard_model_call_needs_a_technique_the_easy_one_does_not(scenario_id):
    scenario = LIBRARY[scenario_id]
    assert _techniques(scenario, "dificil") - _techniques(scenario, "facil")


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_the_easy_model_call_falls_short_with_a_hard_debtor(scenario_id):
    """Playing the easy call's choices against a hard debtor does not reach the ideal."""
    scenario = LIBRARY[scenario_id]
    path = scenario.model_path("facil")
    try:
        session, result = play_path(scenario, path.choices, path.inputs, difficulty="dificil")
    except DialogueError:
        return  # the hard debtor took the call elsewhere: the easy script does not even fit
    assert not (session.finished and result.objective["ideal"] and result.passed)
