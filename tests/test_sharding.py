"""Sharded replications: the same accounts draw the same numbers, only staff is split."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import RunSettings
from simulator.experiments.sharding import ShardingError, shard_rows, shard_strategy


def test_rows_are_split_into_contiguous_near_equal_blocks():
    blocks = shard_rows(10, 3)
    assert [list(block) for block in blocks] == [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9]]
    assert shard_rows(5, 1) == [range(5)]
    for bad in (0, 11):
        with pytest.raises(ShardingError, match="fragmentos"):
            shard_rows(10, bad)


def test_staff_is_split_in_whole_people_and_a_too_small_team_is_refused(strategy):
    escalonada = strategy("escalonada")
    agents, visits = escalonada.resources.agents, escalonada.resources.field_agents
    parts = [shard_strategy(escalonada, shard, 2).resources for shard in range(2)]
    assert sum(part.agents for part in parts) == agents
    assert sum(part.field_agents for part in parts) == visits
    assert max(part.agents for part in parts) - min(part.agents for part in parts) <= 1
    assert escalonada.resources.agents == agents  # the original is untouched
    with pytest.raises(ShardingError, match=f"tiene {visits} visitadores"):
        shard_strategy(escalonada, 0, visits + 1)


def _ample_staff(strategy):
    """The strategy with so many agents that nobody ever waits for one."""
    resources = strategy.resources.model_copy(update={"agents": 5_000, "field_agents": 5_000})
    return strategy.model_copy(update={"resources": resources})


@pytest.mark.parametrize("shards", [2, 3])
def test_with_staff_to_spare_sharding_changes_no_number(sample_portfolio, parameters, strategy, shards):
    portfolio = sample_portfolio.head(600)
    plan = _ample_staff(strategy("escalonada"))
    settings = RunSettings(days=60, seed=5, replications=2, keep_tables=True)
    whole = run_strategy(portfolio, plan, parameters, settings)
    split = run_strategy(portfolio, plan, parameters, dataclasses.replace(settings, shards=shards))
    pd.testing.assert_frame_equal(whole.per_replication, split.per_replication)
    pd.testing.assert_frame_equal(whole.bucket_history, split.bucket_history, check_like=True)
    pd.testing.assert_frame_equal(whole.utilisation, split.utilisation, rtol=1e-12)  # staff summed
    for one, other in zip(whole.tables, split.tables, strict=True):
        order = ["account_id", "time_days", "channel"]
        contacts = [table.sort_values(order, kind="stable").reset_index(drop=True)
                    for table in (one.contacts, other.contacts)]
        pd.testing.assert_frame_equal(*contacts)
        assert len(one.contacts) > 100


@pytest.mark.slow
def test_sharded_runs_are_reproducible_and_the_cli_takes_the_flag(sample_portfolio, parameters,
                                                                   strategy, cli, tmp_path):
    portfolio = sample_portfolio.head(400)
    path = tmp_path / "cartera.csv"
    portfolio.to_csv(path, index=False)
    args = ["run", "--strategy", "datasets/strategies/escalonada.yaml", "--portfolio", str(path),
            "--days", "30", "--replications", "2", "--seed", "3", "--shards", "2", "--json"]
    first, second = cli(*args), cli(*args)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == json.loads(second.stdout)
    api = run_strategy(portfolio, strategy("escalonada"), parameters,
                       RunSettings(days=30, seed=3, replications=2, shards=2))
    assert json.loads(first.stdout)["kpis"] == json.loads(json.dumps(api.to_json_dict()["kpis"]))
    refused = cli(*args[:-3], "--shards", "50", "--json")
    assert refused.returncode == 2 and "fragmentos" in refused.stderr and "Traceback" not in refused.stderr
