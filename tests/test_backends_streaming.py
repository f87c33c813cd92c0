"""Replications are handed to workers as they are needed, never all at once."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from simulator.experiments.backends import JOBS_PER_WORKER, RunCancelled, map_replications


class CountedJobs(Sequence):
    """``range(size)`` that remembers how far anyone has read it."""

    def __init__(self, size: int) -> None:
        self.size, self.read = size, 0

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):
        if not isinstance(index, int):
            raise TypeError("solo índices")
        if index >= self.size:
            raise IndexError(index)
        self.read = max(self.read, index + 1)
        return index


def _stop_after(count: int):
    def progress(done: int, total: int) -> None:
        if done >= count:
            raise RunCancelled

    return progress


#: Dask starts a local cluster per case: the slow lane covers it.
ON_DASK = pytest.param("dask", 2, marks=pytest.mark.slow)


@pytest.mark.parametrize(("backend", "workers"), [("local", 1), ("local", 2), ON_DASK])
def test_a_huge_run_cancelled_early_reads_only_a_few_jobs(backend, workers):
    if backend == "dask":
        pytest.importorskip("distributed")
    jobs = CountedJobs(20_000)
    with pytest.raises(RunCancelled):
        map_replications(abs, jobs, workers=workers, backend=backend, progress=_stop_after(3))
    assert 3 <= jobs.read <= 3 + JOBS_PER_WORKER * workers


@pytest.mark.parametrize(("backend", "workers"), [("local", 2), ON_DASK])
def test_streamed_results_come_back_in_job_order(backend, workers):
    if backend == "dask":
        pytest.importorskip("distributed")
    seen = []
    results = map_replications(abs, CountedJobs(25), workers=workers, backend=backend,
                               progress=lambda done, total: seen.append((done, total)))
    assert results == list(range(25))
    assert seen == [(done, 25) for done in range(1, 26)]
