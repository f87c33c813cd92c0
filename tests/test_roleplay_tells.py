"""No position or length tells: blind strategies must not pass the library's calls.

Every scenario is played at every level over many seeds by three strategies
that never read the options' sense: "always the first shown option", "always
the longest shown option" and "uniformly at random", with the order a learner
would see (:mod:`simulator.roleplay.order`) and the scorer's own pass rule. Amounts
and dates are the model call's, the most generous a blind player could type.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from simulator.roleplay import LEVELS, ChoiceView, RolePlay, Scenario, debrief, load_library
from simulator.roleplay.order import option_orders, order_seed
from simulator.roleplay.replay import play_path
from simulator.roleplay.tells import option_tells

LIBRARY = load_library()
SEEDS = range(20)
#: A blind strategy may pass at most one call in twelve on average.
MAX_PASS_RATE = 1 / 12

Strategy = Callable[[list[ChoiceView], random.Random], ChoiceView]
STRATEGIES: dict[str, Strategy] = {
    "primera": lambda options, _: options[0],
    "mas_larga": lambda options, _: max(options, key=lambda option: len(option.text)),
    "azar": lambda options, rng: rng.choice(options),
}


def _model_inputs(scenario: Scenario) -> dict[str, str]:
    """What the model call types for an amount and for a date (else the capacity and the first payday)."""
    session, _ = play_path(scenario, scenario.model_path().choices, scenario.model_path().inputs)
    hidden = scenario.hidden
    payday = min(hidden.paydays, default=scenario.context.call_date)
    return {"monto": f"{max(hidden.capacity_mxn, 100.0):,.2f}", "fecha": payday.strftime("%d/%m/%Y"),
            **{scenario.nodes[move.node].choices[move.authored].asks_for: move.typed
               for move in session.moves if move.typed is not None}}


def _passes(scenario: Scenario, level: str, seed: int, strategy: Strategy, typed: dict[str, str]) -> bool:
    session = RolePlay(scenario, level, seed, order_seed=order_seed("ana", scenario.id, seed))
    rng = random.Random(f"{scenario.id}/{level}/{seed}")
    while not session.finished:
        option = strategy(session.choices, rng)
        session.choose(option.index, typed.get(option.asks_for) if option.asks_for else None)
    return debrief(session).passed


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_a_blind_strategy_passes_at_most_one_call_in_twelve(name):
    plays = passed = 0
    for scenario in LIBRARY.values():
        typed = _model_inputs(scenario)
        for level in LEVELS:
            for seed in SEEDS:
                plays += 1
                passed += _passes(scenario, level, seed, STRATEGIES[name], typed)
    assert passed / plays <= MAX_PASS_RATE, f"«{name}» aprueba {passed} de {plays} llamadas"


def test_the_same_play_shows_the_same_order_and_a_new_attempt_another():
    changed = 0
    for scenario in LIBRARY.values():
        again = option_orders(scenario, order_seed("ana", scenario.id, 0))
        assert again == option_orders(scenario, order_seed("ana", scenario.id, 0))
        changed += again != option_orders(scenario, order_seed("ana", scenario.id, 1))
    assert changed >= 0.9 * len(LIBRARY)


def test_the_order_seed_depends_on_learner_scenario_and_attempt():
    seeds = {order_seed(learner, scenario, attempt) for learner in ("ana", "beto", None)
             for scenario in ("a", "b") for attempt in (0, 1)}
    assert len(seeds) == 12


def _best_padded(scenario: Scenario) -> Scenario:
    """The scenario with every step's best-rated options made the longest."""
    nodes = {}
    for name, node in scenario.nodes.items():
        top = max((sum(choice.points.rated().values()) for choice in node.choices), default=0)
        choices = tuple(choice.model_copy(update={"text": choice.text + " y algo más" * 60})
                        if sum(choice.points.rated().values()) == top else choice for choice in node.choices)
        nodes[name] = node.model_copy(update={"choices": choices})
    return scenario.model_copy(update={"nodes": nodes})


def test_the_library_shows_no_length_tell_and_a_padded_one_does():
    tells = option_tells(LIBRARY.values())
    assert tells.steps >= 100 and not tells.too_telling, tells.lines()
    padded = option_tells(map(_best_padded, LIBRARY.values()))
    assert padded.best_longest == 1.0 and padded.too_telling
    assert padded.best_first == tells.best_first
