"""The trainee's progress: one SQLite file, one row per finished activity.

SQLite gives atomic, durable writes for free: a crash in the middle of a write
leaves every earlier result readable. A location that cannot be written gives a
Spanish :class:`ProgressError`, so the front-end can tell the learner and go on.
A row whose ``details`` is not JSON (edited by hand, damaged) is still read,
marked ``details_readable: False``, so one bad cell never hides a whole cohort.
The trainer's reviews of typed role-play answers live in a second table,
``reviews``, created on the first review: a file without it reads as unreviewed.
A batch of reviews is checked whole and saved in one transaction, all or none.
The learner's choice of track and country edition lives in a third table,
``profiles``, also created on the first choice: a file without it reads as
learners who chose nothing, whose exam is the complete one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from simulator.course.review import refusal, reviewed_marks, typed_answers
from simulator.errors import CobranzaError
from simulator.output_paths import os_reason

__all__ = ["STORE_VARIABLE", "Decision", "ProgressError", "ProgressStore", "ReviewError"]

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
_REVIEWS_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id INTEGER NOT NULL REFERENCES results (id),
    step INTEGER NOT NULL,
    label TEXT NOT NULL,
    decision TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
)
"""

_PROFILES_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee TEXT NOT NULL,
    track TEXT,
    edition TEXT,
    chosen_at TEXT NOT NULL
)
"""

_HAS_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
#: A trainer's decision on one label: result id, step, label, ``confirmar|quitar|agregar``.
Decision = tuple[int, int, str, str]
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


class ReviewError(CobranzaError):
    """A trainer's review names a label, decision, result or step that does not exist."""


