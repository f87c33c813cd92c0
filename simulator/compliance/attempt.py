"""What the engine asks about (an attempt), what it is told (a decision) and
what it remembers per account (the contact history).

Times are float days since the calendar start, in the debtor's local time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "ALLOWED",
    "CONTACT_CLASSES",
    "RULED_CLASSES",
    "Attempt",
    "ContactHistory",
    "Decision",
    "HistoryEntry",
]

#: Rule id carried by a decision that lets the attempt through.
ALLOWED = "permitido"

#: Every contact class a simulator channel can map to. ``"none"`` is an action
#: that does not reach the debtor (credit-bureau report, hand-over to an agency
#: or to legal): no contact rule applies to it.
CONTACT_CLASSES = ("call", "visit", "message", "letter", "none")

#: The classes that contact rules can name (all of them except ``"none"``).
RULED_CLASSES = ("call", "visit", "message", "letter")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One contact the engine wants to make, described by what the rules need.

    Args:
        time_days: when the contact would happen (days since the calendar start).
        channel: the simulator's channel name, e.g. ``"sms"``, ``"llamada"``.
        contact_class: ``"call"``, ``"visit"``, ``"message"``, ``"letter"`` or
            ``"none"``.
        consented: the debtor gave or authorised this channel or contact datum.
        to_third_party: the action targets references or family, not the
            debtor or a guarantor.
        identified: the collector states who they are and whom they represent.
        threatening: the script uses threats or undue pressure.
    """

    time_days: float
    channel: str
    contact_class: str
    consented: bool = True
    to_third_party: bool = False
    identified: bool = True
    threatening: bool = False

    def __post_init__(self) -> None:
        if self.contact_class not in CONTACT_CLASSES:
            raise ValueError(
                f"clase de contacto desconocida {self.contact_class!r} en el canal "
                f"{self.channel!r}; use una de: {', '.join(CONTACT_CLASSES)}"
            )


@dataclass(frozen=True, slots=True)
class Decision:
    """The guard's answer: allowed, or the id of the first rule it would break."""

    allowed: bool
    rule_id: str


class HistoryEntry(NamedTuple):
    """One executed attempt as the frequency rules see it."""

    time_days: float
    channel: str
    contact_class: str
    conversation: bool


class ContactHistory:
    """Executed attempts of one account, oldest first.

    The engine keeps one per account and calls :meth:`record` for every attempt
    it actually executes (blocked attempts are never recorded); actions of class
    ``"none"`` are not kept, since no rule counts them. Entries stay
    sorted by time so the guard can scan back from the newest one and stop at
    the edge of a rule's window; an entry recorded late is inserted in place,
    after any entry with the same time.
    """

    __slots__ = ("_entries", "_times")

    def __init__(self) -> None:
        self._entries: list[HistoryEntry] = []
        self._times: list[float] = []

    def record(self, attempt: Attempt, conversation: bool) -> None:
        """Remember an executed attempt.

        Args:
            attempt: the attempt as it was executed.
            conversation: True when it reached the debtor and they talked.
        """
        if attempt.contact_class == "none":
            return  # not a contact with the debtor: no rule reads it
        entry = HistoryEntry(attempt.time_days, attempt.channel, attempt.contact_class, bool(conversation))
        times = self._times
        if not times or attempt.time_days >= times[-1]:
            times.append(attempt.time_days)
            self._entries.append(entry)
        else:
            i = bisect.bisect_right(times, attempt.time_days)
            times.insert(i, attempt.time_days)
            self._entries.insert(i, entry)

    @property
    def entries(self) -> list[HistoryEntry]:
        """The entries, oldest first; read-only by convention (not copied, for speed)."""
        return self._entries

    def since(self, after_days: float) -> list[HistoryEntry]:
        """Entries strictly after ``after_days``, oldest first."""
        return self._entries[bisect.bisect_right(self._times, after_days) :]

    def count_since(self, after_days: float) -> int:
        """How many entries lie strictly after ``after_days`` (no list is built)."""
        return len(self._times) - bisect.bisect_right(self._times, after_days)

    def last_time(self) -> float | None:
        """Time of the newest entry, or None when nothing was executed yet."""
        return self._times[-1] if self._times else None

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[HistoryEntry]:
        return iter(self._entries)

    def __repr__(self) -> str:
        return f"ContactHistory({len(self._entries)} contactos)"
