"""Decisions on a scenario's longest call: exact on the library, bounded on any graph.

The longest path that visits no node twice is NP-hard in general (searching
every simple path of a 12-node fully connected scenario never ends), so the
search is split where a call cannot come back: the graph's strongly connected
components. Between components the call only moves forward, so their order is
a DAG and the longest path over it takes linear time. Only inside a component
with a cycle (an "insist" or "go back" loop) are simple paths searched, with
branch and bound: a path never beats the nodes it has left to visit, and the
search stops as soon as a path uses them all. A shared budget of backtracking
steps keeps a hostile scenario bounded; past it every search only dives, and
the answer is marked as a lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.roleplay.schema import Scenario

__all__ = ["SEARCH_BUDGET", "LongestPath", "longest_path"]

#: Backtracking steps allowed inside cycles before the answer becomes a lower bound.
SEARCH_BUDGET = 20_000


@dataclass(frozen=True)
class LongestPath:
    """The decisions on the longest call from the start, and how sure that number is.

    Attributes:
        decisions: choices made on the longest path found that repeats no node.
        exact: False when the budget ran out inside a cycle: ``decisions`` is then
            a lower bound (a real path has that many; a longer one may exist).
        steps: nodes visited by the search, the cost the budget bounds.
        largest_cycle: nodes in the biggest group of nodes that reach each other
            (1 when the scenario has no loop), to explain an inexact answer.
    """

    decisions: int
    exact: bool
    steps: int
    largest_cycle: int


def longest_path(scenario: Scenario, budget: int | None = None) -> LongestPath:
    """The longest path from ``scenario.start`` that visits no node twice.

    Costs O(nodes + choices) outside cycles; inside them at most ``budget``
    (by default :data:`SEARCH_BUDGET`) backtracking steps plus one dive per
    entry node of each cycle.
    """
    successors = _successors(scenario)
    components = _components(successors, scenario.start)
    search = _Search(SEARCH_BUDGET if budget is None else budget)
    owner = {node: number for number, component in enumerate(components) for node in component}
    entered = {target for node in owner for target in successors[node] if owner[target] != owner[node]}
    best: dict[str, int] = {}
    for component in components:  # sinks first: every exit is already known
        members = set(component)
        exits = {node: max([1 + best[target] for target in successors[node] if target not in members],
                           default=0) for node in component}
        inside = {node: [target for target in successors[node] if target in members and target != node]
                  for node in component}
        if len(component) == 1:
            best[component[0]] = exits[component[0]]
            continue
        for entry in (node for node in component if node in entered or node == scenario.start):
            best[entry] = search.within(entry, inside, exits)
    return LongestPath(decisions=best[scenario.start], exact=search.exact, steps=search.steps,
                       largest_cycle=max(len(component) for component in components))


def _successors(scenario: Scenario) -> dict[str, list[str]]:
    """Each node's targets in the order the YAML gives them, without repeats or unknown names."""
    nodes = scenario.nodes
    return {name: list(dict.fromkeys(target for choice in node.choices for target in choice.targets()
                                     if target in nodes))
            for name, node in nodes.items()}


def _components(successors: dict[str, list[str]], start: str) -> list[list[str]]:
    """Strongly connected components reachable from ``start``, sinks first (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    work = [(start, iter(successors[start]))]
    index[start] = low[start] = 0
    stack.append(start)
    on_stack.add(start)
    while work:
        node, targets = work[-1]
        for target in targets:
            if target not in index:
                index[target] = low[target] = len(index)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(successors[target])))
                break
            if target in on_stack:
                low[node] = min(low[node], index[target])
        else:
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


class _Search:
    """Branch and bound over simple paths inside one component, sharing one budget."""

    def __init__(self, budget: int):
        self.budget = budget
        self.steps = 0
        self.exact = True

    def within(self, entry: str, inside: dict[str, list[str]], exits: dict[str, int]) -> int:
        """Longest simple path from ``entry`` inside the component, plus the best way out."""
        size, best_exit = len(inside), max(exits.values())
        ceiling = size - 1 + best_exit
        best = exits[entry]
        visited = {entry}
        path = [(entry, iter(inside[entry]))]
        self.steps += 1
        while path and best < ceiling:
            node, targets = path[-1]
            # Whatever comes next adds at most the unvisited members and the best exit.
            if len(path) + (size - len(visited)) - 1 + best_exit <= best:
                target = None
            else:
                target = next((t for t in targets if t not in visited), None)
            if target is not None:
                visited.add(target)
                path.append((target, iter(inside[target])))
                self.steps += 1
                best = max(best, len(path) - 1 + exits[target])
                continue
            if self.steps >= self.budget and len(path) > 1:  # out of budget: only dive
                self.exact = False
                break
            visited.discard(node)
            path.pop()
        return best
