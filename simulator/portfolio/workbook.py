"""A portfolio exported as an Excel workbook (``.xlsx``): its first sheet as a table of text.

An upload is treated as hostile: the file size, the unpacked size of the zip
and the sheet's size are bounded before anything is loaded, so a small file
cannot unpack into gigabytes; formulas are never evaluated, only the value
Excel saved with them is read, and a formula saved without a value is an error
that names its cell. Numbers typed in the workbook are exact and carry no
decimal-separator question; numbers typed as text follow the file's convention.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.errors import PortfolioError

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MAX_UNPACKED_BYTES", "MAX_WORKBOOK_BYTES", "Sheet", "read_sheet"]

#: Largest workbook file read (a million accounts take about 40 MB).
MAX_WORKBOOK_BYTES = 100 * 2**20
#: Largest total size of the workbook's parts once unzipped.
MAX_UNPACKED_BYTES = 1024 * 2**20
#: Excel's own limit of rows per sheet; a sheet claiming more was not written by Excel.
MAX_ROWS = 1_048_576
#: Most columns read from the header row; a portfolio needs 12 and a few extras.
MAX_COLUMNS = 200


@dataclass(frozen=True)
class Sheet:
    """The first worksheet: headers, every data cell as text, and which cells were numbers.

    Attributes:
        name: the worksheet's name, for messages.
        headers: the header row (row 1).
        cells: the rows that are not blank, as text, one column per header.
        typed: same shape as ``cells``: True where the cell held a number.
        rows: the sheet row of each row of ``cells``.
    """

    name: str
    headers: list[str]
    cells: pd.DataFrame
    typed: np.ndarray
    rows: np.ndarray


def read_sheet(data: bytes, file: str) -> Sheet:
    """The first sheet of a workbook, header in row 1, cached values only.

    Raises:
        PortfolioError: too large, not an ``.xlsx`` (e.g. ``.ods``), damaged,
            empty, or a formula without a saved value (naming the cell).
    """
    _check_package(data, file)
    with _damaged(file):
        return _read(data, file)


@contextmanager
def _damaged(file: str) -> Iterator[None]:
    """Any failure of the zip or XML parsers (they read lazily, row by row) means a damaged file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            yield
    except PortfolioError:
        raise
    except Exception:  # noqa: BLE001 - hostile input: every parser error means "damaged"
        raise PortfolioError("No se pudo leer el libro de Excel (.xlsx): está dañado o incompleto; "
                             "ábralo en Excel y guárdelo de nuevo.", file=file) from None


def _read(data: bytes, file: str) -> Sheet:
    from openpyxl import load_workbook  # imported here: CSV users never pay for it

    book = _open(load_workbook, data, formulas=False)
    sheet = book.worksheets[0]
    name = sheet.title
    claimed_rows, claimed_columns = sheet.max_row or 0, sheet.max_column or 0
    if claimed_rows > MAX_ROWS or claimed_columns > 16_384:
        raise PortfolioError(f"La hoja dice tener {claimed_rows:,} filas y {claimed_columns:,} "
                             "columnas, más de lo que Excel permite; el archivo no es un libro "
                             "de Excel válido.", file=file, sheet=name)
    sheet.reset_dimensions()  # the claim may also be too small; read every row, bounded below
    header = list(next(sheet.iter_rows(max_row=1, values_only=True), ()))
    while header and header[-1] in (None, ""):
        header.pop()
    if not header:
        raise PortfolioError("La fila 1 de la primera hoja está vacía; se esperaba la fila de "
                             "encabezados.", file=file, sheet=name, row=1)
    if len(header) > MAX_COLUMNS:
        raise PortfolioError(f"La fila de encabezados tiene {len(header):,} columnas y el límite es "
                             f"{MAX_COLUMNS}; quite las columnas que no usa.", file=file, sheet=name, row=1)
    width = len(header)
    texts, typed, numbers = [], [], []
    blanks: list[tuple[int, int]] = []
    for index, values in enumerate(sheet.iter_rows(min_row=2, max_col=width, values_only=True)):
        if index + 2 > MAX_ROWS:
            raise PortfolioError(f"La hoja tiene más de {MAX_ROWS:,} filas.", file=file, sheet=name)
        cells = (list(values) + [None] * width)[:width]
        if all(value in (None, "") for value in cells):
            continue  # blank rows are not kept: a far row of a tiny file costs no memory
        texts.append([_text(value) for value in cells])
        typed.append([_is_number(value) for value in cells])
        numbers.append(index + 2)
        blanks.extend((index, column) for column, value in enumerate(cells) if value is None)
    book.close()
    if blanks:
        _check_formulas(load_workbook, data, file, blanks, header)
    frame = pd.DataFrame(texts or None, columns=range(width), dtype=object)
    return Sheet(name, [_text(value) for value in header], frame,
                 np.array(typed, dtype=bool).reshape(len(texts), width), np.array(numbers, dtype=int))


