"""Practice calls and payment dates follow the compliance pack: no call, and no proposed or
promised payment, on a day the pack forbids or on a Sunday.

The call moment is checked with :func:`simulator.compliance.contact_time.call_allowed`, the
course's own question to the engine's guard; dates against the pack's ``contact_hours``
rule read here from the pack (weekdays listed, holidays allowed or not).
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from negotiation_sweep import played

from simulator.calendar import WEEKDAY_NAMES
from simulator.compliance import available_packs, load_pack
from simulator.compliance.contact_time import call_allowed
from simulator.negotiation import Abono, Liquidacion, Plan
from simulator.negotiation.business_days import business_days
from simulator.negotiation.offers import payments


def _forbidden(pack: str, date: dt.date) -> bool:
    rules = load_pack(pack)
    hours = next(rule for rule in rules.rules if rule.kind == "contact_hours")
    holiday = date in rules.holidays and not hours.holidays_allowed
    return date.weekday() == 6 or holiday or not hours.hours.get(WEEKDAY_NAMES[date.weekday()])


_call_allowed = functools.cache(call_allowed)  # debtors share call moments; each check builds a guard


def _bad_days(seeds, count: int, random_runs: int, pack: str = "MX") -> dict[str, list]:
    found: dict[str, list] = {"llamada": [], "fecha": []}
    for _, debtor, negotiation in played(seeds, count, random_runs, pack):
        account = debtor.account
        when = dt.datetime.combine(account.today, account.call_time)
        if _forbidden(pack, account.today) or not _call_allowed(when, pack):
            found["llamada"].append(when)
        for turn in negotiation.history:
            for offer in (turn.offer, turn.reply.counter):
                if isinstance(offer, Abono | Liquidacion | Plan):
                    found["fecha"] += [date for date, _ in payments(offer, account.balance_mxn,
                                                                   account.business_days)
                                       if _forbidden(pack, date)]
    return found


def test_no_practice_call_or_payment_date_falls_on_a_forbidden_day():
    found = _bad_days((1, 2), 150, 2)
    assert found == {"llamada": [], "fecha": []}


@pytest.mark.parametrize("pack", sorted(set(available_packs()) - {"MX"}))
def test_other_packs_set_their_own_practice_calendar(pack):
    assert _bad_days((1,), 60, 1, pack) == {"llamada": [], "fecha": []}


@pytest.mark.slow
def test_no_practice_call_or_payment_date_falls_on_a_forbidden_day_over_many_seeds():
    found = _bad_days(range(3, 13), 300, 3)
    assert found == {"llamada": [], "fecha": []}


@pytest.mark.parametrize("pack", available_packs())
def test_business_days_are_the_days_the_pack_allows_calls_and_never_sundays(pack):
    days = business_days(pack)
    start = dt.date(2026, 1, 1)
    for shift in range(730):
        date = start + dt.timedelta(days=shift)
        assert days.is_open(date) == (not _forbidden(pack, date)), date
        rolled = days.roll(date)
        assert rolled >= date and days.is_open(rolled)
        assert all(not days.is_open(date + dt.timedelta(days=k)) for k in range((rolled - date).days))
