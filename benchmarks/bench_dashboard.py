"""Time of the dashboard's Comparar button on the demo portfolio (target: well under a minute).

Runs the same path as the page: :class:`~simulator.dashboard.TableroApp` with
the demo portfolio, two library strategies, 180 days, 20 replications and 2
processes, then the tables, plots and report the page shows. Prints JSON.

Usage: python benchmarks/bench_dashboard.py [--replications 20] [--days 180] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import time

from simulator.dashboard import JobState, TableroApp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    app = TableroApp()
    app.days.value, app.replications.value = args.days, args.replications
    app.workers.value, app.seed.value = args.workers, args.seed
    started = time.perf_counter()
    job = app.run()
    job.wait()
    total = time.perf_counter() - started
    if job.state != JobState.DONE:
        raise SystemExit(f"la comparación no terminó: {job.state} {job.error or ''}")
    print(json.dumps({
        "accounts": len(app.portfolio), "strategies": list(job.comparison.runs),
        "days": args.days, "replications": args.replications, "workers": args.workers,
        "simulation_seconds": round(job.seconds, 1),
        "results_seconds": round(total - job.seconds, 1),
        "total_seconds": round(total, 1),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
