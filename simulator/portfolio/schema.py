"""Portfolio CSV schema and loader: the one door through which accounts enter.

Managers export their portfolio from Excel, so the loader accepts what Excel
writes (UTF-8 BOM, semicolon separator with decimal comma, ``VERDADERO``) and
turns every other problem into one :class:`~simulator.errors.PortfolioError`
naming the spreadsheet row (header = row 1) and column. Validation is
vectorised so a million-row file loads in seconds; when several checks fail,
the error reported is the one on the smallest row (ties: schema column order),
so fixing errors top to bottom is always possible. The engine trusts the
returned frame and does not re-check it.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.buckets import BUCKET_EDGES_DAYS, BUCKET_NAMES
from simulator.errors import PortfolioError

__all__ = [
    "BUCKETS", "BUCKET_DAYS", "COLUMNS", "Column", "INCOME_CYCLES", "JURISDICTIONS",
    "MAX_DAYS_PAST_DUE", "PAYDAY_RANGES", "REQUIRED_COLUMNS", "bucket_of", "load_portfolio",
]

#: Last valid days past due; at 180 an account is written off (castigo).
MAX_DAYS_PAST_DUE = 179
#: Delinquency bands (tramos), in order; the same labels as :mod:`simulator.buckets`.
BUCKETS = BUCKET_NAMES
#: Inclusive ``(first, last)`` days past due of each bucket.
BUCKET_DAYS = {"al_corriente": (0, 0), "1-30": (1, 30), "31-60": (31, 60), "61-90": (61, 90),
               "90+": (91, MAX_DAYS_PAST_DUE)}
INCOME_CYCLES = ("semanal", "quincenal", "mensual")
#: Inclusive payday range per income cycle (semanal: weekday, 0 = Monday).
PAYDAY_RANGES = {"semanal": (0, 6), "quincenal": (1, 15), "mensual": (1, 31)}
JURISDICTIONS = ("MX", "CO", "CL", "PE", "US", "EC")

_BOOL_WORDS = {**dict.fromkeys(("1", "true", "verdadero", "si", "yes"), 1),
               **dict.fromkeys(("0", "false", "falso", "no"), 0)}


@dataclass(frozen=True)
class Column:
    """One required column: its exact name, output dtype and rule (Spanish)."""

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
_BUCKET_LABELS = np.array(BUCKETS, dtype=object)
_GROUPED_DOT = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d*)?")
_GROUPED_COMMA = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_BUCKET_EDGES = np.array(BUCKET_EDGES_DAYS)
#: Inclusive ranges checked directly (payday depends on the cycle; money must be > 0).
_RANGES = {
    "days_past_due": (0, MAX_DAYS_PAST_DUE, " (días de atraso; con 180 o más la cuenta ya "
                      "estaría castigada y debe salir de la cartera)"),
    "billing_day": (1, 28, " (día del mes en que vence la cuota; para fin de mes use 28)"),
}

_UTF8_HELP = ("Guárdelo como UTF-8: en Excel, Archivo > Guardar como > «CSV UTF-8 (delimitado "
              "por comas) (*.csv)»; en LibreOffice, marque «Editar configuración del filtro» y "
              "elija «Unicode (UTF-8)».")


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


def load_portfolio(path: str | os.PathLike) -> pd.DataFrame:
    """Read and validate a portfolio CSV.

    Args:
        path: CSV file, comma-separated with decimal point, or Excel's
            Latin-American flavour (semicolon with decimal comma), UTF-8 with
            or without BOM.

    Returns:
        One row per account, required columns first in :data:`COLUMNS` order
        and dtypes, then any extra columns as text, on a ``RangeIndex``.
        Fully blank rows (Excel leaves them at the end) are skipped.

    Raises:
        PortfolioError: the first problem found, with ``row`` as the
            spreadsheet row (header = 1) and ``field`` as the column.
    """
    file = str(path)
    text = _read_text(Path(path), file)
    if not text.strip():
        raise PortfolioError("El archivo está vacío; se esperaba una fila de encabezados y al "
                             "menos una cuenta.", file=file)
    sep = _separator(text.split("\n", 1)[0])
    names = _column_names(text, sep, file)
    frame = _read_table(text, sep, names, file)

    rows = np.arange(len(frame)) + 2
    maybe_blank = _strip(frame["account_id"].to_numpy(object)) == ""
    if maybe_blank.any():
        blank = maybe_blank.copy()
        blank[maybe_blank] = (frame[maybe_blank].apply(lambda c: c.str.strip()) == "").all(axis=1)
        frame, rows = frame[~blank].reset_index(drop=True), rows[~blank]
    if frame.empty:
        raise PortfolioError("El archivo solo tiene la fila de encabezados; no hay cuentas.",
                             file=file)
    return _Validator(frame, rows, file, decimal_comma=sep == ";").run()


def _separator(header: str) -> str:
    """``;`` for Excel's Latin-American flavour (decimal comma), else ``,``."""
    return ";" if header.count(";") > header.count(",") else ","


