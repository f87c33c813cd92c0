"""Cost per account as the portfolio grows (target: within 1.25x from 10k to 200k).

Usage: python benchmarks/bench_scaling.py [--sizes 10000,50000,200000] [--days 180]
Prints one JSON line per size and the ratio of the largest to the smallest
seconds per 1,000 account-days.
"""

from __future__ import annotations

import argparse
import json

from simulator import dataset, load_parameters, load_portfolio, load_strategy
from simulator.bench import benchmark, resize_portfolio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--strategy", default="escalonada")
    args = parser.parse_args()
    base = load_portfolio(dataset("portfolios", "demo.csv"))
    strategy = load_strategy(dataset("strategies", f"{args.strategy}.yaml"))
    rows = []
    for size in (int(text) for text in args.sizes.split(",")):
        row = benchmark(resize_portfolio(base, size, 7), strategy, load_parameters(),
                        days=args.days, seed=7)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print(json.dumps({"per_account_cost_ratio_largest_to_smallest": round(
        rows[-1]["s_per_1k_account_days"] / rows[0]["s_per_1k_account_days"], 3)}))


if __name__ == "__main__":
    main()
