"""The one pay-cycle rule: which days each income cycle pays, for the portfolio and the negotiation."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.behaviour.paydays import CYCLE_DAYS, is_payday, payday_days
from simulator.calendar import Calendar, IncomeCycle
from simulator.negotiation.debtor import SHOWN_PAYDAYS, draw_debtors, upcoming_paydays

_START = dt.date(2028, 1, 1)  # a leap year: February has 29 days


def _dates(cycle: str, payday: int) -> list[dt.date]:
    calendar = Calendar(_START, 90)
    return [_START + dt.timedelta(days=day) for day in payday_days(calendar, cycle, payday)]


def test_a_short_month_pays_on_its_last_day():
    assert _dates("mensual", 31) == [dt.date(2028, 1, 31), dt.date(2028, 2, 29), dt.date(2028, 3, 31)]
    assert _dates("quincenal", 15) == [dt.date(2028, m, d) for m, d in
                                       ((1, 15), (1, 30), (2, 15), (2, 29), (3, 15), (3, 30))]


def test_weekly_pay_falls_on_its_weekday_every_seven_days():
    fridays = _dates("semanal", 4)
    assert {date.weekday() for date in fridays} == {4}
    gaps = {(later - earlier).days for earlier, later in zip(fridays, fridays[1:], strict=False)}
    assert gaps == {CYCLE_DAYS[IncomeCycle.SEMANAL]}


@pytest.mark.parametrize("cycle", list(IncomeCycle))
def test_the_day_list_and_the_date_rule_agree(cycle):
    calendar = Calendar(_START, 400)
    for payday in (0, 1, 6) if cycle == IncomeCycle.SEMANAL else (1, 14, 15, 29, 31):
        listed = set(payday_days(calendar, cycle, payday))
        assert listed == {day for day in range(401)
                          if is_payday(_START + dt.timedelta(days=day), cycle, payday)}


def test_the_collector_sees_the_paydays_of_the_portfolio_calendar():
    for debtor in draw_debtors(12, seed=5):
        account = debtor.account
        calendar = Calendar(account.today, 400)
        days = payday_days(calendar, account.income_cycle, account.payday)[:SHOWN_PAYDAYS]
        assert upcoming_paydays(account.today, account.income_cycle, account.payday) == tuple(
            account.today + dt.timedelta(days=day) for day in days) == account.paydays
