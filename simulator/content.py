"""File loaders run on content held in memory: an uploaded file, a learner's answer.

The loaders read paths (that is how the command line meets files), so the
content goes to a temporary file; errors then name what the user knows, the
uploaded file's name or nothing at all, never the temporary path.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path, PureWindowsPath
from typing import TypeVar

from simulator.errors import CobranzaError

__all__ = ["load_content", "shown_name"]

T = TypeVar("T")


def shown_name(name: str) -> str:
    """The last part of an uploaded file's name; browsers may send a Windows path."""
    return PureWindowsPath(name).name or "archivo"  # splits on both kinds of slash


def load_content(load: Callable[[Path], T], content: bytes | str, name: str | None,
                 suffix: str = "") -> T:
    """``load`` applied to ``content``.

    Args:
        load: a loader such as ``load_portfolio`` or ``load_strategy``.
        content: the file's bytes, or text (written as UTF-8).
        name: the file name errors show (only its last part is kept, whichever the slashes); None for
            content that never was a file, whose errors give line and field only.
        suffix: extension of the temporary file when ``name`` is None.

    Raises:
        CobranzaError: the loader's own error, of the same class, located in ``name``.
    """
    shown = None if name is None else shown_name(name)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with tempfile.TemporaryDirectory(prefix="cobranza_") as folder:
        path = Path(folder) / (shown or f"contenido{suffix}")
        path.write_bytes(data)
        try:
            return load(path)
        except CobranzaError as error:
            raise type(error)(error.message, file=shown, line=error.line, row=error.row,
                              field=error.field) from None
