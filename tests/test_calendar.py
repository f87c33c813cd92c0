"""Calendar lookups used for paydays and due dates."""

from __future__ import annotations

import datetime as dt

from simulator.calendar import Calendar

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


def test_next_weekday():
    assert CAL.date(CAL.next_weekday(0, 4)) == dt.date(2026, 1, 9)  # Friday


def test_lookups_past_the_span_are_infinite():
    assert CAL.next_month_day(10_000, 1) == float("inf")

