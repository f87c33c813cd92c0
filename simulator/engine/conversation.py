"""What happens when a collector talks with the debtor (right-party contact).

The debtor's persona sets how the talk goes (promise, refusal, dispute,
complaint); over-contacting raises the weight of a complaint. When the debtor is
willing, the collector asks for what the strategy says and falls back on a
settlement (paid in one or a few monthly payments, taken more readily the
longer the debtor is late), a plan or a smaller promise the debtor can
afford. A plan is a convenio: each payment carries the regular instalments
that fall due meanwhile besides its share of the arrears. Asked for more
than it can pay, the debtor may still say yes to end the call: that promise is
then likely to break, which the portfolio model shows without being told. A
segment that names a negotiation policy (``negociacion.politica``) replaces
this fixed rule with a real negotiation, run by the replication's negotiator.
"""

from __future__ import annotations

import math

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.negotiation.outcomes import ContactOutcome, PromiseKind
from simulator.parameters import OUTCOMES

__all__ = ["converse"]


def converse(account) -> ContactOutcome:
    """Play one conversation with ``account``'s debtor; returns how it ended."""
    ctx, persona = account.ctx, account.persona
    params, now = ctx.parameters, ctx.env.now
    weights = dict(persona.outcome_weights)
    extra_contacts = account.contacts_last_week(now) - params.over_contact_threshold_per_week
    if extra_contacts > 0:
        weights["complaint"] = weights.get("complaint", 0.0) * (
            1.0 + params.over_contact_complaint_growth * extra_contacts
        )
    outcome = OUTCOMES[account.outcomes.choice(tuple(weights.get(name, 0.0) for name in OUTCOMES))]
    if outcome == "complaint":
        account.complain(params.complaint_cost_mxn)
        return ContactOutcome.QUEJA
    if outcome == "dispute":
        account.dispute(now + params.dispute_pause_days)
        return ContactOutcome.DISPUTA
    if outcome == "refusal":
        return ContactOutcome.NEGATIVA
    return _negotiate(account, now)


def _negotiate(account, now: float) -> ContactOutcome:
    ctx, persona, stream, ledger = account.ctx, account.persona, account.outcomes, account.ledger
    params, policy = ctx.parameters, account.segment.negotiation
    if policy.policy is not None:  # a named policy negotiates for real (see simulator.negotiation)
        return ctx.negotiator.negotiate(account, now)
    owed_now = ledger.arrears(now) or ledger.amount_due()
    requested = owed_now if policy.promise_amount == "saldo_vencido" else min(
        ledger.instalment, owed_now
    )
    floor = max(params.minimum_payment_mxn, policy.min_payment_mxn)
    if requested < params.minimum_payment_mxn:
        return ContactOutcome.SIN_ADEUDO
    date = account.promise_date()
    expected = account.capacity
    if not account.is_near_payday(date):
        expected *= params.off_payday_capacity_factor
    if requested <= expected or stream.bernoulli(persona.overpromise_probability):
        account.add_promise(date, requested, PromiseKind.PROMESA)
        return ContactOutcome.PROMESA
    if _settle(account, date, now):
        return ContactOutcome.QUITA
    # Instalments below the lender's minimum are not accepted: fewer, larger ones.
    payments = min(policy.max_plan_payments, math.ceil(requested / expected),
                   max(1, math.floor(requested / floor)) if floor > 0.0 else policy.max_plan_payments)
    if payments > 1:
        dues = _monthly(account, date, payments)
        instalment = _convenio_instalment(account, requested, dues)
        account.add_convenio([(due, instalment) for due in dues])
        return ContactOutcome.PLAN
    if policy.accept_partial and expected >= floor:
        account.add_promise(date, expected, PromiseKind.PROMESA)
        return ContactOutcome.PROMESA_PARCIAL
    return ContactOutcome.NEGATIVA


def _convenio_instalment(account, requested: float, dues: list[float]) -> float:
    """One payment of a convenio: an equal share of what was asked plus of the regular instalments
    that fall due by its last payment, so that, kept, it leaves the account current; never past the
    balance."""
    ledger = account.ledger
    falling_due = ledger.instalment * account.instalments_due_by(dues[-1])
    return min(ledger.balance, requested + falling_due) / len(dues)


def _monthly(account, first: float, payments: int) -> list[float]:
    """Due times of ``payments`` monthly payments: ``first``, then the first payday 30, 60... days later."""
    return [first, *(account.payday_promise_date(first + 30.0 * number) for number in range(1, payments))]


def _settle(account, date: float, now: float) -> bool:
    """Offer the segment's settlement for the account's bucket; True when the debtor takes it.

    The debtor's propensity (``settlement.propensity``, rising with days past
    due) scales both how often it accepts and the money it raises beyond its
    capacity and savings; the discounted balance is split into the fewest
    monthly payments, up to ``settlement.max_payments``, that money covers.
    """
    persona, ledger, params = account.persona, account.ledger, account.ctx.parameters
    days_late = ledger.days_past_due(now)
    discount = account.segment.negotiation.max_discount.get(BUCKET_NAMES[bucket_index(days_late)], 0.0)
    if discount <= 0.0:
        return False
    terms = params.settlement
    propensity = terms.propensity(days_late)
    amount = ledger.balance * (1.0 - discount)
    reserve_months = persona.savings_months + propensity * terms.borrowing_months
    payments = max(1, math.ceil(amount / account.capacity - reserve_months))
    if payments > terms.max_payments:
        return False
    appeal = propensity * persona.settlement_acceptance * min(
        1.0, discount / params.settlement_full_appeal_discount)
    if not account.outcomes.bernoulli(appeal):
        return False
    reserve = account.capacity * reserve_months / payments
    for due in _monthly(account, date, payments):
        account.add_promise(due, amount / payments, PromiseKind.QUITA, reserve=reserve)
    return True
