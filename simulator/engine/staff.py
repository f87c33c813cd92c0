"""Agents and field collectors: teams that only work on shift.

A call waits in the queue until an agent is free or until the shift (or the
action's window) ends, whichever comes first; a call that nobody could take is
lost for that day. That is how a small team limits what a strategy can do.

The team is a counter and a first-come-first-served queue rather than a
``simpy.Resource``: a resource spends four SimPy events per call (request,
release and a condition to wait with patience), while here a call with an
agent free costs none and a waiting call one event plus its patience timer.
The queue discipline and every time are the same as with the resource.
"""

from __future__ import annotations

import math
from collections import deque

import simpy

from simulator.engine.team_calendar import TeamCalendar
from simulator.strategies.schema import Resources

__all__ = ["MINUTES_PER_DAY", "StaffPool"]

MINUTES_PER_DAY = 1440.0


class StaffPool:
    """A team of ``size`` people with one shift, working on the team's workdays.

    Args:
        env: the run's environment.
        size: number of people (0 means the channel cannot be used).
        resources: shift hours from the strategy.
        team: the team's working days (weekdays minus holidays).
    """

    def __init__(self, env: simpy.Environment, size: int, resources: Resources, team: TeamCalendar):
        self.env = env
        self.size = size
        self.busy = 0
        self._waiting: deque[simpy.Event] = deque()  # oldest first; given-up calls stay until popped
        self.shift_start_hour, self.shift_end_hour = resources.shift
        self.team = team
        self.busy_minutes = 0.0
        #: Busy minutes by the day the call started (same amounts as ``busy_minutes``).
        self.busy_by_day = [0.0] * (team.calendar.span_days + 1)

    def shift_end(self, t: float) -> float | None:
        """End of the shift running at ``t``, or None if nobody is working then."""
        if self.size == 0 or not self.team.is_workday(math.floor(t)):
            return None
        hour = self.team.calendar.hour(t)
        if not self.shift_start_hour <= hour < self.shift_end_hour:
            return None
        return math.floor(t) + self.shift_end_hour / 24.0

    def take(self, patience_days: float) -> simpy.Event | None:
        """Take a free person now (returns None), or queue for one.

        Returns:
            None when someone was free and is now busy with the caller;
            otherwise an event that fires with True when a person is handed
            over, or with False when ``patience_days`` pass first.
        """
        if self.busy < self.size:
            self.busy += 1
            return None
        call = self.env.event()
        self._waiting.append(call)

        def give_up(_event: simpy.Event) -> None:
            if not call.triggered:
                call.succeed(False)

        self.env.timeout(patience_days).callbacks.append(give_up)
        return call

    def release(self) -> None:
        """The caller is done: hand the person to the oldest waiting call, if any."""
        waiting = self._waiting
        while waiting:
            call = waiting.popleft()
            if not call.triggered:  # skip the calls that gave up
                call.succeed(True)
                return
        self.busy -= 1

    def book(self, start: float, minutes: float, shift_end: float) -> None:
        """Count a call begun at ``start`` as busy time: a call that runs past the
        shift is finished, but overtime is not shift time."""
        busy = min(minutes, (shift_end - start) * MINUTES_PER_DAY)
        self.busy_minutes += busy
        self.busy_by_day[int(start)] += busy

    def available_minutes(self, horizon_days: float) -> float:
        """Staff minutes on shift during ``[0, horizon_days)``."""
        return sum(self.shift_minutes_by_day(horizon_days))

    def shift_minutes_by_day(self, horizon_days: float) -> list[float]:
        """Staff minutes on shift on each day of ``[0, horizon_days)``: 0 on days off.

        Read from the team calendar once at the end of a run, never per event.
        """
        per_workday = self.size * (self.shift_end_hour - self.shift_start_hour) * 60.0
        return [per_workday if self.team.is_workday(day) else 0.0
                for day in range(math.ceil(horizon_days))]
