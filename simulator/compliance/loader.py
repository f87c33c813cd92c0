"""Load rule packs from YAML and turn every problem into a located, Spanish
:class:`~simulator.errors.ComplianceError` (file, line, field)."""

from __future__ import annotations

import functools
import os
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from simulator.compliance.pack import RulePack
from simulator.compliance.rules import rule_kind
from simulator.errors import ComplianceError
from simulator.safe_yaml import parse_yaml, read_yaml_text
from simulator.yaml_lines import LocatedYaml, field_name, located_yaml

__all__ = ["DEFAULT_PACK", "available_packs", "load_pack"]

#: Jurisdiction used when none is given.
DEFAULT_PACK = "MX"


def _packs_dir() -> Traversable:
    return resources.files("simulator.compliance") / "packs"


def available_packs() -> list[str]:
    """Codes of the packs shipped with the package, sorted, e.g. ``["CL", "CO", "MX"]``."""
    return sorted(
        entry.name[: -len(".yaml")].upper()
        for entry in _packs_dir().iterdir()
        if entry.name.endswith(".yaml")
    )


def load_pack(code: str | os.PathLike[str] = DEFAULT_PACK) -> RulePack:
    """Load a shipped pack by jurisdiction code, or any pack YAML by path.

    Args:
        code: a code such as ``"MX"`` or ``"co"``, or a path to a ``.yaml`` file.

    Raises:
        ComplianceError: unknown code, missing file or malformed pack, located
            by file, line and field, in Spanish.
    """
    text = os.fspath(code)
    if isinstance(code, os.PathLike) or text.endswith((".yaml", ".yml")) or "/" in text or (os.sep in text):
        return _parse(read_yaml_text(text, ComplianceError), text, expected_code=None)
    return _load_shipped(text.strip().upper())


@functools.cache
def _load_shipped(code: str) -> RulePack:
    codes = available_packs()
    if code not in codes:
        raise ComplianceError(
            f"no hay paquete de cumplimiento para {code!r} (se buscó "
            f"packs/{code.lower()}.yaml); paquetes disponibles: {', '.join(codes)}"
        )
    resource = _packs_dir() / f"{code.lower()}.yaml"
    return _parse(resource.read_text(encoding="utf-8"), str(resource), expected_code=code)


def _parse(text: str, file: str, expected_code: str | None) -> RulePack:
    root, data = parse_yaml(text, file, ComplianceError)
    if not isinstance(data, dict) or root is None:
        raise ComplianceError(
            "el paquete debe ser un mapa con code, name, version, source, retrieved, "
            "notes, holidays y rules",
            file=file,
            line=1,
        )
    located = located_yaml(root, data)
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        raise _located(exc, located, file) from None
    if expected_code is not None and pack.code != expected_code:
        raise ComplianceError(
            f"el archivo declara code {pack.code!r} pero se cargó como {expected_code!r}",
            file=file,
            line=located.line_of(("code",)),
            field="code",
        )
    return pack


def _located(exc: ValidationError, located: LocatedYaml, file: str) -> ComplianceError:
    """The first pydantic error as a ComplianceError pointing at its YAML line."""
    errors = exc.errors(include_url=False)
    first, data = errors[0], located.data
    loc = tuple(part for part in first["loc"] if part != "[key]")
    message = _spanish(first, data, loc)
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rule = _at(data, loc[:2])
        if isinstance(rule, dict) and isinstance(rule.get("id"), str):
            message = f"regla {rule['id']}: {message}"
    if len(errors) > 1:
        message += f" (y {len(errors) - 1} problema(s) más)"
    return ComplianceError(message, file=file, line=located.line_of(loc), field=field_name(loc))


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _allowed_fields(data: dict[str, Any], loc: tuple[Any, ...]) -> list[str]:
    if len(loc) == 1:
        return list(RulePack.model_fields)
    if len(loc) == 3 and loc[0] == "rules":
        rule = _at(data, loc[:2])
        try:
            return list(rule_kind(rule["kind"]).model_fields)
        except (KeyError, TypeError):
            return []
    return []


def _spanish(error: Any, data: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """Spanish text for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    if kind == "pack_consistency":
        return error["msg"]
    if kind == "missing":
        return "falta este campo"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(data, loc)
        hint = f"; campos válidos aquí: {', '.join(allowed)}" if allowed else ""
        return f"campo no reconocido (revise la ortografía){hint}"
    if kind == "string_pattern_mismatch":
        name = loc[-1] if loc else ""
        formats = {
            "id": "use el código del paquete, un punto y un nombre en minúsculas " "(p. ej. 'MX.horario')",
            "code": "use el código del país en mayúsculas, p. ej. 'MX'",
            "version": 'use año.mes entre comillas, p. ej. "2026.11"',
        }
        return f"formato no válido: {formats.get(name, ctx.get('pattern', ''))}"
    if kind == "string_type":
        return "debe ser texto (si parece un número, como 2026.11, escríbalo entre comillas)"
    if kind == "string_too_short":
        return "el texto está vacío o es demasiado corto"
    if kind == "too_short":
        return "la lista no puede estar vacía"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "debe ser un número entero"
    if kind in ("float_type", "float_parsing"):
        return "debe ser un número"
    if kind in ("bool_type", "bool_parsing"):
        return "debe ser true o false"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "debe ser una fecha AAAA-MM-DD"
    if kind == "greater_than":
        return f"debe ser mayor que {ctx.get('gt')}"
    if kind == "greater_than_equal":
        return f"debe ser al menos {ctx.get('ge')}"
    if kind == "literal_error":
        return f"valor no válido; use: {ctx.get('expected')}"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return "debe ser una lista"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "debe ser un mapa (clave: valor)"
    return f"valor no válido ({error['msg']})"
