"""The Spanish scan of notebook outputs, run on the cells nbval executes (a pytest plugin).

Not a test module: the root ``conftest.py`` loads it as a plugin and
``test_spanish_outputs.py`` imports its checks. Notebooks are stored without
outputs, and executing them is the slowest part of the suite, so they run once:
nbval executes every cell, and this plugin reads what the cell printed and drew
(nbval keeps it in ``IPyNbCell.test_outputs``) and fails the cell when a learner
would read English there: a raw column name of the engine's tables
(``balance_mxn``), an English weekday or month (``Tue``), an axis or legend that
pandas names after a column (``days_past_due``, ``bucket``), a figure shown
without Spanish alt text (use ``simulator.ui.show_figure``) or drawn in colours
outside ``simulator.plots``. Figures leave their texts in the kernel through a
recorder installed before the first cell; the scan asks for them after each one.
"""

from __future__ import annotations

import ast
import functools
import html
import json
import re

import pytest
from nbval.plugin import IPyNbCell, IPyNbFile

from simulator import RunSettings, dataset, load_parameters, load_portfolio, load_strategy, run_strategy
from simulator.experiments.kpis import KPI_NAMES
from simulator.parameters import ChannelParameters, PersonaParameters
from simulator.plots import OKABE_ITO, ORDERED, REFERENCE

ENGLISH_DATES = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|"
                           r"April|June|July|August|September|October|November|December)\b")
#: Axis names of the role-play rubric a learner must read with their accents.
UNACCENTED = re.compile(r"(?<![\w/.])(?:comunicacion|negociacion|tecnicas?)(?![\w.])")
#: Code in printed text: a name between backticks is a key the learner types, shown as such on purpose.
CODE = re.compile(r"`[^`\n]*`")
#: One-word English names pandas prints as an axis or legend title (the column index's name).
ENGLISH_WORDS = {"bucket", "day", "week", "count", "accounts", "channel", "status", "kpi", "mean", "pool"}
#: Every colour a plot may draw its data with (lines and bars): the palette module's, nothing else.
PALETTE = {colour.lower() for colour in (*OKABE_ITO, *ORDERED, REFERENCE)}
#: Notebooks nbval runs that no learner opens: the exercise sources, built into ``exercises/*.ipynb``.
UNSCANNED = {"fuentes"}
#: Run silently in a notebook's kernel before its first cell: every figure drawn leaves its texts and
#: colours in ``_figure_texts`` and ``_figure_colours`` until ``_figures_json()`` hands them over.
_RECORD_FIGURES = """
import json as _json
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
def _figures_json():
    drawn = _json.dumps([_figure_texts, _figure_colours])
    _figure_texts.clear(); _figure_colours.clear()
    return drawn
"""
#: Seconds to wait for the kernel to answer the recorder (it runs no user code).
_KERNEL_TIMEOUT = 60
_RECORDING = pytest.StashKey[object]()


@functools.cache
def small_run():
    """Sixty demo accounts for 20 days, with the engine's tables: the source of the names to look for."""
    portfolio = load_portfolio(dataset("portfolios", "demo.csv")).head(60)
    strategy = load_strategy(dataset("strategies", "escalonada.yaml"))
    return portfolio, run_strategy(portfolio, strategy, load_parameters(),
                                   RunSettings(days=20, seed=3, replications=1, keep_tables=True))


@functools.cache
def internal_names() -> frozenset[str]:
    """Every column name of the portfolio and the engine's tables, KPI name and persona or channel field."""
    portfolio, run = small_run()
    table = run.tables[0]
    frames = [portfolio, run.per_replication, run.summary, run.buckets, run.daily, run.bucket_history,
              run.channels, run.utilisation, table.accounts, table.contacts, table.promises, table.staff_days]
    names = {str(name) for frame in frames for name in (*frame.columns, *frame.index.names) if name}
    return frozenset(names | set(KPI_NAMES) | set(PersonaParameters.model_fields)
                     | set(ChannelParameters.model_fields))


