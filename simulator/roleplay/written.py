"""A turn the learner types instead of choosing: judged, routed to an option, and explained.

The judge (:mod:`simulator.roleplay.judge`) says which elements the answer has
and which breaches it commits; the node's ``escrito`` declaration says where
each pattern of elements leads. The move keeps the learner's own words and
takes its techniques from what the judge found, so a typed breach fails the
call exactly as a chosen one does.
"""

from __future__ import annotations

from simulator.roleplay.judge import Judgement, load_lexicon
from simulator.roleplay.schema import Typed, TypedRoute

__all__ = ["TECHNIQUE_OF", "earned", "matched", "route", "techniques", "written_feedback"]

#: The technique a judged label stands for in the debrief (labels with none are left out).
TECHNIQUE_OF = {
    "identificacion": "identificacion", "pregunta_titular": "verificar_titular",
    "verificacion": "verificar_titular", "empatia": "empatia", "pregunta_abierta": "pregunta_abierta",
    "canal_oficial": "canal_oficial", "resumen": "resumen",
    "amenaza": "amenaza", "insulto": "amenaza", "falsa_autoridad": "afirmacion_legal_falsa",
    "divulgacion": "revelar_a_terceros", "presion_indebida": "exhibir", "cobro_indebido": "cobro_en_efectivo",
}


def matched(typed: Typed, verdict: Judgement) -> TypedRoute | None:
    """The first declared route whose elements the answer has (None after a breach)."""
    found = set(verdict.elements)
    if verdict.breaches:
        return None
    return next((way for way in typed.routes if set(way.needs) <= found), None)


def route(typed: Typed, verdict: Judgement) -> int:
    """The authored option whose consequences a typed answer has."""
    way = matched(typed, verdict)
    if way is not None:
        return way.option
    return typed.breach if verdict.breaches and typed.breach is not None else typed.otherwise


def earned(typed: Typed, verdict: Judgement, points: dict[str, int]) -> dict[str, int]:
    """The ratings a typed answer earns: the route's option's, no credit without a route, and the
    compliance and trust of a breach."""
    if verdict.breaches:
        return {**points, "cumplimiento": -3, "confianza": min(points.get("confianza", 0), -2)}
    if matched(typed, verdict) is None:
        return {axis: min(rating, 0) for axis, rating in points.items()}
    return points


def techniques(verdict: Judgement) -> tuple[str, ...]:
    """The techniques the answer shows, breaches first, each once."""
    labels = (*verdict.breaches, *verdict.elements)
    return tuple(dict.fromkeys(TECHNIQUE_OF[label] for label in labels if label in TECHNIQUE_OF))


def written_feedback(typed: Typed, verdict: Judgement) -> str:
    """What the judge read, in Spanish: breaches with the words, then what was good and what was missing."""
    lexicon = load_lexicon()
    parts = [f"FALTA ({name}): «{'», «'.join(verdict.words(name))}». {lexicon.rule(name).por_que}"
             for name in verdict.breaches]
    present = [name for name in typed.required if name in verdict.elements]
    if present:
        parts.append("Bien: " + ", ".join(present) + ".")
    parts += [f"Faltó {name}: {lexicon.rule(name).por_que}" for name in verdict.missing(typed.required)]
    return " ".join(parts) or "Respuesta sin elementos que el juez reconozca."