def _read_text(path: Path, file: str) -> str:
    """File contents as text, or a PortfolioError saying why they cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        why = {FileNotFoundError: "No se encontró el archivo; revise la ruta y el nombre.",
               IsADirectoryError: "La ruta es una carpeta; se esperaba un archivo CSV."}
        message = why.get(type(exc), f"No se pudo leer el archivo ({exc.strerror}).")
        raise PortfolioError(message, file=file) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        field = _field_at(raw, line_start, exc.start) if row > 1 else None
        raise PortfolioError(
            f"El archivo no está en UTF-8: el byte 0x{raw[exc.start]:02X} no es UTF-8 válido "
            "(suele ser una «ñ» o una vocal con acento guardada como ANSI/Latin-1). " + _UTF8_HELP,
            file=file, row=row, field=field) from None


def _field_at(raw: bytes, line_start: int, pos: int) -> str | None:
    """Header name of the column holding byte ``pos`` (best effort, ignores quotes)."""
    header = raw[: raw.find(b"\n")].decode("utf-8", errors="replace").rstrip("\r")
    sep = _separator(header)
    names = header.split(sep)
    index = raw.count(sep.encode(), line_start, pos)
    return names[index].strip().strip('"') if index < len(names) else None


def _column_names(text: str, sep: str, file: str) -> list[str]:
    """Header names with required ones spelt canonically; checks they are all there."""
    try:
        header = next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=sep), [])
    except csv.Error:
        raise PortfolioError("No se pudo leer la fila de encabezados; revise comillas y "
                             "separadores.", file=file, row=1) from None
    names = [h.strip() for h in header]
    canonical = {n.lower(): n for n in REQUIRED_COLUMNS}
    names = [canonical.get(n.lower(), n) for n in names]
    names = [n or f"sin_nombre_{i + 1}" for i, n in enumerate(names)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise PortfolioError(f"La columna '{name}' aparece dos veces en los encabezados; "
                                 "cada columna debe aparecer una sola vez.",
                                 file=file, row=1, field=name)
        seen.add(name)
    missing = [n for n in REQUIRED_COLUMNS if n not in seen]
    if missing:
        others = [n for n in names if n not in canonical.values()]
        parts = []
        for name in missing:
            close = difflib.get_close_matches(name, others, n=1, cutoff=0.6)
            parts.append(f"'{name}'" + (f" (¿es '{close[0]}'? renómbrela)" if close else ""))
        what = "Faltan las columnas obligatorias" if parts[1:] else "Falta la columna obligatoria"
        found = ", ".join(f"'{n}'" for n in names)
        raise PortfolioError(f"{what} {', '.join(parts)}. Encabezados encontrados: {found} "
                             f"(separador detectado: «{sep}»).", file=file, row=1, field=missing[0])
    return names


def _read_table(text: str, sep: str, names: list[str], file: str) -> pd.DataFrame:
    """Every cell as text; malformed lines become a PortfolioError with their row."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                io.StringIO(text), sep=sep, header=0, names=names, index_col=False,
                dtype=str, na_filter=False, skip_blank_lines=False, engine="c",
            )
    except pd.errors.ParserWarning:
        raise PortfolioError(f"La fila tiene más valores que encabezados ({len(names)}); revise "
                             "separadores de más o números con coma sin comillas.",
                             file=file, row=2) from None
    except pd.errors.ParserError as exc:
        message = str(exc)
        if match := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message):
            expected, line, saw = (int(g) for g in match.groups())
            raise PortfolioError(f"La fila tiene {saw} valores pero hay {expected} encabezados; "
                                 "revise separadores de más o números con coma sin comillas.",
                                 file=file, row=line) from None
        if match := re.search(r"EOF inside string starting at row (\d+)", message):
            raise PortfolioError("Unas comillas abiertas en esta fila nunca se cierran.",
                                 file=file, row=int(match.group(1)) + 1) from None
        raise PortfolioError(f"No se pudo leer el CSV: {message}", file=file) from None
    except ValueError as exc:
        raise PortfolioError(f"No se pudo leer el CSV: {exc}", file=file) from None


