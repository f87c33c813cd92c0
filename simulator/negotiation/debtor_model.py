"""The simulated debtor's bargaining constants as data, with the range each may plausibly take.

The lesson "anchor on what is owed and step down a ladder beats accepting the
first offer" should not hang on one tuned set of constants. :class:`DebtorModel`
holds them (the defaults are the reference model, which every number in the
docs uses); :data:`RANGES` says how far each may go, and :func:`draw_models`
draws models inside those ranges so a policy comparison can be repeated across
them. What each constant means, and the literature its range rests on, is in
``docs/negociacion.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from simulator.random_streams import SeedStream, seeded_generator

__all__ = ["DEFAULT_MODEL", "RANGES", "DebtorModel", "draw_models"]


@dataclass(frozen=True)
class DebtorModel:
    """How a simulated debtor bargains; one number per mechanism of :mod:`.model`.

    Attributes:
        anchor_pull: share of the gap to ``min(anchor, r)`` the collector's first offer closes.
        outrage: an anchor at ``outrage`` x the reservation or more pulls nothing and costs patience.
        due_offence: share of that patience, and of ``fairness_hit``, an ask of no more than what
            is due still costs (what brings the account current, a convenio's instalment).
        fairness_hit: fairness lost by an offer at twice the reservation (linear from it, capped).
        raise_hit: fairness lost when the collector raises its ask.
        listen_bonus: fairness gained when the debtor may speak before any offer.
        fair_pace: mean concession per offer the debtor reads as normal haggling.
        pace_penalty: threshold lost per unit of pace above ``fair_pace`` ...
        pace_floor: ... down to this share of the anchored threshold.
        reciprocity: share of the way to its threshold a counter moves after no fair concession ...
        fair_reciprocity: ... and after a fair one (a reciprocated concession).
        hang_up_fairness: below this sense of fairness the debtor hangs up.
        plan_fatigue: extra burden per instalment beyond the first.
        evasion_keep: an evasion accepted as a promise is kept this much as often.
        aspiration_low: the lowest opening ask, as a share of ``min(r, 1)`` ...
        aspiration_span: ... and how far above it the opening asks spread.
        patience_low: the fewest refusals a debtor tolerates (up to three more, at random).
    """

    anchor_pull: float = 0.7
    outrage: float = 2.5
    due_offence: float = 0.0
    fairness_hit: float = 0.3
    raise_hit: float = 0.1
    listen_bonus: float = 0.15
    fair_pace: float = 0.12
    pace_penalty: float = 1.0
    pace_floor: float = 0.5
    reciprocity: float = 0.3
    fair_reciprocity: float = 0.5
    hang_up_fairness: float = 0.15
    plan_fatigue: float = 0.08
    evasion_keep: float = 0.3
    aspiration_low: float = 0.35
    aspiration_span: float = 0.25
    patience_low: float = 4.0


#: The reference model: the one behind every number the docs and tests quote.
DEFAULT_MODEL = DebtorModel()

#: Plausible range of each constant, ``(low, high)``, documented in ``docs/negociacion.md``.
#: Ranges that do not overlap keep the model's order (a fair concession is reciprocated more).
RANGES: dict[str, tuple[float, float]] = {
    "anchor_pull": (0.4, 0.9),
    "outrage": (1.8, 4.0),
    "due_offence": (0.0, 1.0),
    "fairness_hit": (0.15, 0.5),
    "raise_hit": (0.05, 0.2),
    "listen_bonus": (0.05, 0.25),
    "fair_pace": (0.06, 0.2),
    "pace_penalty": (0.5, 2.0),
    "pace_floor": (0.3, 0.7),
    "reciprocity": (0.15, 0.4),
    "fair_reciprocity": (0.4, 0.7),
    "hang_up_fairness": (0.05, 0.25),
    "plan_fatigue": (0.03, 0.15),
    "evasion_keep": (0.15, 0.5),
    "aspiration_low": (0.25, 0.45),
    "aspiration_span": (0.15, 0.35),
    "patience_low": (3.0, 6.0),
}


def draw_models(count: int, seed: int) -> list[DebtorModel]:
    """``count`` debtor models, each constant uniform in its range, the same for the same seed.

    They come from their own stream of ``seed``, so drawing them leaves the debtors'
    own draws (and so the debtors) unchanged.
    """
    rng = seeded_generator(seed, SeedStream.PRACTICE_MODELS)
    names = [field.name for field in fields(DebtorModel)]
    draws = rng.random((count, len(names)))
    return [replace(DEFAULT_MODEL, **{name: float(RANGES[name][0] + (RANGES[name][1] - RANGES[name][0]) * u)
                                      for name, u in zip(names, row, strict=True)})
            for row in draws]
