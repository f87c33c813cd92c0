"""Ask a compliance pack whether a call at a given date and hour is allowed.

The course asks the engine's own guard instead of restating the schedule, so
the lessons follow the pack when its rules change.
"""

from __future__ import annotations

import datetime as dt

from simulator.calendar import Calendar
from simulator.compliance import Attempt, ContactGuard, ContactHistory, load_pack

__all__ = ["call_allowed"]


def call_allowed(when: dt.datetime, pack: str = "MX") -> bool:
    """True if a first call to the debtor at ``when`` (debtor's local time) passes ``pack``."""
    calendar = Calendar(start=when.date())
    hours = when.hour + when.minute / 60.0
    attempt = Attempt(time_days=hours / 24.0, channel="llamada", contact_class="call")
    return ContactGuard(load_pack(pack), calendar).check(ContactHistory(), attempt).allowed
