"""Country editions: the facts a scenario says in the learner's country, kept as data.

The course is written once, in Mexican Spanish and pesos; an edition (one YAML
file under ``editions/``) says how Colombia, Chile or Peru tell the same call:
how the phone is answered, which identity document and regulator exist, which
bureaus report, how money is written, and how much a story's pesos are worth
there. Hours, limits and holidays are not repeated here: ``paquete`` names the
compliance pack that holds them. Every edition names its sources and the date
they were read, and says it is a teaching model.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from decimal import Decimal
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.compliance.loader import available_packs
from simulator.errors import ComplianceError
from simulator.safe_yaml import parse_yaml, read_yaml_text
from simulator.spanish_input import Money
from simulator.yaml_lines import located_yaml, validate_located

__all__ = ["DEFAULT_EDITION", "PHRASES", "Edition", "available_editions", "load_edition"]

#: The edition the scenarios are written in.
DEFAULT_EDITION = "MX"
#: Phrases every edition must give, each a placeholder scenarios may use ("{saludo}").
#: Names carry their article or preposition because Spanish bends them: "a la CONDUSEF", "al SERNAC".
PHRASES = ("saludo", "documento", "autoridad", "la_autoridad", "La_autoridad", "a_la_autoridad",
           "autoridad_comercial", "la_autoridad_comercial", "a_autoridad_comercial",
           "a_la_autoridad_comercial", "a_los_buros", "nip", "el_nip")

Text = Annotated[str, Field(min_length=1)]
#: The signs that group thousands or mark the decimals in Latin America.
Separator = Literal[".", ","]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Currency(_Strict):
    """How the country writes and says money; ``codigos`` are the words a learner may type after an amount."""

    code: Text = Field(alias="codigo")
    typed: list[Text] = Field(alias="codigos", min_length=1)
    symbol: Text = Field(alias="simbolo")
    unit: Text = Field(alias="unidad")
    units: Text = Field(alias="unidades")
    cents: Text = Field(alias="centavos")
    thousands: Separator = Field(alias="miles")
    decimal: Separator = Field(alias="decimal")
    decimals: int = Field(alias="decimales", ge=0, le=2)

    @model_validator(mode="after")
    def _separators_differ(self) -> Currency:
        if self.thousands == self.decimal:
            raise ValueError("'miles' y 'decimal' deben ser signos distintos: uno agrupa miles y el otro "
                             "separa los centavos")
        return self


class Scale(_Strict):
    """What one Mexican peso of a story is worth in this edition, and how amounts are rounded."""

    per_peso: float = Field(alias="por_peso_mexicano", gt=0.0)
    round_to: float = Field(alias="redondeo", gt=0.0)
    as_of: dt.date = Field(alias="fecha")
    source: Text = Field(alias="fuente")


class Source(_Strict):
    """A public text the edition's facts come from."""

    title: Text = Field(alias="titulo")
    url: Text = Field(alias="url", pattern=r"^https://")


