"""Rule kinds: the base model every kind extends and the registry keyed by the
``kind`` name used in the pack YAML.

A rule kind is a frozen pydantic model (its parameters) with a ``compile``
method that turns it into a fast checker for :class:`ContactGuard`. The
independent audit reads the same parameters but has its own code, found
through its own registry (see ``audit.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.calendar import Calendar
from simulator.compliance.attempt import RULED_CLASSES, Attempt, HistoryEntry

__all__ = [
    "Checker",
    "RuleContext",
    "RuleSpec",
    "parse_rule",
    "register_rule_kind",
    "rule_kind",
    "rule_kinds",
]

#: A compiled rule: True when the attempt, given the executed entries of its
#: account (oldest first), would break the rule.
Checker = Callable[[Sequence[HistoryEntry], Attempt], bool]

_RULE_KINDS: dict[str, type[RuleSpec]] = {}

R = TypeVar("R", bound="type[RuleSpec]")


@dataclass(frozen=True)
class RuleContext:
    """What a rule needs besides its parameters when it is compiled.

    Args:
        calendar: maps simulation days to weekdays and dates.
        holiday_days: simulation day indices that are public holidays.
    """

    calendar: Calendar
    holiday_days: frozenset[int]


class RuleSpec(BaseModel):
    """Parameters shared by every rule kind.

    A rule applies to an attempt whose contact class is in ``classes`` or whose
    channel is in ``channels``; class ``"none"`` is never ruled.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind_name: ClassVar[str] = ""

    id: str = Field(pattern=r"^[A-Z]{2,3}\.[a-z0-9_]+$")
    kind: str
    description: str = Field(min_length=10)
    classes: tuple[str, ...] = RULED_CLASSES
    channels: tuple[str, ...] = ()

    @field_validator("classes")
    @classmethod
    def _known_classes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if name == "none":
                raise ValueError(
                    "'none' no es un contacto con el deudor (reporte a buró, traspaso a "
                    "agencia o a jurídico): ninguna regla lo cubre"
                )
            if name not in RULED_CLASSES:
                raise ValueError(f"clase de contacto desconocida {name!r}; use: {', '.join(RULED_CLASSES)}")
        return value

    @model_validator(mode="after")
    def _has_scope(self) -> RuleSpec:
        if not self.classes and not self.channels:
            raise ValueError("la regla no cubre nada: indique 'classes' o 'channels'")
        return self

    def applies_to(self, contact_class: str, channel: str) -> bool:
        """Whether an attempt of this class and channel is within the rule's scope."""
        if contact_class == "none":
            return False
        return contact_class in self.classes or channel in self.channels

    def compile(self, context: RuleContext) -> Checker:
        """Build the guard's checker for this rule."""
        raise NotImplementedError(f"el tipo de regla {self.kind!r} no define compile()")


def register_rule_kind(name: str) -> Callable[[R], R]:
    """Class decorator: make a :class:`RuleSpec` subclass usable as ``kind: name``."""

    def decorate(cls: R) -> R:
        if name in _RULE_KINDS:
            raise ValueError(f"el tipo de regla {name!r} ya está registrado")
        cls.kind_name = name
        _RULE_KINDS[name] = cls
        return cls

    return decorate


def rule_kind(name: str) -> type[RuleSpec]:
    """The model class registered for a kind name (KeyError if unknown)."""
    return _RULE_KINDS[name]


def rule_kinds() -> list[str]:
    """Registered kind names, sorted."""
    return sorted(_RULE_KINDS)


class _KindProbe(BaseModel):
    """Reads only ``kind`` so that an unknown kind is reported on its own line."""

    model_config = ConfigDict(extra="ignore")

    kind: str

    @field_validator("kind")
    @classmethod
    def _registered(cls, value: str) -> str:
        if value not in _RULE_KINDS:
            raise ValueError(
                f"tipo de regla desconocido {value!r}; tipos disponibles: " f"{', '.join(rule_kinds())}"
            )
        return value


def parse_rule(value: Any) -> Any:
    """Validate one raw rule mapping with the model of its ``kind``.

    Used as a before-validator of ``RulePack.rules``; pydantic keeps the nested
    error locations, so the loader can point at the offending YAML line.
    """
    if isinstance(value, RuleSpec):
        return value
    if not isinstance(value, dict):
        raise ValueError("cada regla debe ser un mapa con 'id', 'kind' y 'description'")
    probe = _KindProbe.model_validate(value)
    return _RULE_KINDS[probe.kind].model_validate(value)
