"""The collection team's working days: its weekdays minus its country's holidays.

Staff are on shift only on these days, and actions that fall outside them move
to the next one, as a collection platform with a holiday calendar would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from simulator.calendar import Calendar

__all__ = ["TeamCalendar"]


class TeamCalendar:
    """Working days of one team.

    Args:
        calendar: the run's calendar.
        workdays: weekdays worked (0 = Monday).
        holidays: dates nobody works.
    """

    def __init__(self, calendar: Calendar, workdays: frozenset[int], holidays: Iterable[dt.date] = ()):
        self.calendar = calendar
        self.workdays = workdays
        self.holidays = frozenset(calendar.day_index(day) for day in holidays)
        # Looked up before every call and visit: one flag per day of the calendar's span.
        self._open = [self._works(day) for day in range(calendar.span_days + 1)]

    def is_workday(self, day: int) -> bool:
        """True when the team works on simulation day ``day``."""
        open_days = self._open
        return open_days[day] if 0 <= day < len(open_days) else self._works(day)

    def _works(self, day: int) -> bool:
        return self.calendar.weekday(day) in self.workdays and day not in self.holidays

    def days_to_workday(self, day: int) -> int:
        """Whole days from ``day`` to the next workday (0 if it is one; at most 60)."""
        shift = 0
        while not self.is_workday(day + shift) and shift < 60:
            shift += 1
        return shift
