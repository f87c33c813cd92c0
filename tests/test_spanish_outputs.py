"""What a learner or manager reads is Spanish: notebook outputs, widget texts, figures and the report.

English reaches learners in three ways: a raw column name of the engine's
tables (``balance_mxn``), an English weekday or month (``Tue``) and an axis or
legend that pandas names after a column (``days_past_due``, ``bucket``). The
names are taken from the engine's own tables and KPIs, so a column added there
is checked here too. Notebook outputs are scanned as nbval runs each notebook
(the ``notebook_checks`` plugin); the tests here check the scan itself, the
widgets, the report and the dashboard. A figure reaches a learner through
``simulator.ui.show_figure`` (an ``<img>`` with Spanish alt text), in colours of
``simulator.plots``.
"""

from __future__ import annotations

import itertools
import re

import ipywidgets as widgets
import matplotlib
import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from spanish_scan import english, english_names, internal_names, output_problems, small_run, visible_text

from simulator import RunSettings, dataset, load_parameters, load_strategy
from simulator.course.gradebook import topic_figure
from simulator.experiments.compare import compare_strategies
from simulator.experiments.labels import COLUMN_LABELS, VALUE_LABELS, spanish_table
from simulator.plots import OKABE_ITO
from simulator.portfolio.columns import MissingColumnsError
from simulator.reporting.figures import PLOTS, STACK_LABELS
from simulator.reporting.page import render_page
from simulator.roleplay import load_library
from simulator.roleplay.replay import play_path
from simulator.ui import NegotiationWidget, RolePlayWidget
from simulator.ui.account_life import account_life, life_html
from simulator.ui.dashboard import TableroApp
from simulator.ui.dashboard.column_step import ColumnStep
from simulator.ui.dashboard.results import build_results


@pytest.fixture(scope="module", name="small_run")
def small_run_fixture():
    return small_run()


@pytest.fixture(scope="module", name="internal_names")
def internal_names_fixture() -> set[str]:
    return set(internal_names())


@pytest.fixture(scope="module", name="english_names")
def english_names_fixture() -> set[str]:
    return english_names()


def test_notebook_cells_are_scanned_as_nbval_runs_them(pytestconfig):
    """The notebook scan has no test item of its own: it rides on nbval's cells, so it must be loaded."""
    assert pytestconfig.pluginmanager.has_plugin("notebook_checks")


def test_the_scan_names_english_outputs_and_undescribed_figures():
    outputs = [{"output_type": "stream", "text": "Tasa: roll_forward_rate 0.31 (`balance_mxn` se teclea)"},
               {"output_type": "execute_result", "data": {"text/html": "<table><th>balance_mxn</th></table>",
                                                          "text/plain": "balance_mxn"}},
               {"output_type": "display_data", "data": {"text/html": '<img src="x.png" alt="">'}},
               {"output_type": "display_data", "data": {"image/png": "iVBOR",
                                                        "text/plain": "<Figure size 640x480 with 1 Axes>"}}]
    blue = OKABE_ITO[0].lower()  # as matplotlib's to_hex writes it
    assert output_problems(outputs, ["days_past_due", "Tramo", "bucket"], ["#ff0000", blue]) == [
        "figuras sin texto alternativo (use show_figure): 2",
        "inglés en la salida: ['balance_mxn', 'roll_forward_rate']",
        "inglés en las figuras: ['bucket', 'days_past_due']",
        "colores fuera de simulator.plots: ['#ff0000']"]
    described = '<img src="x.png" alt="Saldo por tramo, que baja">'
    spanish = [{"output_type": "stream", "text": "Tasa de deterioro: 31 %, martes 10 de marzo"},
               {"output_type": "display_data", "data": {"text/html": described}}]
    assert output_problems(spanish, ["Tramo", "Saldo"], [blue]) == []


