"""When a strategy's actions fall for one account, computed without polling.

Shared by all accounts of a run: firing offsets are filtered once by bucket,
and an action that lands on a day the collection team does not work moves to
the next workday at the same hour, as a collection platform would reschedule
it (team workdays exclude the holidays of the team's country). Each account
gets its own hour inside an action's window, spread evenly so that a whole
portfolio does not queue for agents at the same minute.
"""

from __future__ import annotations

import bisect
import math

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.portfolio.team_calendar import TeamCalendar
from simulator.strategies.schema import Action

__all__ = ["ActionSchedule"]

_GOLDEN = 0.6180339887498949
_EPSILON_DAYS = 1e-9
_MAX_SHIFT_DAYS = 8  # an action moved to a workday never moves further than this
_PAST_DAYS = 400  # due days of late accounts lie up to 180 days before day 0


class ActionSchedule:
    """Next firing time of every action of one segment for any account state."""

    def __init__(self, actions: tuple[Action, ...], team: TeamCalendar) -> None:
        self.actions = actions
        self.team = team
        self._first_day = -_PAST_DAYS
        self._shift = [team.days_to_workday(day)
                       for day in range(self._first_day, team.calendar.span_days + 1)]
        self.due_actions = [n for n, a in enumerate(self.actions) if a.anchor == "vencimiento"]
        # Every firing day of every "desde: atraso" action, merged and sorted, so
        # that the next one is found by bisection instead of a loop over actions.
        self.timeline = sorted(
            (day, number)
            for number, action in enumerate(self.actions) if action.anchor == "atraso"
            for day in action.offsets() if BUCKET_NAMES[bucket_index(day)] in action.buckets
        )
        self.timeline_days = [day for day, _ in self.timeline]

    def hour(self, account_index: int, number: int) -> float:
        """Time of day (as a fraction of a day) of action ``number`` for an account."""
        start, end = self.actions[number].window
        spread = ((account_index + 1) * _GOLDEN + number * 0.37) % 1.0
        return (start + spread * (end - start)) / 24.0

    def to_workday(self, t: float) -> float:
        """``t`` moved forward, whole days, to the first workday of the team."""
        position = math.floor(t) - self._first_day
        if 0 <= position < len(self._shift):
            return t + self._shift[position]
        return t if position >= len(self._shift) else t + self.team.days_to_workday(math.floor(t))

    def next_firing(self, account_index: int, fired: list[float], now: float,
                    first_bill_due: float | None, last_due: float, next_due: float):
        """Earliest ``(time, action number)`` at or after ``now`` (``inf`` if none).

        Args:
            fired: last firing time of each action for this account.
            first_bill_due: due day of the oldest unpaid instalment (may lie in the
                future); offsets "desde atraso" count from it.
            last_due, next_due: the account's previous and next due days.
        """
        best, best_number = math.inf, -1
        for number in self.due_actions:
            earliest = max(now, fired[number] + _EPSILON_DAYS)
            when = self._after_due(self.actions[number], self.hour(account_index, number), earliest,
                                   first_bill_due, last_due, next_due)
            if when < best:
                best, best_number = when, number
        if first_bill_due is None:
            return best, best_number
        start = bisect.bisect_left(self.timeline_days, now - first_bill_due - _MAX_SHIFT_DAYS)
        for day, number in self.timeline[start:]:
            base = first_bill_due + day
            if base >= best:  # moving to a workday only delays: nothing later can win
                break
            when = self.to_workday(base + self.hour(account_index, number))
            if when < best and when >= max(now, fired[number] + _EPSILON_DAYS):
                best, best_number = when, number
        return best, best_number

    def _after_due(self, action, hour, earliest, first_bill_due, last_due, next_due) -> float:
        for due in (last_due, next_due):
            when = self.to_workday(due + action.day + hour)
            if when < earliest:
                continue
            late = 0.0 if first_bill_due is None or first_bill_due > when else when - first_bill_due
            if BUCKET_NAMES[bucket_index(late)] in action.buckets:
                return when
        return math.inf

