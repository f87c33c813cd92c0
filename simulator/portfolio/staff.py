"""Agents and field collectors: SimPy resources that only work on shift.

A call waits in the queue until an agent is free or until the shift (or the
action's window) ends, whichever comes first; a call that nobody could take is
lost for that day. That is how a small team limits what a strategy can do.
"""

from __future__ import annotations

import math

import simpy

from simulator.calendar import Calendar
from simulator.strategies.schema import Resources

__all__ = ["StaffPool"]


class StaffPool:
    """A team of ``size`` people with one shift and a set of workdays.

    Args:
        env: the run's environment.
        size: number of people (0 means the channel cannot be used).
        resources: shift hours and workdays from the strategy.
        calendar: maps simulation time to weekdays.
    """

    def __init__(self, env: simpy.Environment, size: int, resources: Resources, calendar: Calendar):
        self.size = size
        self.resource = simpy.Resource(env, capacity=size) if size > 0 else None
        self.shift_start_hour, self.shift_end_hour = resources.shift
        self.workdays = resources.workday_numbers()
        self.calendar = calendar
        self.busy_minutes = 0.0

    def shift_end(self, t: float) -> float | None:
        """End of the shift running at ``t``, or None if nobody is working then."""
        if self.resource is None or self.calendar.weekday(t) not in self.workdays:
            return None
        hour = self.calendar.hour(t)
        if not self.shift_start_hour <= hour < self.shift_end_hour:
            return None
        return math.floor(t) + self.shift_end_hour / 24.0

    def available_minutes(self, horizon_days: float) -> float:
        """Staff minutes on shift during ``[0, horizon_days)``."""
        workdays = sum(
            1 for day in range(math.ceil(horizon_days)) if self.calendar.weekday(day) in self.workdays
        )
        return self.size * workdays * (self.shift_end_hour - self.shift_start_hour) * 60.0
