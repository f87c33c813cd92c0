"""The ``compare --out`` report: files, CSV numbers, HTML content, plots and clean errors."""

from __future__ import annotations

import base64
import re
from html import escape

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from simulator import KPI_LABELS, KPI_NAMES, CobranzaError, RunSettings, Strategy, dataset
from simulator.cli.main import main
from simulator.experiments.compare import Comparison, compare_strategies
from simulator.experiments.kpis import weekly_utilisation
from simulator.reporting import (
    PLOTS,
    ReportError,
    format_difference,
    format_value,
    kpi_kind,
    write_report,
)
from simulator.reporting.figures import STAFF_POOLS, utilisation_figure
from simulator.reporting.page import PAIRING_NOTE
from simulator.reporting.tables import RUN_TABLES
from simulator.reporting.text_tables import RULES_OFF, comparison_table

CSV_FILES = ("kpis.csv", "diferencias.csv", *RUN_TABLES)


@pytest.fixture(scope="module")
def comparison(demo_portfolio, parameters, strategy):
    return compare_strategies(demo_portfolio.head(200), [strategy("escalonada"), strategy("nada")],
                              parameters, RunSettings(days=45, seed=7, replications=2))


@pytest.fixture(scope="module")
def report(tmp_path_factory, comparison):
    folder = tmp_path_factory.mktemp("reporte") / "salida"  # not there yet: must be created
    index = write_report(comparison, folder, descriptions={"nada": "Grupo de control."})
    return folder, index


def _same(read: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(read.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False, check_index_type=False, rtol=1e-12, atol=1e-9)


def test_every_file_is_written(report):
    folder, index = report
    assert index == folder / "index.html"
    expected = {"index.html", *CSV_FILES, *(plot.file_name for plot in PLOTS)}
    assert expected <= {path.name for path in folder.iterdir()}
    assert len(PLOTS) == 5


def test_kpi_csv_equals_the_summaries(report, comparison):
    table = pd.read_csv(report[0] / "kpis.csv")
    assert list(table.columns) == ["strategy", "kpi", "label", "mean", "ci95_low", "ci95_high"]
    assert list(table["strategy"].unique()) == list(comparison.runs)
    assert (table["label"] == table["kpi"].map(KPI_LABELS)).all()
    for name, run in comparison.runs.items():
        _same(table[table["strategy"] == name].drop(columns=["strategy", "label"]), run.summary)


def test_difference_csv_holds_paired_and_welch(report, comparison):
    table = pd.read_csv(report[0] / "diferencias.csv")
    assert list(table.columns) == ["strategy", "champion", "method", "kpi", "label", "mean",
                                   "ci95_low", "ci95_high"]
    assert set(table["champion"]) == {"escalonada"}
    for method, expected in (("pareada", comparison.paired), ("welch", comparison.unpaired)):
        rows = table[table["method"] == method].drop(columns=["champion", "method", "label"])
        assert len(rows) == len(KPI_NAMES)
        _same(rows, expected)


@pytest.mark.parametrize("file_name", list(RUN_TABLES))
def test_run_tables_round_trip(report, comparison, file_name):
    table = pd.read_csv(report[0] / file_name)
    attribute = RUN_TABLES[file_name]
    first = getattr(comparison.runs["escalonada"], attribute)
    assert list(table.columns) == ["strategy", *first.columns]
    assert "replication" in table.columns
    for name, run in comparison.runs.items():
        _same(table[table["strategy"] == name].drop(columns="strategy"), getattr(run, attribute))


def test_html_shows_settings_kpis_strategies_and_plots(report, comparison):
    folder, index = report
    html = index.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="es"' in html
    for label in KPI_LABELS.values():
        assert escape(label) in html, label
    for name in comparison.runs:
        assert name in html
    assert "Grupo de control." in html
    for setting in ("Cuentas en la cartera</th><td>200<", "Días simulados</th><td>45<",
                    "Semilla</th><td>7<", "Réplicas por estrategia</th><td>2<",
                    "Reglas de contacto</th><td>activas<"):
        assert setting in html
    assert PAIRING_NOTE in html and "Cómo leer este reporte" in html and "supuestos de diseño" in html
    collected = comparison.runs["escalonada"].summary.set_index("kpi").loc["collected_amount", "mean"]
    assert format_value("collected_amount", collected) in html
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) == html.count("<img") == 5
    for data, plot in zip(images, PLOTS, strict=True):
        assert base64.b64decode(data) == (folder / plot.file_name).read_bytes()
    assert "http://" not in html and "https://" not in html  # opens offline


