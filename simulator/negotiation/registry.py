"""Negotiation policies a strategy may name: the shipped ones and those in trusted folders.

A strategy file is data, and reading one must never run code. A strategy names
a shipped policy by its name (``anclaje``) or one of the user's own as
``archivo:funcion``: the function ``funcion`` of ``archivo.py`` in a folder the
user trusted on the command line (``--politicas CARPETA``). Checking a name
reads that file as text (its top-level ``def`` lines) and imports nothing; the
file is imported, under a time limit, only when a simulation needs the function.
A :class:`PolicyRegistry` holds only folder paths, so worker processes receive
it as it is and import the file themselves.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import NegotiationError
from simulator.negotiation import policies
from simulator.negotiation.guard import import_within, load_policy, policy_function
from simulator.strategies.policy_names import (
    POLICY_FIELD,
    SHIPPED_POLICY_NAMES,
    check_shipped,
    listed,
    split_policy_name,
)
from simulator.suggestions import did_you_mean

__all__ = ["SHIPPED_POLICIES", "PolicyRegistry"]

#: The shipped policies, by the name a strategy uses for them.
SHIPPED_POLICIES: dict[str, Callable] = {name: getattr(policies, name) for name in SHIPPED_POLICY_NAMES}


@dataclass(frozen=True)
class PolicyRegistry:
    """The policies a run may use: the shipped ones plus the files in ``folders``.

    Attributes:
        folders: folders the user trusted on the command line, searched in order.
    """

    folders: tuple[Path, ...] = ()

    @classmethod
    def trusting(cls, folders: Iterable[str | Path]) -> PolicyRegistry:
        """A registry trusting ``folders`` (each must exist).

        Raises:
            NegotiationError: a folder that does not exist.
        """
        given = [Path(folder) for folder in folders]
        for folder in given:
            if not folder.is_dir():
                raise NegotiationError(f"no existe la carpeta {str(folder)!r}", field="--politicas")
        return cls(tuple(folder.resolve() for folder in given))

    def check(self, name: str) -> None:
        """Refuse a name this registry cannot provide, without importing anything.

        Raises:
            NegotiationError: malformed name, unknown shipped policy, a user's
                policy with no trusted folder, no such file or no such ``def``.
        """
        if not self.folders:
            check_shipped(name)
            return
        try:
            parts = split_policy_name(name)
        except NegotiationError:
            if ":" in name:
                raise
            available = self.available()  # a bare name may be a function of a trusted file
            raise NegotiationError(f"no hay una política llamada {name!r}"
                                   f"{did_you_mean(name, available)}; {listed(available)}") from None
        if parts is None:
            return
        file, function = parts
        path = self._file(file)
        if path is None:
            available = self.available()
            raise NegotiationError(f"no hay un archivo {file}.py en las carpetas de confianza "
                                   f"({', '.join(str(folder) for folder in self.folders)})"
                                   f"{did_you_mean(name, available)}; {listed(available)}")
        defined = _functions(path)
        if function not in defined:
            own = [f"{file}:{defined_name}" for defined_name in defined]
            raise NegotiationError(f"{path} no define la función {function!r} (con def, fuera de otras "
                                   f"funciones){did_you_mean(name, own)}; {listed(self.available())}")

    def resolve(self, name: str) -> Callable:
        """The function ``name`` stands for; a user's file is imported now, within the time limit.

        Raises:
            NegotiationError: what :meth:`check` refuses, or a file that fails or
                runs out of time while loading.
        """
        self.check(name)
        parts = split_policy_name(name)
        if parts is None:
            return SHIPPED_POLICIES[name]
        file, function = parts
        path = str(self._file(file))
        return policy_function(import_within(path, field=POLICY_FIELD), path, function, POLICY_FIELD)

    def command_line_policy(self, spec: str) -> Callable:
        """A policy given on the command line, trusted by that act: a shipped name, a name
        from a trusted folder, or any ``MODULO:FUNCION`` / ``ruta/archivo.py:FUNCION``."""
        file = spec.partition(":")[0]
        if spec in SHIPPED_POLICIES or (file.isidentifier() and self._file(file) is not None):
            return self.resolve(spec)
        return load_policy(spec)

    def available(self) -> list[str]:
        """Every name this registry provides: shipped ones first, then ``archivo:funcion``."""
        own = [f"{path.stem}:{function}" for folder in self.folders
               for path in sorted(folder.glob("*.py")) if path.stem.isidentifier()
               for function in _functions(path, quiet=True)]
        return [*SHIPPED_POLICIES, *own]

    def _file(self, file: str) -> Path | None:
        """``file.py`` in the first trusted folder that has it."""
        return next((folder / f"{file}.py" for folder in self.folders
                     if (folder / f"{file}.py").is_file()), None)


def _functions(path: Path, *, quiet: bool = False) -> list[str]:
    """Names defined with ``def`` at the top of ``path``, read as text, never run.

    Args:
        quiet: a file that is not valid Python defines nothing, instead of an error
            (when only listing what is available).
    """
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except UnicodeDecodeError:
        problem = "no está en UTF-8; guárdelo con codificación UTF-8"
    except SyntaxError as error:
        problem = f"línea {error.lineno}: no es Python válido ({error.msg})"
    else:
        return [node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and not node.name.startswith("_")]
    if quiet:
        return []
    raise NegotiationError(f"{path}, {problem}")
