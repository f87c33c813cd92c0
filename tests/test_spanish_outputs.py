"""What a learner or manager reads is Spanish: notebook outputs, widget texts, figures and the report.

English reaches learners in three ways: a raw column name of the engine's
tables (``balance_mxn``), an English weekday or month (``Tue``) and an axis or
legend that pandas names after a column (``days_past_due``, ``bucket``). The
names are taken from the engine's own tables and KPIs, so a column added there
is checked here too. Notebooks are stored without outputs, so the notebook test
runs every one of them (about a minute) and reads what it printed and drew.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import ipywidgets as widgets
import matplotlib
import nbformat
import pytest
from matplotlib.figure import Figure
from nbclient import NotebookClient

from simulator import RunSettings, dataset, load_parameters, load_portfolio, load_strategy, run_strategy
from simulator.course.gradebook import topic_figure
from simulator.experiments.kpis import KPI_NAMES
from simulator.reporting.figures import PLOTS, STACK_LABELS
from simulator.experiments.compare import compare_strategies
from simulator.reporting.page import render_page
from simulator.roleplay import load_library
from simulator.roleplay.replay import play_path
from simulator.ui import NegotiationWidget, RolePlayWidget, account_life, life_html

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
ENGLISH_DATES = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                           r"Sunday|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|"
                           r"April|June|July|August|September|October|November|December)\b")
#: Axis names of the role-play rubric a learner must read with their accents.
UNACCENTED = re.compile(r"(?<![\w/.])(?:comunicacion|negociacion|tecnicas?)(?![\w.])")
#: One-word English names pandas prints as an axis or legend title (the column index's name).
ENGLISH_WORDS = {"bucket", "day", "week", "count", "accounts", "channel", "status", "kpi", "mean", "pool"}
#: Injected before a notebook runs: every figure it draws leaves its texts in ``_figure_texts``.
_RECORD_FIGURES = """
import matplotlib.backend_bases as _backend_bases
import matplotlib.text as _text
_figure_texts = []
_print_figure = _backend_bases.FigureCanvasBase.print_figure
def _recording(self, *args, **kwargs):
    _figure_texts.extend(t.get_text() for t in self.figure.findobj(_text.Text) if t.get_text())
    return _print_figure(self, *args, **kwargs)
_backend_bases.FigureCanvasBase.print_figure = _recording
"""
_PRINT_FIGURES = "import json as _json; print('FIGURAS=' + _json.dumps(_figure_texts))"


@pytest.fixture(scope="module")
def small_run():
    portfolio = load_portfolio(dataset("portfolios", "demo.csv")).head(60)
    strategy = load_strategy(dataset("strategies", "escalonada.yaml"))
    return portfolio, run_strategy(portfolio, strategy, load_parameters(),
                                   RunSettings(days=20, seed=3, replications=1, keep_tables=True))


@pytest.fixture(scope="module")
def english_names(small_run) -> set[str]:
    """Raw names of the engine's tables and KPIs that are English (an underscore, no Spanish key)."""
    portfolio, run = small_run
    table = run.tables[0]
    frames = [portfolio, run.per_replication, run.summary, run.buckets, run.daily, run.bucket_history,
              run.channels, run.utilisation, table.accounts, table.contacts, table.promises, table.staff_days]
    names = {str(name) for frame in frames for name in frame.columns} | set(KPI_NAMES)
    spanish = {"al_corriente", "aviso_formal", "ciclo_ingreso"}
    return {name for name in names if "_" in name and name not in spanish}


def _english(texts: list[str], names: set[str]) -> list[str]:
    """The texts that show an English name, weekday or month, or an unaccented rubric axis."""
    words = re.compile(r"(?<![\w.])(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                       + r")(?![\w.])")
    return [text[:160] for text in texts if words.search(text) or ENGLISH_DATES.search(text)
            or UNACCENTED.search(text)]


def _widget_texts(widget: widgets.Widget) -> list[str]:
    """Every text a widget and its children show: descriptions, values of text widgets, options."""
    texts = [getattr(widget, name) for name in ("description", "tooltip", "placeholder")
             if isinstance(getattr(widget, name, None), str)]
    if isinstance(widget, widgets.HTML | widgets.Label | widgets.HTMLMath):
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", widget.value)))
    texts += [str(option) for option in getattr(widget, "options", ())]
    for child in getattr(widget, "children", ()):
        texts += _widget_texts(child)
    return [text for text in texts if text]


