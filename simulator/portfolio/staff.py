"""Agents and field collectors: SimPy resources that only work on shift.

A call waits in the queue until an agent is free or until the shift (or the
action's window) ends, whichever comes first; a call that nobody could take is
lost for that day. That is how a small team limits what a strategy can do.
"""

from __future__ import annotations

import math

import simpy

from simulator.portfolio.team_calendar import TeamCalendar
from simulator.strategies.schema import Resources

__all__ = ["StaffPool"]


class StaffPool:
    """A team of ``size`` people with one shift, working on the team's workdays.

    Args:
        env: the run's environment.
        size: number of people (0 means the channel cannot be used).
        resources: shift hours from the strategy.
        team: the team's working days (weekdays minus holidays).
    """

    def __init__(self, env: simpy.Environment, size: int, resources: Resources, team: TeamCalendar):
        self.size = size
        self.resource = simpy.Resource(env, capacity=size) if size > 0 else None
        self.shift_start_hour, self.shift_end_hour = resources.shift
        self.team = team
        self.busy_minutes = 0.0

    def shift_end(self, t: float) -> float | None:
        """End of the shift running at ``t``, or None if nobody is working then."""
        if self.resource is None or not self.team.is_workday(math.floor(t)):
            return None
        hour = self.team.calendar.hour(t)
        if not self.shift_start_hour <= hour < self.shift_end_hour:
            return None
        return math.floor(t) + self.shift_end_hour / 24.0

    def available_minutes(self, horizon_days: float) -> float:
        """Staff minutes on shift during ``[0, horizon_days)``."""
        workdays = sum(1 for day in range(math.ceil(horizon_days)) if self.team.is_workday(day))
        return self.size * workdays * (self.shift_end_hour - self.shift_start_hour) * 60.0
