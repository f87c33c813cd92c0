"""Load a student's policy and keep a broken one from stopping an evaluation.

A policy named ``MODULE:FUNCTION`` (or ``file.py:FUNCTION``) is imported as
ordinary Python: it is the student's own code, run on purpose. Importing it has
a time limit too, so a module that loops while it loads is stopped instead of
hanging the command. Each debtor's negotiation runs under a time limit set with
``signal.setitimer`` in the main thread (POSIX), so a policy stuck in a loop is
interrupted without threads. Where that timer is unavailable (Windows, or
outside the main thread) the fallback measures each call after it returns: a
slow policy is still caught, but a policy that never returns cannot be
interrupted there. An import there is first tried in a child process that is
killed at the limit, so a module that never finishes loading is still refused.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from simulator.errors import NegotiationError

__all__ = ["IMPORT_TIMEOUT", "PolicyTimeout", "alarm_available", "deadline", "import_within",
           "load_policy", "policy_function"]

#: Seconds a policy module may take to load (its top-level code, not its calls).
IMPORT_TIMEOUT = 5.0

#: Exit status of the child process of :func:`_probe` when the import ran out of time.
_TIMED_OUT = 3
#: Seconds the child process may take to start, on top of the import's own limit.
_STARTUP_SECONDS = 120.0
#: Modules (with the file's modification time) that loaded in time in a child process.
_LOADED_IN_TIME: set[tuple[str, int]] = set()
#: What that child runs: the engine first (already loaded wherever a policy runs, so its
#: time does not count), then the import in a thread it abandons at the limit.
_PROBE = f"""import os, sys, threading
from simulator.negotiation.guard import _import
loader = threading.Thread(target=_import, args=(sys.argv[1],), daemon=True)
loader.start()
loader.join(float(sys.argv[2]))
os._exit({_TIMED_OUT} if loader.is_alive() else 0)
"""


class PolicyTimeout(BaseException):
    """Raised inside a policy that ran out of time.

    A ``BaseException``, like ``KeyboardInterrupt``, so that a policy's own
    ``except Exception`` cannot swallow it.
    """


def load_policy(spec: str, *, field: str = "--policy") -> Callable:
    """The function named by ``MODULE:FUNCTION`` or ``path/to/file.py:FUNCTION``.

    Raises:
        NegotiationError: the name is malformed, the module cannot be imported
            within :data:`IMPORT_TIMEOUT` or has no such function.
    """
    module_name, _, function_name = spec.rpartition(":")
    if not module_name or not function_name:
        raise NegotiationError(f"la política debe escribirse MODULO:FUNCION (p. ej. "
                               f"mi_politica:negociar o mi_politica.py:negociar); se recibió {spec!r}",
                               field=field)
    return policy_function(import_within(module_name, field=field), module_name, function_name, field)


def import_within(target: str, seconds: float | None = None, *, field: str = "--policy") -> ModuleType:
    """Import module ``target`` (a dotted name, or a path ending in ``.py``) within ``seconds``.

    Args:
        seconds: time limit; :data:`IMPORT_TIMEOUT` when not given (read at call
            time, so that tests can shorten it).

    Raises:
        NegotiationError: missing file or module, an error while loading, or
            a load that did not finish in time.
    """
    seconds = IMPORT_TIMEOUT if seconds is None else seconds
    if target.endswith(".py") and not Path(target).is_file():
        raise NegotiationError(f"no existe el archivo {target!r}", field=field)
    try:
        if not alarm_available():
            _probe(target, seconds)
        with deadline(seconds):
            return _import(target)
    except PolicyTimeout:
        raise NegotiationError(_too_slow(target, seconds), field=field) from None
    except ModuleNotFoundError as error:
        raise NegotiationError(f"no se encontró el módulo {error.name!r} al cargar {target!r}; revise "
                               "el nombre y que la carpeta actual lo contenga", field=field) from None
    except Exception as error:  # the student's module failed while loading
        raise NegotiationError(f"el módulo {target!r} falló al cargarse: "
                               f"{type(error).__name__}: {error}", field=field) from None


def policy_function(module: ModuleType, module_name: str, function_name: str, field: str) -> Callable:
    """``module.function_name``, refused unless it is callable."""
    function = getattr(module, function_name, None)
    if not callable(function):
        raise NegotiationError(f"el módulo {module_name!r} no tiene una función {function_name!r}",
                               field=field)
    return function


def _import(target: str) -> ModuleType:
    if not target.endswith(".py"):
        return importlib.import_module(target)
    path = Path(target)
    loader_spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(loader_spec)
    loader_spec.loader.exec_module(module)
    return module


def _too_slow(target: str, seconds: float) -> str:
    return (f"{target!r} no terminó de cargarse en {seconds:g} s y se detuvo: revise el código que "
            "corre al importarlo (fuera de las funciones), p. ej. un ciclo que nunca termina")


def _probe(target: str, seconds: float) -> None:
    """Load ``target`` in a child process first, which gives up at the limit and exits: off
    the main thread nothing else can stop a module that never finishes loading. A file
    that loaded in time is not tried again in this process until it changes.

    Raises:
        PolicyTimeout: the child was still loading after ``seconds``.
    """
    version = (target, Path(target).stat().st_mtime_ns if target.endswith(".py") else 0)
    if version in _LOADED_IN_TIME:
        return
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(entry for entry in sys.path if entry)}
    try:
        done = subprocess.run([sys.executable, "-c", _PROBE, target, repr(seconds)],
                              capture_output=True, timeout=seconds + _STARTUP_SECONDS,
                              env=environment, check=False)
    except subprocess.TimeoutExpired:
        raise PolicyTimeout from None
    if done.returncode == _TIMED_OUT:
        raise PolicyTimeout
    _LOADED_IN_TIME.add(version)


def alarm_available() -> bool:
    """True when a stuck policy can be interrupted (POSIX timer, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _ring(signum, frame):
    raise PolicyTimeout


@contextmanager
def deadline(seconds: float) -> Iterator[Callable[[], None]]:
    """Run a block under a time limit; yields ``check()``, which raises :class:`PolicyTimeout`
    once ``seconds`` have passed (the fallback's only way to notice)."""
    start = time.perf_counter()

    def check() -> None:
        if time.perf_counter() - start > seconds:
            raise PolicyTimeout

    if not alarm_available():
        yield check
        return
    previous = signal.signal(signal.SIGALRM, _ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0.0)
        finally:
            signal.signal(signal.SIGALRM, previous)