def _check_package(data: bytes, file: str) -> None:
    """Refuse what is too big, or a zip that is not an Excel workbook, before parsing it."""
    if len(data) > MAX_WORKBOOK_BYTES:
        raise PortfolioError(f"El libro de Excel pesa {len(data) / 2**20:.1f} MB y el límite es "
                             f"{MAX_WORKBOOK_BYTES // 2**20} MB; guárdelo como CSV UTF-8.", file=file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            kind = package.read("mimetype")[:100] if "mimetype" in package.namelist() else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise PortfolioError("El archivo parece un libro de Excel (.xlsx) pero está dañado o "
                             "incompleto; ábralo en Excel y guárdelo de nuevo.", file=file) from None
    if b"opendocument" in kind:
        raise PortfolioError("Es una hoja de cálculo de LibreOffice (.ods); guárdela como «Libro de "
                             "Excel 2007-365 (.xlsx)» o como CSV UTF-8.", file=file)
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise PortfolioError("Es un archivo comprimido (zip) pero no un libro de Excel (.xlsx); "
                             "se esperaba un CSV o un .xlsx.", file=file)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise PortfolioError(f"El libro de Excel ocupa {unpacked / 2**20:,.0f} MB al descomprimirlo y "
                             f"el límite es {MAX_UNPACKED_BYTES // 2**20} MB; guárdelo como CSV UTF-8.",
                             file=file)


def _open(load_workbook, data: bytes, formulas: bool):
    """The workbook in streaming mode: cached values, or formulas as text."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
    if not book.worksheets:
        raise ValueError("el libro no tiene hojas")
    return book


def _check_formulas(load_workbook, data: bytes, file: str, blanks: list[tuple[int, int]],
                    header: list) -> None:
    """Read the sheet again with formulas to tell an empty cell from an uncalculated formula."""
    from openpyxl.utils import get_column_letter

    book = _open(load_workbook, data, formulas=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    wanted: dict[int, list[int]] = {}
    for index, column in blanks:
        wanted.setdefault(index, []).append(column)
    last = max(wanted)
    for index, values in enumerate(sheet.iter_rows(min_row=2, max_row=last + 2, values_only=True)):
        for column in wanted.get(index, ()):
            value = values[column] if column < len(values) else None
            if isinstance(value, str) and value.startswith("="):
                cell = f"{get_column_letter(column + 1)}{index + 2}"
                book.close()
                raise PortfolioError(
                    f"La celda {cell} tiene la fórmula {value[:60]} sin un valor guardado (el "
                    "simulador no calcula fórmulas). Ábrala en Excel, deje que calcule y guarde, o "
                    "copie la columna y péguela como valores.",
                    file=file, sheet=sheet.title, row=index + 2, field=_text(header[column]))
    book.close()


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value) -> str:
    """A cell as the text a CSV export would hold; numbers exactly, in Python's notation."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
