"""How a portfolio file writes its numbers: which character is the decimal separator.

Nothing in a spreadsheet export says it: ``63,629.53`` (Mexico, the US) and
``63.629,53`` (Colombia, Chile) differ only in their separators, and the column
delimiter does not tell either (a semicolon file may come from both). So the
convention is decided once per file, from every numeric cell: ``187.17`` or
``1.000.000`` can only be read one way and vote; ``1.500`` could be 1.5 or
1,500 and does not. A cell written the other way, or a file whose only
separators are ambiguous, is refused rather than read 1,000 times off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["AMBIGUOUS", "CONVENTIONS", "Convention", "FileNumbers", "cell_kinds", "read_numbers"]

#: Cell kinds: no separator, only readable with a decimal point, only with a decimal
#: comma, readable both ways with different values, readable neither way, and a
#: number typed in a workbook (exact, votes for nothing).
PLAIN, POINT, COMMA, AMBIGUOUS, BAD, TYPED = range(6)
_WITH_POINT = re.compile(r"(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+")
_WITH_COMMA = re.compile(r"(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d*)?|,\d+")
_FIX = "Expórtelo con punto decimal y sin separador de miles (p. ej. 18500.50)."


@dataclass(frozen=True)
class Convention:
    """One way of writing numbers: the decimal separator, the thousands one, in words."""

    kind: int
    decimal: str
    thousands: str
    words: str

    def clean(self, text: str) -> str:
        """``text`` in Python's notation (``$ 18.500,50`` -> ``18500.50`` for a comma)."""
        bare = "".join(text.split()).replace("$", "").replace(self.thousands, "")
        return bare.replace(self.decimal, ".")


CONVENTIONS = {
    POINT: Convention(POINT, ".", ",", "punto decimal (como 18,500.50)"),
    COMMA: Convention(COMMA, ",", ".", "coma decimal (como 18.500,50)"),
}


_DIGITS = str.maketrans("0123456789", "1111111111")


def _kind(shape: str) -> int:
    """Which conventions can read a cell, from its shape (every digit written as ``1``)."""
    if "." not in shape and "," not in shape:
        return PLAIN
    bare = "".join(shape.split()).replace("$", "").lstrip("+-")
    point = _WITH_POINT.fullmatch(bare) is not None
    comma = _WITH_COMMA.fullmatch(bare) is not None
    return (AMBIGUOUS if comma else POINT) if point else (COMMA if comma else BAD)


def cell_kinds(text: np.ndarray, typed: np.ndarray | None = None) -> np.ndarray:
    """Kind of every cell of one column (``int8`` codes), ``typed`` cells as :data:`TYPED`.

    A kind depends only on where the digits and separators are, so each distinct
    shape (``11111.11`` for ``63629.53``) is classified once: a column of a
    million amounts has a few dozen shapes.
    """
    codes, values = pd.factorize(text)  # days, paydays... repeat: shape each value once
    shape_codes, shapes = pd.factorize(np.array([value.translate(_DIGITS) for value in values],
                                                dtype=object))
    kinds = np.array([_kind(shape) for shape in shapes], dtype=np.int8)[shape_codes][codes]
    if typed is not None:
        kinds[typed] = TYPED
    return kinds


@dataclass(frozen=True)
class Cell:
    """One cell, located for a message."""

    column: str
    index: int
    text: str