def english_names() -> set[str]:
    """The internal names a learner must not read: those with an underscore are English (Spanish keys
    such as ``al_corriente`` are values, not names; one-word names are checked in figures only)."""
    return {name for name in internal_names() if "_" in name}


def english(texts: list[str], names: set[str]) -> list[str]:
    """The English names, weekdays or months, and unaccented rubric axes that ``texts`` show."""
    words = re.compile(r"(?<![\w.])(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                       + r")(?![\w.])")
    return [found.group(0) for text in texts for pattern in (words, ENGLISH_DATES, UNACCENTED)
            for found in pattern.finditer(text)]


def visible_text(page: str) -> str:
    """What a reader of HTML sees as prose: no styles, no tags, no ``<code>`` (a key to type is code)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|code)\b.*?</\1>", " ", page, flags=re.S)))


def output_problems(outputs: list[dict], figures: list[str], colours: list[str]) -> list[str]:
    """What is not Spanish or not described in one cell's ``outputs`` and the ``figures`` it drew."""
    texts, raw_figures, bare_images = [], 0, 0
    for output in outputs:
        data = output.get("data", {})
        raw_figures += "image/png" in data or data.get("text/plain", "").startswith("<Figure size")
        # what Jupyter renders: the richest of HTML, Markdown and plain text
        shown = data.get("text/html") or data.get("text/markdown") or data.get("text/plain", "")
        if "text/html" in data:
            shown = visible_text(shown)
        texts += [CODE.sub(" ", output.get("text", "")), CODE.sub(" ", shown)]
        bare_images += sum(not re.search(r"alt=\"[^\"]{10,}\"", image)
                           for image in re.findall(r"<img [^>]*>", data.get("text/html", "")))
    found = {"figuras sin texto alternativo (use show_figure)": raw_figures + bare_images,
             "inglés en la salida": sorted(set(english(texts, english_names()))),
             "inglés en las figuras": sorted(set(english(figures, english_names() | ENGLISH_WORDS))),
             "colores fuera de simulator.plots": sorted(set(colours) - PALETTE)}
    return [f"{what}: {value}" for what, value in found.items() if value]


def _scanned(item: pytest.Item) -> bool:
    return isinstance(item, IPyNbCell) and item.path.parent.name not in UNSCANNED


def _run_silently(notebook: IPyNbFile, code: str, expression: str | None = None) -> str | None:
    """Run ``code`` in the notebook's kernel without output or history; the value of ``expression``."""
    kernel = notebook.kernel
    msg_id = kernel.kc.execute(code, silent=True, store_history=False, allow_stdin=False,
                               user_expressions={"valor": expression} if expression else {})
    reply = kernel.get_message("shell", timeout=_KERNEL_TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kernel.get_message("shell", timeout=_KERNEL_TIMEOUT)
    content = reply["content"]
    value = content.get("user_expressions", {}).get("valor", {}) if expression else {}
    if content["status"] != "ok" or value.get("status", "ok") != "ok":
        raise RuntimeError(f"el escaneo en español no pudo leer el kernel: {content} {value}")
    return ast.literal_eval(value["data"]["text/plain"]) if expression else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    """Install the figure recorder in a scanned notebook's kernel, which nbval starts with its first cell."""
    result = yield
    notebook = item.parent
    if _scanned(item) and notebook.stash.get(_RECORDING, None) is not notebook.kernel:
        _run_silently(notebook, _RECORD_FIGURES)
        notebook.stash[_RECORDING] = notebook.kernel
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Once nbval has run a cell without error, fail it when its outputs or figures are not Spanish."""
    result = yield
    if _scanned(item):
        figures, colours = json.loads(_run_silently(item.parent, "", "_figures_json()"))
        problems = output_problems(item.test_outputs, figures, colours)
        if problems:
            item.raise_cell_error("lo que muestra la celda no está en español o no se describe",
                                  "\n".join(problems))
    return result
