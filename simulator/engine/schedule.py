"""When a strategy's actions fall for one account, computed without polling.

Shared by all accounts of a run: firing offsets are filtered once by bucket,
and an action that lands on a day the collection team does not work moves to
the next workday at the same hour, as a collection platform would reschedule
it (team workdays exclude the holidays of the team's country). Each account
gets its own hour inside an action's window, spread evenly so that a whole
portfolio does not queue for agents at the same minute.

:meth:`ActionSchedule.next_firing` runs on most turns of every account, so
everything that does not depend on the account is worked out here once and
the lookup itself is a flat loop with the workday shift inlined.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.engine.team_calendar import TeamCalendar
from simulator.strategies.schema import Action, StopCondition

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
        # Per action: its phase in the hour spread, window start and width (hours).
        spread = [(number * 0.37, action.window[0], action.window[1] - action.window[0])
                  for number, action in enumerate(actions)]
        #: Per action, indexed by bucket number: True when the action runs in that bucket.
        self.in_bucket = tuple(tuple(name in action.buckets for name in BUCKET_NAMES)
                               for action in actions)
        #: Per action: which of its stop conditions ("detener_si") are on, in the order of
        #: :class:`StopCondition` (pagado, promesa_activa, en_disputa, entregada).
        self.stops = tuple(tuple(condition in action.stop_if for condition in StopCondition)
                           for action in actions)
        # The lookups below unpack one flat tuple per action or firing day.
        self._due_actions = [
            (number, action.day, self.in_bucket[number], *spread[number])
            for number, action in enumerate(actions) if action.anchor == "vencimiento"
        ]
        # Every firing day of every "desde: atraso" action, merged and sorted, so
        # that the next one is found by bisection instead of a loop over actions.
        self.timeline = sorted(
            (day, number, *spread[number])
            for number, action in enumerate(self.actions) if action.anchor == "atraso"
            for day in action.offsets() if BUCKET_NAMES[bucket_index(day)] in action.buckets
        )
        self.timeline_days = [entry[0] for entry in self.timeline]
        #: Per action: True when it is anchored to due dates (its firing moves only that half).
        self.due_anchored = tuple(action.anchor == "vencimiento" for action in actions)

    def to_workday(self, t: float) -> float:
        """``t`` moved forward, whole days, to the first workday of the team."""
        position = math.floor(t) - self._first_day
        if 0 <= position < len(self._shift):
            return t + self._shift[position]
        return t if position >= len(self._shift) else t + self.team.days_to_workday(math.floor(t))

    def next_firing(self, account_index: int, fired: list[float], now: float,
                    first_bill_due: float | None, last_due: float, next_due: float):
        """Earliest ``(time, action number)`` at or after ``now`` (``inf`` if none).

        Ties go to the action met first: anchored-to-due actions in strategy
        order, then the merged timeline. Accounts call the two halves
        (:meth:`next_due_firing`, :meth:`next_late_firing`) and cache each one
        apart, since a firing or a new date usually moves only one of them.

        Args:
            fired: last firing time of each action for this account.
            first_bill_due: due day of the oldest unpaid instalment (may lie in the
                future); offsets "desde atraso" count from it.
            last_due, next_due: the account's previous and next due days.
        """
        due = self.next_due_firing(account_index, fired, now, first_bill_due, last_due, next_due)
        late = self.next_late_firing(account_index, fired, now, first_bill_due)
        return late if late[0] < due[0] else due

    def next_due_firing(self, account_index: int, fired: Sequence[float], now: float,
                        first_bill_due: float | None, last_due: float, next_due: float):
        """Earliest ``(time, action number)`` of the actions anchored to due dates."""
        best, best_number = math.inf, -1
        seed = (account_index + 1) * _GOLDEN
        shift, first_day = self._shift, self._first_day
        for number, day, buckets, phase, start, width in self._due_actions:
            earliest = fired[number] + _EPSILON_DAYS
            if earliest < now:
                earliest = now
            hour = (start + ((seed + phase) % 1.0) * width) / 24.0
            for due in (last_due, next_due):
                when = due + day + hour
                position = math.floor(when) - first_day  # to_workday, inlined
                when = when + shift[position] if 0 <= position < len(shift) else self.to_workday(when)
                if when < earliest:
                    continue
                late = 0.0 if first_bill_due is None or first_bill_due > when else when - first_bill_due
                if buckets[0 if late == 0.0 else bucket_index(late)]:
                    if when < best:
                        best, best_number = when, number
                    break
        return best, best_number

    def next_late_firing(self, account_index: int, fired: Sequence[float], now: float,
                         first_bill_due: float | None):
        """Earliest ``(time, action number)`` of the actions counted from the oldest
        unpaid due date (none while nothing is billed)."""
        best, best_number = math.inf, -1
        if first_bill_due is None:
            return best, best_number
        seed = (account_index + 1) * _GOLDEN
        shift, first_day = self._shift, self._first_day
        first = bisect.bisect_left(self.timeline_days, now - first_bill_due - _MAX_SHIFT_DAYS)
        for day, number, phase, start, width in itertools.islice(self.timeline, first, None):
            base = first_bill_due + day
            if base >= best:  # moving to a workday only delays: nothing later can win
                break
            when = base + (start + ((seed + phase) % 1.0) * width) / 24.0
            index = math.floor(when) - first_day
            when = when + shift[index] if 0 <= index < len(shift) else self.to_workday(when)
            if when < best and when >= now and when >= fired[number] + _EPSILON_DAYS:
                best, best_number = when, number
        return best, best_number