def test_english_names_come_from_the_engine(english_names):
    assert {"balance_mxn", "days_past_due", "roll_forward_rate", "collected_mxn"} <= english_names
    assert "al_corriente" not in english_names
    assert _english(["Tue 10/03", "saldo: balance_mxn", "Puntajes: comunicacion 39"], english_names) == [
        "Tue 10/03", "saldo: balance_mxn", "Puntajes: comunicacion 39"]
    assert _english(["martes 10 de marzo", "02_comunicacion.ipynb", "Comunicación 39"], english_names) == []


def test_roleplay_widgets_and_debriefs_are_spanish(english_names):
    texts = []
    for scenario in load_library().values():
        widget = RolePlayWidget(scenario, seed=1)
        texts += _widget_texts(widget.view)
        _, result = play_path(scenario, scenario.model_path.choices, scenario.model_path.inputs, seed=1)
        texts += result.lines()
    assert texts and _english(texts, english_names) == []


def test_negotiation_and_account_life_widgets_are_spanish(english_names, small_run):
    portfolio, _ = small_run
    texts = _widget_texts(NegotiationWidget(seed=5).view)
    life = account_life(portfolio.head(1), load_strategy(dataset("strategies", "escalonada.yaml")),
                        load_parameters(), days=30, seed=2)
    texts.append(html.unescape(re.sub(r"<[^>]+>", " ", life_html(life))))
    assert _english(texts, english_names) == []


def test_roleplay_buttons_show_their_whole_text():
    for scenario in load_library().values():
        widget = RolePlayWidget(scenario, seed=1)
        for button, option in zip(widget.choice_buttons, widget.session.choices, strict=True):
            assert button.description == f"[{option.index}] {' '.join(option.text.split())}"
            assert "cobranza-opcion" in button._dom_classes
    assert "white-space: normal" in widget.view.children[0].value


def test_the_report_describes_every_figure(small_run):
    portfolio, _ = small_run
    strategies = [load_strategy(dataset("strategies", f"{name}.yaml")) for name in ("escalonada", "nada")]
    comparison = compare_strategies(portfolio.head(20), strategies, load_parameters(),
                                    RunSettings(days=10, seed=1, replications=2))
    page = render_page(comparison, {plot.file_name: b"png" for plot in PLOTS})
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == len(PLOTS)
    assert all(re.search(r"alt=\"[^\"]{10,}\"", image) for image in images), images


def _is_red_or_green(colour) -> bool:
    red, green, blue, _ = matplotlib.colors.to_rgba(colour)
    return abs(red - green) > 0.35 and blue < 0.35


def test_charts_avoid_red_against_green():
    figure = topic_figure(["apertura", "horario", "quita"], [80.0, 40.0, 65.0], weak=["horario"])
    assert isinstance(figure, Figure)
    bars = figure.axes[0].patches
    assert len({bar.get_facecolor() for bar in bars}) == 2
    assert not any(_is_red_or_green(bar.get_facecolor()) for bar in bars)
    stack = [colour for _, colour in STACK_LABELS.values()]
    assert sum(_is_red_or_green(colour) for colour in stack) <= 1, stack


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_shows_only_spanish_and_describes_its_figures(path, english_names, simulated_cohort,
                                                                 monkeypatch):
    monkeypatch.setenv("COBRANZA_AVANCE", str(simulated_cohort[0]))  # the trainer's notebook reads it
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(_RECORD_FIGURES))
    notebook.cells.append(nbformat.v4.new_code_cell(_PRINT_FIGURES))
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    texts, figures, images = [], [], 0
    for cell in notebook.cells[1:]:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if text.startswith("FIGURAS="):
                figures = json.loads(text.removeprefix("FIGURAS="))
                continue
            data = output.get("data", {})
            images += "image/png" in data
            shown = data.get("text/html") or data.get("text/plain", "")
            if "text/html" in data:
                shown = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", shown, flags=re.S)))
            texts += [text, shown]
            for image in re.findall(r"<img [^>]*>", data.get("text/html", "")):
                assert re.search(r"alt=\"[^\"]{10,}\"", image), f"{path.name}: figure without alt text"
    assert images == 0, f"{path.name}: {images} figure(s) shown without alt text; use show_figure"
    assert _english(texts, english_names) == [], path.name
    assert _english(figures, english_names | ENGLISH_WORDS) == [], path.name
