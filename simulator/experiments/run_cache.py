"""Runs already made in this session, reused when nothing that fixes their numbers changed.

Every run is reproducible: the same portfolio, strategy, parameters and run
settings give the same numbers on any backend. So a manager who
keeps the champion and tries challenger after challenger need not wait for the
champion again; its run is taken from here. The key hashes the content of
every input, not names or file paths, so an edited lever or a changed cell of
the portfolio is a different run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import OrderedDict

import pandas as pd

from simulator.experiments.runner import RunResult
from simulator.experiments.settings import RunSettings
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

__all__ = ["RunCache", "run_key"]


def run_key(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters,
            settings: RunSettings) -> str:
    """SHA-256 of everything that fixes a run's numbers and what it keeps (the inputs of ``run_strategy``).

    Every field of ``settings`` goes in by name, so a field added there is in the
    key without anyone remembering it here; the run's ``Execution`` stays out.
    """
    digest = hashlib.sha256()
    digest.update(repr((list(portfolio.columns), [str(dtype) for dtype in portfolio.dtypes])).encode())
    digest.update(pd.util.hash_pandas_object(portfolio, index=True).to_numpy().tobytes())
    digest.update(strategy.model_dump_json().encode())
    digest.update(parameters.model_dump_json().encode())
    digest.update(json.dumps(dataclasses.asdict(settings), sort_keys=True, default=str).encode())
    return digest.hexdigest()


class RunCache:
    """The ``size`` most recently used runs, by :func:`run_key`."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._runs: OrderedDict[str, RunResult] = OrderedDict()

    def get(self, key: str) -> RunResult | None:
        """The run stored under ``key``, if any (it becomes the most recently used)."""
        run = self._runs.get(key)
        if run is not None:
            self._runs.move_to_end(key)
        return run

    def put(self, key: str, run: RunResult) -> None:
        """Store a finished run, dropping the least recently used beyond ``size``."""
        self._runs[key] = run
        self._runs.move_to_end(key)
        while len(self._runs) > self.size:
            self._runs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._runs)
