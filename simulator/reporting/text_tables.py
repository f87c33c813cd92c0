"""Plain-text Spanish tables for the terminal, with numbers as in the README and the report.

Shares are percentages, pesos carry ``$`` and thousands commas (see
:mod:`simulator.reporting.numbers`). One replication has no spread to estimate, so
its tables show the value and say that an interval needs 2 or more replications
instead of printing a zero-width ``[x, x]``. Strategy names come from YAML files
anyone can write, so they are printed with control characters escaped.
"""

from __future__ import annotations

import pandas as pd

from simulator.experiments.compare import Comparison
from simulator.experiments.kpis import KPI_LABELS
from simulator.experiments.live_test import METRICS, LiveTestPlan
from simulator.experiments.runner import RunResult
from simulator.experiments.selection import SELECTION_CAP, Selection
from simulator.experiments.stopping import REPLICATION_CAP, Stopping
from simulator.reporting.numbers import (
    format_difference,
    format_difference_interval,
    format_interval,
    format_value,
)
from simulator.safe_text import printable

__all__ = ["RULES_OFF", "break_even_text", "comparison_table", "plan_table", "replications_text", "run_table",
           "selection_text", "stopping_text", "sweep_table", "world_count", "world_verdicts"]

#: Said wherever a run's numbers are shown when it ran with the rules off (``--compliance off``):
#: its contacts include forbidden ones, so it must never read like an ordinary run.
RULES_OFF = "reglas de contacto apagadas: incluye contactos prohibidos"
_LABEL_WIDTH = max(len(label) for label in KPI_LABELS.values())
_NO_INTERVAL = ("Intervalos de confianza del 95 %: necesitan 2 o más réplicas "
                "(--replications 2 o más).")
#: KPIs of the sweep table, with the README's short column names.
_SWEEP_COLUMNS = {"recovery_rate": "Recuperación", "net_recovery": "Recuperación neta", "cost_total": "Costo",
                  "complaints_per_1000": "Quejas /1000", "agent_utilization": "Ocupación"}
#: Metric of a live test -> KPI whose formatting its per-account difference follows.
_PLAN_FORMAT = {"collected_mxn": "collected_amount", "cured": "cure_rate"}


def replications_text(count: int) -> str:
    """``1 réplica``, ``3 réplicas``."""
    return f"{count:,} réplica" + ("" if count == 1 else "s")


def _kpi_lines(rows: pd.DataFrame, title: str, replications: int, difference: bool) -> list[str]:
    """A header and one line per KPI row (``kpi``, ``mean``, ``ci95_low``, ``ci95_high``)."""
    value, interval = ((format_difference, format_difference_interval) if difference
                       else (format_value, format_interval))
    with_interval = replications >= 2
    header = f"{'Indicador':<{_LABEL_WIDTH}} {title:>18}"
    lines = [header + (f"  {'IC 95 %':>34}" if with_interval else "")]
    for row in rows.itertuples(index=False):
        line = f"{KPI_LABELS[row.kpi]:<{_LABEL_WIDTH}} {value(row.kpi, row.mean):>18}"
        if with_interval:
            line += f"  {interval(row.kpi, row.ci95_low, row.ci95_high):>34}"
        lines.append(line)
    return lines if with_interval else [*lines, "", _NO_INTERVAL]


def _scope(result: RunResult) -> str:
    settings = result.settings
    rules = "" if settings.enforce_compliance else f" · {RULES_OFF}"
    return (f"{result.accounts:,} cuentas · {settings.days:,} días · semilla {settings.seed} · "
            f"{replications_text(settings.replications)}{rules}")


def run_table(result: RunResult) -> str:
    """KPIs of one strategy with their 95% intervals."""
    return "\n".join([f"Estrategia: {printable(result.strategy)} · {_scope(result)}", "",
                      *_kpi_lines(result.summary, "media", result.settings.replications, difference=False)])