def test_daily_utilisation_csv_gives_the_utilisation_kpi(report, comparison):
    table = pd.read_csv(report[0] / "ocupacion_diaria.csv")
    assert list(table.columns) == ["strategy", "day", "pool", "busy_minutes", "shift_minutes",
                                   "utilization", "replication"]
    totals = table.groupby(["strategy", "replication"])[["busy_minutes", "shift_minutes"]].sum()
    per_replication = pd.read_csv(report[0] / "por_replica.csv").set_index(["strategy", "replication"])
    staffed = totals["shift_minutes"] > 0
    assert staffed.loc["escalonada"].all() and not staffed.loc["nada"].any()  # nada has no staff
    share = totals.loc[staffed, "busy_minutes"] / totals.loc[staffed, "shift_minutes"]
    assert np.allclose(share, per_replication.loc[share.index, "agent_utilization"], rtol=1e-9)
    assert (per_replication.loc["nada", "agent_utilization"] == 0).all()


def test_utilisation_plot_draws_a_line_per_staffed_strategy_and_pool(comparison):
    figure = utilisation_figure(comparison)
    agents, field_agents = figure.axes[:2]
    assert agents.get_title(loc="left") == STAFF_POOLS["agentes"]
    assert [line.get_label() for line in agents.lines] == ["escalonada (campeona)"]  # nada: nobody
    weeks = comparison.runs["escalonada"].utilisation["day"].max() // 7 + 1
    assert len(field_agents.lines[0].get_xdata()) == weeks
    peak = 100 * weekly_utilisation(comparison.runs["escalonada"].utilisation)["ci95_high"].max()
    assert peak > 0 and peak <= agents.get_ylim()[1] <= 100  # the band fits the axis
    unstaffed = Comparison("nada", {"nada": comparison.runs["nada"]}, comparison.paired.iloc[:0],
                           comparison.unpaired.iloc[:0])
    for axes in utilisation_figure(unstaffed).axes:
        assert not axes.lines and "ninguna estrategia tiene este personal" in axes.texts[0].get_text()


@pytest.mark.parametrize("plot", PLOTS, ids=lambda plot: plot.file_name)
def test_plots_are_real_images(report, plot):
    path = report[0] / plot.file_name
    assert path.stat().st_size > 15_000
    with Image.open(path) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert width >= 600 and height >= 400
        colours = image.convert("RGB").getcolors(maxcolors=100_000)
        assert colours is None or len(colours) > 20  # not a blank canvas


def test_text_from_files_is_escaped(tmp_path, demo_portfolio, parameters, strategy):
    hostile = Strategy.model_validate({
        "nombre": "<script>alert('x')</script> $\\frac$",  # also no mathtext in the plots
        "descripcion": "<b>negritas</b> & más",
        "acciones": [],
    })
    comparison = compare_strategies(demo_portfolio.head(40), [strategy("escalonada"), hostile],
                                    parameters, RunSettings(days=10, seed=1, replications=1))
    index = write_report(comparison, tmp_path, descriptions={hostile.name: hostile.description})
    html = index.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;negritas&lt;/b&gt; &amp; más" in html
    assert "una réplica" in html  # one replication: no verdict on the difference


def test_unwritable_folder_raises_a_spanish_error(tmp_path, comparison):
    blocker = tmp_path / "archivo.txt"
    blocker.write_text("no soy una carpeta")
    with pytest.raises(ReportError, match="no se pudo crear la carpeta del reporte") as caught:
        write_report(comparison, blocker / "reporte")
    assert isinstance(caught.value, CobranzaError)
    assert str(blocker / "reporte") in str(caught.value)


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory, demo_portfolio):
    path = tmp_path_factory.mktemp("cartera") / "cartera.csv"
    demo_portfolio.head(60).to_csv(path, index=False)
    return path


