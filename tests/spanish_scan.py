"""What a learner must not read in a notebook's output: the checks of the Spanish scan.

Not a test module: the nbval plugin ``notebook_checks.py`` applies
:func:`output_problems` to every cell nbval runs, and ``test_spanish_outputs.py``
applies :func:`english` to widgets, the report and the dashboard. English
reaches learners as a raw column name of the engine's tables (``balance_mxn``),
an English weekday or month (``Tue``), an axis or legend that pandas names after
a column (``days_past_due``, ``bucket``); a figure must be shown with Spanish alt
text (``simulator.ui.show_figure``) and drawn in colours of ``simulator.plots``.
"""

from __future__ import annotations

import functools
import html
import re

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
