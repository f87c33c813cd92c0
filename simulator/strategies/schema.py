"""Strategy schema: what a manager writes in YAML, validated once.

Keys are Spanish (managers edit these files); attributes are English through
aliases. Actions are scheduled relative to the due date (``vencimiento``) or
to the start of delinquency (``atraso``), filtered by bucket at action time.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from simulator.buckets import BUCKET_NAMES, Bucket
from simulator.calendar import WEEKDAY_NAMES
from simulator.compliance import available_packs
from simulator.errors import CobranzaError
from simulator.risk_score import RISK_BANDS
from simulator.strategies.policy_names import split_policy_name

__all__ = [
    "Action",
    "CHANNEL_LABELS",
    "CHANNEL_NAMES",
    "CONDITION_OPERATORS",
    "Condition",
    "DEFAULT_SEGMENT",
    "Limits",
    "Negotiation",
    "Resources",
    "Segment",
    "StopCondition",
    "Strategy",
]

Channel = Literal[
    "sms", "whatsapp", "email", "ivr", "llamada", "visita",
    "carta", "aviso_formal", "buro", "agencia", "legal",
]
#: Channel keys, in the order the dashboard and the report list them.
CHANNEL_NAMES: tuple[Channel, ...] = get_args(Channel)
#: How a manager reads each channel (dashboard, report plots); YAML and tables keep the keys.
CHANNEL_LABELS = {
    "sms": "SMS", "whatsapp": "WhatsApp", "email": "Correo electrónico",
    "ivr": "Llamada automática (IVR)", "llamada": "Llamada de agente", "visita": "Visita de campo",
    "carta": "Carta", "aviso_formal": "Aviso formal", "buro": "Buró de crédito",
    "agencia": "Agencia externa", "legal": "Área jurídica",
}


class StopCondition(StrEnum):
    """When a scheduled action is skipped (``detener_si``), checked at action time."""

    PAGADO = "pagado"  # nothing is due
    PROMESA_ACTIVA = "promesa_activa"  # a promise, instalment or settlement is pending
    EN_DISPUTA = "en_disputa"  # within the pause after the debtor disputed the debt
    ENTREGADA = "entregada"  # handed over to an agency or to legal


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
        default=tuple(StopCondition), alias="detener_si"
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
        return self

    @field_validator("holidays")
    @classmethod
    def _known_country(cls, value: str) -> str:
        known = available_packs()
        if value != "ninguno" and value not in known:
            raise ValueError(f"'feriados' debe ser un país ({', '.join(known)}) o 'ninguno'; "
                             f"se leyó {value!r}")
        return value

    def workday_numbers(self) -> frozenset[int]:
        """Weekdays (0 = Monday) on which staff work."""
        return frozenset(WEEKDAY_NAMES.index(day) for day in self.workdays)


class Negotiation(_Spanish):
    """What a collector may offer when the debtor answers, and optionally who negotiates:
    ``politica`` names a negotiation policy that replaces the fixed rule, a shipped one
    (``anclaje``) or ``archivo:funcion`` from a folder trusted on the command line
    (see :mod:`simulator.negotiation.registry`)."""

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
    min_payment_mxn: float = Field(default=0.0, alias="pago_minimo_aceptable_mxn", ge=0.0)
    policy: str | None = Field(default=None, alias="politica", min_length=1)

    @field_validator("policy")
    @classmethod
    def _named_policy(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A policy is checked by name, never imported: by the check the loader passes
        as context (``check_policy``), or for its form alone when re-validating."""
        if value is None:
            return None
        check = (info.context or {}).get("check_policy", split_policy_name)
        try:
            check(value)
        except CobranzaError as error:
            raise ValueError(error.message) from None
        return value


class Limits(_Spanish):
    """The lender's own caps on effort, on top of what the law allows."""

    contacts_per_week: int | None = Field(default=None, alias="contactos_por_semana", ge=0)
    budget_per_account_mxn: float | None = Field(default=None, alias="presupuesto_por_cuenta_mxn",
                                                 ge=0.0)


Scalar = bool | int | float | str
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
_BAND_CHOICES = ", ".join(f"'{name}'" for name in RISK_BANDS[:-1]) + f" o '{RISK_BANDS[-1]}'"


