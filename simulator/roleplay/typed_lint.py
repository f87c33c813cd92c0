"""The linter's checks of typed steps: each declared example answer must take its own route.

A route is declared with an example answer (``ejemplo``); judging it in the
step's context must find no breach and send it along that very route. This
keeps the scenario's declarations and the judge's lexicon in step: a change
to either that breaks a route shows up, located by file and line.
"""

from __future__ import annotations

from simulator.roleplay.graph import GraphProblem
from simulator.roleplay.judge import judge
from simulator.roleplay.replay import ModelCall
from simulator.roleplay.schema import Scenario
from simulator.roleplay.written import route

__all__ = ["MIN_TYPED_STEPS", "typed_problems", "typed_quality_problems"]

#: Library rule: steps a learner may answer in their own words (the opening, the main objection, the close).
MIN_TYPED_STEPS = 3


def typed_problems(scenario: Scenario, calls: dict[str, ModelCall]) -> list[GraphProblem]:
    """Every example answer that commits a breach or does not take the route it illustrates.

    Examples are filled in as the model call (``calls``, see
    :func:`~simulator.roleplay.replay.model_calls`) left the story: names, the
    agreed amount and date; with no model call that plays there is nothing to
    fill them with, and the goal checks already say why.
    """
    session = next((call.session for call in calls.values() if call.session is not None), None)
    if session is None:
        return []
    problems = []
    for name, node in scenario.nodes.items():
        if node.typed is None:
            continue
        for number, way in enumerate(node.typed.routes):
            where = ("nodos", name, "escrito", "ramas", number, "ejemplo")
            verdict = judge(session.fill(way.example), holder_verified=node.typed.holder_verified,
                            institution=scenario.context.institution)
            if verdict.breaches:
                problems.append(GraphProblem(
                    f"el ejemplo de la rama {number} del nodo {name!r} comete una falta para el juez "
                    f"({', '.join(verdict.breaches)}: «{'», «'.join(verdict.words(verdict.breaches[0]))}»)",
                    where))
                continue
            taken = route(node.typed, verdict)
            if taken != way.option:
                problems.append(GraphProblem(
                    f"el ejemplo de la rama {number} del nodo {name!r} lleva a la opción {taken}, no a la "
                    f"{way.option}: el juez encontró {', '.join(verdict.elements) or 'ningún elemento'}; "
                    f"la rama pide {', '.join(way.needs)}", where))
    return problems


def typed_quality_problems(scenario: Scenario) -> list[GraphProblem]:
    """The library's rule: the opening and at least two more steps accept a typed answer."""
    typed = [name for name, node in scenario.nodes.items() if node.typed is not None]
    problems = []
    if scenario.nodes[scenario.start].typed is None:
        problems.append(GraphProblem(f"el nodo de inicio {scenario.start!r} debe aceptar una respuesta "
                                     "escrita ('escrito'): la apertura se practica con palabras propias",
                                     ("nodos", scenario.start)))
    if len(typed) < MIN_TYPED_STEPS:
        problems.append(GraphProblem(
            f"{len(typed)} pasos aceptan respuesta escrita; la biblioteca pide al menos {MIN_TYPED_STEPS} "
            "(la apertura, la objeción principal y el cierre)", ("nodos",)))
    return problems