def comparison_table(comparison: Comparison) -> str:
    """Each strategy's KPIs, then each challenger's paired difference to the champion."""
    champion = comparison.runs[comparison.champion]
    lines = [f"Campeona: {printable(comparison.champion)} · {_scope(champion)} "
             "(mismos números aleatorios)"]
    if comparison.stopping is not None:
        lines.append(stopping_text(comparison.stopping))
    for run in comparison.runs.values():
        lines += ["", f"Estrategia: {printable(run.strategy)}",
                  *_kpi_lines(run.summary, "media", run.settings.replications, difference=False)]
    for name in comparison.runs:
        if name == comparison.champion:
            continue
        rows = comparison.paired[comparison.paired["strategy"] == name]
        lines += ["", f"Diferencia pareada {printable(name)} − {printable(comparison.champion)}",
                  *_kpi_lines(rows, "diferencia", champion.settings.replications, difference=True)]
        if comparison.stopping is not None:
            kpi = comparison.stopping.precision.kpi
            _, low, high = comparison.stopping.intervals[name]
            lines.append(f"Intervalo de dos etapas de {KPI_LABELS[kpi].lower()}: "
                         f"{format_difference_interval(kpi, low, high)}")
        verdict = break_even_text(comparison, name)
        if verdict:
            lines.append(verdict)
        if comparison.worlds is not None:
            lines += ["", *_world_lines(comparison, name)]
    return "\n".join(lines)


def stopping_text(stopping: Stopping) -> str:
    """How many replications an adaptive comparison took and why it stopped there, in plain Spanish."""
    precision = stopping.precision
    label = KPI_LABELS[precision.kpi].lower()
    width = format_difference(precision.kpi, precision.half_width).lstrip("+")
    if stopping.stopped_because == REPLICATION_CAP:
        return (f"Réplicas adaptativas: llegó al máximo, {replications_text(stopping.replications)}, "
                f"antes de la precisión pedida (± {width} en {label}): los intervalos quedan más "
                "anchos que eso.")
    return (f"Réplicas adaptativas: {replications_text(stopping.replications)} "
            f"({precision.first_stage} de primera etapa) bastan para que cada diferencia de {label} "
            f"quede a ± {width} o menos (intervalo de dos etapas).")


def selection_text(selection: Selection) -> str:
    """The best of many strategies, what the choice promises and what each strategy took."""
    label = KPI_LABELS[selection.kpi].lower()
    zone = format_difference(selection.kpi, selection.indifference).lstrip("+")
    lines = [f"Mejor estrategia en {label}: {printable(selection.best)}.",
             f"Con {100 * (1 - selection.alpha):.0f} % de probabilidad es la mejor si la mejor supera a "
             f"las demás por {zone} o más; si dos quedan a menos de eso, elegir cualquiera cuesta menos "
             "que esa zona.",
             "" if selection.stopped_because != SELECTION_CAP else
             "Llegó al máximo de réplicas con varias en carrera: se eligió la de mejor media entre ellas.",
             f"{'Estrategia':<28} {'réplicas':>9} {'media':>18}"]
    for name, count in selection.replications.items():
        mean = format_value(selection.kpi, selection.means[name])
        lines.append(f"{printable(name):<28} {count:>9,} {mean:>18}")
    return "\n".join(line for line in lines if line)


def break_even_text(comparison: Comparison, name: str) -> str:
    """The complaint cost at which challenger ``name`` and the champion net the same, in plain Spanish."""
    cost = comparison.break_even_complaint_cost.get(name)
    if cost is None:
        return ""
    paired = comparison.paired[comparison.paired["strategy"] == name].set_index("kpi")
    more = paired.loc["complaints_per_1000", "mean"] > 0
    if more and cost <= 0:
        return ("Costo de queja de empate: ninguno; con más quejas, la retadora deja menos aunque las quejas "
                "no costaran.")
    if not more and cost <= 0:
        return ("Costo de queja de empate: ninguno; con menos quejas, la retadora deja más con cualquier "
                "costo de queja.")
    side = "menos" if more else "más"
    return (f"Costo de queja de empate: ${cost:,.0f}; la retadora deja más recuperación neta mientras "
            f"una queja cueste {side} que eso (el costo por queja es un supuesto del archivo de parámetros).")


def world_count(comparison: Comparison) -> int:
    """How many plausible worlds the comparison ran (0 without worlds)."""
    differences = comparison.world_differences
    return 0 if differences is None else int(differences["world"].nunique())


