"""The score of one negotiation: money, time, relationship and compliance.

Expected recovery is what the agreement is worth today: each payment times the
probability it is made (:func:`~simulator.negotiation.model.payment_schedule`),
discounted at :data:`ANNUAL_DISCOUNT_RATE` for the days until it falls due. The
time spent costs agent minutes at the price of a call in the parameter file.
Relationship rates the 3 C's of collection on 0-100; compliance is 0 as soon as
the supervisor had to refuse one offer, as a single breach fails a role-play.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from simulator.negotiation.convenio import standing
from simulator.negotiation.ladder_review import ladder_facts, ladder_score
from simulator.negotiation.model import payment_schedule
from simulator.negotiation.session import ENDINGS, Negotiation, NegotiationEnding

__all__ = ["ANNUAL_DISCOUNT_RATE", "ROUND_MINUTES", "Score", "score"]

#: Yearly rate at which a peso collected later is worth less than one today.
ANNUAL_DISCOUNT_RATE = 0.30
#: Agent minutes one round of the conversation takes.
ROUND_MINUTES = 1.5


@dataclass(frozen=True)
class Score:
    """One negotiation's result (keys in English, labels and texts in Spanish).

    Attributes:
        expected_recovery_mxn: sum of payment x probability paid x time discount.
        time_cost_mxn: agent minutes x cost per minute of a call.
        kept_probability: probability every payment is made (None without agreement).
        discount_pct: settlement discount granted (0 for an abono or a plan; None without agreement).
        current_at_end: the agreement, if kept, leaves the account current after its last
            payment (None without agreement; see :mod:`simulator.negotiation.convenio`).
        overdue_left_mxn: what is still past due then (None without agreement).
        comunicacion, compromiso, confianza: the 3 C's, 0-100.
        relationship: their mean; compliance: 100, or 0 after any refused offer.
        ladder: «seguimiento de la escalera», 0-100, the share of the ladder judgements of the
            debrief that were met (:func:`~simulator.negotiation.ladder_review.ladder_score`); None
            when none applies. Reported apart: it weighs in no other score.
    """

    ending: NegotiationEnding
    ending_label: str
    agreement: bool
    expected_recovery_mxn: float
    time_cost_mxn: float
    net_recovery_mxn: float
    kept_probability: float | None
    discount_pct: float | None
    current_at_end: bool | None
    overdue_left_mxn: float | None
    rounds: int
    compliance_violations: int
    comunicacion: float
    compromiso: float
    confianza: float
    relationship: float
    compliance: float
    ladder: float | None

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return asdict(self)


def score(negotiation: Negotiation) -> Score:
    """Score a finished (or abandoned) negotiation."""
    debtor, mind = negotiation.debtor, negotiation.mind
    today = debtor.account.today
    recovery, kept, discount, left = 0.0, None, None, None
    agreement = negotiation.agreement
    if agreement is not None:
        left = standing(debtor.account, agreement, debtor.account.business_days)
        rows = payment_schedule(debtor, agreement, negotiation.agreement_evasive)
        recovery = sum(amount * paid * (1.0 + ANNUAL_DISCOUNT_RATE) ** (-(date - today).days / 365.0)
                       for date, amount, paid in rows)
        kept = rows[-1][2]
        discount = float(getattr(agreement, "discount_pct", 0.0))
    channel = debtor.parameters.channels.get("llamada")
    minutes = channel.connected_minutes if channel else 0.0
    per_minute = channel.cost_mxn / minutes if minutes else 0.0
    time_cost = negotiation.rounds * ROUND_MINUTES * per_minute
    ending = negotiation.ending or NegotiationEnding.SIN_TIEMPO
    comunicacion = 100.0 * (0.5 * mind.listened_first + 0.5 * (ending != NegotiationEnding.COLGO))
    compromiso = 100.0 * (kept or 0.0)
    confianza = 100.0 * mind.fairness
    return Score(
        ending=ending, ending_label=ENDINGS[ending], agreement=agreement is not None,
        expected_recovery_mxn=recovery, time_cost_mxn=time_cost, net_recovery_mxn=recovery - time_cost,
        kept_probability=kept, discount_pct=discount,
        current_at_end=None if left is None else left.current,
        overdue_left_mxn=None if left is None else left.overdue_left_mxn, rounds=negotiation.rounds,
        compliance_violations=negotiation.violations, comunicacion=comunicacion, compromiso=compromiso,
        confianza=confianza, relationship=(comunicacion + compromiso + confianza) / 3.0,
        compliance=100.0 if negotiation.violations == 0 else 0.0,
        ladder=ladder_score(ladder_facts(negotiation)),
    )
