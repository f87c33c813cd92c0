"""File loaders run on content held in memory: an uploaded file, a learner's answer.

The loaders read paths (that is how the command line meets files), so the
content goes to a temporary file; errors then name what the user knows, the
uploaded file's name or nothing at all, never the temporary path. That file is
always called ``contenido`` plus an extension: a name chosen by whoever
uploads (``..``, a NUL byte, 300 characters) is never a path on this machine.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TypeVar

from simulator.errors import CobranzaError

__all__ = ["MAX_NAME_BYTES", "load_content", "shown_name", "upload_name_problem"]

T = TypeVar("T")
#: Longest file name most file systems accept, in bytes of UTF-8.
MAX_NAME_BYTES = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}")


def shown_name(name: str) -> str:
    """The last part of an uploaded file's name; browsers may send a Windows path."""
    return PureWindowsPath(name).name or "archivo"  # splits on both kinds of slash


def upload_name_problem(name: str) -> str | None:
    """Why an uploaded file's name is refused, in Spanish, or None when it is fine.

    A name that is only ``..``, carries control characters (NUL, line breaks) or
    is too long is not a file name a person chose: the page says so instead of
    failing somewhere further on.
    """
    if _CONTROL.search(name):
        return "el nombre del archivo tiene caracteres de control (como NUL o saltos de línea)"
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_NAME_BYTES:
        return f"el nombre del archivo es demasiado largo ({size} bytes; el máximo es {MAX_NAME_BYTES})"
    if PureWindowsPath(name).name in ("", ".", ".."):
        return f"«{name}» no es un nombre de archivo"
    return None


def load_content(load: Callable[[Path], T], content: bytes | str, name: str | None,
                 suffix: str = "") -> T:
    """``load`` applied to ``content``.

    Args:
        load: a loader such as ``load_portfolio`` or ``load_strategy``.
        content: the file's bytes, or text (written as UTF-8).
        name: the file name errors show (only its last part is kept, whichever the slashes); None for
            content that never was a file, whose errors give line and field only.
        suffix: extension of the temporary file when ``name`` has none (or None).

    Raises:
        CobranzaError: the loader's own error, of the same class, located in ``name``.
    """
    shown = None if name is None else shown_name(name)
    data = content.encode("utf-8") if isinstance(content, str) else content
    extension = PurePosixPath(shown or "").suffix
    with tempfile.TemporaryDirectory(prefix="cobranza_") as folder:
        path = Path(folder) / f"contenido{extension if _EXTENSION.fullmatch(extension) else suffix}"
        path.write_bytes(data)
        try:
            return load(path)
        except CobranzaError as error:
            raise type(error)(error.message, file=shown, line=error.line, row=error.row,
                              field=error.field) from None
