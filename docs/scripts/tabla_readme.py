"""Print the README's results table: the shipped strategies on the demo portfolio.

180 days, seed 7, 3 replications, 2 processes; rerun it after any change to
the engine or the parameters and paste its output over the table in README.md:

    python docs/scripts/tabla_readme.py
"""

from __future__ import annotations

from simulator import (
    Execution,
    RunSettings,
    dataset,
    load_parameters,
    load_portfolio,
    load_strategy,
    run_strategy,
)

STRATEGIES = ("escalonada", "nada", "solo_antiguas", "preventiva", "digital_primero", "intensiva",
              "personalizada", "quita_temprana")
HEADER = ("| Estrategia | Recuperación | Recuperación neta (MXN) | Costo (MXN) | Regularización | "
          "Deterioro | Quejas /1000 | Contactos /cuenta | Castigo | Violaciones |")


def _share(row) -> str:
    return f"{row['mean']:.1%} [{row['ci95_low'] * 100:.1f}, {row['ci95_high'] * 100:.1f}]"


def main() -> None:
    portfolio, parameters = load_portfolio(dataset("portfolios", "demo.csv")), load_parameters()
    settings, execution = RunSettings(days=180, seed=7, replications=3), Execution(workers=2)
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for name in STRATEGIES:
        run = run_strategy(portfolio, load_strategy(dataset("strategies", f"{name}.yaml")), parameters,
                           settings, execution)
        kpi = run.summary.set_index("kpi")
        print(f"| `{name}` | {_share(kpi.loc['recovery_rate'])} | {kpi.loc['net_recovery', 'mean']:,.0f} | "
              f"{kpi.loc['cost_total', 'mean']:,.0f} | {_share(kpi.loc['cure_rate'])} | "
              f"{_share(kpi.loc['roll_forward_rate'])} | {kpi.loc['complaints_per_1000', 'mean']:.0f} | "
              f"{kpi.loc['contacts_per_account', 'mean']:.1f} | "
              f"{kpi.loc['write_off_rate', 'mean']:.1%} | "
              f"{kpi.loc['compliance_violations', 'mean']:.0f} |".replace("%", " %"), flush=True)


if __name__ == "__main__":
    main()
