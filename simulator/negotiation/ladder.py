"""The ladder of concessions taught in the course, as steps for one account.

The practice opens at what brings the account current on the next payday, then
steps down: a convenio of two payments, then the longest convenio the company
allows, then a settlement only where the bucket allows a discount. The
reference policy :func:`~simulator.negotiation.policies.escalera` walks these
steps, and the debrief (:mod:`.ladder_review`) judges a learner's offers
against the same steps.
"""

from __future__ import annotations

from simulator.behaviour.paydays import CYCLE_DAYS
from simulator.negotiation.convenio import convenio, owed_by
from simulator.negotiation.limits import PLAN_SPACING_DAYS
from simulator.negotiation.offers import Abono, Liquidacion, Plan
from simulator.negotiation.session import NegotiationState

__all__ = ["RUNG_NAMES", "ladder", "rung"]

#: What each rung is called, in the order the ladder walks them.
RUNG_NAMES = ("un pago que pone la cuenta al corriente", "un convenio de dos pagos",
              "un convenio más largo", "una liquidación con quita")


def ladder(state: NegotiationState) -> list[Abono | Liquidacion | Plan]:
    """The steps of the ladder for this account, from the largest ask down."""
    payday, every = state.paydays[0], max(CYCLE_DAYS[state.income_cycle], PLAN_SPACING_DAYS[0])
    current = max(state.limits.min_first_payment_mxn, owed_by(state, state.business_days.roll(payday)))
    steps: list[Abono | Liquidacion | Plan] = [Abono(round(current, 2), payday)]
    for count in sorted({min(2, state.limits.max_plan_payments), state.limits.max_plan_payments}):
        plan = convenio(state, count, payday, every, state.business_days)
        if count > 1 and plan.amount_mxn >= state.limits.min_first_payment_mxn:
            steps.append(plan)
    if state.limits.max_discount_pct > 0.0:
        steps.append(Liquidacion(state.limits.max_discount_pct, payday))
    return steps


def rung(offer: Abono | Liquidacion | Plan) -> int:
    """Which rung an offer stands on (an index of :data:`RUNG_NAMES`): one payment, a plan of
    two payments, a longer plan, a settlement."""
    if isinstance(offer, Liquidacion):
        return 3
    if isinstance(offer, Plan) and offer.instalments > 1:
        return 1 if offer.instalments == 2 else 2
    return 0
