"""The shipped scenario library: lint-clean, every ending reachable, model calls exemplary.

Random walks stand in for thousands of students clicking anything: they must
always end within a bounded number of steps, never raise anything but a
located ``DialogueError`` on a bad typed value, and together reach every ending.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from simulator.errors import DialogueError
from simulator.roleplay import (
    AXES,
    DEFAULT_LIBRARY,
    ENDINGS,
    LEVELS,
    MAX_TURNS,
    PERSONAS,
    TECHNIQUES,
    RolePlay,
    debrief,
    lint_paths,
    load_library,
)
from simulator.roleplay.graph import MIN_DECISIONS, MIN_ENDINGS
from simulator.roleplay.longest_path import longest_path
from simulator.roleplay.replay import MODEL_AXIS_FLOOR, play_path

LIBRARY = load_library()
WALKS_PER_LEVEL = 300


def test_library_is_lint_clean():
    report = lint_paths([DEFAULT_LIBRARY])
    assert report.files >= 12
    assert [str(problem) for problem in report.problems] == []


def test_library_covers_every_persona():
    assert {scenario.persona for scenario in LIBRARY.values()} >= set(PERSONAS) - {"puntual"}


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_scenario_is_deep_enough(scenario_id):
    scenario = LIBRARY[scenario_id]
    endings = {node.ending for node in scenario.nodes.values() if node.ending}
    assert longest_path(scenario).decisions >= MIN_DECISIONS
    assert len(endings) >= MIN_ENDINGS
    assert all(choice.feedback.strip() for node in scenario.nodes.values() for choice in node.choices)


def _typed(scenario, asks_for: str, rng: np.random.Generator) -> str:
    """A value a student might type: amounts around the hidden capacity, dates around paydays."""
    if asks_for == "monto":
        share = rng.choice([0.3, 0.8, 0.9, 1.0, 1.5, 3.0])
        return f"{max(1.0, scenario.hidden.capacity_mxn * share):,.2f}"
    day = scenario.context.call_date
    dates = [*scenario.hidden.paydays, day + dt.timedelta(days=1), day + dt.timedelta(days=20),
             day + dt.timedelta(days=45)]
    return dates[rng.integers(len(dates))].strftime("%d/%m/%Y")


def _walk(scenario, level: str, seed: int) -> RolePlay:
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(7,)))  # not the session's stream
    session = RolePlay(scenario, level, seed)
    steps = 0
    while not session.finished:
        option = session.choices[rng.integers(len(session.choices))]
        if option.asks_for and rng.random() < 0.2:
            with pytest.raises(DialogueError) as error:
                session.choose(option.index, "no sé, lo que se pueda")
            assert error.value.field == option.asks_for
        typed = _typed(scenario, option.asks_for, rng) if option.asks_for else None
        session.choose(option.index, typed)
        steps += 1
        assert steps <= MAX_TURNS + 1
    return session


@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_random_walks_end_and_reach_every_ending(scenario_id):
    scenario = LIBRARY[scenario_id]
    endings = {name for name, node in scenario.nodes.items() if node.ending}
    reached = set()
    for level in LEVELS:
        for seed in range(WALKS_PER_LEVEL):
            session = _walk(scenario, level, seed)
            reached.add(session.node)
            result = debrief(session)
            assert all(0 <= result.scores[axis] <= 100 for axis in AXES)
            breached = any(TECHNIQUES[tag].kind == "breach"
                           for move in session.moves for tag in move.techniques)
            if breached:
                assert result.scores["cumplimiento"] == 0
                assert not result.passed
                assert all(breach["leccion"] for breach in result.breaches)
    assert endings - reached == set(), f"finales nunca alcanzados: {sorted(endings - reached)}"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("scenario_id", sorted(LIBRARY))
def test_model_path_scores_high_and_reaches_the_ideal_at_every_level(scenario_id, level):
    scenario = LIBRARY[scenario_id]
    path = scenario.model_path(level)
    session, result = play_path(scenario, path.choices, path.inputs, difficulty=level)
    assert session.finished and ENDINGS[result.ending].success
    assert result.passed
    assert min(result.scores.values()) >= MODEL_AXIS_FLOOR, result.scores
    assert result.objective_met and result.objective["ideal"], result.objective["faltas"]
    assert result.promise is None or result.promise["firme"]


def test_same_seed_same_call():
    scenario = LIBRARY["negociacion_abono"]
    first, second = _walk(scenario, "dificil", 11), _walk(scenario, "dificil", 11)
    assert first.transcript == second.transcript
