"""The benchmark runs and reports its figures (speed itself is never asserted)."""

from __future__ import annotations

import json

from simulator.experiments.bench import benchmark, resize_portfolio
from simulator.experiments.settings import RunSettings


def test_benchmark_reports_model_and_bare_rates(sample_portfolio, parameters, strategy):
    figures = benchmark(sample_portfolio.head(50), strategy("escalonada"), parameters,
                        RunSettings(days=20, seed=1, replications=1))
    assert set(figures) == {"accounts", "days", "strategy", "replications", "shards", "events",
                            "events_per_s", "bare_simpy_events_per_s", "ratio", "s_per_1k_account_days"}
    assert figures["events"] > 0 and figures["ratio"] > 0


def test_sharded_benchmark_runs_the_same_events(sample_portfolio, parameters, strategy):
    """50 accounts never queue for 12 agents, so the blocks replay the same events."""
    whole, split = (benchmark(sample_portfolio.head(50), strategy("escalonada"), parameters,
                              RunSettings(days=20, seed=1, replications=1, shards=shards))
                    for shards in (1, 3))
    assert split["shards"] == 3 and split["events"] == whole["events"] > 0


def test_every_replication_is_timed(sample_portfolio, parameters, strategy):
    one, two = (benchmark(sample_portfolio.head(50), strategy("escalonada"), parameters,
                          RunSettings(days=20, seed=1, replications=replications))
                for replications in (1, 2))
    assert two["replications"] == 2 and two["events"] > one["events"] > 0


def test_resized_portfolio_has_unique_ids(sample_portfolio):
    grown = resize_portfolio(sample_portfolio, 2500, seed=3)
    assert len(grown) == 2500 and grown["account_id"].is_unique


def test_cli_bench_json(cli):
    done = cli("bench", "--accounts", "100",
                           "--days", "10", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["accounts"] == 100
