"""Print the result tables of docs/estrategias.md: the shipped strategies on the demo portfolio.

180 days, seed 7, 3 replications, 2 processes; one comparison (common random
numbers, `escalonada` the champion) gives the summary, the paired differences,
the roll-forward by starting bucket, the blocked contacts and the settlement
counts that the `quita_temprana` paragraph quotes. Rerun it after any change to
the engine or the parameters and paste its output over the tables in
docs/estrategias.md:

    python docs/scripts/tablas_estrategias.py
"""

from __future__ import annotations

import pandas as pd
from tabla_readme import STRATEGIES  # the README's table shows the same strategies, champion first

from simulator import (
    BUCKET_NAMES,
    Execution,
    RunSettings,
    dataset,
    load_parameters,
    load_portfolio,
    load_strategy,
)
from simulator.experiments.compare import compare_strategies

CHAMPION = STRATEGIES[0]
SUMMARY_ORDER = ("nada",) + tuple(name for name in STRATEGIES if name != "nada")
BUCKET_STRATEGIES = ("nada", CHAMPION, "solo_antiguas", "digital_primero", "intensiva")
SETTLEMENT_STRATEGIES = (CHAMPION, "quita_temprana")
SUMMARY_HEADER = ("| estrategia | recuperación | recuperación neta (millones) | costo total (millones) | "
                  "regularización | deterioro | quejas por 1,000 | contactos por cuenta | castigo | "
                  "violaciones |")
DIFFERENCE_HEADER = ("| retadora − `escalonada` | recuperación | recuperación neta (millones) | "
                     "monto cobrado (millones) | costo total (millones) | quejas por 1,000 |")
#: KPI, scale and format of each column of the differences table.
DIFFERENCE_COLUMNS = (("recovery_rate", 1.0, "+.3f"), ("net_recovery", 1e-6, "+.2f"),
                      ("collected_amount", 1e-6, "+.2f"), ("cost_total", 1e-6, "+.2f"),
                      ("complaints_per_1000", 1.0, "+.1f"))
#: Paired differences the `quita_temprana` paragraph quotes, with their scale and format.
SETTLEMENT_DIFFERENCES = (("net_recovery", 1e-6, "+.2f"), ("net_recovery_with_sale", 1e-6, "+.2f"),
                          ("settled_per_1000", 1.0, "+.1f"), ("forgiven_amount", 1e-6, "+.3f"))


def _interval(row: pd.Series, scale: float, spec: str) -> str:
    return (f"{row['mean'] * scale:{spec}} [{row['ci95_low'] * scale:{spec}}, "
            f"{row['ci95_high'] * scale:{spec}}]")


def _table_rule(header: str) -> str:
    return "|---|" + "---:|" * header.count(" | ")


def _summary_row(name: str, summary: pd.DataFrame) -> str:
    kpi = summary.set_index("kpi")
    return (f"| `{name}` | {_interval(kpi.loc['recovery_rate'], 1.0, '.3f')} | "
            f"{_interval(kpi.loc['net_recovery'], 1e-6, '.2f')} | "
            f"{kpi.loc['cost_total', 'mean'] / 1e6:.2f} | "
            f"{kpi.loc['cure_rate', 'mean']:.3f} | {kpi.loc['roll_forward_rate', 'mean']:.3f} | "
            f"{_interval(kpi.loc['complaints_per_1000'], 1.0, '.0f')} | "
            f"{kpi.loc['contacts_per_account', 'mean']:.1f} | {kpi.loc['write_off_rate', 'mean']:.3f} | "
            f"{kpi.loc['compliance_violations', 'mean']:.0f} |")


def _difference_row(name: str, paired: pd.DataFrame) -> str:
    kpi = paired[paired["strategy"] == name].set_index("kpi")
    cells = " | ".join(_interval(kpi.loc[column], scale, spec) for column, scale, spec in DIFFERENCE_COLUMNS)
    return f"| `{name}` | {cells} |"


def _settlement_line(name: str, tables: list, summary: pd.DataFrame) -> str:
    """Settlements agreed (one per account and day, however many payments) and their share of agreements."""
    agreed = settlements = 0
    for table in tables:
        agreements = table.promises.drop_duplicates(["account_id", "made_days"])
        agreed += len(agreements)
        settlements += int((agreements["kind"] == "quita").sum())
    kpi = summary.set_index("kpi")
    count = len(tables)
    return (f"`{name}`: {settlements / count:.1f} quitas acordadas por réplica, de {agreed / count:,.0f} "
            f"acuerdos ({settlements / agreed * 100:.2f} %); liquidadas por 1,000: "
            f"{_interval(kpi.loc['settled_per_1000'], 1.0, '.1f')}; perdonado (millones): "
            f"{_interval(kpi.loc['forgiven_amount'], 1e-6, '.3f')}")


def main() -> None:
    portfolio, parameters = load_portfolio(dataset("portfolios", "demo.csv")), load_parameters()
    settings = RunSettings(days=180, seed=7, replications=3, keep_tables=True)
    strategies = [load_strategy(dataset("strategies", f"{name}.yaml")) for name in STRATEGIES]
    comparison = compare_strategies(portfolio, strategies, parameters, settings, Execution(workers=2))
    runs = comparison.runs
    print(f"Parámetros {parameters.version}\n")
    print(SUMMARY_HEADER)
    print(_table_rule(SUMMARY_HEADER))
    for name in SUMMARY_ORDER:
        print(_summary_row(name, runs[name].summary))
    print()
    print(DIFFERENCE_HEADER)
    print(_table_rule(DIFFERENCE_HEADER))
    for name in SUMMARY_ORDER:
        if name != CHAMPION:
            print(_difference_row(name, comparison.paired))
    print()
    header = "| tramo inicial | " + " | ".join(f"`{name}`" for name in BUCKET_STRATEGIES) + " |"
    print(header)
    print(_table_rule(header))
    rates = {name: runs[name].buckets.groupby("bucket_start")["roll_forward_rate"].mean()
             for name in BUCKET_STRATEGIES}
    for bucket in BUCKET_NAMES:
        if bucket in rates[CHAMPION].index:
            print(f"| `{bucket}` | " + " | ".join(f"{rates[name][bucket]:.3f}" for name in BUCKET_STRATEGIES)
                  + " |")
    print()
    print("Contactos bloqueados por réplica: " + ", ".join(
        f"`{name}` {run.summary.set_index('kpi').loc['compliance_blocked', 'mean']:,.0f}"
        for name, run in runs.items()))
    for name in SETTLEMENT_STRATEGIES:
        print(_settlement_line(name, runs[name].tables, runs[name].summary))
    paired = comparison.paired[comparison.paired["strategy"] == "quita_temprana"].set_index("kpi")
    print("`quita_temprana` − `escalonada`: " + "; ".join(
        f"{kpi} {_interval(paired.loc[kpi], scale, spec)}" for kpi, scale, spec in SETTLEMENT_DIFFERENCES))


if __name__ == "__main__":
    main()
