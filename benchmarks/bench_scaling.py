"""Cost per account as the portfolio grows (target: within 1.25x from 10k to 200k).

Usage: python benchmarks/bench_scaling.py [--sizes 10000,50000,200000] [--days 180]
       [--scale-staff] [--shard-size 20000]
Prints one JSON line per size and the ratio of the largest to the smallest
seconds per 1,000 account-days.

``--shard-size N`` runs each portfolio as blocks of about N accounts, one after
the other, each with its share of the staff (``--shards`` of the CLI, which
runs them in parallel): the way to keep the cost per account flat when one
process would slow down with the size of its event heap.

With the strategy's fixed team (12 agents in ``escalonada``) a larger portfolio
queues more calls per account, which is more model work per account, not
engine overhead; ``--scale-staff`` grows the team with the portfolio (as many
people per 5,000 accounts as the strategy has) to separate the two.
"""

from __future__ import annotations

import argparse
import json

from simulator import RunSettings, dataset, load_parameters, load_portfolio, load_strategy
from simulator.experiments.bench import benchmark, resize_portfolio

_STAFF_BASE_ACCOUNTS = 5000  # the demo portfolio the strategies' teams are sized for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--strategy", default="escalonada")
    parser.add_argument("--scale-staff", action="store_true",
                        help="grow agents and field agents in proportion to the accounts")
    parser.add_argument("--shard-size", type=int, default=0,
                        help="run in blocks of about this many accounts (0: one block)")
    args = parser.parse_args()
    base = load_portfolio(dataset("portfolios", "demo.csv"))
    strategy = load_strategy(dataset("strategies", f"{args.strategy}.yaml"))
    rows = []
    for size in (int(text) for text in args.sizes.split(",")):
        sized = strategy
        if args.scale_staff:
            factor = size / _STAFF_BASE_ACCOUNTS
            team = strategy.resources
            sized = strategy.model_copy(update={"resources": team.model_copy(update={
                "agents": round(team.agents * factor),
                "field_agents": round(team.field_agents * factor)})})
        shards = max(1, round(size / args.shard_size)) if args.shard_size else 1
        row = benchmark(resize_portfolio(base, size, 7), sized, load_parameters(),
                        RunSettings(days=args.days, seed=7, replications=1, shards=shards))
        rows.append(row)
        print(json.dumps(row), flush=True)
    print(json.dumps({"per_account_cost_ratio_largest_to_smallest": round(
        rows[-1]["s_per_1k_account_days"] / rows[0]["s_per_1k_account_days"], 3)}))


if __name__ == "__main__":
    main()
