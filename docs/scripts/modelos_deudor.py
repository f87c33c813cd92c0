"""Print the tables of «¿La lección depende de las constantes?» in docs/negociacion.md.

For each debtor set (seed 1, the one the reference policies were tuned on, and
seed 1000, never used while tuning them) the four reference policies meet the
same 2,000 debtors under 100 debtor models drawn from the documented ranges,
exactly as ``negotiate compare ... --debtor-models 100`` does. It prints, for each
lesson, the share of models where it holds and the spread of its advantage,
then how much the advantage moves along each constant's range (the slope of a
least-squares fit on all constants at once, times the range's width). Rerun after
any change to the debtor model or the policies (takes a few minutes):

    python docs/scripts/modelos_deudor.py
"""

from __future__ import annotations

import numpy as np

from simulator.negotiation import draw_debtors
from simulator.negotiation.debtor_model import RANGES, draw_models
from simulator.negotiation.model_range import model_spread, recovery_by_model
from simulator.negotiation.policies import aceptar_primera, anclaje, escalera, exigir_total

SEEDS = {1: "semilla 1 (ajuste)", 1000: "semilla 1000 (no usada al ajustar)"}
DEBTORS, MODELS = 2000, 100
LESSONS = (("escalera", "aceptar_primera"), ("anclaje", "aceptar_primera"), ("escalera", "anclaje"),
           ("escalera", "exigir_total"))
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
        print(f"| `{name}` | " + " | ".join(f"{row[index]:+,.0f}" for row in slopes) + " |")


def _slopes(constants: np.ndarray, advantage: np.ndarray) -> np.ndarray:
    """Least-squares slope of the advantage on each constant, times the width of its range."""
    design = np.column_stack([np.ones(len(advantage)), constants])
    coefficients = np.linalg.lstsq(design, advantage, rcond=None)[0][1:]
    return coefficients * np.array([high - low for low, high in RANGES.values()])


if __name__ == "__main__":
    main()
