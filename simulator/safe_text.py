"""Text that came from users, made safe to show in a terminal or a spreadsheet.

Names, cells and paths are typed by people (or by an attacker): a 50 MB cell
echoed in an error message floods the terminal, an ``ESC`` sequence in a
strategy name recolours it, and a learner called ``=HYPERLINK(...)`` becomes a
formula when a trainer opens the CSV in Excel.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ECHO_LIMIT", "bounded_message", "printable", "shorten", "spreadsheet_cell", "spreadsheet_safe"]

#: Characters of a user's value kept when it is echoed back in a message.
ECHO_LIMIT = 80

#: C0 and C1 control characters, DEL, and the bidirectional overrides that reorder text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Length from which a quoted stretch of a message is taken for an echoed value and shortened.
#: Well above a path or a list of names, so that the program's own text between two quoted
#: names is never mistaken for one.
_QUOTED_LIMIT = 300
#: A quoted value (``'...'`` or ``"..."``) too long to echo whole.
_LONG_QUOTED = re.compile(f"'[^']{{{_QUOTED_LIMIT + 1},}}'|\"[^\"]{{{_QUOTED_LIMIT + 1},}}\"")
#: Longest message shown; the middle of a longer one is left out.
_MESSAGE_LIMIT = 2000
#: What makes a spreadsheet read a text cell as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so that it
    cannot move the cursor, recolour the terminal or break a one-line message."""
    return _CONTROL.sub(_escaped, str(text))


def shorten(value: object, limit: int = ECHO_LIMIT) -> str:
    """``value`` printable and cut to ``limit`` characters with "…" and the length left out."""
    text = printable(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} caracteres más)"


def bounded_message(message: str) -> str:
    """A message that echoes user values, printable, each long quoted value shortened,
    and at most ``_MESSAGE_LIMIT`` characters (the middle of a longer one is left out)."""
    message = _LONG_QUOTED.sub(lambda match: match.group()[0] + shorten(match.group()[1:-1])
                               + match.group()[0], printable(message))
    if len(message) <= _MESSAGE_LIMIT:
        return message
    half = _MESSAGE_LIMIT // 2
    return f"{message[:half]} … ({len(message) - 2 * half:,} caracteres omitidos) … {message[-half:]}"


def spreadsheet_cell(value: object) -> object:
    """A text cell a spreadsheet will show as text: a leading ``'`` before ``= + - @``,
    tab or carriage return. Numbers, and text that is just a number (``-5``), are kept."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text columns go through :func:`spreadsheet_cell`."""
    from pandas.api.types import is_object_dtype, is_string_dtype  # errors.py imports this module

    text_columns = [name for name in table.columns
                    if is_object_dtype(table[name]) or is_string_dtype(table[name])]
    if not text_columns:
        return table
    table = table.copy()
    for name in text_columns:
        table[name] = table[name].map(spreadsheet_cell)
    return table
