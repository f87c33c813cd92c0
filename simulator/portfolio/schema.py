"""Portfolio schema and loader: the one door through which accounts enter.

Managers export their portfolio from Excel, so the loader accepts what Excel
writes: CSV in its encodings (:mod:`.csv_text`) or a workbook
(:mod:`.workbook`), headers in Spanish or English (:mod:`.columns`), numbers
in either decimal convention, one per file (:mod:`.numbers`), ``VERDADERO``.
Every other problem becomes one :class:`~simulator.errors.PortfolioError`
naming the spreadsheet row (header = row 1) and column. Validation is
vectorised so a million-row file loads in seconds; when several checks fail,
the error reported is the one on the smallest row (ties: schema column order),
so fixing errors top to bottom is always possible. The optional columns
(:data:`OPTIONAL_COLUMNS`: repayment history the risk score reads) may be left
out; when a file has one, it is checked like a required column. The engine
trusts the returned frame and does not re-check it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.buckets import BUCKET_EDGES_DAYS, BUCKET_NAMES
from simulator.calendar import IncomeCycle
from simulator.errors import PortfolioError
from simulator.portfolio.columns import ColumnMap, load_column_map, match_columns, plain_text
from simulator.portfolio.csv_text import ZIP_MAGIC, decode, delimiter, header_row, read_cells
from simulator.portfolio.numbers import FileNumbers, read_numbers
from simulator.portfolio.workbook import read_sheet

__all__ = [
    "BUCKETS", "BUCKET_DAYS", "COLUMNS", "Column", "JURISDICTIONS",
    "MAX_DAYS_PAST_DUE", "OPTIONAL_COLUMNS", "PAYDAY_RANGES", "REQUIRED_COLUMNS", "bucket_of",
    "load_portfolio", "portfolio_from_bytes",
]

#: Last valid days past due; at 180 an account is written off (castigo).
MAX_DAYS_PAST_DUE = 179
#: Delinquency bands (tramos), in order; the same labels as :mod:`simulator.buckets`.
BUCKETS = BUCKET_NAMES
#: Inclusive ``(first, last)`` days past due of each bucket.
BUCKET_DAYS = {"al_corriente": (0, 0), "1-30": (1, 30), "31-60": (31, 60), "61-90": (61, 90),
               "90+": (91, MAX_DAYS_PAST_DUE)}
#: Inclusive payday range per income cycle (semanal: weekday, 0 = Monday).
PAYDAY_RANGES = {IncomeCycle.SEMANAL: (0, 6), IncomeCycle.QUINCENAL: (1, 15), IncomeCycle.MENSUAL: (1, 31)}
JURISDICTIONS = ("MX", "CO", "CL", "PE", "US", "EC")

_BOOL_WORDS = {**dict.fromkeys(("1", "true", "verdadero", "si", "yes"), 1),
               **dict.fromkeys(("0", "false", "falso", "no"), 0)}


@dataclass(frozen=True)
class Column:
    """One schema column: its exact name, output dtype and rule (Spanish)."""

    name: str
    dtype: str
    rule: str


COLUMNS = (
    Column("account_id", "str", "identificador de la cuenta; no vacío y único"),
    Column("balance_mxn", "float64", "saldo pendiente en pesos; mayor que 0"),
    Column("days_past_due", "int64", f"días de atraso; entero de 0 a {MAX_DAYS_PAST_DUE}"),
    Column("instalment_mxn", "float64", "cuota de cada periodo de facturación en pesos; > 0"),
    Column("income_cycle", "str", "ciclo de ingreso del titular: semanal, quincenal o mensual"),
    Column("payday", "int64", "día de cobro: semanal 0-6 (0 = lunes); quincenal 1-15 (ese día "
           "y 15 días después); mensual 1-31"),
    Column("billing_day", "int64", "día del mes en que vence la cuota; entero de 1 a 28"),
    Column("phone_valid", "bool", "teléfono válido: 1/0, sí/no, true/false, verdadero/falso"),
    Column("whatsapp_opt_in", "bool", "aceptó contacto por WhatsApp: mismos valores"),
    Column("email_valid", "bool", "correo válido: mismos valores"),
    Column("address_valid", "bool", "domicilio válido: mismos valores"),
    Column("jurisdiction", "str", "país cuyas reglas aplican: " + ", ".join(JURISDICTIONS)),
)
REQUIRED_COLUMNS = tuple(c.name for c in COLUMNS)
#: Columns a file may leave out: the repayment history the risk score reads.
OPTIONAL_COLUMNS = (
    Column("credit_limit_mxn", "float64", "límite de crédito en pesos; mayor que 0"),
    Column("months_late_3m", "int64", "cuántos de los 3 estados de cuenta anteriores al actual "
           "cerraron con atraso; entero de 0 a 3"),
    Column("months_no_use_3m", "int64", "cuántos de los últimos 3 estados de cuenta, incluido el "
           "actual, cerraron sin consumo (la tarjeta no se usó); entero de 0 a 3"),
)
_BUCKET_LABELS = np.array(BUCKETS, dtype=object)
#: A mapping YAML path, a dict of file header -> schema column, or nothing.
ColumnSource = str | os.PathLike | Mapping[str, str] | ColumnMap | None
_BUCKET_EDGES = np.array(BUCKET_EDGES_DAYS)
#: Inclusive ranges checked directly (payday depends on the cycle; money must be > 0).
_RANGES = {
    "days_past_due": (0, MAX_DAYS_PAST_DUE, " (días de atraso; con 180 o más la cuenta ya "
                      "estaría castigada y debe salir de la cartera)"),
    "billing_day": (1, 28, " (día del mes en que vence la cuota; para fin de mes use 28)"),
    "months_late_3m": (0, 3, " (meses con atraso en los 3 estados de cuenta anteriores al actual)"),
    "months_no_use_3m": (0, 3, " (meses sin consumo en los últimos 3 estados de cuenta, incluido el "
                         "actual)"),
}


def bucket_of(days_past_due) -> np.ndarray:
    """Bucket label of each days-past-due value, vectorised.

    Args:
        days_past_due: integer days, scalar or array-like, assumed 0..179.

    Returns:
        Object array of labels from :data:`BUCKETS`, same shape as the input
        (a plain label for a scalar input).
    """
    days = np.floor(np.asarray(days_past_due))
    return _BUCKET_LABELS[np.searchsorted(_BUCKET_EDGES, days, side="left")]


def load_portfolio(path: str | os.PathLike, columns: ColumnSource = None) -> pd.DataFrame:
    """Read and validate a portfolio file.

    Args:
        path: a CSV (comma, semicolon or tab; decimal point or comma, decided
            once for the whole file; UTF-8 with or without BOM, or UTF-16) or
            an Excel workbook (``.xlsx``, first sheet, header in row 1),
            recognised by its content rather than its name.
        columns: which header is which schema column when aliases do not
            tell: a mapping YAML path (see :mod:`simulator.portfolio.columns`)
            or a dict of file header -> schema column.

    Returns:
        One row per account, required columns first in :data:`COLUMNS` order
        and dtypes, then the optional columns the file has (same order as
        :data:`OPTIONAL_COLUMNS`, typed), then any extra columns as text, on a
        ``RangeIndex``.
        Fully blank rows (Excel leaves them at the end) are skipped.

    Raises:
        PortfolioError: the first problem found, with ``row`` as the
            spreadsheet row (header = 1) and ``field`` as the column's header.
    """
    file = str(path)
    column_map = load_column_map(columns)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        why = {FileNotFoundError: "No se encontró el archivo; revise la ruta y el nombre.",
               IsADirectoryError: "La ruta es una carpeta; se esperaba un archivo CSV o .xlsx.",
               PermissionError: "No hay permiso para leer el archivo."}
        message = why.get(type(exc), f"No se pudo leer el archivo (error del sistema número {exc.errno}).")
        raise PortfolioError(message, file=file) from None
    return portfolio_from_bytes(raw, file, column_map)


def portfolio_from_bytes(data: bytes, file: str, columns: ColumnSource = None) -> pd.DataFrame:
    """:func:`load_portfolio` on a file's bytes (an upload); errors name ``file``."""
    column_map = load_column_map(columns)
    sheet_name, typed, rows = None, None, None
    if data.startswith(ZIP_MAGIC):
        sheet = read_sheet(data, file)
        sheet_name, typed, rows = sheet.name, sheet.typed, sheet.rows
        names, labels = match_columns(sheet.headers, column_map, file, row=1, sheet=sheet.name)
        frame = sheet.cells.set_axis(names, axis=1)
    else:
        text = decode(data, file)
        if not text.strip():
            raise PortfolioError("El archivo está vacío; se esperaba una fila de encabezados y al "
                                 "menos una cuenta.", file=file)
        sep = delimiter(text.split("\n", 1)[0])
        shown = {"\t": "tabulador"}.get(sep, sep)
        names, labels = match_columns(header_row(text, sep, file), column_map, file,
                                      note=f" (separador detectado: «{shown}»)", row=1)
        frame = read_cells(text, sep, names, file)

    rows = np.arange(len(frame)) + 2 if rows is None else rows
    maybe_blank = _strip(frame["account_id"].to_numpy(object)) == ""
    if maybe_blank.any():
        blank = maybe_blank.copy()
        blank[maybe_blank] = (frame[maybe_blank].apply(lambda c: c.str.strip()) == "").all(axis=1)
        frame, rows = frame[~blank].reset_index(drop=True), rows[~blank]
        typed = None if typed is None else typed[~blank]
    if frame.empty:
        raise PortfolioError("El archivo solo tiene la fila de encabezados; no hay cuentas.",
                             file=file, sheet=sheet_name)
    present = COLUMNS + tuple(c for c in OPTIONAL_COLUMNS if c.name in names)
    numeric = [c.name for c in present if c.dtype in ("int64", "float64")]
    numbers = None if typed is None else {name: typed[:, names.index(name)] for name in numeric}
    return _Validator(frame, rows, file, labels, numbers, sheet_name, column_map.decimal, present).run()


