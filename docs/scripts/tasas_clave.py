"""Print the table «Tasas clave» of docs/modelo.md: each key rate as simulated, in the data and outside.

The ranges and sources come from simulator/experiments/key_rates.yaml, the
same file tests/test_key_rates.py checks the simulated rates against; the
column «0.1» measures the former design assumptions the same way. Rerun it
after any change to the engine, the parameters or the ranges and paste its
output over the table (about a minute):

    python docs/scripts/tasas_clave.py
"""

from __future__ import annotations

from simulator import dataset, load_parameters
from simulator.experiments.key_rates import KeyRate, load_key_rates, measure_key_rates

HEADER = ("| tasa | simulado (0.2) | antes (0.1) | datos UCI | cifra externa | rango documentado | "
          "fuente del rango |")


def _value(rate: KeyRate, value: float | None) -> str:
    if value is None:
        return "no se modela"
    if rate.unit == "%":
        return f"{value:.1f} %"
    if rate.unit == "pp":
        return f"{value:+.1f} pp"
    return f"{value:.2f}" if rate.unit == "por conversación" else f"{value:.1f}"


def _range(rate: KeyRate) -> str:
    if not rate.simulated:
        return "—"
    unit = {"%": " %", "pp": " pp"}.get(rate.unit, "")
    return f"{rate.low:g} a {rate.high:g}{unit}"


def main() -> None:
    rates = load_key_rates()
    now = measure_key_rates(load_parameters(), rates)
    before = measure_key_rates(load_parameters(dataset("calibration", "supuestos_0_1.yaml")), rates)
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for name, rate in rates.rates.items():
        plain = rate.unit in ("%", "pp") or rate.unit in rate.label
        label = rate.label if plain else f"{rate.label} ({rate.unit})"
        print(f"| {label} | {_value(rate, now.get(name))} | {_value(rate, before.get(name))} | "
              f"{rate.data} | {rate.outside} | {_range(rate)} | {rate.source} |")


if __name__ == "__main__":
    main()
