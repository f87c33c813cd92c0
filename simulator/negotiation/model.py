"""The debtor's side of a negotiation: burden, acceptance threshold, counters, keeping.

Every offer is turned into one number, its **burden** ``b``: pesos asked over the
money the debtor has on the payment date (its capacity near a payday, half of it
otherwise; savings too for a settlement). The debtor accepts when ``b`` is at or
below its current threshold ``t``, which starts at its opening aspiration, is
pulled up by the collector's first offer (the anchor) and pulled down by
concessions that come too big or too fast; ``t`` never exceeds the hidden
**reservation** ``r``. Whether an agreement is kept is a logistic in
``ln(amount / available)``: the portfolio model's own rule (an honest debtor pays
when the money it has that day covers the promise) in closed form. The
equations are listed in ``docs/negociacion.md``; their constants are the debtor's
:class:`~simulator.negotiation.debtor_model.DebtorModel` (``debtor.model``).
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum

from simulator.behaviour.paydays import CYCLE_DAYS, is_payday
from simulator.negotiation.debtor import Debtor
from simulator.negotiation.offers import Abono, Liquidacion, Offer, Plan, payments

__all__ = [
    "Mind",
    "ReplyKind",
    "availability",
    "burden",
    "counter_offer",
    "keep_probability",
    "payment_schedule",
]

_LOGIT_PER_PROBIT = 1.702  # logistic approximation of the normal distribution
_ROUND_TO = 10.0         # debtors speak in round amounts (down to 10 pesos)


class ReplyKind(StrEnum):
    """What answers a collector's move: the debtor's decision, the supervisor, or the goodbye."""

    ACEPTA = "acepta"
    CONTRAOFERTA = "contraoferta"
    RECHAZA = "rechaza"  # no counter: nothing worth offering
    CUELGA = "cuelga"
    SUPERVISOR = "supervisor"  # an offer outside company policy, refused before the debtor hears it
    INVALIDA = "invalida"  # an Aceptar with no proposal to accept
    FIN = "fin"  # the collector said goodbye


def availability(debtor: Debtor, offer: Abono | Liquidacion | Plan, date: dt.date) -> float:
    """Money for one payment: savings count for a settlement; a plan paid more often than
    the debtor is paid shares each paycheck between instalments."""
    money = debtor.available(date)
    if isinstance(offer, Liquidacion):
        return money + debtor.savings_mxn
    if isinstance(offer, Plan) and offer.instalments > 1:
        return money * min(1.0, offer.every_days / CYCLE_DAYS[debtor.account.income_cycle])
    return money


def _appeal(debtor: Debtor, discount_pct: float) -> float:
    full = debtor.parameters.settlement_full_appeal_discount
    return 1.0 + debtor.settlement_acceptance * min(1.0, discount_pct / 100.0 / full)


def burden(debtor: Debtor, offer: Abono | Liquidacion | Plan) -> float:
    """How hard an offer (dates resolved) is for this debtor; 1 = all its money that day.

    Abono: ``x / A(d)``. Liquidacion: ``B (1 - q) / (A(d) + S) / (1 + a min(1, q / q_full))``
    (a fair discount makes it stretch). Plan: ``max_i x / A_i x (1 + plan_fatigue (n - 1))``.
    """
    schedule = payments(offer, debtor.account.balance_mxn, debtor.account.business_days)
    worst = max(amount / max(availability(debtor, offer, date), 1e-9) for date, amount in schedule)
    if isinstance(offer, Liquidacion):
        return worst / _appeal(debtor, offer.discount_pct)
    if isinstance(offer, Plan):
        return worst * (1.0 + debtor.model.plan_fatigue * (offer.instalments - 1))
    return worst


def _covered(amount: float, money: float, sigma: float) -> float:
    """P(money x lognormal(sigma) >= amount), logistic form: the portfolio's keeping rule."""
    if amount <= 0.0:
        return 1.0
    if money <= 0.0:
        return 0.0
    if sigma <= 0.0:
        return 1.0 if amount <= money else 0.0
    z = (math.log(amount / money) + 0.5 * sigma * sigma) / sigma
    return 1.0 / (1.0 + math.exp(min(700.0, _LOGIT_PER_PROBIT * z)))


def payment_schedule(debtor: Debtor, offer: Abono | Liquidacion | Plan,
                     evasive: bool = False) -> list[tuple[dt.date, float, float]]:
    """``(date, pesos, probability it is paid)`` of each payment of an agreement.

    A payment is made when the debtor is honest (``honesty``), was not evading
    (``evasion_keep``) and the money it has that day covers it; a plan stops at
    the first broken instalment, as in the portfolio simulator.
    """
    sigma = debtor.parameters.capacity_noise
    running = debtor.honesty * (debtor.model.evasion_keep if evasive else 1.0)
    rows = []
    for date, amount in payments(offer, debtor.account.balance_mxn, debtor.account.business_days):
        running *= _covered(amount, availability(debtor, offer, date), sigma)
        rows.append((date, amount, running))
    return rows


def keep_probability(debtor: Debtor, offer: Abono | Liquidacion | Plan, evasive: bool = False) -> float:
    """Probability that every payment of the agreement is made."""
    return payment_schedule(debtor, offer, evasive)[-1][2]