class _Validator:
    """Converts the all-text frame column by column, remembering the earliest problem."""

    def __init__(self, frame: pd.DataFrame, rows: np.ndarray, file: str, labels: dict[str, str],
                 typed: dict[str, np.ndarray] | None, sheet: str | None, decimal: str | None,
                 columns: tuple[Column, ...]):
        self.frame, self.rows, self.file, self.labels, self.sheet = frame, rows, file, labels, sheet
        self.columns = columns
        self.text = {c.name: frame[c.name].to_numpy(object) for c in columns}
        numeric = [c.name for c in columns if c.dtype in ("int64", "float64")]
        self.numbers = FileNumbers({name: self.text[name] for name in numeric}, rows, typed, decimal)
        self.problems: list[tuple[int, int, str, str]] = []

    def flag(self, bad: np.ndarray, field: str, message: Callable[[int], str]) -> None:
        """Record the first ``bad`` position of one check; ``message`` gets its index."""
        if bad.any():
            i = int(np.argmax(bad))
            order = len(self.problems)  # ties on a row: earlier checks (schema order) win
            self.problems.append((int(self.rows[i]), order, self.labels[field], message(i)))

    def cell(self, name: str, i: int) -> str:
        return str(self.text[name][i]).strip()

    def run(self) -> pd.DataFrame:
        out: dict[str, np.ndarray] = {}
        for column in self.columns:
            name, dtype = column.name, column.dtype
            if name == "account_id":
                out[name] = self.account_ids()
            elif dtype in ("int64", "float64"):
                out[name] = self.number(name, integer=dtype == "int64")
                self.bounds(name, out[name])
            elif dtype == "bool":
                out[name] = self.category(name, _BOOL_WORDS, plain_text,
                                          "sí/no, 1/0, true/false o verdadero/falso") == 1
            elif name == "income_cycle":
                out[name] = self.category(name, {c.value: c.value for c in IncomeCycle},
                                          plain_text, "semanal, quincenal o mensual")
            else:
                out[name] = self.category(name, {j: j for j in JURISDICTIONS},
                                          lambda v: v.strip().upper(), ", ".join(JURISDICTIONS))
        self.payday(out["income_cycle"], out["payday"])
        self.flag(out["instalment_mxn"] > out["balance_mxn"], "instalment_mxn", lambda i: (
            f"La cuota ({self.cell('instalment_mxn', i)}) es mayor que el saldo "
            f"({self.cell('balance_mxn', i)}, columna '{self.labels['balance_mxn']}'); la cuota de un "
            "periodo no puede pasar de lo que se debe. Revise que las dos columnas no estén "
            "invertidas."))
        if self.problems:
            row, _, field, message = min(self.problems)
            raise PortfolioError(message, file=self.file, row=row, field=field, sheet=self.sheet)
        result = pd.DataFrame({c.name: pd.Series(out[c.name], dtype="str") if c.dtype == "str"
                               else np.asarray(out[c.name]).astype(c.dtype) for c in self.columns})
        extras = self.frame.drop(columns=[c.name for c in self.columns]).reset_index(drop=True)
        return pd.concat([result, extras], axis=1)

    def account_ids(self) -> np.ndarray:
        ids = _strip(self.text["account_id"])
        empty = ids == ""
        self.flag(empty, "account_id", lambda i: "El identificador de cuenta está vacío; cada "
                                                 "fila necesita un account_id único.")

        def duplicate(i: int) -> str:
            first = int(np.argmax(ids == ids[i]))
            return (f"La cuenta '{ids[i]}' está repetida: aparece en las filas "
                    f"{self.rows[first]} y {self.rows[i]}; cada account_id debe ser único.")

        self.flag(pd.Series(ids).duplicated().to_numpy() & ~empty, "account_id", duplicate)
        return ids

    def number(self, name: str, integer: bool) -> np.ndarray:
        values = read_numbers(self.text[name], self.numbers.kinds[name], self.numbers.convention)
        breaks = self.numbers.breaks(name)
        self.flag(breaks, name, lambda i: self.numbers.why(name, i, lambda cell: (
            f"la fila {self.rows[cell.index]}, columna '{self.labels[cell.column]}'")))
        empty = np.isnan(values)
        empty[empty] = _strip(self.text[name][empty]) == ""
        kind = "un número entero" if integer else "un número"
        self.flag(empty, name, lambda i: f"La celda está vacía; se esperaba {kind}.")
        self.flag(np.isnan(values) & ~empty & ~breaks, name,
                  lambda i: f"Se encontró '{self.cell(name, i)}' y se esperaba {kind}.")
        if integer:
            self.flag(~np.isnan(values) & (values % 1 != 0), name,
                      lambda i: f"Se encontró '{self.cell(name, i)}' y se esperaba un número "
                                "entero, sin decimales.")
        return values

    def bounds(self, name: str, values: np.ndarray) -> None:
        """Flag a number outside its column's range (``_RANGES``), or an amount not above 0
        (paydays: :meth:`payday`)."""
        if name in _RANGES:
            low, high, why = _RANGES[name]
            self.flag((values < low) | (values > high), name, lambda i: (
                f"Se encontró {self.cell(name, i)} y se esperaba un entero de {low} a {high}{why}."))
        elif name != "payday":
            self.flag(values <= 0, name, lambda i: (
                f"Se encontró '{self.cell(name, i)}' y se esperaba un monto mayor que 0 pesos."))

    def payday(self, cycles: np.ndarray, paydays: np.ndarray) -> None:
        bad = np.zeros(len(paydays), dtype=bool)
        for cycle, (low, high) in PAYDAY_RANGES.items():
            bad |= (cycles == cycle) & ((paydays < low) | (paydays > high))
        hint = {IncomeCycle.SEMANAL: "de 0 (lunes) a 6 (domingo)", IncomeCycle.MENSUAL: "de 1 a 31",
                IncomeCycle.QUINCENAL: "de 1 a 15 (cobra ese día y 15 días después)"}
        self.flag(bad, "payday", lambda i: (
            f"Para el ciclo {cycles[i]} el día de cobro va {hint[cycles[i]]}; se encontró "
            f"{self.cell('payday', i)}."))

    def category(self, name: str, allowed: dict, norm: Callable, expected: str) -> np.ndarray:
        """Normalise each distinct value once; unknown ones are flagged."""
        codes, uniques = pd.factorize(self.text[name])
        mapped = [allowed.get(norm(u)) for u in uniques] + [None]
        self.flag(~np.array([m is not None for m in mapped])[codes], name,
                  lambda i: f"Se encontró '{self.cell(name, i)}' y se esperaba {expected}.")
        return np.array(mapped, dtype=object)[codes]


def _strip(text: np.ndarray) -> np.ndarray:
    """Trimmed copy of an object array of strings (faster than the ``.str`` accessor)."""
    return np.array([value.strip() for value in text], dtype=object)
