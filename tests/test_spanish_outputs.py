"""What a learner or manager reads is Spanish: notebook outputs, widget texts, figures and the report.

English reaches learners in three ways: a raw column name of the engine's
tables (``balance_mxn``), an English weekday or month (``Tue``) and an axis or
legend that pandas names after a column (``days_past_due``, ``bucket``). The
names are taken from the engine's own tables and KPIs, so a column added there
is checked here too. Notebooks are stored without outputs, so the notebook test
runs every course notebook and every built exercise notebook (slow lane, a few
minutes on two processes) and reads what it printed and drew. A figure reaches
a learner through ``simulator.ui.show_figure`` (an ``<img>`` with Spanish alt
text), in colours of ``simulator.plots``.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
from pathlib import Path

import ipywidgets as widgets
import matplotlib
import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from nbclient import NotebookClient

from simulator import RunSettings, dataset, load_parameters, load_portfolio, load_strategy, run_strategy
from simulator.course.gradebook import topic_figure
from simulator.experiments.compare import compare_strategies
from simulator.experiments.kpis import KPI_NAMES
from simulator.experiments.labels import COLUMN_LABELS, VALUE_LABELS, spanish_table
from simulator.parameters import ChannelParameters, PersonaParameters
from simulator.plots import OKABE_ITO, ORDERED, REFERENCE
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

ROOT = Path(__file__).resolve().parents[1]
#: The course notebooks and the exercise notebooks a learner opens (built from exercises/fuentes).
NOTEBOOKS = sorted([*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").glob("*.ipynb")])
ENGLISH_DATES = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|"
                           r"April|June|July|August|September|October|November|December)\b")
#: Axis names of the role-play rubric a learner must read with their accents.
UNACCENTED = re.compile(r"(?<![\w/.])(?:comunicacion|negociacion|tecnicas?)(?![\w.])")
#: Code in printed text: a name between backticks is a key the learner types, shown as such on purpose.
CODE = re.compile(r"`[^`\n]*`")
#: One-word English names pandas prints as an axis or legend title (the column index's name).
ENGLISH_WORDS = {"bucket", "day", "week", "count", "accounts", "channel", "status", "kpi", "mean", "pool"}
#: Injected before a notebook runs: every figure it draws leaves its texts in ``_figure_texts``.
_RECORD_FIGURES = """
import matplotlib.backend_bases as _backend_bases
import matplotlib.text as _text
import matplotlib.colors as _colors
_figure_texts, _figure_colours = [], []
_print_figure = _backend_bases.FigureCanvasBase.print_figure
def _recording(self, *args, **kwargs):
    _figure_texts.extend(t.get_text() for t in self.figure.findobj(_text.Text) if t.get_text())
    for axes in self.figure.axes:
        _figure_colours.extend(_colors.to_hex(line.get_color()) for line in axes.lines)
        _figure_colours.extend(_colors.to_hex(patch.get_facecolor()) for patch in axes.patches)
    return _print_figure(self, *args, **kwargs)
_backend_bases.FigureCanvasBase.print_figure = _recording
"""
_PRINT_FIGURES = ("import json as _json; print('FIGURAS=' + _json.dumps([_figure_texts, _figure_colours]))")
#: Every colour a plot may draw its data with (lines and bars): the palette module's, nothing else.
PALETTE = {colour.lower() for colour in (*OKABE_ITO, *ORDERED, REFERENCE)}


@pytest.fixture(scope="module")
def small_run():
    portfolio = load_portfolio(dataset("portfolios", "demo.csv")).head(60)
    strategy = load_strategy(dataset("strategies", "escalonada.yaml"))
    return portfolio, run_strategy(portfolio, strategy, load_parameters(),
                                   RunSettings(days=20, seed=3, replications=1, keep_tables=True))


@pytest.fixture(scope="module")
def internal_names(small_run) -> set[str]:
    """Every column name of the portfolio and the engine's tables, KPI name and persona or channel field."""
    portfolio, run = small_run
    table = run.tables[0]
    frames = [portfolio, run.per_replication, run.summary, run.buckets, run.daily, run.bucket_history,
              run.channels, run.utilisation, table.accounts, table.contacts, table.promises, table.staff_days]
    names = {str(name) for frame in frames for name in (*frame.columns, *frame.index.names) if name}
    return names | set(KPI_NAMES) | set(PersonaParameters.model_fields) | set(ChannelParameters.model_fields)


@pytest.fixture(scope="module")
def english_names(internal_names) -> set[str]:
    """The internal names a learner must not read: those with an underscore are English (Spanish keys
    such as ``al_corriente`` are values, not names; one-word names are checked in figures only)."""
    return {name for name in internal_names if "_" in name}


def _english(texts: list[str], names: set[str]) -> list[str]:
    """The English names, weekdays or months, and unaccented rubric axes that ``texts`` show."""
    words = re.compile(r"(?<![\w.])(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                       + r")(?![\w.])")
    return [found.group(0) for text in texts for pattern in (words, ENGLISH_DATES, UNACCENTED)
            for found in pattern.finditer(text)]


