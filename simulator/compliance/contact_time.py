"""Ask a compliance pack whether a call at a given date and hour is allowed.

The course asks the engine's own guard instead of restating the schedule, so
the lessons follow the pack when its rules change.
"""

from __future__ import annotations

import datetime as dt

from simulator.calendar import Calendar
from simulator.compliance import Attempt, ContactGuard, ContactHistory, load_pack

__all__ = ["allowed_calls", "call_allowed"]


def call_allowed(when: dt.datetime, pack: str = "MX") -> bool:
    """True if a first call to the debtor at ``when`` (debtor's local time) passes ``pack``."""
    return bool(allowed_calls(when.date(), 1, (when.hour + when.minute / 60.0,), pack))


def allowed_calls(start: dt.date, days: int, hours: tuple[float, ...], pack: str = "MX",
                  answered: bool = True) -> list[dt.datetime]:
    """The calls a collector may make to one debtor, trying every day at each of ``hours``.

    Each allowed call is recorded as the simulator records an executed one, so
    frequency rules (one contact a day, seven calls a week, a pause after
    talking) count it for the next attempt.

    Args:
        start: first day tried (debtor's local date).
        days: how many consecutive days to try.
        hours: local hours of the attempts each day, e.g. ``(10.0, 18.5)`` for 10:00 and 18:30.
        answered: the debtor picks up and talks on every call made (some packs pause after that).
    """
    guard, history = ContactGuard(load_pack(pack), Calendar(start=start)), ContactHistory()
    made = []
    for day in range(days):
        for hour in sorted(hours):
            attempt = Attempt(time_days=day + hour / 24.0, channel="llamada", contact_class="call")
            if guard.check(history, attempt).allowed:
                history.record(attempt, conversation=answered)
                made.append(dt.datetime.combine(start + dt.timedelta(days=day), dt.time())
                            + dt.timedelta(hours=hour))
    return made
