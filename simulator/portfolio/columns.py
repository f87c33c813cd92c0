"""Which header of a manager's file is which schema column: aliases and a mapping file.

Exports from a collections system say ``saldo``, ``Días de atraso`` or
``country``, not ``balance_mxn``. Every schema column therefore has Spanish and
English aliases, compared without case, accents, spaces or punctuation; what an
alias cannot guess, a small YAML file maps by hand (``--columnas mapa.yaml``),
which may also settle the decimal separator of a file whose numbers do not
show it::

    columnas:
      Saldo Total: balance_mxn
      Fecha de corte: billing_day
    separador_decimal: ","

A header is matched, strongest first, by the mapping file, by the schema name
itself, then by an alias; two headers claiming one column at the same strength
are refused, never resolved by guessing.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from simulator.errors import PortfolioError
from simulator.yaml_lines import load_located_yaml, spanish_message, validate_located

__all__ = ["ALIASES", "OPTIONAL_ALIASES", "ColumnMap", "MissingColumnsError", "header_key", "load_column_map",
           "match_columns", "plain_text"]

#: Other names of every required schema column (in schema order), as :func:`header_key` writes them.
ALIASES: dict[str, tuple[str, ...]] = {
    "account_id": ("cuenta", "id_cuenta", "numero_de_cuenta", "numero_cuenta", "num_cuenta",
                   "no_cuenta", "folio", "id_credito", "credito", "account", "account_number", "id"),
    "balance_mxn": ("saldo", "saldo_mxn", "saldo_pendiente", "saldo_total", "saldo_insoluto",
                    "adeudo", "adeudo_total", "deuda", "balance", "outstanding_balance"),
    "days_past_due": ("dias_atraso", "dias_de_atraso", "dias_mora", "dias_de_mora", "dias_vencidos",
                      "atraso", "mora", "dpd", "days_overdue", "days_late"),
    "instalment_mxn": ("cuota", "cuota_mxn", "cuota_mensual", "cuota_periodica", "mensualidad",
                       "pago_periodico", "installment", "installment_mxn", "instalment",
                       "monthly_payment"),
    "income_cycle": ("ciclo_ingreso", "ciclo_de_ingreso", "ciclo_de_ingresos", "frecuencia_ingreso",
                     "frecuencia_de_ingreso", "periodicidad_ingreso", "frecuencia_nomina",
                     "pay_frequency", "income_frequency"),
    "payday": ("dia_cobro", "dia_de_cobro", "dia_nomina", "dia_de_nomina", "dia_de_ingreso",
               "pay_day", "salary_day"),
    "billing_day": ("dia_vencimiento", "dia_de_vencimiento", "dia_limite_pago", "dia_limite_de_pago",
                    "vencimiento", "due_day", "billing_date"),
    "phone_valid": ("telefono_valido", "tel_valido", "tiene_telefono", "valid_phone", "has_phone"),
    "whatsapp_opt_in": ("whatsapp", "acepta_whatsapp", "whatsapp_autorizado",
                        "consentimiento_whatsapp", "opt_in_whatsapp", "whatsapp_optin"),
    "email_valid": ("correo_valido", "email_valido", "tiene_correo", "tiene_email", "valid_email",
                    "has_email"),
    "address_valid": ("domicilio_valido", "direccion_valida", "tiene_domicilio", "valid_address",
                      "has_address"),
    "jurisdiction": ("pais", "jurisdiccion", "codigo_pais", "pais_iso", "country", "country_code"),
}
#: Other names of the optional columns: a file may leave them out (see the schema).
OPTIONAL_ALIASES: dict[str, tuple[str, ...]] = {
    "credit_limit_mxn": ("limite_de_credito", "limite_credito", "linea_de_credito", "linea_credito",
                         "limite", "credit_limit", "limit"),
    "months_late_3m": ("meses_con_atraso_3m", "meses_con_atraso", "meses_atraso_3m",
                       "meses_con_atraso_ultimos_3", "months_late", "months_late_last_3"),
    "months_no_use_3m": ("meses_sin_consumo_3m", "meses_sin_consumo", "meses_sin_uso_3m", "meses_sin_uso",
                         "meses_sin_consumo_ultimos_3", "months_no_use", "months_inactive_3m"),
}
_ALL_ALIASES = {**ALIASES, **OPTIONAL_ALIASES}
_SCHEMA_NAMES = tuple(_ALL_ALIASES)
_BY_KEY = {alias: name for name, aliases in _ALL_ALIASES.items() for alias in aliases}
#: Strength of a match: mapping file, schema name, alias.
_MAPPED, _EXACT, _ALIAS = range(3)
_HOW = {_MAPPED: "el archivo de columnas las asigna", _EXACT: "ambas se llaman así",
        _ALIAS: "ambas son nombres conocidos de esa columna"}


def plain_text(text: str) -> str:
    """Lower-case, trimmed, accent-free form (``Sí`` -> ``si``) for comparing words."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def header_key(text: str) -> str:
    """``Días de atraso`` -> ``dias_de_atraso``: :func:`plain_text` with ``_`` between words."""
    return re.sub(r"[^0-9a-z]+", "_", plain_text(text)).strip("_")


