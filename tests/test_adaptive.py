"""Adaptive replications: Stein's two-stage rule keeps its coverage, stops where the seed says, and
continues the first stage's replications so the numbers are those of one longer run."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest

from simulator.experiments.adaptive import compare_adaptive, planned_replications, two_stage_interval
from simulator.experiments.compare import compare_strategies
from simulator.experiments.settings import RunSettings, SettingsError
from simulator.experiments.stopping import PRECISION_REACHED, REPLICATION_CAP, Precision

SETTINGS = RunSettings(days=60, seed=5, replications=1)


@pytest.fixture(scope="module")
def small_portfolio(demo_portfolio):
    return demo_portfolio.sample(300, random_state=3).reset_index(drop=True)


@pytest.mark.parametrize("half_width", [0.3, 0.8, 1.5])
def test_the_two_stage_interval_covers_95_percent_and_is_as_narrow_as_asked(half_width):
    """Normal differences (mean 1, sd 2) as a KPI summed over many accounts nearly gives: over 4,000
    comparisons the interval holds the true mean about 95 % of the time. Planning with the normal
    quantile instead of Student's t (too few replications after a small first stage) covers about 88 %."""
    rng = np.random.default_rng(20261207)
    covered, trials = 0, 4_000
    for _ in range(trials):
        first = rng.normal(1.0, 2.0, 5)
        total = planned_replications(first.tolist(), half_width)
        every = np.concatenate([first, rng.normal(1.0, 2.0, total - len(first))])
        mean, low, high = two_stage_interval(first.tolist(), every.tolist())
        assert high - mean <= half_width + 1e-12 and mean - low == pytest.approx(high - mean)
        covered += low <= 1.0 <= high
    assert covered / trials >= 0.935


def test_the_count_follows_steins_formula():
    first = [1.0, 2.0, 3.0, 4.0, 5.0]  # sd = sqrt(2.5); t(4) = 2.7764
    assert planned_replications(first, 1.0) == math.ceil((2.7764451051977987 * math.sqrt(2.5)) ** 2)
    assert planned_replications(first, 100.0) == 5  # never fewer than the first stage


def test_same_seed_same_stopping_point_and_numbers(small_portfolio, parameters, strategy):
    strategies = [strategy("escalonada"), strategy("digital_primero")]
    precision = Precision(half_width=0.004, first_stage=3, maximum=8)
    one = compare_adaptive(small_portfolio, strategies, parameters, SETTINGS, precision)
    two = compare_adaptive(small_portfolio, strategies, parameters, SETTINGS, precision)
    assert one.to_json_dict() == two.to_json_dict()
    assert one.stopping is not None and 3 < one.stopping.replications <= 8


def test_the_second_stage_continues_the_first_as_one_longer_run(small_portfolio, parameters, strategy):
    strategies = [strategy("escalonada"), strategy("digital_primero")]
    adaptive = compare_adaptive(small_portfolio, strategies, parameters, SETTINGS,
                                Precision(half_width=1e-6, first_stage=3, maximum=6))
    assert adaptive.stopping is not None
    assert (adaptive.stopping.replications, adaptive.stopping.stopped_because) == (6, REPLICATION_CAP)
    at_once = compare_strategies(small_portfolio, strategies, parameters,
                                 dataclasses.replace(SETTINGS, replications=6))
    for name, run in at_once.runs.items():
        assert adaptive.runs[name].per_replication.equals(run.per_replication)
        assert adaptive.runs[name].settings == run.settings
    assert adaptive.paired.equals(at_once.paired)
    output = adaptive.to_json_dict()
    assert output["replications"] == 6 and output["stopped_because"] == "maximo"
    assert set(output["precision"]["two_stage_ci95"]) == {"digital_primero"}


def test_a_loose_precision_stops_after_the_first_stage(small_portfolio, parameters, strategy):
    comparison = compare_adaptive(small_portfolio, [strategy("escalonada"), strategy("nada")], parameters,
                                  SETTINGS, Precision(half_width=0.9, first_stage=3, maximum=50))
    assert comparison.stopping is not None
    assert (comparison.stopping.replications, comparison.stopping.stopped_because) == (3, PRECISION_REACHED)
    assert comparison.runs["escalonada"].settings.replications == 3


@pytest.mark.parametrize(("fields", "field"), [
    ({"kpi": "recuperacion"}, "kpi"), ({"half_width": 0.0}, "half_width"),
    ({"half_width": math.nan}, "half_width"),
    ({"first_stage": 2}, "first_stage"), ({"first_stage": 6, "maximum": 5}, "maximum"),
    ({"maximum": True}, "maximum"),
])
def test_a_bad_precision_is_refused_in_spanish_naming_the_field(fields, field):
    with pytest.raises(SettingsError) as refused:
        Precision(**fields)
    message = str(refused.value)
    assert refused.value.field == field
    assert "debe" in message or "no es un indicador" in message


def test_a_batch_that_does_not_continue_the_run_is_refused(small_portfolio, parameters, strategy):
    runs = compare_strategies(small_portfolio, [strategy("nada")], parameters,
                              dataclasses.replace(SETTINGS, replications=2)).runs
    with pytest.raises(ValueError, match="does not continue"):
        runs["nada"].followed_by(runs["nada"])  # replications 0-1 again, not 2 onwards


def test_cli_compare_with_precision_says_how_many_replications_and_why(tmp_path, small_portfolio, cli):
    path = tmp_path / "cartera.csv"
    small_portfolio.head(150).to_csv(path, index=False)
    common = ("compare", "escalonada", "nada", "--portfolio", str(path), "--days", "30", "--seed", "2")
    done = cli(*common, "--precision", "50", "--first-stage", "3", "--max-replications", "9", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["replications"], report["stopped_because"]) == (3, "precision")
    assert report["precision"]["kpi"] == "recovery_rate"
    assert report["precision"]["half_width"] == 0.5  # typed in percentage points, as the tables show a rate
    assert set(report["precision"]["two_stage_ci95"]) == {"nada"}
    text = cli(*common, "--precision", "50", "--first-stage", "3")
    assert "Réplicas adaptativas: 3 réplicas (3 de primera etapa)" in text.stdout
    assert "Intervalo de dos etapas de tasa de recuperación" in text.stdout
    refused = cli(*common, "--precision", "0.5", "--worlds", "3")
    assert refused.returncode != 0 and "--precision todavía no se combina con --worlds" in refused.stderr
    assert cli(*common, "--precision", "cero").returncode != 0


@pytest.mark.slow
def test_two_seeds_give_intervals_that_cover_each_others_means(sample_portfolio, parameters, strategy):
    """The manager's default question (±0.5 pp of recovery) asked with two seeds: each answer's interval
    holds the other's mean (on the demo portfolio, 180 days: [-1.04, -0.46] and [-1.06, -0.29] pp)."""
    strategies = [strategy("escalonada"), strategy("digital_primero")]
    answers = []
    for seed in (7, 8):
        settings, precision = RunSettings(days=120, seed=seed), Precision(half_width=0.005)
        comparison = compare_adaptive(sample_portfolio, strategies, parameters, settings, precision)
        assert comparison.stopping is not None
        answers.append(comparison.stopping.intervals["digital_primero"])
    (mean_7, low_7, high_7), (mean_8, low_8, high_8) = answers
    assert low_7 <= mean_8 <= high_7 and low_8 <= mean_7 <= high_8
