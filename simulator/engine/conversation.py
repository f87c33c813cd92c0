"""What happens when a collector talks with the debtor (right-party contact).

The debtor's persona sets how the talk goes (promise, refusal, dispute,
complaint); over-contacting raises the weight of a complaint. When the debtor is
willing, the collector asks for what the strategy says and falls back on a
settlement, a plan or a smaller promise the debtor can afford. Asked for more
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
    bucket = BUCKET_NAMES[bucket_index(ledger.days_past_due(now))]
    discount = policy.max_discount.get(bucket, 0.0)
    if discount > 0.0:
        amount = ledger.balance * (1.0 - discount)
        affordable = amount <= account.capacity * (1.0 + persona.savings_months)
        appeal = persona.settlement_acceptance * min(1.0, discount / params.settlement_full_appeal_discount)
        if affordable and stream.bernoulli(appeal):
            account.add_promise(date, amount, PromiseKind.QUITA)
            return ContactOutcome.QUITA
    # Instalments below the lender's minimum are not accepted: fewer, larger ones.
    payments = min(policy.max_plan_payments, math.ceil(requested / expected),
                   max(1, math.floor(requested / floor)) if floor > 0.0 else policy.max_plan_payments)
    if payments > 1:
        for number in range(payments):
            due = date if number == 0 else account.payday_promise_date(date + 30.0 * number)
            account.add_promise(due, requested / payments, PromiseKind.PLAN)
        return ContactOutcome.PLAN
    if policy.accept_partial and expected >= floor:
        account.add_promise(date, expected, PromiseKind.PROMESA)
        return ContactOutcome.PROMESA_PARCIAL
    return ContactOutcome.NEGATIVA