class MissingColumnsError(PortfolioError):
    """Required columns that no header matched; carries what a mapping step needs.

    Attributes:
        missing: schema names without a header, in schema order.
        headers: the file's headers that matched no schema column.
    """

    def __init__(self, message: str, *, missing: Sequence[str] = (), headers: Sequence[str] = (),
                 **where) -> None:
        self.missing, self.headers = tuple(missing), tuple(headers)
        super().__init__(message, **where)


class _MapFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # The names come from ALIASES at import, which pydantic reads but a checker cannot.
    columnas: dict[str, Literal[_SCHEMA_NAMES]] = {}  # type: ignore[valid-type]
    separador_decimal: Literal[".", ","] | None = None


@dataclass(frozen=True)
class ColumnMap:
    """File header -> schema column, from a mapping file or from Python.

    Attributes:
        columns: header as written -> schema column name.
        file: the mapping file, for messages (None when given in Python).
        lines: header -> line of the mapping file.
        decimal: the file's decimal separator (``.`` or ``,``) when its numbers
            do not show it; None lets the numbers decide.
    """

    columns: dict[str, str] = field(default_factory=dict)
    file: str | None = None
    lines: dict[str, int | None] = field(default_factory=dict)
    decimal: str | None = None

    def error(self, message: str, header: str) -> PortfolioError:
        return PortfolioError(message, file=self.file, line=self.lines.get(header),
                              field=f"columnas.{header}")


def load_column_map(source: str | os.PathLike[str] | Mapping[str, str] | ColumnMap | None) -> ColumnMap:
    """A validated :class:`ColumnMap` from a YAML path, a dict or nothing.

    Raises:
        PortfolioError: the file cannot be read, a key is unknown, a value is no
            schema column, or two headers get the same column; with file, line, field.
    """
    if source is None or isinstance(source, ColumnMap):
        return source or ColumnMap()
    if isinstance(source, Mapping):
        try:
            columns = _MapFile.model_validate({"columnas": dict(source)}).columnas
        except ValidationError as exc:
            first = exc.errors()[0]
            raise PortfolioError(spanish_message(first), field=".".join(map(str, first["loc"]))) from None
        result = ColumnMap(dict(columns))
    else:
        file = str(source)
        located = load_located_yaml(source, PortfolioError)
        model = validate_located(_MapFile, located, PortfolioError, file,
                                 known_keys=tuple(_MapFile.model_fields))
        result = ColumnMap(dict(model.columnas), file,
                           {h: located.line_of(("columnas", h)) for h in model.columnas},
                           model.separador_decimal)
    taken: dict[str, str] = {}
    for header, name in result.columns.items():
        if name in taken:
            raise result.error(f"la columna '{name}' ya está asignada al encabezado '{taken[name]}'; "
                               "cada columna del simulador recibe un solo encabezado", header)
        taken[name] = header
    return result


