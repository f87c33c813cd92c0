"""Time of the dashboard's Comparar button on the demo portfolio (target: well under a minute).

Runs the same path as the page: :class:`~simulator.ui.dashboard.TableroApp` with
the demo portfolio, two library strategies, 180 days, 20 replications and 2
processes, then the tables, plots and report the page shows. With ``--then
NAME`` it then picks challenger NAME and presses Comparar again, as a manager
trying a second challenger would: the unchanged champion comes from the
page's run cache. With ``--warm`` the worker processes are started and ready
before the first press, as on the served page, which starts them on load
(without it the first press pays their start-up). Prints JSON, one object per
press.

The page's default precision (two-stage replications, see bench_adaptive.py)
is set to 0 here, so the press runs exactly ``--replications`` as the earlier
rows of benchmarks/README.md did; ``--precision PP`` measures the default press.

Usage: python benchmarks/bench_dashboard.py [--replications 20] [--days 180] [--workers 2]
                                            [--warm] [--then preventiva] [--precision 0]
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import wait

from simulator.experiments.backends import warm_up
from simulator.ui.dashboard import JobState, TableroApp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--then", metavar="NAME", help="a second challenger, compared right after")
    parser.add_argument("--warm", action="store_true", help="start the workers before the first press")
    parser.add_argument("--precision", type=float, default=0.0, help="the page's precision, pp (0: fixed)")
    args = parser.parse_args()
    if args.warm:
        wait(warm_up(args.workers))
    app = TableroApp()
    app.days.value, app.replications.value = args.days, args.replications
    app.workers.value, app.seed.value, app.precision.value = args.workers, args.seed, args.precision
    _press(app, args)
    if args.then:
        app.challenger.pick.value = args.then
        _press(app, args)


def _press(app: TableroApp, args: argparse.Namespace) -> None:
    """Press Comparar, wait for the results view, print the timings."""
    started = time.perf_counter()
    job = app.run()
    job.wait()  # the job's thread also builds the results view before it ends
    total = time.perf_counter() - started
    if job.state != JobState.DONE:
        raise SystemExit(f"la comparación no terminó: {job.state} {job.error or ''}")
    print(json.dumps({
        "accounts": len(app.portfolio), "strategies": list(job.comparison.runs),
        "reused": list(job.comparison.reused),
        "days": args.days, "replications": args.replications, "workers": args.workers,
        "simulation_seconds": round(job.seconds, 1),
        "results_seconds": round(total - job.seconds, 1),
        "total_seconds": round(total, 1),
    }, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
