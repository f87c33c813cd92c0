"""The report's five plots, drawn on :class:`matplotlib.figure.Figure` objects.

No pyplot: every figure gets its own Agg canvas, so drawing a report never
touches matplotlib's global state nor needs a display. A strategy keeps the
same colour in every plot; the champion is drawn thicker and named as such.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, MaxNLocator

from simulator.buckets import BUCKET_NAMES
from simulator.engine.account import AccountStatus
from simulator.experiments.compare import Comparison
from simulator.experiments.kpis import weekly_utilisation
from simulator.parameters import StaffPoolName
from simulator.plots import OKABE_ITO, ORDERED, new_figure
from simulator.reporting.numbers import money_axis_label, money_tick_labels
from simulator.strategies import CHANNEL_LABELS

__all__ = [
    "PLOTS",
    "STACK_LABELS",
    "STAFF_POOLS",
    "Plot",
    "bucket_figure",
    "channel_figure",
    "cost_figure",
    "recovery_figure",
    "strategy_label",
    "utilisation_figure",
]

#: Portfolio states from the bottom of the stack to the top, with their Spanish label and colour
#: (blue for the good states to red for the late ones, grey for written off: see simulator.plots).
STACK_LABELS = {
    AccountStatus.PAGADA: ("pagada", ORDERED[0]),
    AccountStatus.LIQUIDADA: ("liquidada con quita", ORDERED[1]),
    "al_corriente": ("al corriente", ORDERED[2]),
    "1-30": ("1-30 días", ORDERED[3]),
    "31-60": ("31-60 días", ORDERED[4]),
    "61-90": ("61-90 días", ORDERED[5]),
    "90+": ("más de 90 días", ORDERED[6]),
    AccountStatus.CASTIGADA: ("castigada", ORDERED[7]),
}

#: Staff pools of the utilisation plot, top panel first, with their Spanish title.
STAFF_POOLS = {StaffPoolName.AGENTES: "Agentes (llamadas)",
               StaffPoolName.VISITADORES: "Visitadores (visitas de campo)"}

_STACK_ORDER = [AccountStatus.PAGADA, AccountStatus.LIQUIDADA, *BUCKET_NAMES, AccountStatus.CASTIGADA]

#: Channel outcomes of the contacts plot: column of ``RunResult.channels`` -> panel title.
CHANNEL_OUTCOMES = {
    "executed": "Ejecutados",
    "blocked": "Bloqueados por las reglas de contacto",
    "no_staff": "Perdidos por falta de personal",
}


class _MoneyTicks(Formatter):
    """Peso tick labels that never repeat: as many decimals as the tick spacing needs."""

    def __call__(self, value: float, pos: int | None = None) -> str:
        return money_axis_label(value)

    def format_ticks(self, values) -> list[str]:
        return money_tick_labels(list(values))


def _plain(text: str) -> str:
    """Text from a file as matplotlib should print it: a ``$`` is not math."""
    return text.replace("$", r"\$")


def strategy_label(name: str, champion: str) -> str:
    """Legend text of a strategy: its name, and "(campeona)" for the champion."""
    return _plain(name) + (" (campeona)" if name == champion else "")


def _colours(comparison: Comparison) -> dict[str, str]:
    return {name: OKABE_ITO[number % len(OKABE_ITO)] for number, name in enumerate(comparison.runs)}


def recovery_figure(comparison: Comparison) -> Figure:
    """(a) Cumulative amount collected per strategy: mean line, min-max band of replications."""
    figure = new_figure(8.5, 4.8)
    axes = figure.add_subplot()
    colours = _colours(comparison)
    for name, run in comparison.runs.items():
        curve = run.daily.groupby("day")["cumulative_mxn"].agg(["mean", "min", "max"])
        elapsed = curve.index.to_numpy() + 1  # cumulative at the end of each day
        champion = name == comparison.champion
        axes.fill_between(elapsed, curve["min"], curve["max"], color=colours[name], alpha=0.18,
                          linewidth=0)
        axes.plot(elapsed, curve["mean"], color=colours[name], linewidth=2.6 if champion else 1.6,
                  label=strategy_label(name, comparison.champion))
    axes.set_title("Monto cobrado acumulado (media de las réplicas; banda: mínimo a máximo)")
    axes.set_xlabel("Días desde el inicio de la simulación")
    axes.set_ylabel("Monto cobrado acumulado (MXN)")
    axes.yaxis.set_major_formatter(_MoneyTicks())
    axes.set_xlim(left=0)
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend(loc="upper left", frameon=False)
    return figure


def bucket_figure(comparison: Comparison) -> Figure:
    """(b) Accounts by bucket and end state, week by week: one stacked panel per strategy."""
    count = len(comparison.runs)
    columns = min(count, 3)
    rows = math.ceil(count / columns)
    figure = new_figure(4.3 * columns + 0.6, 3.4 * rows + 1.0)
    panels = list(figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).flat)
    for axes, (name, run) in zip(panels, comparison.runs.items(), strict=False):
        history = run.bucket_history.groupby(["day", "bucket"])["accounts"].mean().unstack("bucket")
        history = history.reindex(columns=_STACK_ORDER, fill_value=0.0).fillna(0.0)
        axes.stackplot(history.index.to_numpy(), history.to_numpy().T,
                       labels=[STACK_LABELS[state][0] for state in _STACK_ORDER],
                       colors=[STACK_LABELS[state][1] for state in _STACK_ORDER])
        axes.set_title(strategy_label(name, comparison.champion), fontsize=10)
        axes.set_xlim(0, history.index.max())
        axes.set_ylim(0, run.accounts)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for number, axes in enumerate(panels):
        if number >= count:
            axes.set_visible(False)  # unused panels of the last row
        elif number + columns >= count:  # nothing drawn below: this panel carries the day axis
            axes.xaxis.set_tick_params(labelbottom=True)
            axes.set_xlabel("Día de la simulación")
    figure.axes[0].set_ylabel("Cuentas (media de las réplicas)")
    if rows > 1:
        for number in range(columns, len(figure.axes), columns):
            figure.axes[number].set_ylabel("Cuentas")
    handles, labels = figure.axes[0].get_legend_handles_labels()
    figure.legend(handles[::-1], labels[::-1], loc="outside right center", frameon=False,
                  title="Estado de la cuenta")
    figure.suptitle("Cuentas por tramo de atraso y estado final, semana a semana")
    return figure


def cost_figure(comparison: Comparison) -> Figure:
    """(c) Cost against amount collected, one point per replication; the champion a star."""
    figure = new_figure(7.5, 5.0)
    axes = figure.add_subplot()
    colours = _colours(comparison)
    for name, run in comparison.runs.items():
        champion = name == comparison.champion
        axes.scatter(run.per_replication["cost_total"], run.per_replication["collected_amount"],
                     color=colours[name], marker="*" if champion else "o", s=170 if champion else 55,
                     edgecolors="black" if champion else "none", linewidths=0.8, alpha=0.85,
                     label=strategy_label(name, comparison.champion), zorder=3 if champion else 2)
    axes.set_title("Costo contra monto cobrado (un punto por réplica)")
    axes.set_xlabel("Costo total de gestión y quejas (MXN)")
    axes.set_ylabel("Monto cobrado (MXN)")
    axes.xaxis.set_major_formatter(_MoneyTicks())
    axes.yaxis.set_major_formatter(_MoneyTicks())
    axes.margins(0.12)
    axes.grid(alpha=0.3)
    figure.legend(loc="outside lower center", ncols=min(len(comparison.runs), 4), frameon=False)
    return figure


def utilisation_figure(comparison: Comparison) -> Figure:
    """(e) Weekly share of shift time busy, one panel per staff pool: mean line, 95% band.

    Weekly, not daily: days off have no shift and workdays swing with paydays, so a
    daily line zigzags; busy over shift minutes of each week shows the trend.
    """
    figure = new_figure(8.5, 6.4)
    panels = figure.subplots(len(STAFF_POOLS), 1, sharex=True, sharey=True)
    colours = _colours(comparison)
    weekly = {name: weekly_utilisation(run.utilisation) for name, run in comparison.runs.items()}
    for axes, (pool, title) in zip(panels, STAFF_POOLS.items(), strict=True):
        axes.set_title(title, fontsize=10, loc="left")
        for name, table in weekly.items():
            rows = table[table["pool"] == pool]
            if rows.empty:  # this strategy has nobody in the pool
                continue
            champion = name == comparison.champion
            axes.fill_between(rows["week"], rows["ci95_low"] * 100, rows["ci95_high"] * 100,
                              color=colours[name], alpha=0.18, linewidth=0)
            axes.plot(rows["week"], rows["mean"] * 100, color=colours[name], marker="o", markersize=3,
                      linewidth=2.6 if champion else 1.6, label=strategy_label(name, comparison.champion))
        if not axes.lines:
            axes.text(0.5, 0.5, "ninguna estrategia tiene este personal", ha="center", va="center",
                      color="#555555", transform=axes.transAxes)
        axes.set_ylabel("% del turno ocupado")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(alpha=0.3)
    peak = max((table["ci95_high"].max() for table in weekly.values() if len(table)), default=1.0)
    # Low shares would be a flat line at the bottom of 0-100 %: zoom in, in whole tens.
    panels[0].set_ylim(0, 100 if peak > 0.6 else max(10, 10 * math.ceil(peak * 12.5)))
    panels[-1].set_xlabel("Semana de la simulación")
    lines = {}  # one legend entry per strategy drawn in either panel
    for axes in panels:
        lines.update(zip(*reversed(axes.get_legend_handles_labels()), strict=True))
    if lines:
        figure.legend(list(lines.values()), list(lines), loc="outside lower center",
                      ncols=min(len(lines), 4), frameon=False)
    figure.suptitle("Ocupación del personal semana a semana (media de las réplicas; banda: IC 95 %)")
    return figure


def _per_replication(run, column: str) -> pd.Series:
    """Mean per replication of ``column`` by channel (a channel missing from a replication is 0)."""
    return run.channels.groupby("channel")[column].sum() / run.settings.replications


def channel_figure(comparison: Comparison) -> Figure:
    """(d) Contact attempts by channel: executed, blocked by rules, lost for lack of staff."""
    channels = sorted(set().union(*(set(run.channels["channel"]) for run in comparison.runs.values())))
    names = list(comparison.runs)
    values = {
        column: {name: _per_replication(comparison.runs[name], column).reindex(channels, fill_value=0.0)
                 for name in names}
        for column in CHANNEL_OUTCOMES
    }
    empty = {column: not any(series.any() for series in by_name.values())
             for column, by_name in values.items()}
    figure = new_figure(max(8.5, 0.4 * len(channels) * len(names) + 2.0),
                         2.0 + sum(1.0 if empty[column] else 2.6 for column in CHANNEL_OUTCOMES))
    panels = figure.subplots(len(CHANNEL_OUTCOMES), 1, sharex=True, gridspec_kw={
        "height_ratios": [1.0 if empty[column] else 2.6 for column in CHANNEL_OUTCOMES]})
    colours = _colours(comparison)
    width = 0.8 / len(names)
    for axes, (column, title) in zip(panels, CHANNEL_OUTCOMES.items(), strict=True):
        axes.set_title(title, fontsize=10, loc="left")
        if empty[column]:
            axes.text(0.5, 0.5, "ninguno en esta comparación", ha="center", va="center",
                      color="#555555", transform=axes.transAxes)
            axes.set_yticks([])
            continue
        for number, name in enumerate(names):
            positions = [index - 0.4 + width * (number + 0.5) for index in range(len(channels))]
            axes.bar(positions, values[column][name].to_numpy(), width=width, color=colours[name],
                     label=strategy_label(name, comparison.champion))
        axes.grid(axis="y", alpha=0.3)
        axes.set_ylabel("Intentos por réplica")
    last = panels[-1]
    last.set_xticks(range(len(channels)),
                    [CHANNEL_LABELS[channel] for channel in channels],
                    rotation=30 if len(channels) > 6 else 0, ha="right" if len(channels) > 6 else "center")
    last.set_xlabel("Canal")
    if channels:
        handles = [Patch(color=colours[name]) for name in names]
        figure.legend(handles, [strategy_label(name, comparison.champion) for name in names],
                      loc="outside lower center", ncols=min(len(names), 5), frameon=False)
    else:
        last.set_xlim(0, 1)
        figure.axes[0].text(0.5, 0.1, "(ninguna estrategia intentó contactos)", ha="center",
                            transform=figure.axes[0].transAxes)
    figure.suptitle("Intentos de contacto por canal (media por réplica)")
    return figure


@dataclass(frozen=True)
class Plot:
    """One plot of the report: its PNG file, how to draw it, and its Spanish caption."""

    file_name: str
    draw: Callable[[Comparison], Figure]
    alt: str
    caption: str


PLOTS = (
    Plot("cobranza_acumulada.png", recovery_figure, "Monto cobrado acumulado por estrategia",
         "Monto cobrado acumulado día a día. La línea es la media de las réplicas y la banda va "
         "del mínimo al máximo: si las bandas de dos estrategias no se tocan, la diferencia no "
         "depende de la suerte de una réplica."),
    Plot("tramos_semanales.png", bucket_figure, "Cuentas por tramo de atraso a lo largo del tiempo",
         "Cuentas de la cartera por tramo de atraso, semana a semana (media de las réplicas). "
         "Abajo, en azul, las cuentas pagadas, liquidadas con quita y al corriente; arriba, de "
         "rosa a rojo y en gris, las atrasadas y castigadas. Una estrategia mejor agranda el azul."),
    Plot("costo_vs_cobrado.png", cost_figure, "Costo contra monto cobrado por réplica",
         "Cada punto es una réplica: cuánto costó la gestión y cuánto se cobró. La estrella es "
         "la estrategia campeona. Más arriba es cobrar más; más a la izquierda es gastar menos."),
    Plot("contactos_por_canal.png", channel_figure, "Intentos de contacto por canal",
         "Intentos de contacto por canal y estrategia (media por réplica): los ejecutados, los "
         "que bloquearon las reglas de contacto y los que se perdieron porque no había personal "
         "libre. Los detenidos por los topes de la propia estrategia están en canales.csv."),
    Plot("ocupacion_semanal.png", utilisation_figure, "Ocupación de agentes y visitadores por semana",
         "Parte del tiempo de turno en que agentes (llamadas) y visitadores (visitas) estuvieron "
         "ocupados, semana a semana: la línea es la media de las réplicas y la banda su intervalo "
         "de confianza del 95 %. Cerca de 100 % el personal no alcanza y se pierden contactos; muy "
         "abajo, sobra gente para esa estrategia. Una estrategia sin personal en un equipo no tiene "
         "línea en ese panel. Si la ocupación es baja, el eje vertical no llega a 100 %: mire su "
         "escala. Los minutos de cada día están en ocupacion_diaria.csv."),
)
