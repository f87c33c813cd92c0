"""A rule pack: one jurisdiction's contact rules, versioned data read from YAML."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from simulator.compliance import kinds as _kinds  # noqa: F401  (registers the rule kinds)
from simulator.compliance.rules import RuleSpec, parse_rule

__all__ = ["RulePack"]

Rule = Annotated[RuleSpec, BeforeValidator(parse_rule)]


def _problem(loc: tuple[str | int, ...], value: object, message: str) -> InitErrorDetails:
    """A located validation error whose message is already in Spanish."""
    error = PydanticCustomError("pack_consistency", "{mensaje}", {"mensaje": message})
    return InitErrorDetails(type=error, loc=loc, input=value)


class RulePack(BaseModel):
    """Contact rules of one jurisdiction, in the order the guard checks them.

    Args:
        code: jurisdiction code, e.g. ``"MX"``; rule ids start with it.
        name: jurisdiction name in Spanish.
        version: pack version, ``"AAAA.MM"`` of the last review.
        source: the laws and regulations the rules come from, named precisely.
        retrieved: when the sources were last consulted.
        notes: caveats in Spanish (disagreements, readings chosen, scope).
        holidays: national public holidays (ISO dates) the calendar rules use.
        rules: the rules; the first one an attempt breaks is the one reported.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[A-Z]{2,3}$")
    name: str = Field(min_length=2)
    version: str = Field(pattern=r"^\d{4}\.\d{1,2}$")
    source: str = Field(min_length=10)
    retrieved: dt.date
    notes: str = Field(min_length=10)
    holidays: tuple[dt.date, ...] = ()
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> RulePack:
        problems: list[InitErrorDetails] = []
        seen_days: set[dt.date] = set()
        for i, day in enumerate(self.holidays):
            if day in seen_days:
                problems.append(_problem(("holidays", i), day, f"el feriado {day} está repetido"))
            seen_days.add(day)
        seen_ids: set[str] = set()
        for i, rule in enumerate(self.rules):
            if not rule.id.startswith(self.code + "."):
                message = f"el id {rule.id!r} debe empezar con el código del paquete, '{self.code}.'"
                problems.append(_problem(("rules", i, "id"), rule.id, message))
            if rule.id in seen_ids:
                problems.append(_problem(("rules", i, "id"), rule.id, f"el id {rule.id!r} está repetido"))
            seen_ids.add(rule.id)
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Rule ids in pack order."""
        return tuple(rule.id for rule in self.rules)

    def rule(self, rule_id: str) -> RuleSpec:
        """The rule with this id (KeyError if the pack has none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
