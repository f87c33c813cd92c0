"""Safe YAML loading that remembers where each value came from.

Validation errors must name the line a trainer or manager has to fix, so the
loader keeps a map from a key path (as pydantic reports it in ``loc``) to the
1-based line of that node in the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.errors import CobranzaError
from simulator.safe_yaml import parse_yaml, read_yaml_text
from simulator.suggestions import did_you_mean

__all__ = ["LocatedYaml", "field_name", "load_located_yaml", "located_errors", "located_yaml",
           "spanish_message", "validate_located"]

Path_ = tuple[str | int, ...]
Model = TypeVar("Model", bound=BaseModel)


class LocatedYaml:
    """Plain data parsed from YAML plus the source line of every node."""

    def __init__(self, data: Any, lines: dict[Path_, int]) -> None:
        self.data = data
        self._lines = lines

    def line_of(self, loc: Path_) -> int | None:
        """Line of the deepest node on ``loc`` that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def load_located_yaml(path: str | os.PathLike[str], error_type: type[CobranzaError]) -> LocatedYaml:
    """Parse ``path`` as plain, bounded data (see :mod:`simulator.safe_yaml`) and record node lines.

    Raises:
        error_type: (a ``CobranzaError`` subclass) when the file cannot be read,
            is not UTF-8, is not valid YAML or is refused as unsafe, naming file
            and line.
    """
    name = str(path)
    return located_yaml(*parse_yaml(read_yaml_text(path, error_type), name, error_type))


def located_yaml(node: yaml.Node | None, data: Any) -> LocatedYaml:
    """``data`` with the line of every key and item, read from its composed ``node``."""
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return LocatedYaml(data, lines)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)


def validate_located(
    model: type[Model],
    located: LocatedYaml,
    error_type: type[CobranzaError],
    file: str,
    known_keys: Iterable[str] = (),
    context: dict[str, Any] | None = None,
) -> Model:
    """Build ``model`` from located YAML; the first error names file, line and field.

    Args:
        known_keys: every key the schema accepts, to suggest the intended one
            when a key is misspelt.
        context: passed to the model's validators (pydantic's validation context).
    """
    if not isinstance(located.data, dict):
        raise error_type("se esperaba un mapa de claves y valores en el nivel superior", file=file)
    try:
        return model.model_validate(located.data, context=context)
    except ValidationError as exc:
        raise located_errors(exc, located, error_type, file, known_keys)[0] from None


def located_errors(
    exc: ValidationError,
    located: LocatedYaml,
    error_type: type[CobranzaError],
    file: str,
    known_keys: Iterable[str] = (),
) -> list[CobranzaError]:
    """Every problem of a failed validation as located errors, a misspelt key first.

    A misspelt key also makes its intended key "missing", so the typo is the
    error worth reading first.
    """
    errors = sorted(exc.errors(), key=lambda error: error["type"] != "extra_forbidden")
    known = list(known_keys)
    return [
        error_type(spanish_message(error, known), file=file,
                   line=located.line_of(tuple(error["loc"])), field=field_name(tuple(error["loc"])))
        for error in errors
    ]


def field_name(loc: Path_) -> str | None:
    """``acciones[2].dia`` for pydantic's ``("acciones", 1, "dia")``: list items count from 1."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or None


_MESSAGES = {
    "missing": "falta este campo obligatorio",
    "int_parsing": "se esperaba un número entero",
    "int_from_float": "se esperaba un número entero",
    "float_parsing": "se esperaba un número",
    "float_type": "se esperaba un número",
    "int_type": "se esperaba un número entero",
    "bool_parsing": "se esperaba sí/no (true/false)",
    "string_type": "se esperaba un texto",
    "list_type": "se esperaba una lista",
    "dict_type": "se esperaba un mapa de claves y valores",
    "model_type": "se esperaba un mapa de claves y valores",
    "greater_than": "debe ser mayor que {gt}",
    "greater_than_equal": "debe ser mayor o igual que {ge}",
    "less_than": "debe ser menor que {lt}",
    "less_than_equal": "debe ser menor o igual que {le}",
    "too_short": "la lista está vacía o es demasiado corta",
}


def spanish_message(error: ErrorDetails, known_keys: Iterable[str] = ()) -> str:
    """A Spanish sentence for one pydantic error, with the value that was read."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        return f"clave desconocida '{key}'{did_you_mean(key, known_keys)}"
    if kind in ("literal_error", "enum"):
        options = str(ctx.get("expected", "")).replace(" or ", " o ")
        return f"valor no permitido {error.get('input')!r}; opciones: {options}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    template = _MESSAGES.get(kind)
    if template is None:
        return f"valor inválido {error.get('input')!r} ({error['msg']})"
    text = template.format(**ctx)
    if kind != "missing":
        text += f"; se leyó {error.get('input')!r}{_percent_hint(kind, ctx, error.get('input'))}"
    return text


def _percent_hint(kind: str, ctx: dict[str, Any], value: Any) -> str:
    """``25`` where a share up to 1 is expected was most likely meant as 25 %."""
    limit = ctx.get("le", ctx.get("lt"))
    if (kind in ("less_than_equal", "less_than") and isinstance(limit, int | float) and limit <= 1
            and isinstance(value, int | float) and 1 < value <= 100):
        return f"; ¿quiso decir {value / 100:g} ({value:g} %)?"
    return ""
