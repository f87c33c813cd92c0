"""The report's plots never print the same tick label twice on an axis (the dashboard shows them too).

Money axes printed ``$3.2 M, $3.3 M, $3.4 M, $3.4 M, $3.5 M, $3.5 M`` when the
replications of a 2,000-account portfolio collected between 3.25 and 3.55
million: one decimal was not enough for ticks 50,000 pesos apart.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from simulator.experiments.compare import compare_strategies
from simulator.experiments.settings import RunSettings
from simulator.reporting import PLOTS
from simulator.reporting.figures import cost_figure
from simulator.reporting.numbers import money_axis_label, money_tick_labels


@pytest.fixture(scope="module")
def comparison(demo_portfolio, parameters, strategy):
    return compare_strategies(demo_portfolio.head(300), [strategy("escalonada"), strategy("digital_primero")],
                              parameters, RunSettings(days=30, seed=5, replications=3))


def _tick_labels(figure) -> dict[str, list[str]]:
    """Shown tick labels of every visible axis, e.g. ``{"0 y": ["$0", "$1.0 M"]}``."""
    figure.canvas.draw()
    labels = {}
    for number, axes in enumerate(figure.axes):
        if axes.get_visible():
            for name, axis in (("x", axes.xaxis), ("y", axes.yaxis)):
                labels[f"{number} {name}"] = [tick.get_text() for tick in axis.get_ticklabels()
                                              if tick.get_visible() and tick.get_text()]
    return labels


def _repeated(labels: dict[str, list[str]]) -> dict[str, list[str]]:
    return {axis: [text for text, count in Counter(shown).items() if count > 1]
            for axis, shown in labels.items() if len(set(shown)) < len(shown)}


def test_money_ticks_close_together_get_the_decimals_that_tell_them_apart(comparison):
    narrow = {}
    for number, (name, run) in enumerate(comparison.runs.items()):
        table = run.per_replication.copy()
        table["collected_amount"] = [3_260_000.0 + 90_000 * number + 40_000 * k for k in range(len(table))]
        narrow[name] = dataclasses.replace(run, per_replication=table)
    figure = cost_figure(dataclasses.replace(comparison, runs=narrow))
    labels = _tick_labels(figure)
    assert len(labels["0 y"]) >= 4 and _repeated(labels) == {}, labels
    one_decimal = [money_axis_label(tick) for tick in figure.axes[0].get_yticks()]
    assert len(set(one_decimal)) < len(one_decimal)  # the case that printed "$3.3 M" twice


@pytest.mark.parametrize("plot", PLOTS, ids=lambda plot: plot.file_name)
def test_no_plot_repeats_a_tick_label(comparison, plot):
    labels = _tick_labels(plot.draw(comparison))
    assert _repeated(labels) == {}, labels


def test_tick_labels_keep_their_short_form_when_it_is_enough():
    assert money_tick_labels([0.0, 500_000.0, 1_000_000.0]) == ["$0", "$500 mil", "$1.0 M"]
    assert money_tick_labels([3.25e6, 3.3e6, 3.35e6]) == ["$3.25 M", "$3.30 M", "$3.35 M"]
    assert money_tick_labels([150_000.0, 150_500.0]) == ["$150.0 mil", "$150.5 mil"]
