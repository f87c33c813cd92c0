"""Calendar lookups used for paydays and due dates."""

from __future__ import annotations

import calendar as calendar_module
import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from simulator.calendar import Calendar, spanish_date

CAL = Calendar(dt.date(2026, 1, 5), 800)  # a Monday


def test_weekday_and_hour():
    assert CAL.weekday(0.5) == 0 and CAL.weekday(5.99) == 5
    assert abs(CAL.hour(2.75) - 18.0) < 1e-9


def test_next_month_day_is_strictly_after():
    first = CAL.next_month_day(-1, 15)
    assert CAL.date(first) == dt.date(2026, 1, 15)
    assert CAL.date(CAL.next_month_day(int(first), 15)) == dt.date(2026, 2, 15)


def test_short_months_fall_back_to_their_last_day():
    day = CAL.next_month_day(CAL.day_index(dt.date(2026, 2, 1)), 30)
    assert CAL.date(day) == dt.date(2026, 2, 28)


def test_long_months_have_one_date_only():
    """The 30th of a 31-day month is its only date: the 31st is not a second one."""
    day = CAL.next_month_day(CAL.day_index(dt.date(2026, 3, 29)), 30)
    assert CAL.date(day) == dt.date(2026, 3, 30)
    assert CAL.date(CAL.next_month_day(int(day), 30)) == dt.date(2026, 4, 30)


def test_next_weekday():
    assert CAL.date(CAL.next_weekday(0, 4)) == dt.date(2026, 1, 9)  # Friday


def test_lookups_past_the_span_are_infinite():
    assert CAL.next_month_day(10_000, 1) == float("inf")



@given(month_day=st.integers(1, 31), start=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
       span=st.integers(0, 500))
@example(month_day=30, start=dt.date(2026, 3, 1), span=60)  # the 30th, then the 31st, was the bug
@example(month_day=31, start=dt.date(2028, 1, 20), span=120)  # a leap February
def test_exactly_one_date_per_calendar_month(month_day, start, span):
    """Day ``month_day`` of each month in the span, or the last day of a shorter month."""
    calendar = Calendar(start, span)
    dates, day = [], calendar.next_month_day(-1, month_day)
    while day != float("inf"):
        dates.append(calendar.date(day))
        day = calendar.next_month_day(int(day), month_day)
    months = [(date.year, date.month) for date in dates]
    assert len(months) == len(set(months))
    for date in dates:
        days_in_month = calendar_module.monthrange(date.year, date.month)[1]
        assert date.day == min(month_day, days_in_month)
    # Every month whose date falls within the span has it.
    end = start + dt.timedelta(days=span)
    expected = set()
    for year in range(start.year, end.year + 1):
        for month in range(1, 13):
            days_in_month = calendar_module.monthrange(year, month)[1]
            date = dt.date(year, month, min(month_day, days_in_month))
            if start <= date <= end:
                expected.add((year, month))
    assert set(months) == expected


def test_spanish_date_names_weekday_and_month_with_accents():
    assert spanish_date(dt.date(2026, 3, 14)) == "sábado 14 de marzo"
    assert spanish_date(dt.datetime(2026, 3, 11, 9, 5)) == "miércoles 11 de marzo, 09:05"