class FileNumbers:
    """The file's convention and the cells that break it, from all its numeric columns.

    Args:
        text: column name -> cell texts (object array), every numeric column of the file.
        order: position of each row, to find the first cell of each kind (spreadsheet rows).
        typed: column name -> cells that were numbers in a workbook (no vote, read exactly).
        decimal: the decimal separator the manager declared (``.`` or ``,``); no vote then.
    """

    def __init__(self, text: Mapping[str, np.ndarray], order: np.ndarray,
                 typed: Mapping[str, np.ndarray] | None = None, decimal: str | None = None) -> None:
        self.kinds = {name: cell_kinds(cells, (typed or {}).get(name)) for name, cells in text.items()}
        self.text = text
        self.declared = decimal is not None
        counts = {kind: sum(int((k == kind).sum()) for k in self.kinds.values())
                  for kind in (POINT, COMMA)}
        firsts = {kind: self._first(kind, order) for kind in (POINT, COMMA)}
        if decimal is not None:
            winner = POINT if decimal == "." else COMMA
        elif counts[POINT] != counts[COMMA]:
            winner = POINT if counts[POINT] > counts[COMMA] else COMMA
        elif counts[POINT]:
            winner = min((firsts[kind][0], kind) for kind in (POINT, COMMA))[1]
        else:
            winner = None
        #: The file's convention; None when no cell shows it.
        self.convention = CONVENTIONS[winner] if winner is not None else None
        self.example = firsts[winner][1] if winner is not None else None

    def _first(self, kind: int, order: np.ndarray) -> tuple[int, Cell | None]:
        best: tuple[int, Cell | None] = (np.iinfo(np.int64).max, None)
        for name, kinds in self.kinds.items():
            hits = np.flatnonzero(kinds == kind)
            if hits.size and order[hits[0]] < best[0]:
                best = (int(order[hits[0]]), Cell(name, int(hits[0]), str(self.text[name][hits[0]])))
        return best

    def breaks(self, name: str) -> np.ndarray:
        """Cells of column ``name`` that cannot be read in the file's convention."""
        kinds = self.kinds[name]
        if self.convention is None:
            return kinds == AMBIGUOUS
        return kinds == (COMMA if self.convention.kind == POINT else POINT)

    def why(self, name: str, index: int, where: Callable[[Cell], str]) -> str:
        """Spanish message for a cell of :meth:`breaks`; ``where(cell)`` says where a cell is."""
        text = str(self.text[name][index]).strip()
        if self.convention is None:
            point, comma = (float(CONVENTIONS[k].clean(text)) for k in (POINT, COMMA))
            return (f"No se sabe si '{text}' vale {point:g} o {comma:g}: ninguna celda numérica del "
                    "archivo muestra si el separador decimal es el punto o la coma. " + _FIX +
                    " O dígalo en el archivo de columnas (--columnas) con «separador_decimal: ','» "
                    "o «separador_decimal: '.'».")
        other = CONVENTIONS[COMMA if self.convention.kind == POINT else POINT]
        if self.declared:
            why = f"el archivo de columnas declara {self.convention.words}"
        else:
            example = self.example
            assert example is not None  # a convention won by votes has its first cell
            why = (f"el archivo usa {self.convention.words}, por ejemplo '{example.text.strip()}' en "
                   f"{where(example)}")
        return (f"Se encontró '{text}', escrito con {other.words}, pero {why}. Todos los números de "
                f"un archivo deben escribirse igual. {_FIX}")


def read_numbers(text: np.ndarray, kinds: np.ndarray, convention: Convention | None) -> np.ndarray:
    """Floats of one column; NaN where a cell is not a finite number in ``convention``."""
    convention = convention or CONVENTIONS[POINT]
    readable = (kinds == PLAIN) | (kinds == TYPED) | (kinds == AMBIGUOUS) | (kinds == convention.kind)
    values = np.full(len(text), np.nan)
    values[readable] = _to_float(text[readable])
    retry = readable & np.isnan(values)
    if convention.kind == COMMA:
        retry |= (kinds == COMMA) | (kinds == AMBIGUOUS)
    if retry.any():
        values[retry] = _to_float(np.array([convention.clean(v) for v in text[retry]], dtype=object))
    values[~np.isfinite(values)] = np.nan
    return values


def _to_float(text: np.ndarray) -> np.ndarray:
    """Writable float array, NaN where a string is not a number (fast path first)."""
    try:
        return text.astype(float)
    except ValueError:
        numbers = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce")
        return numbers.to_numpy(float, copy=True, na_value=np.nan)
