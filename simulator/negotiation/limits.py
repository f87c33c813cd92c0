"""Company policy limits on a negotiation, checked as a supervisor would.

The limits come from the ``negociacion`` section of the strategy file that
applies to the account's segment (maximum discount for its bucket, minimum
acceptable first payment, longest plan), so the same YAML governs the portfolio
simulator and this engine. A few rules are the engine's own and do not depend
on the strategy: a first payment within :data:`MAX_FIRST_DAYS` days, a plan
spacing between a week and a month, never more than the balance. When day
:data:`MAX_FIRST_DAYS` is not a business day, the first payment may fall on the next one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulator.negotiation.business_days import BusinessDays
from simulator.negotiation.offers import Abono, Liquidacion, Offer, Plan, total_mxn
from simulator.spanish_input import format_date
from simulator.strategies.schema import Negotiation as NegotiationRules

__all__ = ["MAX_FIRST_DAYS", "PLAN_SPACING_DAYS", "PolicyLimits"]

#: The first (or only) payment must fall within this many days of the call.
MAX_FIRST_DAYS = 31
#: Allowed days between two plan instalments (a week to a month).
PLAN_SPACING_DAYS = (7, 31)
#: Cents of slack when comparing a plan's total with the balance.
_CENT = 0.01


@dataclass(frozen=True)
class PolicyLimits:
    """What the collector may offer this debtor; the collector sees all of it.

    Attributes:
        max_discount_pct: largest settlement discount for the account's bucket, in percent.
        min_first_payment_mxn: smallest first payment (or instalment) accepted.
        max_plan_payments: most instalments a plan may have.
    """

    max_discount_pct: float
    min_first_payment_mxn: float
    max_plan_payments: int

    @classmethod
    def from_rules(cls, rules: NegotiationRules, bucket: str, minimum_payment_mxn: float) -> PolicyLimits:
        """Limits for an account in ``bucket`` under a strategy's ``negociacion`` section.

        The minimum first payment is the larger of the strategy's
        ``pago_minimo_aceptable_mxn`` and the model's ``minimum_payment_mxn``
        (smaller payments are not even booked), as in the portfolio simulator.
        """
        return cls(
            max_discount_pct=round(100.0 * rules.max_discount.get(bucket, 0.0), 6),
            min_first_payment_mxn=max(float(minimum_payment_mxn), float(rules.min_payment_mxn)),
            max_plan_payments=int(rules.max_plan_payments),
        )

    def refusal(self, offer: Offer, today: dt.date, balance_mxn: float, days: BusinessDays) -> str | None:
        """The supervisor's Spanish reason to refuse ``offer`` (dates resolved on ``days``), or None."""
        if not isinstance(offer, Abono | Liquidacion | Plan):
            return None
        first = offer.first_date if isinstance(offer, Plan) else offer.date
        if first < today:
            return f"la fecha {format_date(first)} ya pasó; ofrezca una fecha de hoy en adelante."
        if first > days.roll(today + dt.timedelta(days=MAX_FIRST_DAYS)):
            return (f"el primer pago debe caer dentro de {MAX_FIRST_DAYS} días; "
                    f"{format_date(first)} queda demasiado lejos.")
        if isinstance(offer, Liquidacion):
            if offer.discount_pct > self.max_discount_pct + 1e-9:
                return (f"la quita máxima autorizada para este tramo es {self.max_discount_pct:g} %; "
                        f"se ofreció {offer.discount_pct:g} %.")
            return None
        if isinstance(offer, Plan):
            if offer.instalments > self.max_plan_payments:
                longest = self.max_plan_payments
                return (f"el plan más largo autorizado es de {longest} "
                        f"{'pago' if longest == 1 else 'pagos'}; se ofrecieron {offer.instalments}.")
            low, high = PLAN_SPACING_DAYS
            if offer.instalments > 1 and not low <= offer.every_days <= high:
                return (f"los pagos de un plan deben ir cada {low} a {high} días; "
                        f"se ofreció cada {offer.every_days}.")
        amount = offer.amount_mxn
        if amount < self.min_first_payment_mxn - _CENT:
            return (f"el pago mínimo aceptable es ${self.min_first_payment_mxn:,.2f}; "
                    f"se ofreció ${amount:,.2f}.")
        total = total_mxn(offer, balance_mxn)
        if total > balance_mxn + _CENT:
            return f"no se puede pactar más que el saldo (${balance_mxn:,.2f}); se pidió ${total:,.2f}."
        return None