#: A notebook whose first cell is Spanish and whose other cells each show English in one way.
_CELLS = ["print('Tasa de deterioro: 31 %')",
          "import pandas as pd\npd.DataFrame({'balance_mxn': [1.0]})",
          "print('roll_forward_rate', 0.31)",
          "import matplotlib.pyplot as plt\nfrom simulator.ui import show_figure\n"
          "figure, axes = plt.subplots()\naxes.plot([1, 2], color='#ff0000')\n"
          "axes.set_xlabel('days_past_due')\n"
          "show_figure(figure, 'Una línea que sube de uno a dos.')"]


@pytest.mark.notebook
@pytest.mark.slow
def test_nbval_fails_the_cells_of_a_notebook_that_show_english(tmp_path, nbval):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in _CELLS])
    nbformat.write(notebook, tmp_path / "curso.ipynb")
    run = nbval(tmp_path, "curso.ipynb")
    assert "3 failed, 1 passed" in run.stdout, run.stdout + run.stderr
    failed = re.findall(r"^FAILED curso.ipynb::Cell (\d)", run.stdout, re.M)
    assert failed == ["1", "2", "3"], run.stdout
    for shown in ("inglés en la salida: ['balance_mxn']", "inglés en la salida: ['roll_forward_rate']",
                  "inglés en las figuras: ['days_past_due']",
                  "colores fuera de simulator.plots: ['#ff0000']"):
        assert shown in run.stdout, run.stdout


def _widget_texts(widget: widgets.Widget) -> list[str]:
    """Every text a widget and its children show: descriptions, values of text widgets, options."""
    texts = [getattr(widget, name) for name in ("description", "tooltip", "placeholder")
             if isinstance(getattr(widget, name, None), str)]
    if isinstance(widget, widgets.HTML | widgets.Label | widgets.HTMLMath):
        texts.append(visible_text(widget.value))
    texts += [str(option) for option in getattr(widget, "options", ())]
    for child in getattr(widget, "children", ()):
        texts += _widget_texts(child)
    return [text for text in texts if text]


def test_english_names_come_from_the_engine(english_names):
    assert {"balance_mxn", "days_past_due", "roll_forward_rate", "collected_mxn"} <= english_names
    assert "al_corriente" not in english_names
    assert english(["Tue 10/03", "saldo: balance_mxn", "Puntajes: comunicacion 39"], english_names) == [
        "Tue", "balance_mxn", "comunicacion"]
    assert english(["martes 10 de marzo", "02_comunicacion.ipynb", "Comunicación 39"], english_names) == []


def test_roleplay_widgets_and_debriefs_are_spanish(english_names):
    texts = []
    for scenario in load_library().values():
        widget = RolePlayWidget(scenario, seed=1)
        texts += _widget_texts(widget.view)
        _, result = play_path(scenario, scenario.model_path().choices, scenario.model_path().inputs, seed=1)
        texts += result.lines()
    assert texts and english(texts, english_names) == []


def test_negotiation_and_account_life_widgets_are_spanish(english_names, small_run):
    portfolio, _ = small_run
    texts = _widget_texts(NegotiationWidget(seed=5).view)
    life = account_life(portfolio.head(1), load_strategy(dataset("strategies", "escalonada.yaml")),
                        load_parameters(), days=30, seed=2)
    texts.append(visible_text(life_html(life)))
    assert english(texts, english_names) == []


def test_roleplay_buttons_show_their_whole_text():
    for scenario in load_library().values():
        widget = RolePlayWidget(scenario, seed=1)
        for button, option in zip(widget.choice_buttons, widget.session.choices, strict=True):
            assert button.description == f"[{option.index}] {' '.join(option.text.split())}"
            assert "cobranza-opcion" in button._dom_classes
    assert "white-space: normal" in widget.view.children[-1].value


@pytest.fixture(scope="module")
def comparison(small_run):
    strategies = [load_strategy(dataset("strategies", f"{name}.yaml")) for name in ("escalonada", "nada")]
    return compare_strategies(small_run[0].head(20), strategies, load_parameters(),
                              RunSettings(days=10, seed=1, replications=2))


