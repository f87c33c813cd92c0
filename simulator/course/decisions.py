"""The trainer's decisions file from the review pages, read as a stranger's input and applied all or none.

The pages (:mod:`simulator.ui.transcripts`) build the file in the browser, so
it reaches the command line from outside: it is refused above
:data:`MAX_DECISIONS_BYTES` or :data:`MAX_DECISIONS` entries, when it is not
JSON (a key written twice, ``NaN``, nesting too deep), when it does not follow
:class:`DecisionsFile`, and when any decision names a result, step or label the
gradebook does not hold. The decisions are then saved in one transaction, so a
bad entry saves nothing, and applying the same file again saves nothing new.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError, field_validator

from simulator.course.progress import Decision, ProgressStore, ReviewError
from simulator.roleplay.judge import BREACHES, ELEMENTS
from simulator.safe_text import shorten
from simulator.yaml_lines import field_name, spanish_message

__all__ = ["FORMAT", "MAX_DECISIONS", "MAX_DECISIONS_BYTES", "DecisionsFile", "apply_decisions",
           "read_decisions"]

#: The ``formato`` a decisions file declares (the pages write it).
FORMAT = "cobranza-revisiones"
#: Largest decisions file read: a cohort's review is a few KB.
MAX_DECISIONS_BYTES = 1_000_000
#: Most decisions in one file.
MAX_DECISIONS = 5_000


class Entry(BaseModel):
    """One decision as the page writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    resultado: StrictInt = Field(ge=1)
    paso: StrictInt = Field(ge=0)
    marca: StrictStr
    decision: Literal["confirmar", "quitar", "agregar"]

    @field_validator("marca")
    @classmethod
    def _known(cls, label: str) -> str:
        if label not in ELEMENTS + BREACHES:
            raise ValueError(f"la marca {shorten(label)!r} no está entre los elementos y faltas del juez")
        return label


class DecisionsFile(BaseModel):
    """The whole file: its format, its version and the decisions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    formato: Literal["cobranza-revisiones"]
    version: Literal[1]
    decisiones: list[Entry] = Field(max_length=MAX_DECISIONS)


def read_decisions(path: str | Path) -> list[Decision]:
    """The decisions of the file at ``path``, checked for form only (the gradebook checks the rest).

    Raises:
        ReviewError: naming the file, the entry and, in Spanish, what is wrong.
    """
    text = _text(Path(path))
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except RecursionError:
        raise ReviewError("el JSON está anidado demasiado hondo", file=str(path)) from None
    except ValueError as error:
        raise ReviewError(f"no es un JSON válido ({_json_reason(error)})", file=str(path)) from None
    if not isinstance(data, dict):
        raise ReviewError("se esperaba un objeto JSON con formato, version y decisiones", file=str(path))
    try:
        parsed = DecisionsFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ReviewError(_schema_message(first), file=str(path),
                          field=field_name(tuple(first["loc"]))) from None
    return [(entry.resultado, entry.paso, entry.marca, entry.decision) for entry in parsed.decisiones]


def apply_decisions(store: ProgressStore, path: str | Path, reviewer: str) -> tuple[int, int]:
    """Check every decision of the file against ``store`` and save them all or none; (saved, in file)."""
    decisions = read_decisions(path)
    try:
        return store.review_all(decisions, reviewer), len(decisions)
    except ReviewError as error:
        raise ReviewError(error.message, file=str(path), field=error.field) from None


def _text(path: Path) -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_DECISIONS_BYTES`."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ReviewError("no es un archivo normal", file=str(path))
        with path.open("rb") as stream:
            raw = stream.read(MAX_DECISIONS_BYTES + 1)
    except FileNotFoundError:
        raise ReviewError("no se encontró el archivo de decisiones", file=str(path)) from None
    except OSError as error:
        raise ReviewError(f"no se pudo leer el archivo (error del sistema {error.errno})",
                          file=str(path)) from None
    if len(raw) > MAX_DECISIONS_BYTES:
        raise ReviewError(f"el archivo pesa más de {MAX_DECISIONS_BYTES:,} bytes; el de una revisión pesa "
                          "pocos KB", file=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReviewError("el archivo no está en UTF-8", file=str(path)) from None


class _Refused(ValueError):
    """A JSON value the file may not hold; its text is already Spanish."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise _Refused(f"la clave {repeated[0]!r} aparece dos veces")
    return dict(pairs)


def _no_constant(name: str) -> None:
    raise _Refused(f"{name} no es un número")


def _json_reason(error: ValueError) -> str:
    """Spanish for a JSON error: ours as written, the parser's as its line and column."""
    if isinstance(error, json.JSONDecodeError):
        return f"error de sintaxis en la línea {error.lineno}, columna {error.colno}"
    if isinstance(error, _Refused):
        return str(error)
    return "un número tiene demasiadas cifras"


def _schema_message(error) -> str:
    """The Spanish sentence of one schema error; a list too long says its limit."""
    if error["type"] == "too_long":
        return f"hay más de {MAX_DECISIONS:,} decisiones en un archivo"
    return spanish_message(error)
