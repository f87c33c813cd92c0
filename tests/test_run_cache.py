"""Reusing runs: an unchanged champion is not simulated again, and any change is a new run."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import simulator.experiments.compare as compare_module
from simulator.experiments.compare import compare_strategies
from simulator.experiments.run_cache import RunCache, run_key
from simulator.experiments.settings import RunSettings
from simulator.strategies.edits import shift_late_actions

DAYS, REPLICATIONS, SEED = 30, 3, 5
SETTINGS = RunSettings(days=DAYS, seed=SEED, replications=REPLICATIONS)


@pytest.fixture()
def portfolio(demo_portfolio) -> pd.DataFrame:
    return demo_portfolio.head(300).copy()


@pytest.fixture()
def counted_runs(monkeypatch) -> list[str]:
    """Names of the strategies actually simulated by ``compare_strategies``."""
    simulated: list[str] = []
    real = compare_module.run_strategy

    def counting(portfolio, strategy, *args, **kwargs):
        simulated.append(strategy.name)
        return real(portfolio, strategy, *args, **kwargs)

    monkeypatch.setattr(compare_module, "run_strategy", counting)
    return simulated


def test_a_second_comparison_reuses_the_champion_with_the_same_numbers(portfolio, parameters, strategy,
                                                                       counted_runs):
    cache = RunCache()
    champion = strategy("escalonada")
    first = compare_strategies(portfolio, [champion, strategy("digital_primero")], parameters, SETTINGS,
                               cache=cache)
    progress: list[tuple[int, int]] = []
    second = compare_strategies(portfolio, [champion, strategy("preventiva")], parameters, SETTINGS,
                                cache=cache, progress=lambda done, total: progress.append((done, total)))
    assert counted_runs == ["escalonada", "digital_primero", "preventiva"]
    assert first.reused == () and second.reused == ("escalonada",)
    assert progress[0] == (REPLICATIONS, 2 * REPLICATIONS) and progress[-1] == (6, 6)
    fresh = compare_strategies(portfolio, [champion, strategy("preventiva")], parameters, SETTINGS)
    assert second.to_json_dict() == fresh.to_json_dict()
    pd.testing.assert_frame_equal(second.paired, fresh.paired)


def test_every_input_that_fixes_the_numbers_changes_the_key(portfolio, parameters, strategy):
    base = strategy("escalonada")
    key = run_key(portfolio, base, parameters, SETTINGS)
    assert run_key(portfolio.copy(), base.model_copy(), parameters, dataclasses.replace(SETTINGS)) == key
    edited = portfolio.copy()
    edited.loc[17, "balance_mxn"] += 1.0
    fewer_agents = base.model_copy(update={"resources": base.resources.model_copy(update={"agents": 3})})
    other_parameters = parameters.model_copy(update={"statement_lead_days": 9.0})
    changed = [
        run_key(edited, base, parameters, SETTINGS),
        run_key(portfolio, fewer_agents, parameters, SETTINGS),
        run_key(portfolio, shift_late_actions(base, 5), parameters, SETTINGS),
        run_key(portfolio, base, other_parameters, SETTINGS),
        *(run_key(portfolio, base, parameters, dataclasses.replace(SETTINGS, **{name: value}))
          for name, value in (("days", DAYS + 1), ("seed", SEED + 1), ("replications", 4),
                              ("enforce_compliance", False), ("start", dt.date(2026, 2, 2)),
                              ("keep_tables", True), ("shards", 2))),
    ]
    assert key not in changed and len(set(changed)) == len(changed)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=30), st.integers(1, 4))
def test_the_cache_keeps_the_most_recently_used_runs(keys, size):
    cache, used = RunCache(size), []
    for key in keys:
        if cache.get(str(key)) is None:
            cache.put(str(key), object())
        used = [k for k in used if k != key] + [key]
    assert len(cache) == min(size, len(set(keys)))
    for key in used[-size:]:
        assert cache.get(str(key)) is not None
