"""The trainer's word over the judge's: a reviewed role-play call passes or fails as the trainer decided.

The judge of typed answers can be wrong, so a trainer confirms, removes or adds
its labels (:meth:`simulator.course.progress.ProgressStore.review`). Only
breaches decide a verdict: elements reviewed change nothing. A reviewed call
passes when no breach is left (typed after review, or from a chosen option)
and it passed otherwise or failed only through its breaches (finished, goal
met: a breach zeroes compliance, so the score is not asked again).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.roleplay.judge import BREACHES, ELEMENTS

__all__ = ["DECISIONS", "ReviewedMark", "refusal", "reviewed_marks", "reviewed_verdict", "typed_answers"]

#: What a trainer can do with one of the judge's labels on a typed answer.
DECISIONS = ("confirmar", "quitar", "agregar")


@dataclass(frozen=True)
class ReviewedMark:
    """One label of a typed answer as it stands after review: the judge's, the trainer's latest word."""

    label: str
    judged: bool
    decision: str | None = None
    reviewer: str | None = None

    @property
    def kept(self) -> bool:
        """Whether the label counts: marked (by the judge or the trainer) and not removed."""
        return self.decision != "quitar"

    @property
    def breach(self) -> bool:
        return self.label in BREACHES


def typed_answers(details: dict | None) -> list[dict]:
    """The steps of a saved call where the learner typed: ``{"paso", "escrito"}`` each, in call order."""
    return [choice for choice in (details or {}).get("choices", []) if "escrito" in choice]


def reviewed_marks(answer: dict, reviews: list[dict]) -> list[ReviewedMark]:
    """Every label of one typed answer with the latest decision on it (``reviews``: its call's, oldest
    first), in the vocabulary's order: the judge's marks and those the trainer added."""
    judged = {mark[0] for mark in answer["escrito"]["marcas"]}
    latest = {review["label"]: review for review in reviews if review["step"] == answer["paso"]}
    return [ReviewedMark(label, label in judged, latest[label]["decision"] if label in latest else None,
                         latest[label]["reviewer"] if label in latest else None)
            for label in ELEMENTS + BREACHES if label in judged or label in latest]


def refusal(marks: list[ReviewedMark], label: str, decision: str) -> str | None:
    """Why ``decision`` on ``label`` cannot be taken on an answer with ``marks``, in Spanish; None if it can.

    ``confirmar`` and ``quitar`` act on a label the judge marked or the trainer
    added; ``agregar`` names one the judge did not mark.
    """
    if label not in ELEMENTS + BREACHES:
        return f"la marca {label!r} no existe; use una de: {', '.join(ELEMENTS + BREACHES)}"
    if decision not in DECISIONS:
        return f"la decisión {decision!r} no existe; use una de: {', '.join(DECISIONS)}"
    present = {mark.label: mark for mark in marks}
    if decision == "agregar" and label in present and present[label].judged:
        return f"el juez ya marcó {label!r}; use «confirmar» o «quitar»"
    if decision != "agregar" and label not in present:
        return f"el juez no marcó {label!r}; para sumarla use «agregar»"
    return None


def _typed_breaches(answer: dict, reviews: list[dict]) -> set[str]:
    """The breaches of one typed answer after the trainer's latest decision on each label."""
    return {mark.label for mark in reviewed_marks(answer, reviews) if mark.kept and mark.breach}


def reviewed_verdict(details: dict, passed: bool, reviews: list[dict]) -> bool:
    """Whether a call with ``reviews`` (its own, oldest first) passes in the trainer's judgement."""
    typed = typed_answers(details)
    typed_steps = {answer["paso"] for answer in typed}
    chosen = [breach for breach in details.get("breaches", []) if breach["paso"] not in typed_steps]
    if chosen or any(_typed_breaches(answer, reviews) for answer in typed):
        return False
    if details.get("breaches"):
        return details.get("ending") is not None and bool(details.get("objective_met"))
    return passed