def match_columns(headers: Sequence[str], column_map: ColumnMap, file: str, note: str = "",
                  **where) -> tuple[list[str], dict[str, str]]:
    """New names for the file's headers: schema names where they match, the rest as written.

    Args:
        headers: the header row as read.
        note: appended to the missing-columns message (e.g. the delimiter found).
        where: location keywords of the header row for errors (``row``, ``sheet``).

    Returns:
        The new name of each header, and schema column -> the header it came
        from (what error messages call the column).

    Raises:
        MissingColumnsError: required columns that nothing matched.
        PortfolioError: a header twice, two headers for one column, or a mapped
            header that is not in the file.
    """
    names = [str(h).strip() or f"sin_nombre_{i + 1}" for i, h in enumerate(headers)]
    _check_unique(names, names, file, where)
    mapped = {header_key(h): name for h, name in column_map.columns.items()}
    found: dict[str, list[tuple[int, int]]] = {}  # schema name -> (strength, header index)
    for index, header in enumerate(names):
        key = header_key(header)
        hit = next(((strength, name) for strength, name in (
            (_MAPPED, mapped.get(key)), (_EXACT, key if key in _ALL_ALIASES else None),
            (_ALIAS, _BY_KEY.get(key))) if name is not None), None)
        if hit is not None:
            strength, name = hit
            found.setdefault(name, []).append((strength, index))
    claims: dict[str, int] = {}  # schema name -> index of the header that gets it
    for name, candidates in found.items():
        best = min(candidates)[0]
        first, *others = [index for strength, index in candidates if strength == best]
        if others:
            raise PortfolioError(
                f"Las columnas '{names[first]}' y '{names[others[0]]}' son ambas '{name}' "
                f"({_HOW[best]}); deje una sola o indique cuál usar con un archivo de columnas "
                "(--columnas).", file=file, field=names[others[0]], **where)
        claims[name] = first
    new = list(names)
    for name, index in claims.items():
        new[index] = name
    _check_unique(new, names, file, where)
    _check_map_used(column_map, names)
    missing = [name for name in ALIASES if name not in claims]
    if missing:
        taken = set(claims.values())
        raise _missing_error(missing, [h for i, h in enumerate(names) if i not in taken], file, note,
                             where)
    return new, {name: names[index] for name, index in claims.items()}


def _check_unique(new: list[str], names: list[str], file: str, where: dict) -> None:
    seen: dict[str, int] = {}
    for index, name in enumerate(new):
        if name in seen:
            first = names[seen[name]]
            also = "" if first == names[index] else f" (como '{first}' y '{names[index]}')"
            raise PortfolioError(f"La columna '{name}' aparece dos veces en los encabezados{also}; "
                                 "cada columna debe aparecer una sola vez.",
                                 file=file, field=name, **where)
        seen[name] = index


def _check_map_used(column_map: ColumnMap, names: list[str]) -> None:
    keys = {header_key(h) for h in names}
    for header in column_map.columns:
        if header_key(header) not in keys:
            found = ", ".join(f"'{n}'" for n in names)
            raise column_map.error(f"el encabezado '{header}' no está en la cartera; encabezados de la "
                                   f"cartera: {found}", header)


def _missing_error(missing: list[str], free: list[str], file: str, note: str,
                   where: dict) -> MissingColumnsError:
    """The error for columns nothing matched, each free header suggested at most once."""
    scores = sorted(((max(difflib.SequenceMatcher(None, header_key(h), alias).ratio()
                          for alias in (name, *ALIASES[name])), name, h)
                     for name in missing for h in free), reverse=True)
    suggested: dict[str, str] = {}
    for score, name, header in scores:
        if score >= 0.6 and name not in suggested and header not in suggested.values():
            suggested[name] = header
    parts = [f"'{name}'" + (f" (¿es '{suggested[name]}'?)" if name in suggested else "")
             for name in missing]
    what = "Faltan las columnas obligatorias" if parts[1:] else "Falta la columna obligatoria"
    found = ", ".join(f"'{h}'" for h in free) or "ninguno"
    return MissingColumnsError(
        f"{what} {', '.join(parts)}. Encabezados sin asignar: {found}{note}. Renombre los encabezados o "
        "indique cuál es cuál con un archivo de columnas (--columnas mapa.yaml; ver docs/cartera.md).",
        missing=missing, headers=free, file=file, field=missing[0], **where)