class Condition(_Spanish):
    """A test on one portfolio column, or on the account's risk score.

    A column test names ``columna`` and exactly one comparison. A risk test
    names the bands (``riesgo``) or bounds the probability of paying
    (``probabilidad_pago_min`` <= p < ``probabilidad_pago_max``); the score and
    the band cut-offs come from the parameter file (see simulator/risk_score.py).
    """

    column: str | None = Field(default=None, alias="columna", min_length=1)
    equals: Scalar | None = Field(default=None, alias="igual")
    not_equal: Scalar | None = Field(default=None, alias="distinto")
    one_of: tuple[Scalar, ...] | None = Field(default=None, alias="en", min_length=1)
    less_than: float | None = Field(default=None, alias="menor_que")
    at_least: float | None = Field(default=None, alias="mayor_o_igual")
    risk_bands: tuple[str, ...] | None = Field(default=None, alias="riesgo", min_length=1)
    min_probability: Probability | None = Field(default=None, alias="probabilidad_pago_min")
    max_probability: Probability | None = Field(default=None, alias="probabilidad_pago_max")

    @field_validator("risk_bands", mode="before")
    @classmethod
    def _known_bands(cls, value):
        if value is None:
            return None
        bands = [value] if isinstance(value, str) else value
        if not isinstance(bands, list | tuple):
            raise ValueError(f"'riesgo' lleva una banda o una lista de bandas: {_BAND_CHOICES}")
        for band in bands:
            if band not in RISK_BANDS:
                raise ValueError(f"valor no permitido {band!r}; opciones: {_BAND_CHOICES}")
        return bands

    @field_validator("max_probability")
    @classmethod
    def _above_min(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("min_probability")
        if value is not None and low is not None and value <= low:
            raise ValueError(f"'probabilidad_pago_max' ({value}) debe ser mayor que "
                             f"'probabilidad_pago_min' ({low})")
        return value

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        compared = [name for name in CONDITION_OPERATORS
                    if getattr(self, _OPERATOR_FIELDS[name]) is not None]
        if not self.on_risk:
            if self.column is None or len(compared) != 1:
                raise ValueError("cada condición lleva 'columna' y exactamente una comparación ("
                                 + ", ".join(CONDITION_OPERATORS) + "), o bien 'riesgo', o "
                                 "'probabilidad_pago_min' y/o 'probabilidad_pago_max'")
        elif self.column is not None or compared:
            raise ValueError("una condición es sobre una columna o sobre el riesgo, no sobre los "
                             "dos; escriba dos condiciones")
        elif self.risk_bands is not None and self.on_probability_range:
            raise ValueError("use 'riesgo' o 'probabilidad_pago_min'/'probabilidad_pago_max', no "
                             "los dos en la misma condición")
        return self

    @property
    def on_probability_range(self) -> bool:
        """True when the condition bounds the probability of paying."""
        return self.min_probability is not None or self.max_probability is not None

    @property
    def on_risk(self) -> bool:
        """True when the condition tests the risk score (band or probability range)."""
        return self.risk_bands is not None or self.on_probability_range

    @property
    def operator(self) -> str:
        """The Spanish name of the comparison of a column test (e.g. ``menor_que``)."""
        return next(name for name in CONDITION_OPERATORS
                    if getattr(self, _OPERATOR_FIELDS[name]) is not None)

    @property
    def value(self):
        """The value a column test compares against."""
        return getattr(self, _OPERATOR_FIELDS[self.operator])


#: The closed vocabulary of comparisons (no expressions are ever evaluated).
CONDITION_OPERATORS = ("igual", "distinto", "en", "menor_que", "mayor_o_igual")
_OPERATOR_FIELDS = {"igual": "equals", "distinto": "not_equal", "en": "one_of",
                    "menor_que": "less_than", "mayor_o_igual": "at_least"}


class Segment(_Spanish):
    """Accounts that meet every condition get these actions and, if given, this
    negotiation policy and these limits instead of the strategy's own."""

    name: str = Field(alias="nombre", min_length=1)
    conditions: tuple[Condition, ...] = Field(default=(), alias="condiciones")
    actions: tuple[Action, ...] = Field(default=(), alias="acciones")
    negotiation: Negotiation | None = Field(default=None, alias="negociacion")
    limits: Limits | None = Field(default=None, alias="limites")


#: Name of the segment formed by the strategy's top-level actions.
DEFAULT_SEGMENT = "resto"


class Strategy(_Spanish):
    """A whole collection policy: staff, negotiation rules and scheduled actions.

    Accounts go to the first segment whose conditions they meet; the rest get
    the top-level ``acciones``, ``negociacion`` and ``limites``.
    """

    name: str = Field(alias="nombre", min_length=1)
    description: str = Field(default="", alias="descripcion")
    resources: Resources = Field(default_factory=Resources, alias="recursos")
    negotiation: Negotiation = Field(default_factory=Negotiation, alias="negociacion")
    limits: Limits = Field(default_factory=Limits, alias="limites")
    segments: tuple[Segment, ...] = Field(default=(), alias="segmentos")
    actions: tuple[Action, ...] = Field(default=(), alias="acciones")
    _source_file: str | None = PrivateAttr(default=None)

    @property
    def source_file(self) -> str | None:
        """The YAML file this strategy was read from, for error messages."""
        return self._source_file

    @model_validator(mode="after")
    def _unique_segment_names(self) -> Strategy:
        names = [segment.name for segment in self.segments]
        if len(set(names)) != len(names) or DEFAULT_SEGMENT in names:
            raise ValueError(f"los nombres de segmento deben ser distintos y no '{DEFAULT_SEGMENT}'")
        return self

    def resolved_segments(self) -> tuple[Segment, ...]:
        """Every segment with its policy filled in, the catch-all one last."""
        fallback = Segment.model_validate({"nombre": DEFAULT_SEGMENT})
        fallback = fallback.model_copy(update={"actions": self.actions})
        return tuple(
            segment.model_copy(update={
                "negotiation": segment.negotiation or self.negotiation,
                "limits": segment.limits or self.limits,
            })
            for segment in (*self.segments, fallback)
        )


def yaml_keys() -> set[str]:
    """Every key a strategy file may use, for typo suggestions."""
    keys: set[str] = set()
    for model in (Strategy, Resources, Negotiation, Limits, Condition, Segment, Action):
        keys.update(field.alias or name for name, field in model.model_fields.items())
    return keys
