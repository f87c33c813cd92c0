"""A portfolio CSV's bytes as a table of text: encoding, delimiter, header row, cells.

Excel writes CSV in several ways depending on the menu used: UTF-8 with a BOM
(«CSV UTF-8»), ANSI/Latin-1 («CSV» a secas, refused with the row of the first
bad byte) or UTF-16 with tabs («Texto Unicode»). The bytes of a workbook may
also arrive under a ``.csv`` name; those are recognised by their first bytes,
not described as an encoding problem.
"""

from __future__ import annotations

import csv
import io
import re
import warnings

import pandas as pd

from simulator.errors import PortfolioError

__all__ = ["ZIP_MAGIC", "decode", "delimiter", "header_row", "read_cells"]

#: First bytes of a zip file: an ``.xlsx`` workbook (or a LibreOffice ``.ods``).
ZIP_MAGIC = b"PK\x03\x04"
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t")
_UTF8_HELP = ("Guárdelo como UTF-8: en Excel, Archivo > Guardar como > «CSV UTF-8 (delimitado "
              "por comas) (*.csv)»; en LibreOffice, marque «Editar configuración del filtro» y "
              "elija «Unicode (UTF-8)».")


def decode(raw: bytes, file: str) -> str:
    """The file's text, from UTF-8 (with or without BOM) or UTF-16/32 (BOM or NUL pattern).

    Raises:
        PortfolioError: an old ``.xls`` workbook, binary data, or bytes that are
            not valid in the detected encoding (with the row of the first one).
    """
    if raw.startswith(_OLE_MAGIC):
        raise PortfolioError("Es un libro de Excel 97-2003 (.xls), no un CSV. Ábralo en Excel y "
                             "guárdelo como «Libro de Excel (*.xlsx)» o como «CSV UTF-8».", file=file)
    encoding, start = _encoding(raw, file)
    try:
        return raw[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            row = raw[start:start + exc.start].decode(encoding, errors="replace").count("\n") + 1
            raise PortfolioError(f"El archivo parece {encoding.upper()} pero tiene bytes inválidos; "
                                 + _UTF8_HELP, file=file, row=row) from None
        body = raw[start:]
        row = body.count(b"\n", 0, exc.start) + 1
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        field = _field_at(body, line_start, exc.start) if row > 1 else None
        raise PortfolioError(
            f"El archivo no está en UTF-8: el byte 0x{body[exc.start]:02X} no es UTF-8 válido "
            "(suele ser una «ñ» o una vocal con acento guardada como ANSI/Latin-1). " + _UTF8_HELP,
            file=file, row=row, field=field) from None


def _encoding(raw: bytes, file: str) -> tuple[str, int]:
    """Encoding and the length of its BOM; UTF-16 without BOM shows as NUL bytes in ASCII text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding, len(bom)
    sample = raw[:4096]
    if b"\x00" not in sample:
        return "utf-8", 0
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > 0.9 * len(zeros):
            return encoding, 0
    raise PortfolioError("El archivo no es de texto (tiene bytes nulos); se esperaba un CSV o un "
                         "libro de Excel (.xlsx).", file=file)


def _field_at(raw: bytes, line_start: int, pos: int) -> str | None:
    """Header name of the column holding byte ``pos`` (best effort, ignores quotes)."""
    header = raw[: raw.find(b"\n")].decode("utf-8", errors="replace").rstrip("\r")
    sep = delimiter(header)
    names = header.split(sep)
    index = raw.count(sep.encode(), line_start, pos)
    return names[index].strip().strip('"') if index < len(names) else None


def delimiter(header: str) -> str:
    """The most frequent of ``,``, ``;`` and tab in the header row (``,`` on a tie)."""
    return max(_DELIMITERS, key=lambda sep: (header.count(sep), sep == ","))


def header_row(text: str, sep: str, file: str) -> list[str]:
    """The cells of the first row."""
    try:
        return next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=sep), [])
    except csv.Error:
        raise PortfolioError("No se pudo leer la fila de encabezados; revise comillas y "
                             "separadores.", file=file, row=1) from None


def read_cells(text: str, sep: str, names: list[str], file: str) -> pd.DataFrame:
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
