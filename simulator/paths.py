"""Where the bundled data lives, so notebooks and tests need no hard-coded paths."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PROJECT_ROOT", "dataset"]

#: Root of the project checkout (the package is installed in editable mode).
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def dataset(*parts: str) -> Path:
    """Path of a file under ``datasets/``, e.g. ``dataset("portfolios", "demo.csv")``."""
    return PROJECT_ROOT.joinpath("datasets", *parts)
