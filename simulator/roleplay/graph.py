"""Structural checks of a scenario graph, each problem located by node.

The loader refuses a scenario with a structural problem (a session could get
stuck or jump to nowhere); the linter also applies the library's quality rules
(enough decisions and endings for a real practice call).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.roleplay.longest_path import longest_path
from simulator.roleplay.schema import Scenario

__all__ = [
    "GraphProblem",
    "MIN_DECISIONS",
    "MIN_DIFFICULTY_BRANCHES",
    "MIN_ENDINGS",
    "difficulty_branches",
    "quality_problems",
    "structural_problems",
]

#: Library rules: decisions on the longest path, distinct ending kinds, branches that depend on the level.
MIN_DECISIONS = 5
MIN_ENDINGS = 3
MIN_DIFFICULTY_BRANCHES = 3


@dataclass(frozen=True)
class GraphProblem:
    """A problem and the key path of the YAML node to point the trainer at."""

    message: str
    loc: tuple[str | int, ...]


def structural_problems(scenario: Scenario) -> list[GraphProblem]:
    """Unknown targets, missing start or hang-up node, unreachable nodes, dead ends, traps."""
    nodes = scenario.nodes
    problems = []
    if scenario.start not in nodes:
        problems.append(GraphProblem(f"el nodo de 'inicio' {scenario.start!r} no existe", ("inicio",)))
    hang_up = scenario.hang_up_node()
    if hang_up is None:
        problems.append(GraphProblem(
            "falta un nodo con 'final: colgo' (o 'al_colgar'): un deudor impaciente debe poder colgar",
            ("nodos",)))
    elif hang_up not in nodes or nodes[hang_up].ending is None:
        problems.append(GraphProblem(f"'al_colgar' debe nombrar un nodo final; se leyó {hang_up!r}",
                                     ("al_colgar",)))
    for name, node in nodes.items():
        for index, choice in enumerate(node.choices):
            for branch, target in enumerate(choice.targets()):
                if target not in nodes:
                    problems.append(GraphProblem(
                        f"la opción lleva a un nodo que no existe: {target!r}",
                        ("nodos", name, "opciones", index, "ir_a", branch)))
        if node.ending is None and not node.choices:
            problems.append(GraphProblem(
                f"el nodo {name!r} no tiene 'opciones' ni 'final': la llamada quedaría sin salida",
                ("nodos", name)))
    if problems:
        return problems
    reachable = _reachable(scenario, [scenario.start, hang_up])
    for name in nodes:
        if name not in reachable:
            problems.append(GraphProblem(f"el nodo {name!r} no se alcanza desde 'inicio'", ("nodos", name)))
    can_end = _can_reach_ending(scenario)
    for name in sorted(reachable - can_end):
        problems.append(GraphProblem(
            f"ciclo sin salida: desde el nodo {name!r} no se llega a ningún final", ("nodos", name)))
    return problems


def quality_problems(scenario: Scenario) -> list[GraphProblem]:
    """The library's rules for a practice call worth playing."""
    problems = []
    longest = longest_path(scenario)
    if longest.decisions < MIN_DECISIONS:
        found = "tiene" if longest.exact else (
            f"encontrado (la búsqueda se detuvo en un ciclo de {longest.largest_cycle} nodos) tiene")
        problems.append(GraphProblem(
            f"el camino más largo {found} {longest.decisions} decisiones; la biblioteca pide al menos "
            f"{MIN_DECISIONS}", ("inicio",)))
    hang_ups = [name for name, node in scenario.nodes.items() if node.ending == "colgo"]
    if len(hang_ups) > 1 and scenario.hang_up is None:
        problems.append(GraphProblem(
            f"hay {len(hang_ups)} finales 'colgo' ({', '.join(hang_ups)}); indique con 'al_colgar' a "
            "cuál va un deudor que pierde la paciencia", ("nodos",)))
    by_level = difficulty_branches(scenario)
    if by_level < MIN_DIFFICULTY_BRANCHES:
        problems.append(GraphProblem(
            f"hay {by_level} ramas que dependen de la dificultad ('si: {{dificultad: [...]}}'); se piden al "
            f"menos {MIN_DIFFICULTY_BRANCHES}, para que un deudor difícil objete más, revele menos y "
            "aguante menos", ("nodos",)))
    endings = {node.ending for node in scenario.nodes.values() if node.ending}
    if len(endings) < MIN_ENDINGS:
        problems.append(GraphProblem(
            f"hay {len(endings)} tipos de final ({', '.join(sorted(endings))}); se piden al menos "
            f"{MIN_ENDINGS}", ("nodos",)))
    return problems


def difficulty_branches(scenario: Scenario) -> int:
    """How many ``ir_a`` branches take a different way at some level."""
    return sum(1 for node in scenario.nodes.values() for choice in node.choices for branch in choice.goes_to
               if branch.when is not None and branch.when.difficulty is not None)


def _successors(scenario: Scenario, name: str) -> set[str]:
    return {target for choice in scenario.nodes[name].choices for target in choice.targets()}


def _reachable(scenario: Scenario, roots: list[str]) -> set[str]:
    seen, stack = set(roots), list(roots)
    while stack:
        for target in _successors(scenario, stack.pop()) - seen:
            seen.add(target)
            stack.append(target)
    return seen


def _can_reach_ending(scenario: Scenario) -> set[str]:
    done = {name for name, node in scenario.nodes.items() if node.ending}
    changed = True
    while changed:
        changed = False
        for name in scenario.nodes:
            if name not in done and _successors(scenario, name) & done:
                done.add(name)
                changed = True
    return done
