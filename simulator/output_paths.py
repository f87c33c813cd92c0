"""Files and folders the CLI writes, checked before the work that fills them.

A simulation can take minutes; finding out afterwards that ``--audit-log``
points into a missing folder loses the result. Every writer of the CLI checks
its path first with :func:`check_file` or :func:`prepare_folder`, and turns a
later failure (a full disk) into the same Spanish error with :func:`writing`.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.errors import CobranzaError

__all__ = ["OutputError", "check_file", "check_output_path", "make_writable_folder", "os_reason",
           "prepare_folder", "writing"]

#: Spanish reasons for the usual ways a path cannot be written (never the English ``strerror``).
_REASONS = {
    errno.ENOENT: "la carpeta no existe",
    errno.ENOTDIR: "una parte de la ruta es un archivo, no una carpeta",
    errno.EEXIST: "ya existe un archivo con ese nombre",
    errno.EISDIR: "es una carpeta, no un archivo",
    errno.EACCES: "no hay permiso para escribir ahí",
    errno.EPERM: "no hay permiso para escribir ahí",
    errno.EROFS: "el disco es de solo lectura",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se acabó la cuota de disco",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.EFBIG: "el archivo es demasiado grande",
    errno.EIO: "falló la lectura o escritura del disco",
}


class OutputError(CobranzaError):
    """A file or folder the command was asked to write cannot be written."""


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, in Spanish; an unlisted error keeps only its number (if it has one:
    ``shutil.SameFileError`` has none)."""
    if error.errno is None:
        return "error del sistema"
    return _REASONS.get(error.errno, f"error del sistema número {error.errno}")


def _failure(path: Path, option: str, error: OSError) -> OutputError:
    other = f" ({error.filename})" if error.filename and str(error.filename) != str(path) else ""
    return OutputError(f"no se puede escribir ({option}): {os_reason(error)}{other}; "
                       f"elija otra ruta con {option}", file=str(path))


def check_file(path: str | Path, option: str) -> Path:
    """Check that the file ``path`` can be created or replaced, without leaving it behind.

    Args:
        option: the CLI option that named it (``--audit-log``), for the message.

    Raises:
        OutputError: naming the path and the reason (folder missing, is a folder...).
    """
    path = Path(path)
    if path.is_dir():
        raise _failure(path, option, IsADirectoryError(errno.EISDIR, "", str(path)))
    existed = path.exists()
    try:
        with path.open("ab"):
            pass
        if not existed:
            path.unlink()
    except OSError as error:
        raise _failure(path, option, error) from None
    return path


def check_output_path(path: str | Path, option: str) -> Path:
    """:func:`check_file` for a writer that creates the file's missing folders itself."""
    path = Path(path)
    prepare_folder(path.parent, option)
    return check_file(path, option)


def prepare_folder(path: str | Path, option: str) -> Path:
    """Create the folder ``path`` (and its parents) if needed and check it can be written.

    Raises:
        OutputError: naming the folder and the reason.
    """
    folder = Path(path)
    try:
        make_writable_folder(folder)
    except OSError as error:
        raise _failure(folder, option, error) from None
    return folder


def make_writable_folder(folder: Path) -> None:
    """Create ``folder`` if needed and write and remove a probe file in it.

    Raises:
        OSError: as the system reports it; callers give it a Spanish reason.
    """
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / ".escritura_de_prueba"
    probe.write_bytes(b"")
    probe.unlink()


@contextmanager
def writing(path: str | Path, option: str) -> Iterator[None]:
    """Turn an :class:`OSError` while writing ``path`` into an :class:`OutputError`."""
    try:
        yield
    except OSError as error:
        raise _failure(Path(path), option, error) from None