class ProgressStore:
    """Results of one cohort, kept in ``path`` (created on first write)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def record(self, trainee: str, kind: str, activity: str, score: float | None, passed: bool,
               details: dict) -> None:
        """Append one result; raises :class:`ProgressError` if it cannot be saved."""
        row = (trainee, kind, activity, score, int(passed), json.dumps(details, ensure_ascii=False), _now())
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
        query = "SELECT trainee, kind, activity, score, passed, details, recorded_at, id FROM results"
        params: tuple = ()
        if trainee is not None:
            query, params = query + " WHERE trainee = ?", (trainee,)
        try:
            with self._connect(write=False) as connection:
                if not connection.execute(_HAS_TABLE, ("results",)).fetchone():
                    return []  # created by a write that failed before its first row
                rows = connection.execute(query + " ORDER BY id", params).fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"no se pudo leer el avance ({_reason(error)})",
                                file=str(self.path)) from None
        return [_result(row) for row in rows]

    def choose(self, trainee: str, track: str | None, edition: str | None) -> bool:
        """Keep ``trainee``'s track and country edition; False when they are already the latest kept.

        Raises:
            ProgressError: the file cannot be read or written.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                connection.execute(_PROFILES_SCHEMA)
                latest = connection.execute("SELECT track, edition FROM profiles WHERE trainee = ? "
                                            "ORDER BY id DESC LIMIT 1", (trainee,)).fetchone()
                if latest == (track, edition):
                    return False
                connection.execute("INSERT INTO profiles (trainee, track, edition, chosen_at) "
                                   "VALUES (?, ?, ?, ?)", (trainee, track, edition, _now()))
        except (sqlite3.Error, OSError) as error:
            raise ProgressError(f"no se pudo guardar su pista y su país ({_reason(error)})",
                                file=str(self.path)) from None
        return True

    def profiles(self) -> dict[str, dict]:
        """Each learner's latest choice, ``{"track", "edition", "chosen_at"}`` by name (none in old files)."""
        if not self.path.exists():
            return {}
        try:
            with self._connect(write=False) as connection:
                if not connection.execute(_HAS_TABLE, ("profiles",)).fetchone():
                    return {}
                rows = connection.execute("SELECT trainee, track, edition, chosen_at FROM profiles "
                                          "ORDER BY id").fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"no se pudieron leer las pistas de los alumnos ({_reason(error)})",
                                file=str(self.path)) from None
        return {name: {"track": track, "edition": edition, "chosen_at": when}
                for name, track, edition, when in rows}

    def review(self, result_id: int, step: int, label: str, decision: str, reviewer: str) -> bool:
        """Keep a trainer's decision on one label of the typed answer at ``step`` of a call.

        Returns False when that decision of that reviewer is already the latest on the label.

        Raises:
            ReviewError: unknown label or decision, or no typed answer at that result and step.
            ProgressError: the file cannot be read or written.
        """
        return self.review_all([(result_id, step, label, decision)], reviewer, numbered=False) == 1

    def review_all(self, decisions: Sequence[Decision], reviewer: str, numbered: bool = True) -> int:
        """Keep many decisions ``(result, step, label, decision)`` in one transaction: all or none.

        A decision that is already the latest of ``reviewer`` on its label is
        skipped, so applying the same decisions twice changes nothing. Returns how
        many were saved. With ``numbered``, an error names its decision as
        ``decisiones[N]`` (counted from 1), as in the trainer's decisions file.

        Raises:
            ReviewError: the first decision that names something that does not exist or cannot be done.
            ProgressError: the file cannot be read or written.
        """
        if not reviewer.strip():
            raise ReviewError("falta el nombre de quien revisa")
        if not self.path.is_file():
            raise ReviewError("no existe el archivo de avance", file=str(self.path))
        try:
            with self._connect() as connection:
                connection.execute(_REVIEWS_SCHEMA)
                rows = self._reviewable(connection, decisions, reviewer, numbered)
                connection.executemany("INSERT INTO reviews (result_id, step, label, decision, reviewer, "
                                       "reviewed_at) VALUES (?, ?, ?, ?, ?, ?)", rows)
        except (sqlite3.Error, OSError) as error:
            raise ProgressError(f"no se pudo guardar la revisión ({_reason(error)})",
                                file=str(self.path)) from None
        return len(rows)

    def reviews(self) -> list[dict]:
        """Every review, oldest first; none when the file has no reviews table yet."""
        if not self.path.exists():
            return []
        keys = ("result_id", "step", "label", "decision", "reviewer", "reviewed_at")
        try:
            with self._connect(write=False) as connection:
                if not connection.execute(_HAS_TABLE, ("reviews",)).fetchone():
                    return []
                rows = connection.execute(f"SELECT {', '.join(keys)} FROM reviews ORDER BY id").fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"no se pudieron leer las revisiones ({_reason(error)})",
                                file=str(self.path)) from None
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def _reviewable(self, connection: sqlite3.Connection, decisions: Sequence[Decision], reviewer: str,
                    numbered: bool) -> list[tuple]:
        """The rows to insert for ``decisions``, each checked against the calls and the reviews so far."""
        calls = {row[0]: row[1] for row in connection.execute("SELECT id, details FROM results")}
        keys = ("result_id", "step", "label", "decision", "reviewer")
        reviews = [dict(zip(keys, row, strict=True)) for row in connection.execute(
            f"SELECT {', '.join(keys)} FROM reviews ORDER BY id")]
        rows, seen, now = [], set(), _now()
        for number, (result_id, step, label, decision) in enumerate(decisions, start=1):
            where = {"file": str(self.path), "field": f"decisiones[{number}]" if numbered else None}
            if (result_id, step, label) in seen:
                raise ReviewError(f"repite la marca {label!r} del resultado {result_id}, paso {step}; deje "
                                  "una sola decisión por marca", **where)
            seen.add((result_id, step, label))
            answer = _typed_answer(calls, result_id, step, where)
            own = [review for review in reviews if review["result_id"] == result_id]
            marks = reviewed_marks(answer, own)
            problem = refusal(marks, label, decision)
            if problem:
                raise ReviewError(f"{problem} (resultado {result_id}, paso {step})", **where)
            latest = next((mark for mark in marks if mark.label == label), None)
            if latest is None or (latest.decision, latest.reviewer) != (decision, reviewer):
                rows.append((result_id, step, label, decision, reviewer, now))
        return rows

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


def _typed_answer(calls: dict[int, str], result_id: int, step: int, where: dict) -> dict:
    """The typed answer at ``step`` of the saved call ``result_id``; a :class:`ReviewError` if none."""
    if result_id not in calls:
        raise ReviewError(f"no existe el resultado {result_id} en el archivo de avance", **where)
    try:
        details = json.loads(calls[result_id])
    except (TypeError, ValueError):
        details = None
    typed = [answer for answer in typed_answers(details if isinstance(details, dict) else None)
             if answer.get("paso") == step]
    if not typed:
        raise ReviewError(f"el resultado {result_id} no tiene una respuesta escrita en el paso {step}",
                          **where)
    return typed[0]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


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
    keys = ("trainee", "kind", "activity", "score", "passed", "details", "recorded_at", "id",
            "details_readable")
    return dict(zip(keys, (*row[:4], bool(row[4]), details, *row[6:8], readable), strict=True))
