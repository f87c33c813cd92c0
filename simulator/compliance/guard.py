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

    __slots__ = ("_checks", "_scoped", "calendar", "pack")

    def __init__(self, pack: RulePack, calendar: Calendar) -> None:
        self.pack = pack
        self.calendar = calendar
        context = RuleContext(
            calendar=calendar,
            holiday_days=frozenset(calendar.day_index(day) for day in pack.holidays),
        )
        self._checks = tuple((rule.compile(context), Decision(False, rule.id)) for rule in pack.rules)
        # (class, channel) -> the checks whose rule covers it: a run has a handful of
        # channels, and most rules do not cover most of them.
        self._scoped: dict[tuple[str, str], tuple] = {}

    def check(self, history: ContactHistory, attempt: Attempt) -> Decision:
        """Decide one attempt given what its account already executed.

        Class ``"none"`` (bureau reports, hand-overs) is always allowed.
        """
        if attempt.contact_class == "none":
            return _ALLOW
        scope = (attempt.contact_class, attempt.channel)
        checks = self._scoped.get(scope)
        if checks is None:
            checks = self._scoped[scope] = tuple(
                check for rule, check in zip(self.pack.rules, self._checks, strict=True)
                if rule.applies_to(*scope))
        entries = history.entries
        for broken, decision in checks:
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
