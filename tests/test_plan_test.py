"""Planning a live champion/challenger test from a simulated win."""

from __future__ import annotations

import json
import math

import pytest
from scipy import stats

from simulator import CobranzaError, RunSettings, dataset
from simulator.experiments.compare import compare_strategies
from simulator.experiments.live_test import plan_live_test


@pytest.fixture(scope="module")
def comparison(sample_portfolio, parameters, strategy):
    return compare_strategies(sample_portfolio.head(400), [strategy("nada"), strategy("escalonada")],
                              parameters, RunSettings(days=90, seed=5, replications=2, keep_tables=True))


def test_sample_size_follows_the_two_sample_formula(comparison):
    plan = plan_live_test(comparison, "escalonada", challenger_share=0.1, alpha=0.05, power=0.8)
    z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)
    expected = math.ceil(z**2 * (plan.sd_champion**2 / 0.9 + plan.sd_challenger**2 / 0.1)
                         / plan.effect**2)
    assert plan.accounts_needed == expected
    assert plan.challenger_accounts == math.ceil(expected * 0.1)
    low, high = plan.effect_ci95
    assert plan.effect > 0 and low <= plan.effect <= high


def test_balanced_split_and_lower_power_need_fewer_accounts(comparison):
    skewed = plan_live_test(comparison, "escalonada", challenger_share=0.1)
    balanced = plan_live_test(comparison, "escalonada", challenger_share=0.5)
    relaxed = plan_live_test(comparison, "escalonada", challenger_share=0.1, power=0.5)
    assert balanced.accounts_needed < skewed.accounts_needed
    assert relaxed.accounts_needed < skewed.accounts_needed


def test_a_comparison_without_account_tables_says_how_to_keep_them(sample_portfolio, parameters, strategy):
    bare = compare_strategies(sample_portfolio.head(20), [strategy("nada"), strategy("escalonada")],
                              parameters, RunSettings(days=5, seed=5, replications=1))
    with pytest.raises(CobranzaError, match=r"RunSettings\(keep_tables=True\)"):
        plan_live_test(bare, "escalonada")


def test_cure_metric_is_a_share(comparison):
    plan = plan_live_test(comparison, "escalonada", metric="cured")
    assert 0 < plan.effect < 1 and 0 < plan.sd_champion <= 0.5 + 1e-9


def test_cli_plan_test_json(tmp_path, sample_portfolio, cli):
    portfolio = tmp_path / "cartera.csv"
    sample_portfolio.head(150).to_csv(portfolio, index=False)
    done = cli("plan-test", str(dataset("strategies", "nada.yaml")),
         str(dataset("strategies", "escalonada.yaml")), "--portfolio", str(portfolio), "--days", "60",
         "--replications", "2", "--challenger-share", "0.2", "--json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["challenger_share"] == 0.2 and plan["accounts_needed"] > 0
    bad = cli("plan-test", "a.yaml", "b.yaml", "--portfolio", "x.csv",
         "--power", "1.5")
    assert bad.returncode == 2 and "entre 0 y 1" in bad.stderr
