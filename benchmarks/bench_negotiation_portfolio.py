"""Cost of a named negotiation policy in a portfolio run: escalonada with and without one.

Usage: python benchmarks/bench_negotiation_portfolio.py [--accounts 5000] [--days 180]
    [--policy anclaje] [--repeat 2]

Both strategies share actions and staff, so the difference is the price of
playing a real negotiation in every conversation instead of the fixed rule.
Runs alternate and the fastest of ``--repeat`` is kept, so a busy machine
slows both sides alike.
"""

from __future__ import annotations

import argparse
import json
import time

from simulator import RunSettings, dataset, load_parameters, load_portfolio, load_strategy, run_strategy
from simulator.experiments.bench import resize_portfolio


def _timed(portfolio, strategy, parameters, days: int) -> tuple[float, int]:
    """Seconds of one replication and its number of conversations."""
    started = time.perf_counter()
    result = run_strategy(portfolio, strategy, parameters,
                          RunSettings(days=days, seed=7, replications=1, keep_tables=True))
    seconds = time.perf_counter() - started
    return seconds, int(result.tables[0].channel_counts["conversations"].sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--policy", default="anclaje", choices=("anclaje", "aceptar_primera", "exigir_total"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    parameters = load_parameters()
    portfolio = resize_portfolio(load_portfolio(dataset("portfolios", "demo.csv")), args.accounts, 7)
    plans = {"fixed_rule": load_strategy(dataset("strategies", "escalonada.yaml")),
             "policy": load_strategy(dataset("strategies", f"escalonada_{args.policy}.yaml"))}
    best = dict.fromkeys(plans, float("inf"))
    conversations = {}
    for _ in range(args.repeat):
        for name, plan in plans.items():
            seconds, conversations[name] = _timed(portfolio, plan, parameters, args.days)
            best[name] = min(best[name], seconds)
    extra = best["policy"] - best["fixed_rule"]
    print(json.dumps({
        "accounts": args.accounts, "days": args.days, "policy": args.policy,
        "seconds_fixed_rule": round(best["fixed_rule"], 2), "seconds_policy": round(best["policy"], 2),
        "ratio": round(best["policy"] / best["fixed_rule"], 3),
        "conversations_policy": conversations["policy"],
        "extra_ms_per_conversation": round(1000.0 * extra / max(conversations["policy"], 1), 3),
    }))


if __name__ == "__main__":
    main()
