"""Champion/challenger comparisons: paired intervals on common random numbers."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats

from simulator import KPI_NAMES, RunSettings, StrategyError, dataset
from simulator.experiments.compare import CONTROL_NAME, compare_strategies
from simulator.intervals import mean_ci95, welch_ci95
from simulator.reporting.text_tables import comparison_table


def test_paired_interval_matches_the_textbook_formula():
    """Known answer: the paired interval is the one-sample t interval of the differences."""
    champion = np.array([10.0, 12.0, 9.0, 11.0, 13.0])
    challenger = champion + np.array([1.0, 1.5, 0.5, 1.2, 0.8])
    mean, low, high = mean_ci95(challenger - champion)
    expected = stats.ttest_rel(challenger, champion).confidence_interval(0.95)
    assert mean == pytest.approx(1.0)
    assert (low, high) == pytest.approx((expected.low, expected.high))


def test_welch_interval_matches_scipy():
    a, b = np.array([3.0, 4.0, 6.0, 5.0]), np.array([1.0, 2.0, 2.5, 4.0, 3.0])
    mean, low, high = welch_ci95(a, b)
    expected = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert mean == pytest.approx(a.mean() - b.mean())
    assert (low, high) == pytest.approx((expected.low, expected.high))


@pytest.fixture(scope="module")
def comparison(sample_portfolio, parameters, strategy):
    return compare_strategies(sample_portfolio.head(500), [strategy("escalonada"), strategy("solo_antiguas")],
                              parameters, RunSettings(days=90, seed=3, replications=6))


def test_pairing_narrows_the_interval(comparison):
    paired = comparison.paired.set_index("kpi")
    unpaired = comparison.unpaired.set_index("kpi")
    for kpi in ("collected_amount", "recovery_rate", "net_recovery"):
        paired_width = paired.loc[kpi, "ci95_high"] - paired.loc[kpi, "ci95_low"]
        unpaired_width = unpaired.loc[kpi, "ci95_high"] - unpaired.loc[kpi, "ci95_low"]
        assert paired_width < 0.7 * unpaired_width, kpi


def test_json_shape(comparison):
    report = comparison.to_json_dict()
    assert report["champion"] == "escalonada"
    assert list(report["strategies"]) == ["escalonada", "solo_antiguas"]
    assert list(report["differences"]) == ["solo_antiguas"]
    assert set(report["differences"]["solo_antiguas"]) == set(KPI_NAMES)
    for kpi in report["strategies"]["escalonada"]["kpis"].values():
        assert set(kpi) == {"mean", "ci95"}


def test_two_strategies_with_one_name_are_refused(sample_portfolio, parameters, strategy):
    with pytest.raises(StrategyError, match="mismo nombre"):
        compare_strategies(sample_portfolio.head(10), [strategy("nada"), strategy("nada")], parameters,
                           RunSettings(days=10, seed=1, replications=1))


def test_cli_compare_with_control_arm(tmp_path, sample_portfolio, cli):
    path = tmp_path / "cartera.csv"
    sample_portfolio.head(200).to_csv(path, index=False)
    done = cli("compare", str(dataset("strategies", "escalonada.yaml")),
         "--portfolio", str(path), "--days", "45", "--seed", "2", "--replications", "2",
         "--control", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert list(report["strategies"]) == ["escalonada", CONTROL_NAME]
    assert report["differences"][CONTROL_NAME]["cost_total"]["mean"] < 0


def test_at_the_break_even_complaint_cost_the_net_recoveries_tie(sample_portfolio, parameters, strategy):
    """Rerun with each complaint costing the break-even value: the paired net difference vanishes, and the
    report says on which side of it the challenger nets more."""
    portfolio, settings = sample_portfolio.head(300), RunSettings(days=60, seed=4, replications=2)
    strategies = [strategy("escalonada"), strategy("intensiva")]
    first = compare_strategies(portfolio, strategies, parameters, settings)
    cost = first.break_even_complaint_cost["intensiva"]
    assert cost is not None and cost != parameters.complaint_cost_mxn
    assert first.to_json_dict()["break_even_complaint_cost_mxn"]["intensiva"] == pytest.approx(cost, abs=0.01)
    at_cost = parameters.model_copy(update={"complaint_cost_mxn": cost})
    tied = compare_strategies(portfolio, strategies, at_cost, settings)
    net = tied.paired.set_index("kpi").loc["net_recovery", "mean"]
    assert net == pytest.approx(0.0, abs=1e-6 * first.runs["escalonada"].summary.set_index("kpi").loc[
        "collected_amount", "mean"])
    assert "queja cueste menos" in comparison_table(first)  # intensiva draws more complaints


def test_no_break_even_cost_when_complaints_do_not_differ(sample_portfolio, parameters, strategy):
    same = compare_strategies(sample_portfolio.head(50), [strategy("nada"), strategy("preventiva")],
                              parameters, RunSettings(days=2, seed=1, replications=1))
    assert same.break_even_complaint_cost == {"preventiva": None}
    assert "empate" not in comparison_table(same)