def test_the_report_and_the_dashboard_are_spanish_and_describe_every_figure(comparison, english_names):
    page = render_page(comparison, {plot.file_name: b"png" for plot in PLOTS})
    results = build_results(comparison)
    for shown in (page, results.figures_html):
        images = re.findall(r"<img [^>]*>", shown)
        assert len(images) == len(PLOTS)
        assert all(re.search(r"alt=\"[^\"]{10,}\"", image) for image in images), images
    texts = [visible_text(page), visible_text(results.tables_html), *_widget_texts(TableroApp().view)]
    assert english(texts, english_names) == []


def test_the_dashboard_asks_for_missing_columns_by_their_spanish_name(english_names):
    missing = MissingColumnsError("faltan columnas", missing=["account_id", "days_past_due"],
                                  headers=["Folio"])
    step = ColumnStep("mayo.csv", b"", missing, on_loaded=lambda *_: None)
    step.submit()
    assert english(_widget_texts(step.view), english_names) == []


def test_spanish_table_renames_on_display_only(small_run, english_names):
    _, run = small_run
    buckets = run.buckets.set_index("bucket_start")
    shown = spanish_table(buckets)
    assert shown.index.name == "tramo inicial" and "Tasa de deterioro" in " ".join(shown.columns)
    assert english([shown.to_html()], english_names) == []
    assert buckets.index.name == "bucket_start" and "roll_forward_rate" in buckets.columns
    assert spanish_table(run.summary.set_index("kpi")["mean"]).index.name == "indicador"
    channels = pd.DataFrame({name: channel.model_dump()
                             for name, channel in load_parameters().channels.items()}).T
    assert set(spanish_table(channels)["tipo de contacto"]) <= set(VALUE_LABELS["contact_class"].values())


def test_every_label_names_a_real_column(internal_names, comparison):
    assert set(COLUMN_LABELS) - internal_names - set(comparison.paired.columns) == set()


#: Machado et al. (2009) matrices in linear RGB: how a protanope and a deuteranope see a colour.
_COLOUR_BLIND = (np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                           [-0.003882, -0.048116, 1.051998]]),
                 np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                           [-0.011820, 0.042940, 0.968881]]))


def _seen_apart(first, second) -> float:
    """Distance in sRGB between two colours as the worse of a protanope and a deuteranope sees them."""
    def linear(colour):
        rgb = np.array(matplotlib.colors.to_rgb(colour))
        return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)

    def srgb(rgb):
        rgb = np.clip(rgb, 0.0, 1.0)
        return np.where(rgb <= 0.0031308, 12.92 * rgb, 1.055 * rgb ** (1 / 2.4) - 0.055)

    return min(float(np.linalg.norm(srgb(matrix @ linear(first)) - srgb(matrix @ linear(second))))
               for matrix in _COLOUR_BLIND)


def test_the_colour_blind_check_rejects_red_against_green():
    assert _seen_apart("#c62828", "#2e7d32") < 0.2  # the trainer's weak topics before: red, green
    assert _seen_apart("#1f77b4", "#9467bd") < 0.15  # matplotlib's tab10, once the strategies' colours
    assert _seen_apart("#000000", "#ffffff") > 1.0


def test_charts_are_told_apart_with_colour_blindness():
    figure = topic_figure(["apertura", "horario", "quita"], [80.0, 40.0, 65.0], weak=["horario"])
    assert isinstance(figure, Figure)
    colours = {bar.get_facecolor() for bar in figure.axes[0].patches}
    assert len(colours) == 2 and _seen_apart(*colours) > 0.2
    assert min(_seen_apart(first, second) for first, second in itertools.combinations(OKABE_ITO, 2)) > 0.15
    stack = [colour for _, colour in STACK_LABELS.values()]
    assert min(_seen_apart(good, late) for good in stack[:3] for late in stack[3:]) > 0.2, stack
