"""The engine (accounts on timeout callbacks) against the reference model (a SimPy process per account).

Usage: python benchmarks/bench_reference.py [--accounts 5000] [--days 180] [--strategy escalonada]
       [--rounds 3]

Both run the same replication (same portfolio, strategy and seed), alternately,
``--rounds`` times each, so that a busy machine slows both alike; the best CPU
time of each is kept. Then one more run of each under ``tracemalloc`` (slower,
not timed) gives its peak memory. Prints events/s and peak memory per account
of each, the ratios, and whether the two gave the same account table and
event count.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc

from simulator import dataset, load_parameters, load_portfolio, load_strategy
from simulator.engine.reference import ReferenceSimulation
from simulator.engine.simulation import Replication, Simulation
from simulator.experiments.bench import resize_portfolio


def _timed(kind, portfolio, strategy, parameters, days: int):
    """CPU seconds of one run (set-up excluded) and its result."""
    simulation = kind(portfolio, strategy, parameters, Replication(days=days, seed=7))
    gc.collect()
    started = time.process_time()
    result = simulation.run()
    return time.process_time() - started, result


def _peak_bytes(kind, portfolio, strategy, parameters, days: int) -> int:
    """Peak memory Python allocated during one run (set-up excluded)."""
    simulation = kind(portfolio, strategy, parameters, Replication(days=days, seed=7))
    gc.collect()
    tracemalloc.start()
    simulation.run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--strategy", default="escalonada")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    portfolio = resize_portfolio(load_portfolio(dataset("portfolios", "demo.csv")), args.accounts, 7)
    strategy = load_strategy(dataset("strategies", f"{args.strategy}.yaml"))
    parameters = load_parameters()
    kinds = {"engine": Simulation, "reference": ReferenceSimulation}
    best = dict.fromkeys(kinds, float("inf"))
    results = {}
    for _ in range(args.rounds):
        for name, kind in kinds.items():
            seconds, results[name] = _timed(kind, portfolio, strategy, parameters, args.days)
            best[name] = min(best[name], seconds)
    peak = {name: _peak_bytes(kind, portfolio, strategy, parameters, args.days)
            for name, kind in kinds.items()}
    events = results["engine"].events
    same = (events == results["reference"].events
            and results["engine"].accounts.equals(results["reference"].accounts))
    print(f"{args.accounts:,} accounts x {args.days} days, {args.strategy}, {events:,} events, "
          f"best of {args.rounds} (CPU s)")
    for name in kinds:
        print(f"{name:<10} {best[name]:7.2f} s  {events / best[name]:9,.0f} events/s  "
              f"peak {peak[name] / args.accounts:6,.0f} bytes per account")
    print(f"reference / engine: time {best['reference'] / best['engine']:.2f}x, "
          f"peak memory {peak['reference'] / peak['engine']:.2f}x; same tables: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