def world_verdicts(comparison: Comparison, name: str) -> dict[str, str]:
    """Per KPI, in how many plausible worlds challenger ``name`` wins, in plain Spanish."""
    assert comparison.worlds is not None and comparison.world_differences is not None
    count = world_count(comparison)
    differences = comparison.world_differences[comparison.world_differences["strategy"] == name]
    ties = (differences["difference"] == 0.0).groupby(differences["kpi"]).sum()
    verdicts = {}
    for row in comparison.worlds[comparison.worlds["strategy"] == name].itertuples(index=False):
        if pd.isna(row.share_challenger_wins):
            verdicts[row.kpi] = "— (ni más ni menos es mejor)"
            continue
        text = f"{round(row.share_challenger_wins * count):,} de {count:,} mundos plausibles"
        verdicts[row.kpi] = text + (f" (empata en {ties[row.kpi]:,})" if ties[row.kpi] else "")
    return verdicts


def _world_lines(comparison: Comparison, name: str) -> list[str]:
    """A challenger's difference across plausible worlds, said apart from the simulation-noise interval."""
    assert comparison.worlds is not None
    lines = [f"Mundos plausibles: {printable(name)} − {printable(comparison.champion)} en "
             f"{world_count(comparison):,} mundos sorteados de las distribuciones a priori",
             "(el «IC 95 %» de arriba es el ruido de simulación con los parámetros del archivo; este "
             "intervalo dice cuánto cambia la respuesta con los supuestos)",
             f"{'Indicador':<{_LABEL_WIDTH}} {'95 % de los mundos':>34}  la retadora gana en"]
    verdicts = world_verdicts(comparison, name)
    for row in comparison.worlds[comparison.worlds["strategy"] == name].itertuples(index=False):
        lines.append(f"{KPI_LABELS[row.kpi]:<{_LABEL_WIDTH}} "
                     f"{format_difference_interval(row.kpi, row.ci95_low, row.ci95_high):>34}  "
                     f"{verdicts[row.kpi]}")
    return lines


def sweep_table(table: pd.DataFrame) -> str:
    """One line per lever value for the KPIs a manager looks at first."""
    lever = table["lever"].iloc[0]
    wide = table.pivot(index="value", columns="kpi", values="mean")
    header = f"{lever:>14} " + " ".join(f"{title:>18}" for title in _SWEEP_COLUMNS.values())
    lines = [f"Sensibilidad a {lever} (medias; intervalos en --json o en la carpeta --out)", header]
    for value, row in wide.iterrows():
        cells = " ".join(f"{format_value(kpi, row[kpi]):>18}" for kpi in _SWEEP_COLUMNS)
        lines.append(f"{value:>14g} {cells}")
    return "\n".join(lines)


def plan_table(plan: LiveTestPlan) -> str:
    """The live-test plan in plain Spanish."""
    kpi = _PLAN_FORMAT[plan.metric]
    low, high = plan.effect_ci95
    interval = ("pareado: necesita 2 o más réplicas" if low == high
                else f"pareado {format_difference_interval(kpi, low, high)}")
    split = f"{1 - plan.challenger_share:.0%}/{plan.challenger_share:.0%}"
    lines = [
        f"Prueba real {printable(plan.champion)} (campeona) contra {printable(plan.challenger)} "
        f"(retadora), reparto {split}, a {plan.days:,} días",
        f"Resultado medido: {METRICS[plan.metric]}",
        f"Diferencia simulada por cuenta: {format_difference(kpi, plan.effect)}, IC 95 % {interval} "
        f"(desviación estándar por cuenta "
        f"{plan.sd_champion:,.2f} y {plan.sd_challenger:,.2f})",
    ]
    if low <= 0.0 <= high:
        lines.append("Atención: el intervalo simulado incluye 0; antes de planear la prueba real, "
                     "corra más réplicas para saber si la diferencia existe.")
    if plan.accounts_needed is None:
        lines.append("La simulación no muestra diferencia: ninguna prueba podría detectarla.")
    else:
        who = "Cuentas vencidas necesarias" if plan.metric == "cured" else "Cuentas necesarias"
        lines.append(
            f"{who}: {plan.accounts_needed:,} en total, {plan.challenger_accounts:,} "
            f"con la retadora, para detectarla con potencia {plan.power:.0%} y alfa {plan.alpha:g}."
        )
    return "\n".join(lines)
