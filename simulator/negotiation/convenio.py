"""What an agreement leaves owing, and the convenio that leaves the account current.

While an agreement runs, the account's regular instalments keep falling due
(one a month, the next on ``next_due``). An agreement that pays only what is
overdue today leaves the account late again by its last payment. A
**convenio** pays in each instalment the regular instalment of its period plus
an equal share of the overdue, and together its instalments pay everything
due by the last one: kept, it leaves the account current. Months count as 30
days (a practice account carries no billing day).

So an offer's total mixes two parts: the regular instalments of its term
(:func:`regular_mxn`, what would fall due anyway) and what it asks beyond them
(:func:`beyond_due`, the part that pays the overdue or the balance). Whether a
collector asked more or conceded is a change in the second part
(:func:`ask_change`): a convenio asks the same overdue as paying it now, only later.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Protocol

from simulator.negotiation.business_days import BusinessDays
from simulator.negotiation.offers import Abono, Liquidacion, Plan, payments, total_mxn

__all__ = ["REGULAR_EVERY_DAYS", "ROUND_MXN", "Standing", "ask_change", "asks_only_what_is_due", "beyond_due",
           "convenio", "owed_by", "regular_dues", "regular_mxn", "standing"]

#: Days between two regular instalments of an account.
REGULAR_EVERY_DAYS = 30
#: A convenio's instalment is said in round tens of pesos, rounded up.
ROUND_MXN = 10.0
_SLACK = 1.0  # pesos: plans are said in round pesos, and never past the balance


class AccountView(Protocol):
    """What the collector knows about the money owed (an account or a negotiation's state)."""

    balance_mxn: float
    overdue_mxn: float
    instalment_mxn: float
    next_due: dt.date


def regular_dues(next_due: dt.date, until: dt.date) -> int:
    """How many regular instalments fall due from ``next_due`` up to ``until`` (included)."""
    if until < next_due:
        return 0
    return 1 + (until - next_due).days // REGULAR_EVERY_DAYS


def owed_by(view: AccountView, date: dt.date) -> float:
    """What brings the account current on ``date``: the overdue plus the regular instalments
    due by then, never past the balance."""
    return min(view.balance_mxn, view.overdue_mxn + view.instalment_mxn * regular_dues(view.next_due, date))


def regular_mxn(view: AccountView, offer: Abono | Liquidacion | Plan, days: BusinessDays) -> float:
    """The regular instalments an offer's term carries (dates resolved): those falling due by its
    last payment and, for a plan, at least the regular instalment of each of its periods (the
    monthly one, prorated when paid more often); never past the balance that is not overdue."""
    last = payments(offer, view.balance_mxn, days)[-1][0]
    fallen = owed_by(view, last) - view.overdue_mxn
    if isinstance(offer, Plan):
        period = view.instalment_mxn * min(1.0, offer.every_days / REGULAR_EVERY_DAYS)
        fallen = min(view.balance_mxn - view.overdue_mxn, max(fallen, offer.instalments * period))
    return fallen


def beyond_due(view: AccountView, offer: Abono | Liquidacion | Plan, days: BusinessDays) -> float:
    """What an offer asks beyond the regular instalments of its term: the part that pays the
    overdue or the balance, the amount a concession lowers (negative by what it falls short when
    it does not even cover those instalments)."""
    return total_mxn(offer, view.balance_mxn) - regular_mxn(view, offer, days)


def ask_change(view: AccountView, before: Abono | Liquidacion | Plan, after: Abono | Liquidacion | Plan,
               days: BusinessDays) -> float:
    """How much more (> 0) or less (< 0) ``after`` asks than ``before`` beyond what falls due in
    each one's term; 0 within a convenio's rounding (under :data:`ROUND_MXN` a payment), so that a
    convenio of the overdue asks the same as paying the overdue now."""
    change = beyond_due(view, after, days) - beyond_due(view, before, days)
    count = max(len(payments(offer, view.balance_mxn, days)) for offer in (before, after))
    return change if abs(change) >= ROUND_MXN * count else 0.0


def convenio(view: AccountView, count: int, first_date: dt.date, every_days: int, days: BusinessDays) -> Plan:
    """A plan of ``count`` instalments, each ``1 / count`` of the overdue plus the regular
    instalments of the plan's term (:func:`regular_mxn`: each period's, and everything due by the
    last payment), the first date moved to a business day, as the session moves it, and the rest
    following it; in round tens up, never past the balance."""
    shape = Plan(count, 1.0, days.roll(first_date), every_days)
    needed = (view.overdue_mxn + regular_mxn(view, shape, days)) / count
    rounded = math.ceil(needed / ROUND_MXN) * ROUND_MXN
    amount = min(rounded, math.floor(view.balance_mxn / count * 100.0) / 100.0)
    return Plan(count, amount, first_date, every_days)


@dataclass(frozen=True)
class Standing:
    """Where an agreement, if kept, leaves the account after its last payment.

    Attributes:
        current: nothing is past due (or the balance is closed).
        overdue_left_mxn: what is still past due then (overdue plus regular instalments
            fallen due, less what the agreement paid).
        open_balance_mxn: balance still owed, past due or not (0 after a settlement).
    """

    current: bool
    overdue_left_mxn: float
    open_balance_mxn: float


def standing(view: AccountView, agreement: Abono | Liquidacion | Plan, days: BusinessDays) -> Standing:
    """Where ``agreement`` (dates resolved) leaves the account if every payment is made."""
    if isinstance(agreement, Liquidacion):
        return Standing(True, 0.0, 0.0)
    paid = total_mxn(agreement, view.balance_mxn)
    last = payments(agreement, view.balance_mxn, days)[-1][0]
    left = max(0.0, owed_by(view, last) - paid)
    left = 0.0 if left <= _SLACK else round(left, 2)
    return Standing(left == 0.0, left, round(max(0.0, view.balance_mxn - paid), 2))


def asks_only_what_is_due(view: AccountView, offer: Abono | Liquidacion | Plan, days: BusinessDays) -> bool:
    """True when an offer asks no more than what is due: an abono up to what brings the account
    current on its date, a plan's instalment up to a convenio's. A settlement asks the balance
    (less a discount), not what is due."""
    if isinstance(offer, Abono):
        return offer.amount_mxn <= owed_by(view, offer.date) + _SLACK
    if isinstance(offer, Plan):
        due = convenio(view, offer.instalments, offer.first_date, offer.every_days, days)
        return offer.amount_mxn <= due.amount_mxn + _SLACK
    return False
