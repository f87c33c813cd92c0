"""The trainer's word over the judge's: a reviewed role-play call passes or fails as the trainer decided.

The judge of typed answers can be wrong, so a trainer confirms, removes or adds
its labels (:meth:`simulator.course.progress.ProgressStore.review`). Only
breaches decide a verdict: elements reviewed change nothing. A reviewed call
passes when no breach is left (typed after review, or from a chosen option)
and it passed otherwise or failed only through its breaches (finished, goal
met: a breach zeroes compliance, so the score is not asked again).
"""

from __future__ import annotations

from simulator.roleplay.judge import BREACHES

__all__ = ["reviewed_verdict", "typed_answers"]


def typed_answers(details: dict | None) -> list[dict]:
    """The steps of a saved call where the learner typed: ``{"paso", "escrito"}`` each, in call order."""
    return [choice for choice in (details or {}).get("choices", []) if "escrito" in choice]


def _typed_breaches(answer: dict, reviews: list[dict]) -> set[str]:
    """The breaches of one typed answer after the trainer's latest decision on each label."""
    labels = {mark[0] for mark in answer["escrito"]["marcas"]}
    for review in reviews:  # oldest first: the latest decision wins
        if review["step"] == answer["paso"]:
            if review["decision"] == "quitar":
                labels.discard(review["label"])
            else:
                labels.add(review["label"])
    return labels & set(BREACHES)


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
