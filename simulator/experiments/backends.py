"""Where replications run: this process, local processes, or a Dask cluster.

Every replication is seeded on its own, so the numbers never depend on where
or in which order replications run; only the wall-clock time does.

A run is stopped by its progress callback: whatever it raises (usually
:class:`RunCancelled`) cancels the replications not yet started and reaches
the caller once the ones already running have finished. Ctrl+C does not wait:
the local workers ignore it themselves and are stopped by the calling process.

Replications are handed out as they are needed, a few per worker at a time,
never all at once: 10,000 pending jobs would cost memory and a scheduler's
patience before the first result comes back.

Local worker processes are started once and kept for the life of the calling
process: a spawned worker spends a second or two importing the engine, which
a page that compares strategy after strategy should pay only once. They never
outlive it: the pool is shut down when that process exits, and a worker whose
parent disappears without doing so (killed, out of memory) ends itself.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from simulator.errors import BackendError

__all__ = ["BACKENDS", "RunCancelled", "map_replications", "warm_up", "worker_pool"]

BACKENDS = ("local", "dask")

Progress = Callable[[int, int], None] | None

_POOLS: dict[int, ProcessPoolExecutor] = {}
#: Seconds between a worker's checks that the process that started it is still there.
_PARENT_CHECK_S = 1.0

#: Jobs handed to each worker ahead of its results: enough to keep it busy, few enough to stay small.
JOBS_PER_WORKER = 2


class RunCancelled(Exception):
    """Raised by a progress callback to stop a run (the dashboard's Cancel button)."""


def map_replications(task: Callable[[int], object], replications: Sequence[int], *,
                     workers: int = 1, backend: str = "local", scheduler: str | None = None,
                     progress: Progress = None) -> list:
    """Run ``task`` for every replication and return the results in replication order.

    ``replications`` is read lazily (a ``range`` of any length costs nothing);
    at most :data:`JOBS_PER_WORKER` jobs per worker wait to run at any time.

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


@contextmanager
def _spawning() -> Iterator[None]:
    """Ignore Ctrl+C while the pool may start a worker (it does so inside ``submit``).

    A spawned worker inherits the ignored signal from its first instruction, so
    a Ctrl+C while it imports the engine (before :func:`_serve_parent` runs)
    cannot print a traceback from it. Only the main thread can change signals.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop_pool(workers: int) -> None:
    """Stop the pool's processes now, running replications included (after Ctrl+C)."""
    pool = _POOLS.pop(workers, None)
    if pool is None:
        return
    processes = list((pool._processes or {}).values())  # no public way to stop running tasks
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


def _load_engine() -> None:
    import simulator.engine.simulation  # noqa: F401  (the import is the work: it warms a worker)


def warm_up(workers: int) -> list[Future]:
    """Start the pool's workers now, in the background, with the engine imported,
    so that the first run does not wait for them (the dashboard calls it on load).

    Returns the warm-up tasks, done when the workers are ready (none for one worker).
    """
    if workers <= 1:
        return []
    pool = worker_pool(workers)
    with _spawning():
        return [pool.submit(_load_engine) for _ in range(workers)]


def _on_processes(task, replications, workers: int, progress: Progress) -> list:
    pool = worker_pool(workers)
    jobs, pending, results = enumerate(replications), {}, {}

    def submit(count: int) -> None:
        for number, job in itertools.islice(jobs, count):
            with _spawning():
                pending[pool.submit(task, job)] = number

    try:
        try:
            submit(JOBS_PER_WORKER * workers)
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    results[pending.pop(future)] = future.result()
                    if progress is not None:
                        progress(len(results), len(replications))
                submit(len(finished))
        except KeyboardInterrupt:
            _stop_pool(workers)
            raise
        except BaseException:
            for future in pending:
                future.cancel()
            wait(pending)  # the running ones finish; the pool stays for the next run
            raise
        return [results[number] for number in range(len(results))]
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
    from simulator.experiments.dask_scheduler import CONNECT_TIMEOUT_S, check_address, probe

    cluster = None
    if scheduler is not None:
        scheduler = check_address(scheduler)
        probe(scheduler, CONNECT_TIMEOUT_S)
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
        client = Client(cluster or scheduler, timeout=CONNECT_TIMEOUT_S)
    except OSError:
        raise BackendError(f"no se pudo conectar con el planificador Dask {scheduler!r}; revise que esté "
                           "encendido y que la dirección y el puerto sean los suyos") from None
    try:
        workers = max(1, workers, len(client.scheduler_info().get("workers", {})))
        return _dask_results(client, dask_completed, task, replications, workers, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_results(client, as_completed, task, replications, workers: int, progress: Progress) -> list:
    """Keep :data:`JOBS_PER_WORKER` jobs per worker on the cluster until every replication is done."""
    jobs, pending, results = enumerate(replications), {}, {}

    def submit(count: int) -> list:
        futures = []
        for number, job in itertools.islice(jobs, count):
            future = client.submit(task, job, pure=False)
            pending[future.key] = number, future
            futures.append(future)
        return futures

    try:
        completed = as_completed(submit(JOBS_PER_WORKER * workers))
        for future in completed:
            results[pending.pop(future.key)[0]] = future.result()
            if progress is not None:
                progress(len(results), len(replications))
            completed.update(submit(1))
    except BaseException:
        client.cancel([future for _, future in pending.values()])
        raise
    return [results[number] for number in range(len(results))]
