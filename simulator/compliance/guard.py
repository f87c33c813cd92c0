"""The guard the engine asks before every contact: allowed, or the first rule
(in pack order) that the attempt would break."""

from __future__ import annotations

from simulator.calendar import Calendar
from simulator.compliance.attempt import ALLOWED, Attempt, ContactHistory, Decision
from simulator.compliance.pack import RulePack
from simulator.compliance.rules import RuleContext

__all__ = ["ContactGuard"]

_ALLOW = Decision(True, ALLOWED)


class ContactGuard:
    """Checks attempts against one pack, with rules compiled once for speed.

    Args:
        pack: the jurisdiction's rules, checked in pack order.
        calendar: maps simulation days to weekdays and to the pack's holidays.
    """

    __slots__ = ("_checks", "calendar", "pack")

    def __init__(self, pack: RulePack, calendar: Calendar) -> None:
        self.pack = pack
        self.calendar = calendar
        context = RuleContext(
            calendar=calendar,
            holiday_days=frozenset(calendar.day_index(day) for day in pack.holidays),
        )
        self._checks = tuple((rule.compile(context), Decision(False, rule.id)) for rule in pack.rules)

    def check(self, history: ContactHistory, attempt: Attempt) -> Decision:
        """Decide one attempt given what its account already executed.

        Class ``"none"`` (bureau reports, hand-overs) is always allowed.
        """
        if attempt.contact_class == "none":
            return _ALLOW
        entries = history.entries
        for broken, decision in self._checks:
            if broken(entries, attempt):
                return decision
        return _ALLOW

    def broken_rules(self, history: ContactHistory, attempt: Attempt) -> list[str]:
        """Every rule id the attempt would break, in pack order (for reports and tests)."""
        if attempt.contact_class == "none":
            return []
        entries = history.entries
        return [decision.rule_id for broken, decision in self._checks if broken(entries, attempt)]

    def __repr__(self) -> str:
        return f"ContactGuard({self.pack.code} {self.pack.version}, {len(self._checks)} reglas)"