class Mind:
    """What moves during the call: threshold, fairness, patience and the debtor's counter level."""

    def __init__(self, debtor: Debtor) -> None:
        self.debtor = debtor
        self.fairness = debtor.fairness
        self.patience = debtor.patience
        self.anchored = debtor.threshold   # t before any concession penalty
        self.counter_level = debtor.aspiration
        self.anchor: float | None = None
        self.last: float | None = None
        self.since_anchor = 0
        self.pace = 0.0
        self.listened_first = False

    def threshold(self) -> float:
        """``t = t_A x max(floor, 1 - penalty (pace - fair_pace)+) x (0.7 + 0.3 f)``; never above
        the reservation."""
        model = self.debtor.model
        slowdown = max(model.pace_floor, 1.0 - model.pace_penalty * max(0.0, self.pace - model.fair_pace))
        return self.anchored * slowdown * (0.7 + 0.3 * self.fairness)

    def listen(self) -> None:
        """An open question; asked before any offer it earns the debtor's goodwill."""
        if self.anchor is None and not self.listened_first:
            self.listened_first = True
            self.fairness = min(1.0, self.fairness + self.debtor.model.listen_bonus)

    def hear(self, b: float, due: bool = False) -> ReplyKind:
        """React to an offer of burden ``b``: ``acepta``, ``contraoferta`` or ``cuelga``.

        ``due``: the offer asks no more than what is due (what brings the account current,
        or a convenio's instalment); above the reservation it costs only ``due_offence`` of
        the fairness and outrage an arbitrary ask costs (``docs/negociacion.md``).
        """
        r, model = self.debtor.reservation, self.debtor.model
        offence = model.due_offence if due else 1.0
        self.fairness -= offence * model.fairness_hit * min(1.0, max(0.0, b - r) / r)
        if self.anchor is None:
            self.anchor = b
            weight = model.anchor_pull * (1.0 - min(1.0, max(0.0, (b - r) / ((model.outrage - 1.0) * r))))
            self.anchored += weight * max(0.0, min(b, r) - self.anchored)
        else:
            self.since_anchor += 1
            self.pace = (self.anchor - b) / (self.anchor * self.since_anchor)
        step = None if self.last is None else (self.last - b) / self.last
        if step is not None and step < 0.0:
            self.fairness -= model.raise_hit
        self.fairness = min(1.0, max(0.0, self.fairness))
        self.last = b
        threshold = self.threshold()
        if b <= threshold:
            return ReplyKind.ACEPTA
        fair_step = step is not None and 0.0 < step <= model.fair_pace
        self.patience -= 0.5 if fair_step else 1.0
        if step is not None and step <= 0.0:
            self.patience -= 1.0
        if b >= model.outrage * r:
            self.patience -= offence
        if self.patience <= 0.0 or self.fairness < model.hang_up_fairness:
            return ReplyKind.CUELGA
        share = model.fair_reciprocity if fair_step else model.reciprocity
        self.counter_level = min(self.counter_level + share * (threshold - self.counter_level), threshold)
        return ReplyKind.CONTRAOFERTA


def _round_down(amount: float) -> float:
    return math.floor(amount / _ROUND_TO) * _ROUND_TO


def _payday_from(debtor: Debtor, date: dt.date) -> dt.date:
    """First payday on or after ``date`` (every cycle has one within a month)."""
    account = debtor.account
    for shift in range(32):
        day = date + dt.timedelta(days=shift)
        if is_payday(day, account.income_cycle, account.payday):
            return day
    return date


def _abono(amount: float, date: dt.date, cap: float) -> Abono | None:
    amount = _round_down(min(amount, cap))
    return Abono(amount, date) if amount > 0.0 else None


def counter_offer(debtor: Debtor, offer: Offer | None, level: float, evasive: bool = False) -> Offer | None:
    """The debtor's proposal at burden ``level`` or less, so never above its reservation;
    None when that is less than ten pesos (it has nothing to offer).

    It keeps the shape of the collector's offer: a smaller amount for an abono or
    a plan, a bigger discount for a settlement (an abono if no discount up to
    90 % is within reach). Abonos move to its payday; an evasion is a vague
    amount "next week", whatever its payday; either on a business day. Nobody
    volunteers more than was asked, nor more than is overdue.
    """
    account = debtor.account
    cap = account.overdue_mxn
    if isinstance(offer, Abono | Plan):
        cap = min(cap, offer.amount_mxn) if isinstance(offer, Abono) else offer.amount_mxn
    if evasive:
        date = account.business_days.roll(account.today + dt.timedelta(days=7))
        return _abono(level * debtor.available(date), date, cap)
    if isinstance(offer, Plan):
        money = min(availability(debtor, offer, date)
                    for date, _ in payments(offer, account.balance_mxn, account.business_days))
        fatigue = 1.0 + debtor.model.plan_fatigue * (offer.instalments - 1)
        amount = _round_down(min(cap, level * money / fatigue))
        return Plan(offer.instalments, amount, offer.first_date, offer.every_days) if amount > 0.0 else None
    if isinstance(offer, Liquidacion):
        for pct in range(math.ceil(offer.discount_pct), 91):
            candidate = Liquidacion(float(pct), offer.date)
            if burden(debtor, candidate) <= level:
                return candidate
    start = offer.date if isinstance(offer, Abono) else account.today
    date = account.business_days.roll(
        start if debtor.near_payday(start) else _payday_from(debtor, max(start, account.today)))
    return _abono(level * debtor.available(date), date, cap)
