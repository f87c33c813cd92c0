"""When a practice debtor may be called and when a payment may fall due, under a compliance pack.

A practice debtor lives under the pack of its account's jurisdiction, the one the
portfolio engine's guard applies to that account. A call happens only at a moment
the pack's guard allows a first call; a payment falls due only on a business day:
a day the pack allows calls on, and never a Sunday. A date that is not one moves to
the next business day, as a bank moves a due date. The portfolio's own negotiations
keep the engine's calendar (:data:`EVERY_DAY`): the engine's guard already checks
their contact times, and their promise dates are part of the engine's pinned numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from simulator.calendar import Calendar
from simulator.compliance import Attempt, ContactGuard, ContactHistory, load_pack

__all__ = ["CALL_HOURS", "EVERY_DAY", "BusinessDays", "business_days", "call_moments"]

#: Local clock times (hours) a practice call may be placed at: every half hour from 08:00 to 19:30.
CALL_HOURS = tuple(hour + half / 2.0 for hour in range(8, 20) for half in range(2))
_SUNDAY = 6
_EPOCH = dt.date(2026, 1, 5)  # any Monday: the guard only needs weekdays and holidays
_LONGEST_CLOSURE = 31  # no pack closes a month in a row; past this the date is left as it is


@dataclass(frozen=True)
class BusinessDays:
    """Weekdays (0 = Monday) and dates on which no payment falls due."""

    closed_weekdays: frozenset[int]
    closed_dates: frozenset[dt.date]

    def is_open(self, date: dt.date) -> bool:
        """True when a payment may fall due on ``date``."""
        return date.weekday() not in self.closed_weekdays and date not in self.closed_dates

    def roll(self, date: dt.date) -> dt.date:
        """``date`` if it is a business day, else the next one."""
        for shift in range(_LONGEST_CLOSURE):
            day = date + dt.timedelta(days=shift)
            if self.is_open(day):
                return day
        return date


#: Every day is a business day: the portfolio engine's calendar.
EVERY_DAY = BusinessDays(frozenset(), frozenset())


@functools.cache
def _guard(pack: str) -> ContactGuard:
    return ContactGuard(load_pack(pack), Calendar(start=_EPOCH, span_days=0))


def _allowed_hours(pack: str, date: dt.date) -> tuple[float, ...]:
    guard, day = _guard(pack), (date - _EPOCH).days
    return tuple(hour for hour in CALL_HOURS
                 if guard.check(ContactHistory(), Attempt(day + hour / 24.0, "llamada", "call")).allowed)


@functools.cache
def business_days(pack: str) -> BusinessDays:
    """The business days of ``pack``: Sundays and the weekdays and holidays it forbids calls on."""
    holidays = frozenset(load_pack(pack).holidays)
    weekdays = [next(day for day in (_EPOCH + dt.timedelta(days=weekday + 7 * week) for week in range(8))
                     if day not in holidays) for weekday in range(7)]  # one ordinary day of each weekday
    closed = frozenset({_SUNDAY} | {day.weekday() for day in weekdays if not _allowed_hours(pack, day)})
    return BusinessDays(closed, frozenset(day for day in holidays if not _allowed_hours(pack, day)))


def call_moments(pack: str, start: dt.date, days: int) -> list[dt.datetime]:
    """Every practice call moment in ``days`` days from ``start``: business days, at hours ``pack`` allows."""
    open_days = business_days(pack)
    moments = []
    for shift in range(days):
        date = start + dt.timedelta(days=shift)
        if open_days.is_open(date):
            moments += [dt.datetime.combine(date, dt.time()) + dt.timedelta(hours=hour)
                        for hour in _allowed_hours(pack, date)]
    return moments
