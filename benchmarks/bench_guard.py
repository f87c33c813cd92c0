"""Cost of one compliance check against the cost of one bare SimPy event, in one run.

The guard runs on every contact attempt, so it should stay a fraction of an
event (a replication of the demo portfolio has about 223,000 events and 90,000
actions). This measurement used to be a timed test; the suite asserts no times.

Usage: python benchmarks/bench_guard.py [--checks 20000] [--pack US]
"""

from __future__ import annotations

import argparse
import json
import time

import simpy

from simulator.calendar import Calendar
from simulator.compliance import Attempt, ContactGuard, ContactHistory, load_pack
from simulator.parameters import load_parameters


def seconds_per_event(events: int) -> float:
    """Wall-clock seconds per timeout event of one bare SimPy process."""
    env = simpy.Environment()

    def ticker():
        for _ in range(events):
            yield env.timeout(1)

    env.process(ticker())
    started = time.perf_counter()
    env.run()
    return (time.perf_counter() - started) / events


def seconds_per_check(checks: int, pack: str) -> float:
    """Wall-clock seconds per guard check, with 60 contacts already in the history."""
    classes = {name: channel.contact_class for name, channel in load_parameters().channels.items()}
    guard, history = ContactGuard(load_pack(pack), Calendar()), ContactHistory()
    for number in range(60):
        channel = "llamada" if number % 2 else "sms"
        history.record(Attempt(number * 0.5, channel, classes[channel]), False)
    attempt = Attempt(30.5, "llamada", classes["llamada"])
    started = time.perf_counter()
    for _ in range(checks):
        guard.check(history, attempt)
    return (time.perf_counter() - started) / checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=20_000)
    parser.add_argument("--pack", default="US")
    args = parser.parse_args()
    check = seconds_per_check(args.checks, args.pack)
    event = seconds_per_event(args.checks)
    print(json.dumps({"pack": args.pack, "checks": args.checks,
                      "microseconds_per_check": round(check * 1e6, 2),
                      "microseconds_per_simpy_event": round(event * 1e6, 2),
                      "check_per_event": round(check / event, 3)}))


if __name__ == "__main__":
    main()
