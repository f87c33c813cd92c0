"""Speed-up of replications on 2 local workers against 1 (target: >= 1.6x for 8).

Usage: python benchmarks/bench_workers.py [--accounts 2000] [--replications 8]
"""

from __future__ import annotations

import argparse
import json
import time

from simulator import (
    Execution,
    RunSettings,
    dataset,
    load_parameters,
    load_portfolio,
    load_strategy,
    run_strategy,
)
from simulator.experiments.bench import resize_portfolio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--replications", type=int, default=8)
    parser.add_argument("--days", type=int, default=180)
    args = parser.parse_args()
    portfolio = resize_portfolio(load_portfolio(dataset("portfolios", "demo.csv")), args.accounts, 7)
    strategy = load_strategy(dataset("strategies", "escalonada.yaml"))
    settings = RunSettings(days=args.days, seed=7, replications=args.replications)
    seconds = {}
    for workers in (1, 2):
        started = time.perf_counter()
        run_strategy(portfolio, strategy, load_parameters(), settings, Execution(workers=workers))
        seconds[workers] = time.perf_counter() - started
    print(json.dumps({"accounts": args.accounts, "replications": args.replications,
                      "seconds_1_worker": round(seconds[1], 2),
                      "seconds_2_workers": round(seconds[2], 2),
                      "speedup": round(seconds[1] / seconds[2], 3)}))


if __name__ == "__main__":
    main()
