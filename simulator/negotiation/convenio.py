"""What an agreement leaves owing, and the convenio that leaves the account current.

While an agreement runs, the account's regular instalments keep falling due
(one a month, the next on ``next_due``). An agreement that pays only what is
overdue today leaves the account late again by its last payment. A
**convenio** pays in each instalment the regular instalment of its period plus
an equal share of the overdue, and together its instalments pay everything
due by the last one: kept, it leaves the account current. Months count as 30
days (a practice account carries no billing day).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Protocol

from simulator.negotiation.business_days import BusinessDays
from simulator.negotiation.offers import Abono, Liquidacion, Plan, payments, total_mxn

__all__ = ["REGULAR_EVERY_DAYS", "Standing", "asks_only_what_is_due", "convenio", "owed_by", "regular_dues",
           "standing"]

#: Days between two regular instalments of an account.
REGULAR_EVERY_DAYS = 30
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


def convenio(view: AccountView, count: int, first_date: dt.date, every_days: int, days: BusinessDays) -> Plan:
    """A plan of ``count`` instalments, each the regular instalment of its period (the monthly
    one, prorated when paid more often) plus ``1 / count`` of the overdue, and enough together to
    pay everything due by the last one (the first date moves to a business day, as the session
    moves it, and the rest follow it); in round pesos up, never past the balance."""
    last = payments(Plan(count, 1.0, days.roll(first_date), every_days), view.balance_mxn, days)[-1][0]
    period = view.instalment_mxn * min(1.0, every_days / REGULAR_EVERY_DAYS)
    needed = max(view.overdue_mxn / count + period, owed_by(view, last) / count)
    amount = min(math.ceil(needed / 10.0) * 10.0, math.floor(view.balance_mxn / count * 100.0) / 100.0)
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
