"""Where replications run: this process, local processes, or a Dask cluster.

Every replication is seeded on its own, so the numbers never depend on where
or in which order replications run; only the wall-clock time does.

A run is stopped by its progress callback: whatever it raises (usually
:class:`RunCancelled`) cancels the replications not yet started and reaches
the caller once the ones already running have finished.

Local worker processes are started once and kept for the life of the calling
process: a spawned worker spends a second or two importing the engine, which
a page that compares strategy after strategy should pay only once. They never
outlive it: the pool is shut down when that process exits, and a worker whose
parent disappears without doing so (killed, out of memory) ends itself.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from simulator.errors import CobranzaError

__all__ = ["BACKENDS", "BackendError", "RunCancelled", "map_replications", "warm_up", "worker_pool"]

BACKENDS = ("local", "dask")

Progress = Callable[[int, int], None] | None

_POOLS: dict[int, ProcessPoolExecutor] = {}
#: Seconds between a worker's checks that the process that started it is still there.
_PARENT_CHECK_S = 1.0


class BackendError(CobranzaError):
    """A backend that cannot be used (missing package, unreachable scheduler)."""


class RunCancelled(Exception):
    """Raised by a progress callback to stop a run (the dashboard's Cancel button)."""


def map_replications(task: Callable[[int], object], replications: Sequence[int], *,
                     workers: int = 1, backend: str = "local", scheduler: str | None = None,
                     progress: Progress = None) -> list:
    """Run ``task`` for every replication and return the results in replication order.

    Args:
        workers: local processes (``local``) or local Dask workers when no
            scheduler is given (``dask``).
        backend: ``local`` or ``dask``.
        scheduler: address of a running Dask scheduler; without it a
            ``LocalCluster`` on 127.0.0.1 is started for the run.
        progress: called with ``(done, total)`` after each replication; an
            exception it raises stops the run (see :class:`RunCancelled`).
    """
    if backend == "dask":
        return _on_dask(task, replications, workers, scheduler, progress)
    if workers <= 1 or len(replications) <= 1:
        return _in_process(task, replications, progress)
    return _on_processes(task, replications, workers, progress)


def _in_process(task, replications, progress: Progress) -> list:
    outcomes = []
    for replication in replications:
        outcomes.append(task(replication))
        if progress is not None:
            progress(len(outcomes), len(replications))
    return outcomes


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """The process's pool of ``workers`` local processes, started on first use and kept.

    Spawned, not forked, so a run behaves the same on Linux, macOS and Windows.
    """
    pool = _POOLS.get(workers)
    if pool is None:
        pool = _POOLS[workers] = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_serve_parent, initargs=(os.getpid(),))
    return pool


def _serve_parent(parent: int) -> None:
    """Set a worker up to belong to ``parent``: Ctrl+C and kernel interrupts (a Jupyter kernel is
    interrupted before it is shut down) are the parent's to handle, where a worker would print a
    traceback; and the worker ends when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(parent,), name="vigila-padre", daemon=True).start()


def _exit_without(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_S)
    os._exit(0)


def _load_engine() -> None:
    import simulator.runner  # noqa: F401  (the import is the work: it warms a worker)


def warm_up(workers: int) -> list[Future]:
    """Start the pool's workers now, in the background, with the engine imported,
    so that the first run does not wait for them (the dashboard calls it on load).

    Returns the warm-up tasks, done when the workers are ready (none for one worker).
    """
    if workers <= 1:
        return []
    with _sigint_ignored():  # the workers start now and inherit it (see _serve_parent)
        pool = worker_pool(workers)
        return [pool.submit(_load_engine) for _ in range(workers)]


@contextmanager
def _sigint_ignored():
    """Ignore SIGINT while processes are started, so that they ignore it from their first instant.

    Only the main thread may change a signal's handler; elsewhere this does nothing and a
    worker ignores SIGINT once its initializer has run.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _on_processes(task, replications, workers: int, progress: Progress) -> list:
    pool = worker_pool(workers)
    try:
        futures = [pool.submit(task, replication) for replication in replications]
        try:
            for done, _ in enumerate(as_completed(futures), start=1):
                if progress is not None:
                    progress(done, len(replications))
        except BaseException:
            for future in futures:
                future.cancel()
            wait(futures)  # the running ones finish; the pool stays for the next run
            raise
        return [future.result() for future in futures]
    except BrokenProcessPool:
        _POOLS.pop(workers, None)  # a worker died: the next run starts a new pool
        raise


def _on_dask(task, replications, workers: int, scheduler: str | None, progress: Progress) -> list:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise BackendError("el modo dask necesita el paquete distributed: "
                           "pip install -e '.[dask]'") from None
    from simulator.dask_scheduler import CONNECT_TIMEOUT_S, check_address, probe

    cluster = None
    if scheduler is not None:
        scheduler = check_address(scheduler)
        probe(scheduler, CONNECT_TIMEOUT_S)
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
        client = Client(cluster or scheduler, timeout=CONNECT_TIMEOUT_S)
    except OSError as error:
        raise BackendError(f"no se pudo conectar con el planificador Dask {scheduler!r}: {error}") from None
    try:
        futures = client.map(task, list(replications), pure=False)
        try:
            for done, _ in enumerate(dask_completed(futures), start=1):
                if progress is not None:
                    progress(done, len(replications))
        except BaseException:
            client.cancel(futures)
            raise
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
