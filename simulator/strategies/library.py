"""Strategies given by name: ``escalonada`` means ``datasets/strategies/escalonada.yaml``.

A learner's first command copies a name from the course, not a path; a file
that exists always wins, so a strategy of one's own is never shadowed.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import StrategyError
from simulator.paths import dataset

__all__ = ["library_names", "strategy_library", "strategy_path"]


def strategy_library() -> dict[str, Path]:
    """The strategies shipped in ``datasets/strategies``, by file stem, sorted."""
    return {path.stem: path for path in sorted(dataset("strategies").glob("*.yaml"))}


def library_names() -> list[str]:
    """Names of the strategies shipped in ``datasets/strategies``, sorted."""
    return list(strategy_library())


def strategy_path(text: str) -> Path:
    """The file ``text`` names: a path that exists, else a strategy of the library by name.

    Raises:
        StrategyError: neither a file nor a library name; the message lists the names.
    """
    path = Path(text)
    if path.exists():
        return path
    if path.name == text and text not in {".", ".."}:  # a bare name never walks out of the library
        named = dataset("strategies", f"{text}.yaml")
        if named.is_file():
            return named
    raise StrategyError("no existe ese archivo ni una estrategia de la biblioteca con ese nombre; "
                        f"dé la ruta de un YAML o uno de estos nombres: {', '.join(library_names())}",
                        file=text)
