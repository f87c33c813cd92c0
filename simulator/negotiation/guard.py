"""Load a student's policy and keep a broken one from stopping an evaluation.

A policy named ``MODULE:FUNCTION`` (or ``file.py:FUNCTION``) is imported as
ordinary Python: it is the student's own code, run on purpose. Each debtor's
negotiation runs under a time limit set with ``signal.setitimer`` in the main
thread (POSIX), so a policy stuck in a loop is interrupted without threads.
Where that timer is unavailable (Windows, or outside the main thread) the
fallback measures each call after it returns: a slow policy is still caught,
but a policy that never returns cannot be interrupted there.
"""

from __future__ import annotations

import importlib
import importlib.util
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.negotiation.offers import NegotiationError

__all__ = ["PolicyTimeout", "alarm_available", "deadline", "load_policy"]


class PolicyTimeout(BaseException):
    """Raised inside a policy that ran out of time.

    A ``BaseException``, like ``KeyboardInterrupt``, so that a policy's own
    ``except Exception`` cannot swallow it.
    """


def load_policy(spec: str) -> Callable:
    """The function named by ``MODULE:FUNCTION`` or ``path/to/file.py:FUNCTION``.

    Raises:
        NegotiationError: the name is malformed, the module cannot be imported or
            has no such function.
    """
    module_name, _, function_name = spec.rpartition(":")
    if not module_name or not function_name:
        raise NegotiationError(f"la política debe escribirse MODULO:FUNCION (p. ej. "
                               f"simulator.negotiation.policies:anclaje); se recibió {spec!r}",
                               field="--policy")
    try:
        if module_name.endswith(".py"):
            path = Path(module_name)
            if not path.is_file():
                raise NegotiationError(f"no existe el archivo {module_name!r}", field="--policy")
            loader_spec = importlib.util.spec_from_file_location(path.stem, path)
            module = importlib.util.module_from_spec(loader_spec)
            loader_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(module_name)
    except NegotiationError:
        raise
    except ModuleNotFoundError as error:
        raise NegotiationError(f"no se encontró el módulo {error.name!r} al cargar {spec!r}; revise el "
                               "nombre y que la carpeta actual lo contenga", field="--policy") from None
    except Exception as error:  # the student's module failed while loading
        raise NegotiationError(f"el módulo {module_name!r} falló al cargarse: "
                               f"{type(error).__name__}: {error}", field="--policy") from None
    function = getattr(module, function_name, None)
    if not callable(function):
        raise NegotiationError(f"el módulo {module_name!r} no tiene una función {function_name!r}",
                               field="--policy")
    return function


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
