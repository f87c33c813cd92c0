"""The longest call of a scenario: exact on small graphs, bounded on fully connected ones.

The old search walked every simple path, which never ends on a 12-node fully
connected scenario; the cost here is counted in visited states, not seconds.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import yaml

from simulator.roleplay import longest_path as longest_path_module
from simulator.roleplay.lint import lint_file
from simulator.roleplay.longest_path import SEARCH_BUDGET, longest_path
from simulator.roleplay.schema import Scenario

MINIMAL = Path(__file__).parent / "data" / "dialogo_minimo.yaml"
ENDINGS = ("promesa_de_pago", "sin_acuerdo", "colgo")


def _document(successors: dict[str, list[str]], start: str) -> dict:
    """A valid scenario with these edges; every node may also end the call three ways."""
    document = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    option = {"texto": "Sigo.", "puntos": {"comunicacion": 1}, "retro": "Bien."}
    nodes = {name: {"deudor": "Mm.", "opciones": [{**option, "ir_a": target}
                                                  for target in [*targets, *ENDINGS]]}
             for name, targets in successors.items()}
    nodes.update({kind: {"deudor": "Adiós.", "final": kind} for kind in ENDINGS})
    document.update(id="completo", inicio=start, nodos=nodes)
    document.pop("camino_modelo")
    return document


def _scenario(successors: dict[str, list[str]], start: str = "n0") -> Scenario:
    return Scenario.model_validate(_document(successors, start))


def _complete(size: int) -> dict[str, list[str]]:
    names = [f"n{i}" for i in range(size)]
    return {name: [other for other in names if other != name] for name in names}


def _brute_force(successors: dict[str, list[str]], start: str) -> int:
    """Every simple path, as the old linter did (only for tiny graphs); +1 for the ending."""
    best, stack = 0, [(start, {start})]
    while stack:
        node, seen = stack.pop()
        best = max(best, len(seen))  # len(seen) - 1 moves, then one more to an ending
        stack.extend((target, seen | {target}) for target in successors[node] if target not in seen)
    return best


@pytest.mark.parametrize("size", [12, 30])
def test_a_fully_connected_scenario_is_measured_in_few_steps(size):
    longest = longest_path(_scenario(_complete(size)))
    # a path through every node, then an ending; found by the first dive
    assert longest.decisions == size and longest.exact
    assert longest.largest_cycle == size
    assert longest.steps <= size


def test_linting_a_fully_connected_file_finishes(tmp_path):
    path = tmp_path / "completo.yaml"
    path.write_text(yaml.safe_dump(_document(_complete(30), "n0"), allow_unicode=True), encoding="utf-8")
    messages = [error.message for error in lint_file(path)]
    assert any(message.startswith("falta 'camino_modelo'") for message in messages)
    assert not any("camino más largo" in message for message in messages)  # nothing about depth


def test_random_graphs_match_every_simple_path():
    rng = np.random.default_rng(18)
    for _ in range(60):
        size = int(rng.integers(2, 8))
        names = [f"n{i}" for i in range(size)]
        successors = {name: [other for other in names if rng.random() < 0.35] for name in names}
        successors["n0"].append("n1")  # a first step, so the start is not an ending by itself
        reachable = _reachable(successors, "n0")
        successors = {name: [t for t in targets if t in reachable] for name, targets in successors.items()
                      if name in reachable}
        assert longest_path(_scenario(successors)).decisions == _brute_force(successors, "n0"), successors


def _reachable(successors, start):
    seen, stack = {start}, [start]
    while stack:
        for target in successors[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def test_a_spent_budget_gives_a_lower_bound_and_says_so():
    # Two 6-node cliques joined one way: many paths, and the bound cannot close the search.
    left = [f"a{i}" for i in range(6)]
    right = [f"b{i}" for i in range(6)]
    successors = {name: [o for o in group if o != name] for group in (left, right) for name in group}
    successors["a3"].append("b0")
    scenario = _scenario(successors, "a0")
    full = longest_path(scenario)
    cut = longest_path(scenario, budget=3)
    assert full.exact and full.decisions == _brute_force(successors, "a0") == 12
    assert not cut.exact and 1 <= cut.decisions <= full.decisions
    assert cut.steps <= 3 + sum(len(group) for group in (left, right))  # the budget, then dives only


def test_lint_says_when_a_short_answer_comes_from_a_spent_budget(tmp_path, monkeypatch):
    # A hub with 30 spokes that only lead back: every spoke is a dead end worth trying.
    spokes = [f"s{i}" for i in range(30)]
    successors = {"hub": spokes, **{spoke: ["hub"] for spoke in spokes}}
    path = tmp_path / "completo.yaml"
    path.write_text(yaml.safe_dump(_document(successors, "hub"), allow_unicode=True), encoding="utf-8")
    exact = [error.message for error in lint_file(path)]
    assert "el camino más largo tiene 2 decisiones; la biblioteca pide al menos 5" in exact
    monkeypatch.setattr(longest_path_module, "SEARCH_BUDGET", 10)
    assert ("el camino más largo encontrado (la búsqueda se detuvo en un ciclo de 31 nodos) tiene 2 "
            "decisiones; la biblioteca pide al menos 5") in [error.message for error in lint_file(path)]


def test_the_default_budget_bounds_a_hostile_scenario():
    # A 400-node chain walkable both ways: one big cycle, closed by the first dive.
    names = [f"n{i}" for i in range(400)]
    successors = {name: [] for name in names}
    for first, second in itertools.pairwise(names):
        successors[first].append(second)
        successors[second].append(first)
    longest = longest_path(_scenario(successors))
    assert longest.decisions == 400 and longest.exact
    assert longest.steps <= SEARCH_BUDGET