def _compare_args(portfolio, *extra: str) -> list[str]:
    return ["compare", str(dataset("strategies", "escalonada.yaml")),
            str(dataset("strategies", "nada.yaml")), "--portfolio", str(portfolio),
            "--days", "20", "--replications", "1", "--json", *extra]


def test_cli_out_writes_the_report_and_keeps_the_json(tmp_path, small_csv, capsys):
    assert main(_compare_args(small_csv)) == 0
    plain = capsys.readouterr()
    folder = tmp_path / "reporte"
    assert main(_compare_args(small_csv, "--out", str(folder))) == 0
    with_report = capsys.readouterr()
    assert with_report.out == plain.out
    assert with_report.err.strip() == f"Reporte escrito en {folder / 'index.html'}"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "Recordatorio uno o dos días antes" in html  # the YAML description


def test_cli_unwritable_out_is_one_clear_line(tmp_path, small_csv, cli):
    """Through a real process: exit status 2, one Spanish line, no traceback."""
    blocker = tmp_path / "archivo.txt"
    blocker.write_text("no soy una carpeta")
    target = blocker / "reporte"
    done = cli(*_compare_args(small_csv, "--out", str(target)))
    assert done.returncode == 2
    assert done.stdout == ""  # fails before simulating
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert str(target) in lines[0] and "no una carpeta" in lines[0]


def test_number_format_rule():
    kinds = {name: kpi_kind(name) for name in KPI_NAMES}
    assert {name for name, kind in kinds.items() if kind == "money"} == {
        "collected_amount", "cost_total", "net_recovery", "write_off_sale_amount", "net_recovery_with_sale",
        "forgiven_amount"}
    assert kinds["cost_per_peso"] == "ratio"
    assert {name for name, kind in kinds.items() if kind == "number"} == {
        "contacts_per_account", "complaints_per_1000", "compliance_blocked", "compliance_violations",
        "policy_failures", "settled_per_1000"}
    assert format_value("collected_amount", 1234567.891) == "$1,234,567.89"
    assert format_value("net_recovery", -2500.5) == "\u2212$2,500.50"
    assert format_value("recovery_rate", 0.51349) == "51.3 %"
    assert format_value("cost_per_peso", 0.044321) == "0.0443"
    assert format_value("contacts_per_account", 1234.5) == "1,234.50"
    assert format_difference("recovery_rate", -0.013) == "\u22121.30 pp"
    assert format_difference("cost_total", 1500) == "+$1,500.00"
    assert format_difference("net_recovery", -1e-9) == "$0.00"
    assert format_value("collected_amount", float("nan")) == "—"


@pytest.mark.parametrize("enforced", [True, False])
def test_a_run_with_the_rules_off_says_so_on_the_page_and_in_the_terminal(enforced, tmp_path, demo_portfolio,
                                                                          parameters, strategy):
    settings = RunSettings(days=5, seed=1, replications=1, enforce_compliance=enforced)
    comparison = compare_strategies(demo_portfolio.head(30), [strategy("nada"), strategy("escalonada")],
                                    parameters, settings)
    html = write_report(comparison, tmp_path).read_text(encoding="utf-8")
    first_line = comparison_table(comparison).splitlines()[0]
    assert (RULES_OFF in html) is (RULES_OFF in first_line) is (not enforced)


def test_a_strategy_named_like_a_formula_is_text_in_every_csv(tmp_path, demo_portfolio, parameters, strategy):
    formula = Strategy.model_validate({"nombre": "=HYPERLINK(\"http://x\",\"ver\")", "acciones": []})
    comparison = compare_strategies(demo_portfolio.head(30), [strategy("nada"), formula],
                                    parameters, RunSettings(days=5, seed=1, replications=1))
    write_report(comparison, tmp_path)
    for file_name in CSV_FILES:
        table = pd.read_csv(tmp_path / file_name, encoding="utf-8-sig")
        assert not table["strategy"].astype(str).str.startswith("=").any(), file_name
    for file_name in ("kpis.csv", "diferencias.csv", "por_replica.csv"):
        table = pd.read_csv(tmp_path / file_name, encoding="utf-8-sig")
        assert "'" + formula.name in set(table["strategy"]), file_name
        assert table["mean" if "mean" in table else "recovery_rate"].dtype == float  # numbers stay numbers
