"""Speed of the model against a bare SimPy loop with the same number of events.

Both are measured one after the other in the same process, so the ratio holds
on a busy machine even when absolute events/s do not.
"""

from __future__ import annotations

import gc
import time

import pandas as pd
import simpy

from simulator.engine.simulation import Simulation
from simulator.experiments.settings import RunSettings
from simulator.experiments.sharding import shard_rows, shard_strategy
from simulator.parameters import ModelParameters
from simulator.random_streams import seeded_generator
from simulator.strategies.schema import Strategy

__all__ = ["bare_simpy_events_per_s", "benchmark", "resize_portfolio"]


def bare_simpy_events_per_s(processes: int, events: int, seed: int = 1) -> float:
    """Events/s of ``processes`` plain SimPy generators sleeping exponential times."""
    per_process = max(1, events // processes)
    delays = seeded_generator(seed).exponential(1.0, size=(processes, per_process)).tolist()

    def sleeper(env, waits):
        for wait in waits:
            yield env.timeout(wait)

    env = simpy.Environment()
    for waits in delays:
        env.process(sleeper(env, waits))
    started = time.perf_counter()
    env.run()
    return processes * per_process / (time.perf_counter() - started)


def resize_portfolio(portfolio: pd.DataFrame, accounts: int, seed: int) -> pd.DataFrame:
    """A seeded sample (with replacement when growing) with fresh unique ids."""
    if accounts == len(portfolio):
        return portfolio
    resized = portfolio.sample(accounts, replace=accounts > len(portfolio),
                               random_state=seed).reset_index(drop=True)
    resized["account_id"] = [f"B{i:07d}" for i in range(accounts)]
    return resized


def benchmark(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters,
              settings: RunSettings) -> dict:
    """``settings.replications`` replications timed one after the other, then the bare loop with as
    many events.

    Everything runs in this process: that is what makes the ratio hold. With
    ``settings.shards`` each replication runs as that many blocks of accounts one
    after the other (see :mod:`simulator.experiments.sharding`), and the bare loop likewise
    runs one block of processes at a time, so both sides see heaps of one shard's size.
    ``settings.keep_tables`` does not apply: nothing is kept.
    """
    shards = settings.shards
    blocks = shard_rows(len(portfolio), shards)
    events, sizes, seconds = [], [], 0.0
    for replication in range(settings.replications):
        for shard, rows in enumerate(blocks):
            simulation = Simulation(portfolio, shard_strategy(strategy, shard, shards), parameters,
                                    settings.replication(replication), rows=rows)
            gc.collect()
            started = time.perf_counter()
            result = simulation.run()
            seconds += time.perf_counter() - started
            events.append(result.events)
            sizes.append(len(rows))
            del simulation, result  # the bare loop runs without the model's objects alive
    model_rate = sum(events) / seconds
    gc.collect()
    bare_seconds = sum(count / bare_simpy_events_per_s(size, count)
                       for size, count in zip(sizes, events, strict=True))
    bare_rate = sum(events) / bare_seconds
    return {
        "accounts": len(portfolio),
        "days": settings.days,
        "strategy": strategy.name,
        "replications": settings.replications,
        "shards": shards,
        "events": sum(events),
        "events_per_s": round(model_rate, 1),
        "bare_simpy_events_per_s": round(bare_rate, 1),
        "ratio": round(model_rate / bare_rate, 4),
        "s_per_1k_account_days": round(seconds / (settings.replications * len(portfolio) * settings.days
                                                  / 1000), 6),
    }
