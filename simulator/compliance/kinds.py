"""The rule kinds that packs use, each registered under its YAML ``kind`` name.

Window semantics, shared by every frequency kind: an executed attempt at time
``s`` counts for an attempt at ``t`` when ``t - window_days < s`` (``s <= t``
because the history holds what already happened). An action therefore weighs
on the rules for exactly ``window_days`` days after it happened; one exactly
``window_days`` later is free (up to ``SLACK_DAYS`` of float rounding).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from operator import attrgetter
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictBool

from simulator.calendar import WEEKDAY_NAMES
from simulator.compliance.attempt import Attempt, HistoryEntry
from simulator.compliance.rules import Checker, RuleContext, RuleSpec, register_rule_kind

__all__ = [
    "EDGE_MINUTES",
    "SLACK_DAYS",
    "ContactHours",
    "GapAfterConversation",
    "Identification",
    "MaxAttempts",
    "MaxChannels",
    "MinGapDays",
    "NoThirdParty",
    "NoThreats",
    "RequiresConsent",
]

#: Two instants closer than this (days, about 86 µs) count as the same instant, so
#: that a contact exactly ``window_days`` later is outside the window even when
#: float rounding of ``t - window`` says otherwise.
SLACK_DAYS = 1e-9

#: Clock edges are compared with this slack (minutes, well under a second) so
#: that 22:00 computed from float days as 21:59:59.9999 still counts as 22:00.
EDGE_MINUTES = 1e-6

_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def _weekday_key(value: object) -> object:
    if not isinstance(value, str):
        return value
    plain = unicodedata.normalize("NFD", value.strip().lower())
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    if plain not in WEEKDAY_NAMES:
        raise ValueError(f"día desconocido {value!r}; use: {', '.join(WEEKDAY_NAMES)}")
    return plain


def _range_text(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError('escriba el rango como texto entre comillas, p. ej. "07:00-22:00"')
    return value


def _range_minutes(text: str) -> tuple[int, int]:
    match = _RANGE.match(text.strip())
    if not match:
        raise ValueError(f'rango de horas no válido {text!r}; use "HH:MM-HH:MM", p. ej. "07:00-22:00"')
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if m1 > 59 or m2 > 59 or h1 > 24 or h2 > 24:
        raise ValueError(f"hora imposible en {text!r}")
    lo, hi = h1 * 60 + m1, h2 * 60 + m2
    if not lo < hi <= 24 * 60:
        raise ValueError(f"en {text!r} el inicio debe ser anterior al fin, y el fin a más tardar 24:00")
    return lo, hi


def _check_range(text: str) -> str:
    _range_minutes(text)
    return text


WeekdayName = Annotated[str, BeforeValidator(_weekday_key)]
HourRange = Annotated[str, BeforeValidator(_range_text), AfterValidator(_check_range)]


@register_rule_kind("contact_hours")
class ContactHours(RuleSpec):
    """Contact only inside the listed hour ranges of each weekday.

    A weekday missing from ``hours`` (or with no ranges) allows no contact.
    Ranges are ``"HH:MM-HH:MM"``, start included, end excluded. Public holidays
    of the pack allow no contact unless ``holidays_allowed``.
    """

    kind: Literal["contact_hours"] = "contact_hours"
    classes: tuple[str, ...] = ("call", "visit", "message")
    hours: dict[WeekdayName, tuple[HourRange, ...]]
    holidays_allowed: StrictBool = False

    def minute_ranges(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Allowed ``(start, end)`` minutes of the day, indexed by weekday (0 = Monday)."""
        return tuple(
            tuple(_range_minutes(text) for text in self.hours.get(name, ())) for name in WEEKDAY_NAMES
        )

    def compile(self, context: RuleContext) -> Checker:
        classes, channels = frozenset(self.classes), frozenset(self.channels)
        edges = tuple(
            tuple((lo - EDGE_MINUTES, hi - EDGE_MINUTES) for lo, hi in day) for day in self.minute_ranges()
        )
        closed = frozenset() if self.holidays_allowed else context.holiday_days
        first_weekday = context.calendar.start.weekday()

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            t = a.time_days
            day = int(t // 1)
            if day in closed:
                return True
            # Calendar.hour and Calendar.weekday, inlined: this runs before most contacts.
            minute = (t % 1.0) * 24.0 * 60.0
            for lo, hi in edges[(first_weekday + day) % 7]:
                if lo <= minute < hi:
                    return False
            return True

        return broken


@register_rule_kind("max_attempts")
class MaxAttempts(RuleSpec):
    """At most ``max_attempts`` executed attempts in scope per ``window_days``."""

    kind: Literal["max_attempts"] = "max_attempts"
    max_attempts: int = Field(ge=1)
    window_days: float = Field(gt=0)

    def compile(self, context: RuleContext) -> Checker:
        classes, channels = frozenset(self.classes), frozenset(self.channels)
        limit, window = self.max_attempts, self.window_days - SLACK_DAYS

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            edge = a.time_days - window
            count = 0
            for e in reversed(entries):
                if e.time_days <= edge:
                    break
                if e.contact_class in classes or e.channel in channels:
                    count += 1
                    if count >= limit:
                        return True
            return False

        return broken


@register_rule_kind("min_gap_days")
class MinGapDays(RuleSpec):
    """At least ``gap_days`` between two executed attempts in scope."""

    kind: Literal["min_gap_days"] = "min_gap_days"
    gap_days: float = Field(gt=0)

    def compile(self, context: RuleContext) -> Checker:
        classes, channels = frozenset(self.classes), frozenset(self.channels)
        gap = self.gap_days - SLACK_DAYS

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            edge = a.time_days - gap
            for e in reversed(entries):
                if e.time_days <= edge:
                    return False
                if e.contact_class in classes or e.channel in channels:
                    return True
            return False

        return broken


@register_rule_kind("max_channels")
class MaxChannels(RuleSpec):
    """At most ``max_channels`` distinct channels in scope per ``window_days``,
    counting the attempt's own channel."""

    kind: Literal["max_channels"] = "max_channels"
    max_channels: int = Field(ge=1)
    window_days: float = Field(gt=0)

    def compile(self, context: RuleContext) -> Checker:
        classes, channels = frozenset(self.classes), frozenset(self.channels)
        limit, window = self.max_channels, self.window_days - SLACK_DAYS

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            edge = a.time_days - window
            used = {a.channel}
            for e in reversed(entries):
                if e.time_days <= edge:
                    break
                if e.contact_class in classes or e.channel in channels:
                    used.add(e.channel)
                    if len(used) > limit:
                        return True
            return False

        return broken


@register_rule_kind("gap_after_conversation")
class GapAfterConversation(RuleSpec):
    """No attempt in scope within ``gap_days`` after a conversation held through
    one of ``after_classes``."""

    kind: Literal["gap_after_conversation"] = "gap_after_conversation"
    gap_days: float = Field(gt=0)
    after_classes: tuple[Literal["call", "visit", "message", "letter"], ...] = Field(
        default=("call",), min_length=1
    )

    def compile(self, context: RuleContext) -> Checker:
        classes, channels = frozenset(self.classes), frozenset(self.channels)
        talked, gap = frozenset(self.after_classes), self.gap_days - SLACK_DAYS

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            edge = a.time_days - gap
            for e in reversed(entries):
                if e.time_days <= edge:
                    return False
                if e.conversation and e.contact_class in talked:
                    return True
            return False

        return broken


def _flag_checker(spec: RuleSpec, field: str, forbidden: bool) -> Checker:
    """Checker for rules on one boolean of the attempt: broken when its truth
    value equals ``forbidden``."""
    classes, channels = frozenset(spec.classes), frozenset(spec.channels)
    flag = attrgetter(field)

    if forbidden:

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            return bool(flag(a))

    else:

        def broken(entries: Sequence[HistoryEntry], a: Attempt) -> bool:
            if a.contact_class not in classes and a.channel not in channels:
                return False
            return not flag(a)

    return broken


@register_rule_kind("requires_consent")
class RequiresConsent(RuleSpec):
    """Attempts in scope need ``consented=True`` (authorised channel or datum)."""

    kind: Literal["requires_consent"] = "requires_consent"

    def compile(self, context: RuleContext) -> Checker:
        return _flag_checker(self, "consented", False)


@register_rule_kind("no_third_party")
class NoThirdParty(RuleSpec):
    """Attempts in scope may not target third parties (``to_third_party``)."""

    kind: Literal["no_third_party"] = "no_third_party"

    def compile(self, context: RuleContext) -> Checker:
        return _flag_checker(self, "to_third_party", True)


@register_rule_kind("identification")
class Identification(RuleSpec):
    """The collector must identify themselves and the creditor (``identified``)."""

    kind: Literal["identification"] = "identification"

    def compile(self, context: RuleContext) -> Checker:
        return _flag_checker(self, "identified", False)


@register_rule_kind("no_threats")
class NoThreats(RuleSpec):
    """No threats or undue pressure (``threatening``)."""

    kind: Literal["no_threats"] = "no_threats"

    def compile(self, context: RuleContext) -> Checker:
        return _flag_checker(self, "threatening", True)
