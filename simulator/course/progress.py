"""The trainee's progress: one SQLite file, one row per finished activity.

SQLite gives atomic, durable writes for free: a crash in the middle of a write
leaves every earlier result readable. A location that cannot be written gives a
Spanish :class:`ProgressError`, so the front-end can tell the learner and go on.
A row whose ``details`` is not JSON (edited by hand, damaged) is still read,
marked ``details_readable: False``, so one bad cell never hides a whole cohort.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.errors import CobranzaError
from simulator.output_paths import os_reason

__all__ = ["STORE_VARIABLE", "ProgressError", "ProgressStore"]

#: Environment variable with the path of the cohort's progress file.
STORE_VARIABLE = "COBRANZA_AVANCE"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee TEXT NOT NULL,
    kind TEXT NOT NULL,
    activity TEXT NOT NULL,
    score REAL,
    passed INTEGER NOT NULL,
    details TEXT NOT NULL,
    recorded_at TEXT NOT NULL
)
"""

_HAS_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'results'"
#: Tries of the switch to WAL, 50 ms apart (30 s in all, the writers' own wait).
_WAL_ATTEMPTS = 600

#: SQLite's error names in Spanish (never the English text of ``sqlite3.Error``).
_SQLITE_REASONS = {
    "SQLITE_CORRUPT": "el archivo está dañado",
    "SQLITE_NOTADB": "no es un archivo de avance (SQLite)",
    "SQLITE_BUSY": "otro programa lo tiene bloqueado",
    "SQLITE_LOCKED": "otro programa lo tiene bloqueado",
    "SQLITE_READONLY": "no hay permiso para escribir en él",
    "SQLITE_PERM": "no hay permiso para usarlo",
    "SQLITE_CANTOPEN": "no se puede abrir (revise la carpeta y sus permisos)",
    "SQLITE_FULL": "no queda espacio en el disco",
    "SQLITE_IOERR": "falló la lectura o escritura del disco",
    "SQLITE_ERROR": "su tabla de resultados no tiene la forma esperada",
}


def _reason(error: sqlite3.Error | OSError) -> str:
    """Why a read or write failed, in Spanish."""
    if isinstance(error, OSError):
        return os_reason(error)
    name = getattr(error, "sqlite_errorname", None) or "desconocido"
    base = "_".join(name.split("_")[:2])  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
    return _SQLITE_REASONS.get(base, f"error de SQLite {name}")


class ProgressError(CobranzaError):
    """The progress file cannot be read or written."""


class ProgressStore:
    """Results of one cohort, kept in ``path`` (created on first write)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def record(self, trainee: str, kind: str, activity: str, score: float | None, passed: bool,
               details: dict) -> None:
        """Append one result; raises :class:`ProgressError` if it cannot be saved."""
        row = (trainee, kind, activity, score, int(passed), json.dumps(details, ensure_ascii=False),
               dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                connection.execute(
                    "INSERT INTO results (trainee, kind, activity, score, passed, details, recorded_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        except (sqlite3.Error, OSError) as error:
            raise ProgressError(f"no se pudo guardar el resultado ({_reason(error)}); su avance anterior "
                                "sigue intacto, revise que la carpeta exista y tenga espacio",
                                file=str(self.path)) from None

    def results(self, trainee: str | None = None) -> list[dict]:
        """Saved results, oldest first, optionally for one trainee."""
        if not self.path.exists():
            return []
        query = "SELECT trainee, kind, activity, score, passed, details, recorded_at FROM results"
        params: tuple = ()
        if trainee is not None:
            query, params = query + " WHERE trainee = ?", (trainee,)
        try:
            with self._connect(write=False) as connection:
                if not connection.execute(_HAS_TABLE).fetchone():
                    return []  # created by a write that failed before its first row
                rows = connection.execute(query + " ORDER BY id", params).fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"no se pudo leer el avance ({_reason(error)})",
                                file=str(self.path)) from None
        return [_result(row) for row in rows]

    @contextmanager
    def _connect(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction, always closed afterwards.

        A writer's ``BEGIN IMMEDIATE`` takes the write lock up front, so it waits
        its turn (up to 30 s) instead of failing when another one committed
        first. A reader takes no lock that would stop a writer, and needs no
        write permission on the file.
        """
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if write:
                _use_wal(connection)
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                if write:
                    connection.execute(_SCHEMA)
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch a new file to WAL (once per file; it persists).

    Two learners saving their first results at once race here: the switch needs
    the whole file, and SQLite refuses it at once, without waiting, while the
    other holds its write lock (waiting could deadlock). The switch is retried
    until that writer commits.
    """
    for attempt in range(_WAL_ATTEMPTS):
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == _WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05)


def _result(row: tuple) -> dict:
    """One saved result as a dict; unreadable ``details`` become ``None``, marked as such."""
    try:
        details, readable = json.loads(row[5]), True
    except (TypeError, ValueError):
        details, readable = None, False
    keys = ("trainee", "kind", "activity", "score", "passed", "details", "recorded_at", "details_readable")
    return dict(zip(keys, (*row[:4], bool(row[4]), details, row[6], readable), strict=True))
