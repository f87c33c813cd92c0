"""Simulation clock: days since the start date, mapped to real calendar dates.

The model runs in fractional days (``t = 2.5`` is noon of the third day), in the
debtor's local time. Paydays, due dates and contact-hour rules need the real
weekday and day of month, so the calendar precomputes them once per run and
answers "next day with ..." questions by bisection, never by daily ticks.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Calendar", "DEFAULT_START", "IncomeCycle", "MONTH_LABELS", "WEEKDAY_LABELS", "WEEKDAY_NAMES",
           "spanish_date"]

#: Spanish weekday names, index 0 = Monday (as ``datetime.weekday``): the keys of YAML files, unaccented.
WEEKDAY_NAMES = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
#: The same weekdays as a learner reads them, with their accents.
WEEKDAY_LABELS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
#: Spanish month names, index 0 = January.
MONTH_LABELS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                "octubre", "noviembre", "diciembre")


#: Day 0 of a run unless the caller says otherwise (a Monday, so weeks start on Mondays).
DEFAULT_START = dt.date(2026, 1, 5)


class IncomeCycle(StrEnum):
    """How often a debtor is paid (the portfolio's ``income_cycle``); which days are
    paydays is :func:`simulator.behaviour.paydays.is_payday`."""

    SEMANAL = "semanal"
    QUINCENAL = "quincenal"
    MENSUAL = "mensual"


def spanish_date(moment: dt.date) -> str:
    """``martes 10 de marzo``, plus ``, 09:15`` for a datetime: ``strftime("%a")`` would say ``Tue``."""
    text = f"{WEEKDAY_LABELS[moment.weekday()]} {moment.day} de {MONTH_LABELS[moment.month - 1]}"
    return f"{text}, {moment:%H:%M}" if isinstance(moment, dt.datetime) else text


@dataclass(frozen=True)
class Calendar:
    """Real dates for simulation days ``0 .. span_days`` starting at ``start``.

    Args:
        start: calendar date of simulation day 0 (time 0.0 is its midnight).
        span_days: how many days ahead the lookup tables cover; lookups past
            the span return ``inf`` so that nothing is scheduled beyond it.
    """

    start: dt.date = DEFAULT_START
    span_days: int = 800
    _by_month_day: dict[int, list[int]] = field(init=False, repr=False, compare=False)
    _by_weekday: dict[int, list[int]] = field(init=False, repr=False, compare=False)
    _start_weekday: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Day d of each month, or its last day when the month has fewer than d days.
        by_month_day: dict[int, list[int]] = {d: [] for d in range(1, 32)}
        by_weekday: dict[int, list[int]] = {w: [] for w in range(7)}
        for day in range(self.span_days + 1):
            date = self.start + dt.timedelta(days=day)
            last_of_month = (date + dt.timedelta(days=1)).day == 1
            for month_day in range(date.day, 32 if last_of_month else date.day + 1):
                by_month_day[month_day].append(day)
            by_weekday[date.weekday()].append(day)
        object.__setattr__(self, "_by_month_day", by_month_day)
        object.__setattr__(self, "_by_weekday", by_weekday)
        object.__setattr__(self, "_start_weekday", self.start.weekday())  # read on every contact

    def date(self, t: float) -> dt.date:
        """Calendar date of simulation time ``t`` (days)."""
        return self.start + dt.timedelta(days=int(t // 1))

    def weekday(self, t: float) -> int:
        """Weekday of ``t``, 0 = Monday ... 6 = Sunday."""
        return (self._start_weekday + int(t // 1)) % 7

    @staticmethod
    def hour(t: float) -> float:
        """Local clock hour of ``t`` in [0, 24)."""
        return (t % 1.0) * 24.0

    def day_index(self, date: dt.date) -> int:
        """Simulation day of a calendar date (negative before the start)."""
        return (date - self.start).days

    def next_month_day(self, after_day: int, month_day: int) -> float:
        """First simulation day strictly after ``after_day`` whose day of month
        is ``month_day``; months too short for it fall back to their last day
        (so there is exactly one such day per calendar month)."""
        return self._after(self._by_month_day[month_day], after_day)

    def next_weekday(self, after_day: int, weekday: int) -> float:
        """First simulation day strictly after ``after_day`` on ``weekday``."""
        return self._after(self._by_weekday[weekday], after_day)

    @staticmethod
    def _after(days: list[int], after_day: int) -> float:
        i = bisect.bisect_right(days, after_day)
        return float(days[i]) if i < len(days) else float("inf")
