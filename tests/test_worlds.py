"""Plausible worlds: priors, worlds drawn from them, and the worlds interval of a comparison."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator import KPI_NAMES, RunSettings, dataset, load_parameters
from simulator.cli.main import main
from simulator.errors import ParametersError
from simulator.experiments.compare import compare_strategies, world_summary
from simulator.experiments.kpis import HIGHER_IS_BETTER
from simulator.experiments.priors import DEFAULT_PRIORS, draw_worlds, load_priors
from simulator.experiments.run_cache import RunCache, run_key
from simulator.experiments.settings import MAX_REPLICATIONS
from simulator.random_streams import WorldStream
from simulator.reporting.page import difference_section
from simulator.reporting.text_tables import comparison_table

SMALL = RunSettings(days=30, seed=5, replications=2)

GOOD = """\
version: "1"
source: prueba
priors:
  complaint_cost_mxn:
    distribution: triangular
    low: 0.0
    mode: 2000.0
    high: 20000.0
    source: supuesto de la prueba
    label: costo de una queja
  channels.llamada.reach_probability: {label: alcance, distribution: uniform, low: 0.2, high: 0.6,
                                       source: supuesto}
"""


def _write(tmp_path, text: str) -> str:
    path = tmp_path / "priors.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def tiny(sample_portfolio):
    return sample_portfolio.head(80).reset_index(drop=True)


def test_the_packaged_priors_load_against_both_shipped_parameter_sets(parameters):
    for base in (parameters, load_parameters(dataset("calibration", "uci.yaml"))):
        priors = load_priors(base)
        assert priors.file == str(DEFAULT_PRIORS) and len(priors.priors) >= 10
        assert all(prior.source.strip() for prior in priors.priors.values())


def test_kpi_directions_cover_every_kpi():
    assert set(HIGHER_IS_BETTER) == set(KPI_NAMES)


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    (GOOD.replace("    high: 20000.0", "    hihg: 20000.0"), 8, "priors.complaint_cost_mxn.hihg",
     "clave desconocida 'hihg'; ¿quiso decir 'high'?"),
    (GOOD.replace("channels.llamada.reach", "channels.lamada.reach"), 11,
     "priors.channels.lamada.reach_probability", "'lamada' no está en channels; ¿quiso decir 'llamada'?"),
    (GOOD.replace("high: 0.6", "high: 1.5"), 11, "priors.channels.llamada.reach_probability.high",
     "no acepta 1.5"),
    (GOOD.replace("low: 0.2", "low: 0.7"), 11, "priors.channels.llamada.reach_probability",
     "'low' (0.7) debe ser menor que 'high' (0.6)"),
    (GOOD.replace("    mode: 2000.0\n", ""), 4, "priors.complaint_cost_mxn", "necesita 'mode'"),
    (GOOD.replace("complaint_cost_mxn:", "over_contact_threshold_per_week:"), 4,
     "priors.over_contact_threshold_per_week", "no es un parámetro decimal"),
    (GOOD.replace("distribution: uniform", "distribution: normal"), 11,
     "priors.channels.llamada.reach_probability.distribution", "valor no permitido 'normal'"),
    (GOOD.replace("    label: costo de una queja\n", ""), 4, "priors.complaint_cost_mxn.label",
     "falta este campo"),
])
def test_a_bad_priors_file_names_file_line_and_field(tmp_path, parameters, text, line, field, words):
    path = _write(tmp_path, text)
    with pytest.raises(ParametersError) as caught:
        load_priors(parameters, path)
    error = caught.value
    assert (error.file, error.line, error.field) == (path, line, field)
    assert words in str(error) and path in str(error) and f"línea {line}" in str(error)


def test_worlds_are_seeded_independent_of_their_count_and_inside_their_ranges(parameters):
    priors = load_priors(parameters)
    first, again, more = (draw_worlds(priors, parameters, count, 7) for count in (4, 4, 6))
    assert [world.model_dump() for world in first] == [world.model_dump() for world in again]
    assert [world.model_dump() for world in more[:4]] == [world.model_dump() for world in first]
    assert draw_worlds(priors, parameters, 1, 8)[0] != first[0]
    assert len({world.complaint_cost_mxn for world in more}) == 6
    for world in more:
        for key, prior in priors.priors.items():
            value = world.model_dump()
            for part in key.split("."):
                value = value[part]
            assert prior.low <= value <= prior.high, key
        untouched = "resistente"  # a persona the priors do not name
        assert world.personas[untouched] == parameters.personas[untouched]


def test_the_world_stream_never_meets_a_run_stream():
    assert WorldStream.PARAMETERS > MAX_REPLICATIONS


def test_a_world_is_part_of_the_run_key(tiny, parameters, strategy):
    worlds = draw_worlds(load_priors(parameters), parameters, 2, 7)
    keys = {run_key(tiny, strategy("escalonada"), world, SMALL) for world in [parameters, *worlds]}
    assert len(keys) == 3


@pytest.fixture(scope="module")
def costly(tmp_path_factory, tiny, parameters, strategy):
    """intensiva against escalonada in 5 worlds where only the cost of a complaint is uncertain."""
    path = _write(tmp_path_factory.mktemp("mundos"), GOOD)
    worlds = draw_worlds(load_priors(parameters, path), parameters, 5, 5)
    return compare_strategies(tiny, [strategy("escalonada"), strategy("intensiva")], parameters,
                              RunSettings(days=30, seed=5, replications=3), worlds=worlds)


def test_same_seed_same_worlds_same_numbers(tiny, parameters, strategy):
    def compared():
        worlds = draw_worlds(load_priors(parameters), parameters, 2, 4)
        return compare_strategies(tiny.head(30), [strategy("escalonada"), strategy("intensiva")], parameters,
                                  RunSettings(days=15, seed=4, replications=2), worlds=worlds)

    first, again = compared(), compared()
    assert again.world_differences.equals(first.world_differences)
    assert again.worlds.equals(first.worlds)


def test_the_worlds_interval_covers_what_the_assumptions_move(costly):
    """Complaints cost 0 to 20,000 pesos across worlds, while the noise interval prices them at 1,500:
    the cost difference of a strategy with many more complaints must spread wider across worlds."""
    noise = costly.paired.set_index("kpi").loc["cost_total"]
    worlds = costly.worlds.set_index("kpi").loc["cost_total"]
    assert worlds["ci95_high"] - worlds["ci95_low"] >= noise["ci95_high"] - noise["ci95_low"]


def test_share_challenger_wins_is_the_fraction_of_worlds_counted_by_hand(costly):
    differences = costly.world_differences
    summary = costly.worlds.set_index("kpi")
    for kpi in ("recovery_rate", "cost_total", "complaints_per_1000", "net_recovery"):
        values = differences[differences["kpi"] == kpi]["difference"].to_numpy()
        better = values > 0 if HIGHER_IS_BETTER[kpi] else values < 0
        share = summary.loc[kpi, "share_challenger_wins"]
        assert 0.0 <= share <= 1.0 and share == pytest.approx(better.sum() / 5)
    assert math.isnan(summary.loc["contacts_per_account", "share_challenger_wins"])


def test_common_random_numbers_within_each_world(tiny, parameters, strategy):
    """The champion against itself under another name differs by exactly 0 in every world."""
    twin = strategy("escalonada").model_copy(update={"name": "gemela"})
    worlds = draw_worlds(load_priors(parameters), parameters, 2, 3)
    comparison = compare_strategies(tiny, [strategy("escalonada"), twin], parameters, SMALL, worlds=worlds)
    assert (comparison.world_differences["difference"] == 0.0).all()


def test_world_summary_on_a_tiny_case():
    assert world_summary([1.0, -2.0, 0.0, 3.0], True)[2] == 0.5
    assert world_summary([1.0, -2.0, 0.0, 3.0], False)[2] == 0.25
    low, high, share = world_summary([1.0, -2.0, 0.0, 3.0], None)
    assert math.isnan(share)
    assert (low, high) == pytest.approx(tuple(np.percentile([1.0, -2.0, 0.0, 3.0], [2.5, 97.5])))


@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=60))
def test_world_summary_properties(values):
    low, high, wins = world_summary(values, True)
    _, _, losses = world_summary(values, False)
    assert min(values) <= low <= high <= max(values)
    assert 0.0 <= wins <= 1.0 and 0.0 <= losses <= 1.0
    ties = sum(value == 0.0 for value in values) / len(values)
    assert wins + losses + ties == pytest.approx(1.0)
    assert world_summary(list(reversed(values)), True) == pytest.approx((low, high, wins))


def test_the_json_says_which_interval_is_which(costly):
    report = json.loads(json.dumps(costly.to_json_dict()))
    assert report["worlds"] == 5
    assert report["intervals"]["ci95"].startswith("ruido de simulación")
    assert report["intervals"]["worlds.ci95"].startswith("mundos plausibles")
    difference = report["differences"]["intensiva"]
    assert set(difference["recovery_rate"]) == {"mean", "ci95", "worlds"}
    assert set(difference["recovery_rate"]["worlds"]) == {"ci95", "share_challenger_wins"}
    assert difference["contacts_per_account"]["worlds"]["share_challenger_wins"] is None


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory, tiny):
    path = tmp_path_factory.mktemp("cartera") / "cartera.csv"
    tiny.head(30).to_csv(path, index=False)
    return str(path)


@pytest.mark.slow
def test_compare_worlds_in_the_terminal_and_the_json(tiny_file, capsys):
    options = ["compare", "escalonada", "intensiva", "--portfolio", tiny_file, "--days", "10",
               "--replications", "2", "--worlds", "3"]
    assert main(options) == 0
    table = capsys.readouterr().out
    assert "Mundos plausibles: intensiva − escalonada en 3 mundos" in table
    assert "ruido de simulación" in table and "de 3 mundos plausibles" in table
    assert main([*options, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["worlds"] == 3 and "worlds" in report["differences"]["intensiva"]["net_recovery"]


@pytest.mark.parametrize(("extra", "words"), [
    (["--priors", str(DEFAULT_PRIORS)], "--priors solo se usa con --worlds N"),
    (["--worlds", "1"], "el número de mundos debe ser 2 o más"),
])
def test_compare_refuses_worlds_options_that_cannot_work(tiny_file, capsys, extra, words):
    try:
        code = main(["compare", "escalonada", "nada", "--portfolio", tiny_file, "--days", "5", *extra])
    except SystemExit as done:
        code = done.code
    assert code == 2 and words in capsys.readouterr().err


def test_the_cache_reuses_world_runs_without_changing_them(tiny, parameters, strategy):
    worlds = draw_worlds(load_priors(parameters), parameters, 2, 3)
    cache = RunCache(size=16)
    strategies = [strategy("escalonada"), strategy("digital_primero")]
    first = compare_strategies(tiny, strategies, parameters, SMALL, worlds=worlds, cache=cache)
    assert len(cache) == 6
    again = compare_strategies(tiny, strategies, parameters, SMALL, worlds=worlds, cache=cache)
    assert again.world_differences.equals(first.world_differences)


def test_the_terminal_and_the_report_say_which_interval_is_which(costly):
    table = comparison_table(costly)
    assert "Mundos plausibles: intensiva − escalonada en 5 mundos" in table
    assert "el «IC 95 %» de arriba es el ruido de simulación" in table
    assert "de 5 mundos plausibles" in table and "(empata en 5)" in table  # no violations in any world
    page = difference_section(costly)
    assert "IC 95 % pareado (ruido de simulación)" in page and "Mundos plausibles (95 %)" in page
    assert page.count("de 5 mundos plausibles") == sum(
        share == share for share in costly.worlds["share_challenger_wins"])  # every KPI with a direction


def test_a_comparison_without_worlds_looks_as_before(costly):
    plain = dataclasses.replace(costly, world_differences=None, worlds=None)
    assert "Mundos plausibles" not in comparison_table(plain) + difference_section(plain)
    assert "worlds" not in json.dumps(plain.to_json_dict())