def _plain(value: str) -> str:
    """Lower-case, trimmed, accent-free form used to compare category words."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _Validator:
    """Converts the all-text frame column by column, remembering the earliest problem."""

    def __init__(self, frame: pd.DataFrame, rows: np.ndarray, file: str, decimal_comma: bool):
        self.frame, self.rows, self.file = frame, rows, file
        self.text = {name: frame[name].to_numpy(object) for name in REQUIRED_COLUMNS}
        self.decimal_comma = decimal_comma
        self.problems: list[tuple[int, int, str, str]] = []

    def flag(self, bad: np.ndarray, field: str, message: Callable[[int], str]) -> None:
        """Record the first ``bad`` position of one check; ``message`` gets its index."""
        if bad.any():
            i = int(np.argmax(bad))
            order = len(self.problems)  # ties on a row: earlier checks (schema order) win
            self.problems.append((int(self.rows[i]), order, field, message(i)))

    def cell(self, name: str, i: int) -> str:
        return str(self.text[name][i]).strip()

    def run(self) -> pd.DataFrame:
        out: dict[str, object] = {}
        for column in COLUMNS:
            name, dtype = column.name, column.dtype
            if name == "account_id":
                out[name] = self.account_ids()
            elif dtype in ("int64", "float64"):
                out[name] = values = self.number(name, integer=dtype == "int64")
                low, high, why = _RANGES.get(name, (None, None, ""))
                if low is not None:
                    self.flag((values < low) | (values > high), name,
                              lambda i, n=name, lo=low, hi=high, w=why: (
                                  f"Se encontró {self.cell(n, i)} y se esperaba un entero de "
                                  f"{lo} a {hi}{w}."))
                elif name != "payday":
                    self.flag(values <= 0, name, lambda i, n=name: (
                        f"Se encontró '{self.cell(n, i)}' y se esperaba un monto mayor que 0 "
                        "pesos."))
            elif dtype == "bool":
                out[name] = self.category(name, _BOOL_WORDS, _plain,
                                          "sí/no, 1/0, true/false o verdadero/falso") == 1
            elif name == "income_cycle":
                out[name] = self.category(name, {c: c for c in INCOME_CYCLES},
                                          _plain, "semanal, quincenal o mensual")
            else:
                out[name] = self.category(name, {j: j for j in JURISDICTIONS},
                                          lambda v: v.strip().upper(), ", ".join(JURISDICTIONS))
        self.payday(out["income_cycle"], out["payday"])
        if self.problems:
            row, _, field, message = min(self.problems)
            raise PortfolioError(message, file=self.file, row=row, field=field)
        result = pd.DataFrame({c.name: pd.Series(out[c.name], dtype="str") if c.dtype == "str"
                               else np.asarray(out[c.name]).astype(c.dtype) for c in COLUMNS})
        extras = self.frame.drop(columns=list(REQUIRED_COLUMNS)).reset_index(drop=True)
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
        values = _parse_numbers(self.text[name], self.decimal_comma)
        empty = np.isnan(values)
        empty[empty] = _strip(self.text[name][empty]) == ""
        kind = "un número entero" if integer else "un número"
        self.flag(empty, name, lambda i: f"La celda está vacía; se esperaba {kind}.")
        self.flag(np.isnan(values) & ~empty, name,
                  lambda i: f"Se encontró '{self.cell(name, i)}' y se esperaba {kind}.")
        if integer:
            self.flag(~np.isnan(values) & (values % 1 != 0), name,
                      lambda i: f"Se encontró '{self.cell(name, i)}' y se esperaba un número "
                                "entero, sin decimales.")
        return values

    def payday(self, cycles: np.ndarray, paydays: np.ndarray) -> None:
        bad = np.zeros(len(paydays), dtype=bool)
        for cycle, (low, high) in PAYDAY_RANGES.items():
            bad |= (cycles == cycle) & ((paydays < low) | (paydays > high))
        hint = {"semanal": "de 0 (lunes) a 6 (domingo)", "mensual": "de 1 a 31",
                "quincenal": "de 1 a 15 (cobra ese día y 15 días después)"}
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


def _parse_numbers(text: np.ndarray, decimal_comma: bool) -> np.ndarray:
    """Floats from spreadsheet text; NaN where the cell is not a finite number.

    Accepts spaces, a ``$`` and thousands separators (``18,500.50``; or
    ``18.500,50`` in the decimal-comma flavour, where a lone ``18.500`` also
    means eighteen thousand five hundred).
    """
    if decimal_comma and not any("." in value for value in text):
        text, decimal_comma = np.array([v.replace(",", ".") for v in text], dtype=object), False
    values = _to_float(text)
    retry = np.isnan(values)
    if decimal_comma:
        retry |= np.array(["." in value for value in text], dtype=bool)
    if retry.any():
        values[retry] = _to_float(np.array([_clean_number(v, decimal_comma) for v in text[retry]],
                                           dtype=object))
    values[~np.isfinite(values)] = np.nan
    return values


def _to_float(text: np.ndarray) -> np.ndarray:
    """Writable float array, NaN where a string is not a number (fast path first)."""
    try:
        return text.astype(float)
    except ValueError:
        numbers = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce")
        return numbers.to_numpy(float, copy=True, na_value=np.nan)


def _clean_number(text: str, decimal_comma: bool) -> str:
    """Spreadsheet number text in Python's notation (``$ 18.500,50`` -> ``18500.50``)."""
    value = "".join(text.split()).replace("$", "")
    if decimal_comma:
        if "," in value or _GROUPED_DOT.fullmatch(value):
            value = value.replace(".", "").replace(",", ".")
    elif _GROUPED_COMMA.fullmatch(value):
        value = value.replace(",", "")
    return value
