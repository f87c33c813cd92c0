"""Reference policies: two naive ones, the anchoring approach and the ladder taught in the course.

A policy is a plain function from :class:`~simulator.negotiation.session.NegotiationState`
to a move. These four are the yardsticks a student's policy is measured
against; none of them sees the debtor's hidden capacity or reservation, and the
engine treats them like any other function.
"""

from __future__ import annotations

import math

from simulator.negotiation.ladder import ladder
from simulator.negotiation.model import ReplyKind
from simulator.negotiation.offers import Abono, Aceptar, Escuchar, Liquidacion, Offer, Plan, Terminar
from simulator.negotiation.session import NegotiationState

__all__ = ["aceptar_primera", "anclaje", "escalera", "exigir_total"]

#: Anchoring: open at this multiple of what the debtor first said it could pay ...
ANCHOR_MULTIPLE = 2.1
#: ... concede this share of the last ask per offer ...
STEP = 0.08
#: ... down to this multiple of the opening (or FLOOR_OF_ANCHOR of the anchor, if lower).
TARGET_MULTIPLE = 1.6
FLOOR_OF_ANCHOR = 0.8
#: Take the debtor's counter once it is this close to the current ask.
CLOSE_ENOUGH = 0.95


def aceptar_primera(state: NegotiationState) -> Offer:
    """Let the debtor speak and accept whatever it proposes first (even an evasion)."""
    if state.last_reply is not None and state.last_reply.kind == ReplyKind.SUPERVISOR:
        return Terminar()
    if state.last_counter is not None:
        return Aceptar()
    return Escuchar() if state.round == 0 else Terminar()


def exigir_total(state: NegotiationState) -> Offer:
    """Demand the whole overdue balance (saldo vencido), today, every round, without conceding."""
    amount = min(state.balance_mxn, max(state.overdue_mxn, state.limits.min_first_payment_mxn))
    return Abono(round(amount, 2), state.today)


def _ask(amount: float, state: NegotiationState) -> float:
    """Round pesos, within the minimum payment and the overdue balance."""
    floor = state.limits.min_first_payment_mxn
    ceiling = max(floor, min(state.overdue_mxn, state.balance_mxn))
    return min(ceiling, max(floor, math.floor(amount / 10.0) * 10.0))


def anclaje(state: NegotiationState) -> Offer:
    """Listen first, anchor a little above the target on payday, concede in small steps.

    The anchor is what the debtor first said it could pay, scaled up (people open
    low), never above the overdue balance; each new ask is a small step below the
    last one, never below the target nor below the debtor's own counter; the
    date is always the next payday; an evasion is never accepted, a concrete
    counter close to the ask is, and so is any concrete one once the ask
    cannot come down further or time is running out.
    """
    if state.round == 0:
        return Escuchar()
    opening = state.history[0].reply.counter
    base = getattr(opening, "amount_mxn", None) or state.limits.min_first_payment_mxn / TARGET_MULTIPLE
    asked = [turn.offer.amount_mxn for turn in state.history if isinstance(turn.offer, Abono)]
    counter = state.last_counter
    concrete = isinstance(counter, Abono) and not state.last_counter_evasive
    if not asked:
        ask = _ask(ANCHOR_MULTIPLE * base, state)
    else:
        floor = min(TARGET_MULTIPLE * base, FLOOR_OF_ANCHOR * asked[0])
        ask = _ask(max(floor, asked[-1] * (1.0 - STEP), counter.amount_mxn if concrete else 0.0), state)
        stuck = ask >= asked[-1]  # cannot come down further: take what the debtor offers
        last_round = state.round >= state.max_rounds - 1
        if concrete and (counter.amount_mxn >= CLOSE_ENOUGH * ask or stuck or last_round):
            if counter.amount_mxn >= state.limits.min_first_payment_mxn:
                return Aceptar()
        if stuck and not concrete:
            return Terminar()  # nothing concrete on the table and no room left: do not wear it out
    return Abono(ask, state.paydays[0])


def _payment(offer: Offer, state: NegotiationState) -> float:
    """What the first (or only) payment of ``offer`` asks for, in pesos."""
    if isinstance(offer, Liquidacion):
        return state.balance_mxn * (1.0 - offer.discount_pct / 100.0)
    return offer.amount_mxn if isinstance(offer, Abono | Plan) else 0.0


def _allowed(counter: Offer, state: NegotiationState) -> bool:
    """Whether the company lets the collector take the debtor's counter (discount, plan length, minimum)."""
    limits = state.limits
    if isinstance(counter, Liquidacion):
        return counter.discount_pct <= limits.max_discount_pct + 1e-9
    if isinstance(counter, Plan) and counter.instalments > limits.max_plan_payments:
        return False
    return _payment(counter, state) >= limits.min_first_payment_mxn


def escalera(state: NegotiationState) -> Offer:
    """Anchor on what brings the account current, then step down a ladder of concessions.

    The first ask is what brings the account current on the next payday (the
    overdue, plus a regular instalment falling due by then); then a convenio of
    two payments, each the regular instalment of its period plus half the
    overdue; then the longest convenio the company allows; then, only where
    the policy allows a discount for the bucket, a settlement
    at that discount. What the debtor said decides each step: a concrete
    counter within the company's limits whose payment reaches the last ask's
    is taken; when it is below even the longest plan's instalment, the
    shorter plans are skipped; an evasion
    is never taken. When the ladder is spent, a concrete counter of at least
    the minimum payment is taken rather than leaving with nothing.
    """
    if state.last_reply is not None and state.last_reply.kind == ReplyKind.SUPERVISOR:
        return Terminar()
    steps = ladder(state)
    asked = [turn.offer for turn in state.history if isinstance(turn.offer, Abono | Plan | Liquidacion)]
    counter = state.last_counter
    takeable = counter is not None and not state.last_counter_evasive and _allowed(counter, state)
    if takeable and asked and _payment(counter, state) >= CLOSE_ENOUGH * _payment(asked[-1], state):
        return Aceptar()
    remaining = steps[len(asked):]
    plans = [step for step in remaining if isinstance(step, Plan)]
    if takeable and plans and _payment(counter, state) < _payment(plans[-1], state):
        # the debtor cannot reach even the longest plan's instalment: go straight to it
        remaining = [step for step in remaining if not isinstance(step, Plan) or step is plans[-1]]
    if remaining and state.round < state.max_rounds - 1:
        return remaining[0]
    if takeable and _payment(counter, state) >= state.limits.min_first_payment_mxn:
        return Aceptar()
    return Terminar()
