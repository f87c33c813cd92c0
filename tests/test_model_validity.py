"""Stylized facts that must emerge from the model, not be written into it.

Each test runs the full simulation on a seeded sample and compares strategies
on common random numbers; none of these facts is coded as a rule anywhere.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulator import RunSettings, dataset, load_strategy, run_strategy

DAYS = 150
YOUNG_BUCKETS = ["al_corriente", "1-30", "31-60"]


def _run(portfolio, strategy, parameters, replications=2, **settings):
    return run_strategy(portfolio, strategy, parameters,
                        RunSettings(days=DAYS, seed=5, replications=replications, **settings))


def _mean(result, kpi):
    return result.summary.set_index("kpi").loc[kpi, "mean"]


@pytest.fixture(scope="module")
def runs(sample_portfolio, parameters, strategy):
    names = ("nada", "escalonada", "solo_antiguas")
    return {name: _run(sample_portfolio, strategy(name), parameters, keep_tables=True)
            for name in names}


def test_no_contact_recovers_less_than_staged_collection(runs):
    nada, escalonada = runs["nada"], runs["escalonada"]
    assert _mean(escalonada, "recovery_rate") > _mean(nada, "recovery_rate") + 0.03
    assert _mean(escalonada, "cure_rate") > _mean(nada, "cure_rate")
    # Paired by replication (common random numbers): every replication agrees.
    gain = escalonada.per_replication["collected_amount"] - nada.per_replication["collected_amount"]
    assert (gain > 0).all()


def test_no_contact_still_collects_something(runs):
    """Self-cure: statements and paydays alone bring payments."""
    assert _mean(runs["nada"], "collected_amount") > 0
    assert _mean(runs["nada"], "contacts_per_account") == 0


def test_chasing_only_old_debts_ages_the_young_ones(runs):
    assert _young_roll_forward(runs["solo_antiguas"]) > _young_roll_forward(runs["escalonada"]) + 0.02


def test_shipped_strategies_break_no_rule(runs):
    for result in runs.values():
        assert _mean(result, "compliance_violations") == 0


def test_promises_above_capacity_are_kept_less_often(runs):
    promises = pd.concat([table.promises for table in runs["escalonada"].tables])
    resolved = promises[promises["kept"].notna() & (promises["kind"] == "promesa")]
    above = resolved["amount_mxn"] > resolved["capacity_mxn"]
    assert above.sum() >= 30 and (~above).sum() >= 30, "need both kinds of promise to compare"
    kept_above = resolved.loc[above, "kept"].astype(bool).mean()
    kept_within = resolved.loc[~above, "kept"].astype(bool).mean()
    assert kept_above < kept_within - 0.15


def test_more_agents_reach_more_debtors_until_saturation(sample_portfolio, parameters, strategy):
    base = strategy("llamadas_diarias")
    portfolio = sample_portfolio.head(400)
    team_sizes = (1, 2, 4, 8, 16, 32)
    reached = {}
    for agents in team_sizes:
        staffed = base.model_copy(
            update={"resources": base.resources.model_copy(update={"agents": agents})}
        )
        result = _run(portfolio, staffed, parameters, replications=1, keep_tables=True)
        contacts = result.tables[0].contacts
        reached[agents] = int(contacts["conversation"].sum())
    counts = [reached[a] for a in team_sizes]
    assert counts[1] > counts[0] * 1.3, counts
    assert all(later >= earlier * 0.98 for earlier, later in zip(counts, counts[1:], strict=False)), counts
    first_gain = counts[1] - counts[0]
    last_gain = counts[-1] - counts[-2]
    assert last_gain < 0.25 * first_gain, counts


def test_unenforced_aggressive_strategy_shows_violations(sample_portfolio, parameters, strategy):
    aggressive = strategy("agresiva")
    enforced = _run(sample_portfolio, aggressive, parameters, replications=1, keep_tables=True)
    loose = _run(sample_portfolio, aggressive, parameters, replications=1, keep_tables=True,
                 enforce_compliance=False)
    assert _mean(enforced, "compliance_violations") == 0
    assert _mean(enforced, "compliance_blocked") > 0
    assert _mean(loose, "compliance_blocked") == 0
    assert _mean(loose, "compliance_violations") > 0
    broken = set(loose.tables[0].contacts["rule_id"])
    assert broken == {"sin_control"}


@pytest.mark.parametrize("path", sorted(dataset("strategies").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_strategy_is_compliant(path, sample_portfolio, parameters):
    result = run_strategy(sample_portfolio.head(300), load_strategy(path), parameters,
                          RunSettings(days=120, seed=8, replications=1))
    assert _mean(result, "compliance_violations") == 0


def test_over_contacting_costs_complaints(runs, sample_portfolio, parameters, strategy):
    intensive = _run(sample_portfolio, strategy("intensiva"), parameters)
    assert _mean(intensive, "complaints_per_1000") > 3 * _mean(runs["escalonada"], "complaints_per_1000")
    assert _mean(intensive, "cost_per_peso") > _mean(runs["escalonada"], "cost_per_peso")


def _young_roll_forward(result) -> float:
    buckets = result.buckets[result.buckets["bucket_start"].isin(YOUNG_BUCKETS)]
    return float(np.average(buckets["roll_forward_rate"], weights=buckets["accounts"]))
