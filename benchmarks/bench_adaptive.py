"""Time to a trustworthy answer: a fixed 20 replications against the two-stage rule, in one run.

The manager's question is the dashboard's: is the challenger better than the
champion, and by how much, to a stated precision (by default half a point of
recovery)? Both ways run on the demo portfolio with the same seed and workers;
the script prints each one's seconds, replications and half-width of the
paired interval of the KPI, and the ratio of their times. The two-stage
interval is never wider than asked; the fixed count's may be wider or much
narrower than needed.

Usage: python benchmarks/bench_adaptive.py [--challenger digital_primero] [--precision 0.005 (KPI units)]
                                            [--kpi recovery_rate] [--fixed 20] [--days 180] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import time

from simulator import dataset, load_parameters, load_portfolio, load_strategy
from simulator.experiments.adaptive import compare_adaptive
from simulator.experiments.compare import compare_strategies
from simulator.experiments.settings import Execution, RunSettings
from simulator.experiments.stopping import Precision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--champion", default="escalonada")
    parser.add_argument("--challenger", default="digital_primero")
    parser.add_argument("--precision", type=float, default=Precision().half_width)
    parser.add_argument("--kpi", default=Precision().kpi)
    parser.add_argument("--fixed", type=int, default=20)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    portfolio = load_portfolio(dataset("portfolios", "demo.csv"))
    names = (args.champion, args.challenger)
    strategies = [load_strategy(dataset("strategies", f"{name}.yaml")) for name in names]
    parameters, execution = load_parameters(), Execution(workers=args.workers)
    settings = RunSettings(days=args.days, seed=args.seed, replications=args.fixed)
    precision = Precision(kpi=args.kpi, half_width=args.precision)

    started = time.perf_counter()
    adaptive = compare_adaptive(portfolio, strategies, parameters, settings, precision, execution)
    adaptive_seconds = time.perf_counter() - started
    started = time.perf_counter()
    fixed = compare_strategies(portfolio, strategies, parameters, settings, execution)
    fixed_seconds = time.perf_counter() - started

    assert adaptive.stopping is not None
    _, low, high = adaptive.stopping.intervals[args.challenger]
    paired = fixed.paired
    row = paired[(paired["strategy"] == args.challenger) & (paired["kpi"] == args.kpi)].iloc[0]
    print(json.dumps({
        "accounts": len(portfolio), "days": args.days, "workers": args.workers, "kpi": args.kpi,
        "precision": args.precision,
        "adaptive": {"replications": adaptive.stopping.replications,
                     "stopped_because": adaptive.stopping.stopped_because,
                     "half_width": round((high - low) / 2, 6), "seconds": round(adaptive_seconds, 1)},
        "fixed": {"replications": args.fixed, "half_width": round((row.ci95_high - row.ci95_low) / 2, 6),
                  "seconds": round(fixed_seconds, 1)},
        "fixed_over_adaptive_seconds": round(fixed_seconds / adaptive_seconds, 2),
    }))


if __name__ == "__main__":
    main()
