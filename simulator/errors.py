"""User-facing errors: one family per input area, each naming where the problem is.

Messages are in Spanish because learners and managers read them; the CLI prints
``str(error)`` and exits with status 2, never a traceback. A value the user gave
is echoed shortened and with its control characters escaped (see
:mod:`simulator.safe_text`), so a 50 MB cell or an escape code in a name cannot
flood or recolour the terminal.
"""

from __future__ import annotations

from simulator.safe_text import ECHO_LIMIT, bounded_message, shorten

__all__ = [
    "BackendError",
    "CobranzaError",
    "ComplianceError",
    "DialogueError",
    "NegotiationError",
    "ParametersError",
    "PortfolioError",
    "StrategyError",
]


class CobranzaError(Exception):
    """A problem with user input, located by file, line or row, and field.

    Args:
        message: what is wrong and what was expected, in Spanish.
        file: path of the offending file, if any.
        line: 1-based line in a text file (YAML).
        row: spreadsheet row of a table (the CSV header is row 1).
        field: column or key that holds the bad value.
        sheet: worksheet of an Excel workbook that holds the row.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        row: int | None = None,
        field: str | None = None,
        sheet: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.sheet = sheet
        self.line = line
        self.row = row
        self.field = field
        super().__init__(str(self))

    def location(self) -> str:
        """Where the problem is, e.g. ``cartera.csv, fila 12, columna 'saldo_mxn'``."""
        parts = []
        if self.file:
            parts.append(shorten(self.file, 4 * ECHO_LIMIT))
        if self.sheet:
            parts.append(f"hoja '{self.sheet}'")
        if self.line is not None:
            parts.append(f"línea {self.line}")
        if self.row is not None:
            parts.append(f"fila {self.row}")
        if self.field:
            parts.append(f"campo '{shorten(self.field)}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where, message = self.location(), bounded_message(self.message)
        return f"{where}: {message}" if where else message


class PortfolioError(CobranzaError):
    """A portfolio file (CSV or Excel) that does not follow the documented schema."""


class StrategyError(CobranzaError):
    """A strategy YAML that does not follow the strategy schema."""


class ParametersError(CobranzaError):
    """A behaviour or channel parameter file that is malformed."""


class ComplianceError(CobranzaError):
    """A compliance rule pack that is malformed or unknown."""


class DialogueError(CobranzaError):
    """A role-play scenario that is malformed, or a move the session cannot take."""


class NegotiationError(CobranzaError):
    """A negotiation move, policy or option that cannot be used, explained in Spanish."""


class BackendError(CobranzaError):
    """A backend that cannot be used (missing package, unreachable scheduler)."""
