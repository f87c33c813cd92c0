"""Engine speed against a bare SimPy loop with the same number of events.

Usage: python benchmarks/bench_engine.py [--accounts 5000] [--days 180] [--strategy escalonada]

Prints one JSON line. Both figures are measured in the same process, one after
the other, so the ratio is meaningful even on a busy machine; absolute
events/s are not (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import gc
import json
import time

import numpy as np
import simpy

from simulator import Simulation, dataset, load_parameters, load_portfolio, load_strategy


def bare_simpy_events_per_s(processes: int, events: int, seed: int = 1) -> float:
    """A plain SimPy model: ``processes`` generators sleeping exponential times."""
    per_process = max(1, events // processes)
    delays = np.random.default_rng(seed).exponential(1.0, size=(processes, per_process)).tolist()

    def sleeper(env, waits):
        for wait in waits:
            yield env.timeout(wait)

    env = simpy.Environment()
    for waits in delays:
        env.process(sleeper(env, waits))
    started = time.perf_counter()
    env.run()
    return processes * per_process / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--strategy", default="escalonada")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    portfolio = load_portfolio(dataset("portfolios", "demo.csv"))
    if args.accounts != len(portfolio):
        portfolio = portfolio.sample(args.accounts, replace=args.accounts > len(portfolio),
                                     random_state=args.seed).reset_index(drop=True)
        portfolio["account_id"] = [f"B{i:07d}" for i in range(len(portfolio))]
    simulation = Simulation(portfolio, load_strategy(dataset("strategies", f"{args.strategy}.yaml")),
                            load_parameters(), args.days, args.seed)
    gc.collect()
    started = time.perf_counter()
    result = simulation.run()
    model_seconds = time.perf_counter() - started
    model_rate = result.events / model_seconds
    bare_rate = bare_simpy_events_per_s(len(portfolio), result.events)
    print(json.dumps({
        "accounts": len(portfolio),
        "days": args.days,
        "strategy": args.strategy,
        "events": result.events,
        "events_per_s": round(model_rate),
        "bare_simpy_events_per_s": round(bare_rate),
        "ratio": round(model_rate / bare_rate, 3),
        "s_per_1k_account_days": round(model_seconds / (len(portfolio) * args.days / 1000), 5),
    }))


if __name__ == "__main__":
    main()
