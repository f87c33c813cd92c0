"""A convenio pays the regular instalment plus a share of the overdue: kept, it leaves the account current."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from simulator.negotiation import draw_debtors
from simulator.negotiation.convenio import (
    REGULAR_EVERY_DAYS,
    ask_change,
    asks_only_what_is_due,
    beyond_due,
    convenio,
    owed_by,
    regular_dues,
    standing,
)
from simulator.negotiation.offers import Abono, Liquidacion, Plan, payments


@pytest.fixture(scope="module")
def accounts():
    return [debtor.account for seed in (1, 2, 3) for debtor in draw_debtors(200, seed)]


def _overdue_only(account, count, first, every):
    """The old plan: the overdue split in ``count``, blind to the instalments that fall due meanwhile."""
    return Plan(count, math.ceil(account.overdue_mxn / count / 10.0) * 10.0, first, every)


def test_the_next_regular_instalment_is_not_overdue_yet(accounts):
    for account in accounts:
        assert account.today <= account.next_due < account.today + dt.timedelta(days=REGULAR_EVERY_DAYS)
        late = account.today - dt.timedelta(days=account.days_past_due)
        assert (account.next_due - late).days % REGULAR_EVERY_DAYS == 0


@pytest.mark.parametrize("every", [7, 15, 30])
def test_each_instalment_covers_the_regular_instalment_and_a_share_of_the_overdue(accounts, every):
    for account in accounts:
        for count in range(1, 7):
            plan = convenio(account, count, account.paydays[0], every, account.business_days)
            cap = math.floor(account.balance_mxn / count * 100.0) / 100.0
            period = account.instalment_mxn * min(1.0, every / REGULAR_EVERY_DAYS)
            share = account.overdue_mxn / count + period
            assert plan.amount_mxn >= min(cap, share) - 1e-9, (account, plan)
            assert plan.amount_mxn * count <= account.balance_mxn + 1e-6
            kept = standing(account, plan, account.business_days)
            assert kept.current and kept.overdue_left_mxn == 0.0, (account, plan)
            assert asks_only_what_is_due(account, plan, account.business_days)


def test_splitting_only_the_overdue_leaves_the_account_late(accounts):
    late = 0
    for account in accounts:
        plan = _overdue_only(account, 4, account.paydays[0], 30)
        last = payments(plan, account.balance_mxn, account.business_days)[-1][0]
        fallen = regular_dues(account.next_due, last)
        result = standing(account, plan, account.business_days)
        if plan.amount_mxn * 4 < account.balance_mxn - account.instalment_mxn and fallen:
            late += 1
            assert not result.current
            assert result.overdue_left_mxn == pytest.approx(
                owed_by(account, last) - plan.amount_mxn * 4, abs=0.01)
    assert late > 300


def test_a_settlement_closes_the_balance_and_an_abono_of_everything_due_leaves_it_current(accounts):
    for account in accounts[:50]:
        day = account.business_days.roll(account.paydays[0])
        assert standing(account, Liquidacion(10.0, day), account.business_days).current
        assert standing(account, Abono(owed_by(account, day), day), account.business_days).current
        short = standing(account, Abono(owed_by(account, day) / 2.0, day), account.business_days)
        assert not short.current and short.overdue_left_mxn == pytest.approx(owed_by(account, day) / 2.0,
                                                                             abs=0.01)


@pytest.mark.parametrize("every", [7, 15, 30])
def test_a_convenio_asks_the_same_overdue_as_paying_it_now_beyond_what_falls_due(accounts, every):
    """Moving from what brings the account current to a convenio is no raise: both ask the overdue
    beyond the regular instalments of their terms, though the convenio's total is larger."""
    larger = 0
    for account in accounts:
        days = account.business_days
        first = days.roll(account.paydays[0])  # dates resolved, as the session resolves them
        now = Abono(owed_by(account, first), first)
        for count in range(2, 7):
            plan = convenio(account, count, first, every, days)
            if plan.amount_mxn * count >= account.balance_mxn - 1.0:
                continue  # the convenio closes the balance: it asks what is not due yet too
            assert beyond_due(account, now, days) == pytest.approx(account.overdue_mxn)
            assert account.overdue_mxn <= beyond_due(account, plan, days) < account.overdue_mxn + 10.0 * count
            assert ask_change(account, now, plan, days) == 0.0, (account, plan)
            larger += plan.amount_mxn * count > now.amount_mxn + 1.0
        smaller = Abono(now.amount_mxn - 5.0, now.date)  # under a round ten: no change
        assert ask_change(account, now, smaller, days) == ask_change(account, smaller, now, days) == 0.0
        if now.amount_mxn > 100.0:
            smaller = Abono(now.amount_mxn - 100.0, now.date)
            assert ask_change(account, now, smaller, days) == pytest.approx(-100.0)
            assert ask_change(account, smaller, now, days) == pytest.approx(100.0)
    assert larger > len(accounts)  # the case the totals got wrong is common
