"""The lawful call script: nobody hears of the debt before the holder is verified.

A collector names herself and the institution, asks for the holder, verifies
identity with a data point the holder would know (an option marked
``verifica: true``) and only then states the purpose and the amount. The rule
checks the ``camino_modelo`` and the option rated best (highest sum of points)
at every step a call can reach, by any path, before the holder is verified and
while the debt is still unsaid: the recovery after a weak opener teaches the
script too. It flags any of them that mentions the debt; when a third party
answers (``contesta: tercero``) there is nothing to verify and any mention is
flagged. A path ends at the first option that mentions the debt: flagged when
it is the best one, otherwise a distractor whose feedback already says why.
"""

from __future__ import annotations

import re

from simulator.roleplay.graph import GraphProblem
from simulator.roleplay.replay import ModelCall
from simulator.roleplay.schema import Choice, Scenario

__all__ = ["DEBT_WORDS", "mentions_debt", "script_problems"]

#: What reveals a debt: words of collection or arrears, an amount in pesos, or a
#: placeholder that the engine fills with an amount or the days late.
DEBT_WORDS = re.compile(
    r"\bcobranza\b|\badeud\w*|\bdeudas?\b|\bsaldos?\b|\bvencid[oa]s?\b|\batras\w*|\bpago m[ií]nimo\b"
    r"|\bbur[oó]\b|\$\s*\d|\d[\d,.]*\s*pesos\b|\{(?:saldo|vencido|monto|minimo|ideal|dias_atraso)\}",
    re.IGNORECASE)


def mentions_debt(text: str, amounts: tuple[str, ...] = ()) -> str | None:
    """The first words of ``text`` that reveal a debt, or ``None``; ``amounts`` names the
    scenario's own story amounts (``datos``), whose placeholders reveal it too."""
    found = DEBT_WORDS.search(text)
    if found:
        return found.group(0)
    return next((f"{{{name}}}" for name in amounts if f"{{{name}}}" in text), None)


def _story_amounts(scenario: Scenario) -> tuple[str, ...]:
    return tuple(name for name, value in scenario.data.items() if isinstance(value, float))


def script_problems(scenario: Scenario, calls: dict[str, ModelCall]) -> list[GraphProblem]:
    """Options on the exemplary calls, played as ``calls`` (:func:`~simulator.roleplay.replay.model_calls`),
    and on the best-rated steps that mention the debt too early (empty when none)."""
    walks = {level: _model_walk(scenario, call) for level, call in calls.items()}
    model = [visit for walk in walks.values() for visit in walk]
    flagged: dict[tuple[str, int], GraphProblem] = {}
    amounts = _story_amounts(scenario)
    for name, index, verified in [*model, *_best_walk(scenario, amounts)]:
        choice = scenario.nodes[name].choices[index]
        problem = _problem(scenario, name, index, choice, verified, amounts)
        if problem is not None:
            flagged.setdefault((name, index), problem)
    problems = list(flagged.values())
    unverified = [level for level, walk in walks.items() if scenario.answers == "titular" and walk
                  and not any(scenario.nodes[name].choices[index].verifies for name, index, _ in walk)]
    if unverified:
        problems.append(GraphProblem(
            f"el 'camino_modelo' ({', '.join(unverified)}) nunca verifica la identidad del titular: marque "
            "con 'verifica: true' la opción que la confirma con un dato que solo el titular conoce",
            ("camino_modelo",)))
    return problems


def _problem(scenario: Scenario, name: str, index: int, choice: Choice, verified: bool,
             amounts: tuple[str, ...]) -> GraphProblem | None:
    words = mentions_debt(choice.text, amounts)
    if words is None:
        return None
    where = f"en el paso {name!r}, la opción {index} menciona la deuda ({words!r})"
    loc = ("nodos", name, "opciones", index, "texto")
    if scenario.answers == "tercero":
        return GraphProblem(f"{where} a un tercero: con quien no es el titular no se menciona nunca", loc)
    if not verified:
        return GraphProblem(f"{where} antes de verificar la identidad del titular con una opción "
                            "'verifica: true'", loc)
    return None


def _best_walk(scenario: Scenario, amounts: tuple[str, ...]) -> list[tuple[str, int, bool]]:
    """The best-rated options at every step a call reaches before verifying, with the debt unsaid
    (``amounts``: the story amounts, as :func:`mentions_debt` takes them)."""
    seen: set[str] = set()
    stack = [scenario.start]
    visits = []
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        choices = scenario.nodes[name].choices
        top = max((choice.rating() for choice in choices), default=None)
        for index, choice in enumerate(choices):
            if choice.rating() == top:
                visits.append((name, index, False))
            verifies = choice.verifies and scenario.answers == "titular"
            if mentions_debt(choice.text, amounts) is None and not verifies:
                stack.extend(choice.targets())
    return visits


def _model_walk(scenario: Scenario, call: ModelCall) -> list[tuple[str, int, bool]]:
    """The steps of one level's ``camino_modelo`` as played (empty when it cannot be played)."""
    if call.session is None:
        return []
    visits, verified = [], False
    for move in call.session.moves:
        visits.append((move.node, move.authored, verified))
        verified = verified or scenario.nodes[move.node].choices[move.authored].verifies
    return visits