class Edition(_Strict):
    """One country's edition of the course (see the module docstring)."""

    code: str = Field(alias="codigo", pattern=r"^[A-Z]{2}$")
    country: Text = Field(alias="pais")
    pack: str = Field(alias="paquete")
    document: Text = Field(alias="documento")
    regulators: list[Text] = Field(alias="reguladores", min_length=1)
    complaint_route: Text = Field(alias="ruta_de_queja")
    bureaus: list[Text] = Field(alias="buros", min_length=1)
    bureau_notice: Text = Field(alias="aviso_antes_de_reportar")
    fee_rule: Text = Field(alias="gastos_de_cobranza")
    currency: Currency = Field(alias="moneda")
    scale: Scale = Field(alias="escala")
    phrases: dict[str, Text] = Field(alias="frases")
    sources: list[Source] = Field(alias="fuentes", min_length=1)
    written: dt.date = Field(alias="redactado")
    disclaimer: Text = Field(alias="aviso")

    @field_validator("pack")
    @classmethod
    def _known_pack(cls, code: str) -> str:
        if code not in available_packs():
            raise ValueError(f"no hay paquete de cumplimiento {code!r}; hay: {', '.join(available_packs())}")
        return code

    @field_validator("phrases")
    @classmethod
    def _every_phrase(cls, phrases: dict[str, str]) -> dict[str, str]:
        missing = [name for name in PHRASES if name not in phrases]
        if missing:
            raise ValueError(f"faltan frases: {', '.join(missing)} (cada edición da todas: "
                             f"{', '.join(PHRASES)})")
        extra = [name for name in phrases if name not in PHRASES]
        if extra:
            raise ValueError(f"frase desconocida {extra[0]!r}; las frases son: {', '.join(PHRASES)}")
        return phrases

    @field_validator("disclaimer")
    @classmethod
    def _teaching_model(cls, text: str) -> str:
        if "no asesoría legal" not in text:
            raise ValueError("el aviso debe decir que es un modelo didáctico, no asesoría legal")
        return text

    @property
    def money(self) -> Money:
        """The currency as :mod:`simulator.spanish_input` writes, says and reads it."""
        cur = self.currency
        return Money(symbol=cur.symbol, thousands=cur.thousands, decimal=cur.decimal, decimals=cur.decimals,
                     unit=cur.unit, units=cur.units, cents=cur.cents, codes=tuple(cur.typed))

    def scaled(self, pesos: float) -> float:
        """A story's amount in Mexican pesos as this edition tells it: converted and rounded as a
        collector would quote it (never to zero); the Mexican edition returns it untouched."""
        if self.scale.per_peso == 1.0 or not pesos:
            return pesos
        step = self.scale.round_to
        return float(max(step, round(pesos * self.scale.per_peso / step) * step))

    def scaled_amount(self, pesos: Decimal) -> Decimal:
        """:meth:`scaled` for an exact amount."""
        return Decimal(str(self.scaled(float(pesos))))


def _editions_dir() -> Traversable:
    return resources.files("simulator.compliance") / "editions"


def available_editions() -> list[str]:
    """Codes of the shipped editions, sorted, e.g. ``["CL", "CO", "MX", "PE"]``."""
    return sorted(entry.name[: -len(".yaml")].upper() for entry in _editions_dir().iterdir()
                  if entry.name.endswith(".yaml"))


def load_edition(code: str | os.PathLike[str] = DEFAULT_EDITION) -> Edition:
    """A shipped edition by country code, or any edition YAML by path.

    Raises:
        ComplianceError: unknown code, or a file that breaks the schema, located by
            file, line and field, in Spanish.
    """
    text = os.fspath(code)
    if isinstance(code, os.PathLike) or text.endswith((".yaml", ".yml")):
        return _parse(read_yaml_text(text, ComplianceError), text)
    return _load_shipped(text.strip().upper())


@functools.cache
def _load_shipped(code: str) -> Edition:
    codes = available_editions()
    if code not in codes:
        raise ComplianceError(f"no hay edición para el país {code!r}; ediciones: {', '.join(codes)}",
                              field="pais")
    resource = _editions_dir() / f"{code.lower()}.yaml"
    edition = _parse(resource.read_text(encoding="utf-8"), str(resource))
    if edition.code != code:
        raise ComplianceError(f"el archivo dice codigo {edition.code!r} pero se llama {code.lower()}.yaml",
                              file=str(resource), field="codigo")
    return edition


def _parse(text: str, file: str) -> Edition:
    root, data = parse_yaml(text, file, ComplianceError)
    return validate_located(Edition, located_yaml(root, data), ComplianceError, file,
                            known_keys=_keys())


@functools.cache
def _keys() -> tuple[str, ...]:
    """Every key an edition file may use, to suggest the intended one for a typo."""
    models = (Edition, Currency, Scale, Source)
    names = {field.alias or name for model in models for name, field in model.model_fields.items()}
    return tuple(sorted(names | set(PHRASES)))
