"""Strategy schema: what a manager writes in YAML, validated once.

Keys are Spanish (managers edit these files); attributes are English through
aliases. Actions are scheduled relative to the due date (``vencimiento``) or
to the start of delinquency (``atraso``), filtered by bucket at action time.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.buckets import BUCKET_NAMES
from simulator.calendar import WEEKDAY_NAMES
from simulator.compliance import available_packs

__all__ = [
    "Action",
    "CHANNEL_NAMES",
    "Negotiation",
    "Resources",
    "STOP_CONDITIONS",
    "Strategy",
]

CHANNEL_NAMES = (
    "sms", "whatsapp", "email", "ivr", "llamada", "visita",
    "carta", "aviso_formal", "buro", "agencia", "legal",
)
#: Conditions under which a scheduled action is skipped, checked at action time.
STOP_CONDITIONS = ("pagado", "promesa_activa", "en_disputa", "entregada")

Bucket = Literal["al_corriente", "1-30", "31-60", "61-90", "90+"]
Channel = Literal[
    "sms", "whatsapp", "email", "ivr", "llamada", "visita",
    "carta", "aviso_formal", "buro", "agencia", "legal",
]
StopCondition = Literal["pagado", "promesa_activa", "en_disputa", "entregada"]
Weekday = Literal["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
Hour = Annotated[float, Field(ge=0.0, le=24.0)]


class _Spanish(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


def _check_window(start: float, end: float, what: str) -> None:
    if end <= start:
        raise ValueError(f"{what}: la hora de fin ({end}) debe ser mayor que la de inicio ({start})")


class Action(_Spanish):
    """One scheduled contact or measure, repeated by ``every_days`` up to ``until_day``."""

    channel: Channel = Field(alias="canal")
    anchor: Literal["vencimiento", "atraso"] = Field(alias="desde")
    day: int = Field(alias="dia", ge=-28, le=365)
    every_days: int | None = Field(default=None, alias="cada_dias", ge=1, le=365)
    until_day: int | None = Field(default=None, alias="hasta_dia", ge=-28, le=365)
    window: tuple[Hour, Hour] = Field(default=(9.0, 18.0), alias="ventana")
    buckets: tuple[Bucket, ...] = Field(default=BUCKET_NAMES, alias="tramos", min_length=1)
    stop_if: tuple[StopCondition, ...] = Field(
        default=("pagado", "promesa_activa", "en_disputa", "entregada"), alias="detener_si"
    )
    to_third_party: bool = Field(default=False, alias="a_terceros")
    only_with_data: bool = Field(default=True, alias="solo_con_datos")

    @model_validator(mode="after")
    def _coherent(self) -> Action:
        _check_window(*self.window, "ventana")
        if self.anchor == "atraso" and self.day < 1:
            raise ValueError("con desde: atraso, 'dia' es un día de atraso y debe ser 1 o más")
        if self.until_day is not None and self.until_day < self.day:
            raise ValueError("'hasta_dia' no puede ser menor que 'dia'")
        if self.anchor == "vencimiento" and (self.every_days or self.until_day is not None):
            raise ValueError("'cada_dias' y 'hasta_dia' solo aplican con desde: atraso; "
                             "con desde: vencimiento la acción se repite en cada vencimiento")
        if self.anchor == "atraso" and (self.every_days is None) != (self.until_day is None):
            raise ValueError("para repetir una acción indique 'cada_dias' y 'hasta_dia' juntos")
        return self

    def offsets(self) -> range:
        """Days (from the anchor) on which the action fires."""
        last = self.until_day if self.until_day is not None else self.day
        return range(self.day, last + 1, self.every_days or max(1, last - self.day + 1))


class Resources(_Spanish):
    """Staff that limits how many calls and visits happen per day."""

    agents: int = Field(default=10, alias="agentes", ge=0, le=100_000)
    field_agents: int = Field(default=2, alias="visitadores", ge=0, le=100_000)
    shift: tuple[Hour, Hour] = Field(default=(9.0, 19.0), alias="horario")
    workdays: tuple[Weekday, ...] = Field(
        default=("lunes", "martes", "miercoles", "jueves", "viernes"), alias="dias", min_length=1
    )
    holidays: str = Field(default="MX", alias="feriados")

    @model_validator(mode="after")
    def _coherent(self) -> Resources:
        _check_window(*self.shift, "horario")
        known = available_packs()
        if self.holidays != "ninguno" and self.holidays not in known:
            raise ValueError(f"'feriados' debe ser un país ({', '.join(known)}) o 'ninguno'; "
                             f"se leyó {self.holidays!r}")
        return self

    def workday_numbers(self) -> frozenset[int]:
        """Weekdays (0 = Monday) on which staff work."""
        return frozenset(WEEKDAY_NAMES.index(day) for day in self.workdays)


class Negotiation(_Spanish):
    """What a collector may offer when the debtor answers."""

    promise_amount: Literal["saldo_vencido", "pago_minimo"] = Field(
        default="saldo_vencido", alias="monto_promesa"
    )
    promise_date: Literal["dia_de_pago", "inmediata"] = Field(
        default="dia_de_pago", alias="fecha_promesa"
    )
    accept_partial: bool = Field(default=True, alias="acepta_parcial")
    max_discount: dict[Bucket, Annotated[float, Field(ge=0.0, le=0.9)]] = Field(
        default_factory=dict, alias="quita_maxima"
    )
    max_plan_payments: int = Field(default=1, alias="plan_max_pagos", ge=1, le=36)


class Strategy(_Spanish):
    """A whole collection policy: staff, negotiation rules and scheduled actions."""

    name: str = Field(alias="nombre", min_length=1)
    description: str = Field(default="", alias="descripcion")
    resources: Resources = Field(default_factory=Resources, alias="recursos")
    negotiation: Negotiation = Field(default_factory=Negotiation, alias="negociacion")
    actions: tuple[Action, ...] = Field(default=(), alias="acciones")


def yaml_keys() -> set[str]:
    """Every key a strategy file may use, for typo suggestions."""
    keys: set[str] = set()
    for model in (Strategy, Resources, Negotiation, Action):
        keys.update(field.alias or name for name, field in model.model_fields.items())
    return keys