def _visible_text(page: str) -> str:
    """What a reader of HTML sees as prose: no styles, no tags, no ``<code>`` (a key to type is code)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|code)\b.*?</\1>", " ", page, flags=re.S)))


def _widget_texts(widget: widgets.Widget) -> list[str]:
    """Every text a widget and its children show: descriptions, values of text widgets, options."""
    texts = [getattr(widget, name) for name in ("description", "tooltip", "placeholder")
             if isinstance(getattr(widget, name, None), str)]
    if isinstance(widget, widgets.HTML | widgets.Label | widgets.HTMLMath):
        texts.append(_visible_text(widget.value))
    texts += [str(option) for option in getattr(widget, "options", ())]
    for child in getattr(widget, "children", ()):
        texts += _widget_texts(child)
    return [text for text in texts if text]


def test_english_names_come_from_the_engine(english_names):
    assert {"balance_mxn", "days_past_due", "roll_forward_rate", "collected_mxn"} <= english_names
    assert "al_corriente" not in english_names
    assert _english(["Tue 10/03", "saldo: balance_mxn", "Puntajes: comunicacion 39"], english_names) == [
        "Tue", "balance_mxn", "comunicacion"]
    assert _english(["martes 10 de marzo", "02_comunicacion.ipynb", "Comunicación 39"], english_names) == []


def test_roleplay_widgets_and_debriefs_are_spanish(english_names):
    texts = []
    for scenario in load_library().values():
        widget = RolePlayWidget(scenario, seed=1)
        texts += _widget_texts(widget.view)
        _, result = play_path(scenario, scenario.model_path().choices, scenario.model_path().inputs, seed=1)
        texts += result.lines()
    assert texts and _english(texts, english_names) == []


def test_negotiation_and_account_life_widgets_are_spanish(english_names, small_run):
    portfolio, _ = small_run
    texts = _widget_texts(NegotiationWidget(seed=5).view)
    life = account_life(portfolio.head(1), load_strategy(dataset("strategies", "escalonada.yaml")),
                        load_parameters(), days=30, seed=2)
    texts.append(_visible_text(life_html(life)))
    assert _english(texts, english_names) == []


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
    texts = [_visible_text(page), _visible_text(results.tables_html), *_widget_texts(TableroApp().view)]
    assert _english(texts, english_names) == []


def test_the_dashboard_asks_for_missing_columns_by_their_spanish_name(english_names):
    missing = MissingColumnsError("faltan columnas", missing=["account_id", "days_past_due"],
                                  headers=["Folio"])
    step = ColumnStep("mayo.csv", b"", missing, on_loaded=lambda *_: None)
    step.submit()
    assert _english(_widget_texts(step.view), english_names) == []


def test_spanish_table_renames_on_display_only(small_run, english_names):
    _, run = small_run
    buckets = run.buckets.set_index("bucket_start")
    shown = spanish_table(buckets)
    assert shown.index.name == "tramo inicial" and "Tasa de deterioro" in " ".join(shown.columns)
    assert _english([shown.to_html()], english_names) == []
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


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_notebook_shows_only_spanish_and_describes_its_figures(path, english_names, simulated_cohort,
                                                                 monkeypatch, tmp_path):
    # The trainer's notebook reads the cohort; the others record checks in it, so each run gets a copy.
    cohort = tmp_path / "avance.sqlite"
    shutil.copyfile(simulated_cohort[0], cohort)
    monkeypatch.setenv("COBRANZA_AVANCE", str(cohort))
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(_RECORD_FIGURES))
    notebook.cells.append(nbformat.v4.new_code_cell(_PRINT_FIGURES))
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    texts, figures, colours, images = [], [], [], 0
    for cell in notebook.cells[1:]:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if text.startswith("FIGURAS="):
                figures, colours = json.loads(text.removeprefix("FIGURAS="))
                continue
            data = output.get("data", {})
            images += "image/png" in data or data.get("text/plain", "").startswith("<Figure size")
            # what Jupyter renders: the richest of HTML, Markdown and plain text
            shown = data.get("text/html") or data.get("text/markdown") or data.get("text/plain", "")
            if "text/html" in data:
                shown = _visible_text(shown)
            texts += [CODE.sub(" ", text), CODE.sub(" ", shown)]
            for image in re.findall(r"<img [^>]*>", data.get("text/html", "")):
                assert re.search(r"alt=\"[^\"]{10,}\"", image), f"{path}: figure without alt text"
    found = {"figures without alt text (use show_figure)": images,
             "English in outputs": sorted(set(_english(texts, english_names))),
             "English in figures": sorted(set(_english(figures, english_names | ENGLISH_WORDS))),
             "colours outside simulator.plots": sorted(set(colours) - PALETTE)}
    assert found == {"figures without alt text (use show_figure)": 0, "English in outputs": [],
                     "English in figures": [], "colours outside simulator.plots": []}, path
