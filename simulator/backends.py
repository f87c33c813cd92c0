"""Where replications run: this process, local processes, or a Dask cluster.

Every replication is seeded on its own, so the numbers never depend on where
or in which order replications run; only the wall-clock time does.

A run is stopped by its progress callback: whatever it raises (usually
:class:`RunCancelled`) cancels the replications not yet started and reaches
the caller once the ones already running have finished.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from simulator.errors import CobranzaError

__all__ = ["BACKENDS", "BackendError", "RunCancelled", "map_replications"]

BACKENDS = ("local", "dask")

Progress = Callable[[int, int], None] | None


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


def _on_processes(task, replications, workers: int, progress: Progress) -> list:
    context = multiprocessing.get_context("spawn")  # same behaviour on Linux, macOS and Windows
    with ProcessPoolExecutor(max_workers=min(workers, len(replications)), mp_context=context) as pool:
        futures = [pool.submit(task, replication) for replication in replications]
        try:
            for done, _ in enumerate(as_completed(futures), start=1):
                if progress is not None:
                    progress(done, len(replications))
        except BaseException:
            for future in futures:  # leaving the pool waits only for the running ones
                future.cancel()
            raise
        return [future.result() for future in futures]


def _on_dask(task, replications, workers: int, scheduler: str | None, progress: Progress) -> list:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise BackendError("el modo dask necesita el paquete distributed: "
                           "pip install -e '.[dask]'") from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
        client = Client(cluster or scheduler, timeout="10s")
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
