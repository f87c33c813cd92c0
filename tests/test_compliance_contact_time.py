"""call_allowed answers with the pack's own guard: hours, weekends, other packs."""

import datetime as dt

import pytest

from simulator.compliance.contact_time import allowed_calls, call_allowed


@pytest.mark.parametrize(("when", "allowed"), [
    (dt.datetime(2026, 3, 10, 9, 15), True),    # Tuesday morning
    (dt.datetime(2026, 3, 10, 6, 30), False),   # before opening hour
    (dt.datetime(2026, 3, 10, 22, 30), False),  # after closing hour
    (dt.datetime(2026, 3, 14, 11, 0), False),   # Saturday: MX reads the strict schedule
])
def test_mx_schedule(when, allowed):
    assert call_allowed(when, "MX") is allowed


def test_unknown_pack_is_refused():
    with pytest.raises(Exception, match="ZZ"):
        call_allowed(dt.datetime(2026, 3, 10, 9, 0), "ZZ")


_MONDAY = dt.date(2026, 3, 9)  # an ordinary week: no holiday in MX, CO or US


def test_allowed_calls_counts_the_daily_limit_and_the_saturday_in_colombia():
    calls = allowed_calls(_MONDAY, 7, (10.0, 18.0), "CO")
    assert [when.weekday() for when in calls] == [0, 1, 2, 3, 4, 5]  # one a day, Saturday yes, Sunday no
    assert all(when.hour == 10 for when in calls)  # the 18:00 try comes less than 24 h after the 10:00 call


def test_allowed_calls_in_mexico_skips_the_weekend_but_has_no_frequency_cap():
    calls = allowed_calls(_MONDAY, 7, (10.0, 18.0), "MX")
    assert len(calls) == 10 and {when.weekday() for when in calls} == {0, 1, 2, 3, 4}
    assert not allowed_calls(_MONDAY + dt.timedelta(days=5), 2, (10.0,), "MX")


def test_allowed_calls_in_the_us_pause_after_a_conversation_only():
    assert len(allowed_calls(_MONDAY, 7, (10.0,), "US")) == 1
    assert len(allowed_calls(_MONDAY, 7, (10.0, 18.0), "US", answered=False)) == 7  # seven in seven days
