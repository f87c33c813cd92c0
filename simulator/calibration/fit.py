"""Fit the global multipliers so simulated monthly moves match the observed ones.

The objective is the squared error, in percentage points, of the nine
transition rates between the three states, plus :data:`RATIO_WEIGHT` times the
squared error (in points) of the three capped mean payment ratios. Every
evaluation runs the same accounts with the same seed (common random numbers),
so the objective is a deterministic function of the multipliers and a
derivative-free method can minimise it: a few rounds of a coarse search along
each multiplier, then Nelder-Mead in log space.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from simulator.calibration.data import Observed
from simulator.calibration.multipliers import Multipliers, apply_multipliers
from simulator.calibration.simulate import simulate
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

__all__ = ["FitResult", "RATIO_WEIGHT", "START", "fit_multipliers", "objective"]

#: Weight of a squared point of payment-ratio error against one of a transition rate.
RATIO_WEIGHT = 0.1
#: Where the search starts (a rough hand fit, see docs/modelo.md).
START = Multipliers(floor=3.0, cycle=1.0, capacity=3.0, full_payment=0.3, willing_current=3.0,
                    willing_late=10.0)
_NAMES = tuple(field.name for field in fields(Multipliers))
_COARSE_STEPS = (-1.0, 1.0)  # log steps tried per multiplier: / e and x e
_BOUNDS_LOG = (-5.0, 5.0)


def objective(simulated: Observed, observed: Observed) -> float:
    """Squared error in points of transition rates plus weighted payment-ratio error."""
    rates = np.nan_to_num(simulated.rates - observed.rates) * 100.0
    ratios = np.nan_to_num(simulated.ratio - observed.ratio) * 100.0
    return float((rates**2).sum() + RATIO_WEIGHT * (ratios**2).sum())


@dataclass(frozen=True)
class FitResult:
    """The multipliers found, the fitted parameters and how the search went."""

    multipliers: Multipliers
    parameters: ModelParameters
    simulated: Observed
    observed: Observed
    loss: float
    evaluations: int
    seconds: float


def _multipliers(log_values: np.ndarray) -> Multipliers:
    clipped = np.clip(log_values, *_BOUNDS_LOG)
    return Multipliers(**{name: float(math.exp(v)) for name, v in zip(_NAMES, clipped, strict=True)})


def fit_multipliers(portfolio: pd.DataFrame, observed: Observed, strategy: Strategy,
                    base: ModelParameters, *, seed: int, max_evaluations: int = 150,
                    start: Multipliers = START,
                    progress: Callable[[int, float, Multipliers], None] | None = None) -> FitResult:
    """Minimise :func:`objective` over the multipliers.

    Args:
        portfolio: accounts built from the rows whose history is ``observed``.
        observed: the data's transitions and payment ratios for those rows.
        base: parameters the multipliers apply to (the packaged defaults).
        seed: run seed; fixed, so the objective is deterministic.
        max_evaluations: simulation budget (each one runs the whole portfolio).
        progress: called after each evaluation with (count, loss, multipliers).
    """
    began = time.perf_counter()
    cache: dict[tuple, tuple[float, Observed]] = {}

    def evaluate(log_values: np.ndarray) -> float:
        key = tuple(np.round(np.clip(log_values, *_BOUNDS_LOG), 6))
        if key not in cache:
            multipliers = _multipliers(np.array(key))
            simulated = simulate(portfolio, strategy, apply_multipliers(base, multipliers),
                                 seed=seed)
            cache[key] = (objective(simulated, observed), simulated)
            if progress is not None:
                progress(len(cache), cache[key][0], multipliers)
        return cache[key][0]

    best = np.log([getattr(start, name) for name in _NAMES])
    best_loss = evaluate(best)
    # Coarse search: one multiplier at a time, x e and / e, keeping any improvement.
    for index in range(len(_NAMES)):
        for step in _COARSE_STEPS:
            trial = best.copy()
            trial[index] += step
            loss = evaluate(trial)
            if loss < best_loss:
                best, best_loss = trial, loss
    remaining = max(1, max_evaluations - len(cache))
    simplex = [best] + [best + 0.4 * np.eye(len(best))[i] for i in range(len(best))]
    minimize(evaluate, best, method="Nelder-Mead",
             options={"initial_simplex": np.array(simplex), "maxfev": remaining,
                      "xatol": 0.02, "fatol": 0.5})
    key = min(cache, key=lambda k: cache[k][0])
    multipliers = _multipliers(np.array(key))
    loss, simulated = cache[key]
    return FitResult(multipliers, apply_multipliers(base, multipliers), simulated, observed, loss,
                     len(cache), time.perf_counter() - began)
