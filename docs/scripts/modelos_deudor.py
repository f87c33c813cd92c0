"""Print the tables of «¿La lección depende de las constantes?» in docs/negociacion.md.

For each debtor set (seed 1, the one the reference policies were tuned on, and
seed 1000, never used while tuning them) the four reference policies meet the
same 2,000 debtors under 100 debtor models drawn from the documented ranges,
exactly as ``negotiate compare ... --debtor-models 100`` does. It prints, for each
lesson, the share of models where it holds and the spread of its advantage,
then how much the advantage moves along each constant's range (the slope of a
least-squares fit on all constants at once, times the range's width), and what
happens under two models outside the ranges. Rerun after
any change to the debtor model or the policies (takes a few minutes):

    python docs/scripts/modelos_deudor.py
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from simulator.negotiation import draw_debtors
from simulator.negotiation.debtor_model import DEFAULT_MODEL, RANGES, draw_models
from simulator.negotiation.model_range import model_spread, recovery_by_model
from simulator.negotiation.policies import aceptar_primera, anclaje, escalera, exigir_total

SEEDS = {1: "semilla 1 (la de las cifras)", 1000: "semilla 1000 (nueva)"}
DEBTORS, MODELS = 2000, 100
LESSONS = (("escalera", "aceptar_primera"), ("anclaje", "aceptar_primera"), ("escalera", "anclaje"),
           ("escalera", "exigir_total"))
#: Models outside the documented ranges: debtors who open near their limit, an anchor that pulls nothing.
OUTSIDE = {
    "abre entre 80 % y 100 % de su reserva": replace(DEFAULT_MODEL, aspiration_low=0.8, aspiration_span=0.2),
    "el ancla no jala (`anchor_pull = 0`)": replace(DEFAULT_MODEL, anchor_pull=0.0),
}
POLICIES = {"escalera": escalera, "anclaje": anclaje, "aceptar_primera": aceptar_primera,
            "exigir_total": exigir_total}


def main() -> None:
    print("| Deudores | Lección | Modelos donde se cumple | Ventaja media (MXN por cuenta) "
          "| 2.5 % a 97.5 % |")
    print("|---|---|---|---|---|")
    advantages = {}
    for seed, label in SEEDS.items():
        models = draw_models(MODELS, seed)
        means = recovery_by_model(POLICIES, draw_debtors(DEBTORS, seed), models)
        constants = np.array([[getattr(model, name) for name in RANGES] for model in models])
        for winner, loser in LESSONS:
            spread = model_spread(means[winner], means[loser])
            print(f"| {label} | `{winner}` > `{loser}` | {100 * spread['share_first_wins']:.0f} % | "
                  f"{-spread['difference_mean']:,.0f} | {-spread['difference_p97_5']:,.0f} a "
                  f"{-spread['difference_p2_5']:,.0f} |")
            advantages[(seed, winner, loser)] = (constants, means[winner] - means[loser])
    print("\nCambio de la ventaja de un extremo al otro del rango de cada constante (semilla 1):\n")
    print("| Constante | " + " | ".join(f"`{w}` − `{lo}`" for w, lo in LESSONS[:2]) + " |")
    print("|---|" + "---|" * 2)
    slopes = [_slopes(*advantages[(1, winner, loser)]) for winner, loser in LESSONS[:2]]
    for index, name in enumerate(RANGES):
        print(f"| `{name}` | " + " | ".join(f"{row[index]:+,.0f}".replace("-", "−") for row in slopes) + " |")
    outside()


def outside() -> None:
    """Recovery per account of three policies under models outside the ranges (seed 1)."""
    shown = {name: POLICIES[name] for name in ("escalera", "anclaje", "aceptar_primera")}
    means = recovery_by_model(shown, draw_debtors(DEBTORS, 1), list(OUTSIDE.values()))
    print("\nFuera de los rangos (semilla 1, modelo de referencia en lo demás):\n")
    print("| El deudor... | " + " | ".join(f"`{name}`" for name in shown) + " |")
    print("|---|" + "---|" * len(shown))
    for index, case in enumerate(OUTSIDE):
        print(f"| {case} | " + " | ".join(f"{means[name][index]:,.0f}" for name in shown) + " |")


def _slopes(constants: np.ndarray, advantage: np.ndarray) -> np.ndarray:
    """Least-squares slope of the advantage on each constant, times the width of its range."""
    design = np.column_stack([np.ones(len(advantage)), constants])
    coefficients = np.linalg.lstsq(design, advantage, rcond=None)[0][1:]
    return coefficients * np.array([high - low for low, high in RANGES.values()])


if __name__ == "__main__":
    main()
