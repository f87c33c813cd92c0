"""Plain-text Spanish tables for the terminal."""

from __future__ import annotations

import pandas as pd

from simulator.compare import Comparison
from simulator.kpis import KPI_LABELS
from simulator.plan_test import METRICS, TestPlan
from simulator.runner import RunResult

__all__ = ["comparison_table", "plan_table", "run_table", "sweep_table"]

_LABEL_WIDTH = 70


def _interval(low: float, high: float) -> str:
    return f"[{low:,.4f}, {high:,.4f}]"


def run_table(result: RunResult) -> str:
    """KPIs of one strategy with their 95% intervals."""
    lines = [
        f"Estrategia: {result.strategy} · {result.accounts:,} cuentas · {result.days} días · "
        f"semilla {result.seed} · {result.replications} réplicas",
        "",
        f"{'Indicador':<{_LABEL_WIDTH}} {'media':>16}  {'IC 95 %':>32}",
    ]
    for row in result.summary.itertuples(index=False):
        lines.append(f"{KPI_LABELS[row.kpi]:<{_LABEL_WIDTH}} {row.mean:>16,.4f}  "
                     f"{_interval(row.ci95_low, row.ci95_high):>32}")
    return "\n".join(lines)


def comparison_table(comparison: Comparison) -> str:
    """Each strategy's KPIs, then each challenger's paired difference to the champion."""
    champion = comparison.runs[comparison.champion]
    lines = [
        f"Campeona: {comparison.champion} · {champion.accounts:,} cuentas · {champion.days} días · "
        f"semilla {champion.seed} · {champion.replications} réplicas (mismos números aleatorios)",
    ]
    for run in comparison.runs.values():
        table = run_table(run).splitlines()
        lines += ["", f"Estrategia: {run.strategy}", *table[2:]]
    for name in comparison.runs:
        if name == comparison.champion:
            continue
        lines += ["", f"Diferencia pareada {name} − {comparison.champion} (IC 95 %)",
                  f"{'Indicador':<{_LABEL_WIDTH}} {'diferencia':>16}  {'IC 95 %':>32}"]
        rows = comparison.paired[comparison.paired["strategy"] == name]
        for row in rows.itertuples(index=False):
            lines.append(f"{KPI_LABELS[row.kpi]:<{_LABEL_WIDTH}} {row.mean:>16,.4f}  "
                         f"{_interval(row.ci95_low, row.ci95_high):>32}")
    return "\n".join(lines)


def sweep_table(table: pd.DataFrame) -> str:
    """One line per lever value for the KPIs a manager looks at first."""
    kpis = ("recovery_rate", "net_recovery", "cost_total", "complaints_per_1000", "agent_utilization")
    lever = table["lever"].iloc[0]
    wide = table.pivot(index="value", columns="kpi", values="mean")
    header = f"{lever:>14} " + " ".join(f"{kpi[:18]:>18}" for kpi in kpis)
    lines = [f"Sensibilidad a {lever} (medias; intervalos en --json o en la carpeta --out)", header]
    for value, row in wide.iterrows():
        lines.append(f"{value:>14} " + " ".join(f"{row[kpi]:>18,.4f}" for kpi in kpis))
    return "\n".join(lines)


def plan_table(plan: TestPlan) -> str:
    """The live-test plan in plain Spanish."""
    split = f"{1 - plan.challenger_share:.0%}/{plan.challenger_share:.0%}"
    lines = [
        f"Prueba real {plan.champion} (campeona) contra {plan.challenger} (retadora), "
        f"reparto {split}, a {plan.days} días",
        f"Resultado medido: {METRICS[plan.metric]}",
        f"Diferencia simulada por cuenta: {plan.effect:,.4f}, IC 95 % pareado "
        f"{_interval(*plan.effect_ci95)} (desviación estándar por cuenta {plan.sd_champion:,.2f} "
        f"y {plan.sd_challenger:,.2f})",
    ]
    low, high = plan.effect_ci95
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
