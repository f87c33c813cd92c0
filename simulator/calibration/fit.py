"""Fit the global multipliers so simulated monthly moves match the observed ones.

The objective is the squared error, in percentage points, of the nine
transition rates between the three states, plus :data:`RATIO_WEIGHT` times the
squared error (in points) of the three capped mean payment ratios, plus
:data:`SHARE_WEIGHT` times that of the monthly state shares (of the whole
portfolio, of April's full payers and of each late April state). Every
evaluation runs the same accounts with the same seed (common random numbers),
so the objective is a deterministic function of the multipliers and a
derivative-free method can minimise it: a coarse scrambled-Sobol design over a
box of log multipliers, then Nelder-Mead in log space from the best point.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.stats import qmc

from simulator.calibration.data import Observed
from simulator.calibration.multipliers import Multipliers, apply_multipliers
from simulator.calibration.simulate import simulate
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

__all__ = ["FitResult", "MAX_WEIGHT", "RATIO_WEIGHT", "SHARE_WEIGHT", "START", "fit_multipliers", "objective"]

#: Weight of a squared point of payment-ratio error against one of a transition rate.
RATIO_WEIGHT = 0.1
#: Extra weight of the largest squared transition-rate error.
MAX_WEIGHT = 8.0
#: Weight of a squared point of error in a monthly state share.
SHARE_WEIGHT = 0.2
#: Where the search starts: the previous calibration (uci350-calibration-2026-12-04, before
#: ``arrears_full`` existed), with ``arrears_full`` from a scan on the whole calibration split and
#: ``willing_full`` at 3, about how much less often full payers fall behind than revolvers there.
#: From neutral multipliers the budget of 150 runs ends in a far worse point (docs/modelo.md).
START = Multipliers(floor=0.0867, cycle=7.1725, capacity=36.7131, full_payment=0.1788,
                    contrast=0.4145, arrears_full=0.6, willing_current=0.3178, willing_late=0.1961,
                    willing_full=3.0)
_NAMES = tuple(field.name for field in fields(Multipliers))
#: Box of the coarse design: each multiplier from / e**2 to x e**2 around the start.
_COARSE_HALF_WIDTH_LOG = 2.0
_BOUNDS_LOG = (-5.0, 5.0)


def objective(simulated: Observed, observed: Observed) -> float:
    """Squared error in points of transition rates plus weighted payment-ratio error.

    The largest rate error counts :data:`MAX_WEIGHT` more times, so the search
    prefers errors spread over the table to one large miss (the target is the
    largest error). The monthly shares of accounts in each state enter with
    :data:`SHARE_WEIGHT`, and their largest error, the multi-month headline of
    ``validate``, with :data:`MAX_WEIGHT` as well: right rates with the wrong
    number of late accounts months later would not be a calibration. The
    full payers' shares enter like the portfolio's: without them nothing tells
    their persona mix (``willing_full``) from the other current accounts'.
    So do the shares of each later month's states among the accounts late in
    April (1-2 and 3+ months), weighted like the monthly shares: the late
    accounts are a tenth of the portfolio, and without their own term the fit
    cured them far faster than the data does.
    """
    rates = np.nan_to_num(simulated.rates - observed.rates) * 100.0
    ratios = np.nan_to_num(simulated.ratio - observed.ratio) * 100.0
    shares = (simulated.shares - observed.shares) * 100.0
    full_shares = (simulated.full_shares - observed.full_shares) * 100.0
    late_start = np.nan_to_num(simulated.horizon - observed.horizon)[:, 1:, :] * 100.0
    worst, worst_share = float(np.abs(rates).max()), float(np.abs(shares).max())
    portfolio = float((rates**2).sum() + MAX_WEIGHT * (worst**2 + worst_share**2)
                      + RATIO_WEIGHT * (ratios**2).sum()
                      + SHARE_WEIGHT * ((shares**2).sum() + (full_shares**2).sum()))
    return portfolio + SHARE_WEIGHT * float((late_start**2).sum())


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
                    coarse_points: int = 32, start: Multipliers = START,
                    progress: Callable[[int, float, Multipliers], None] | None = None) -> FitResult:
    """Minimise :func:`objective` over the multipliers.

    Args:
        portfolio: accounts built from the rows whose history is ``observed``.
        observed: the data's transitions and payment ratios for those rows.
        base: parameters the multipliers apply to (the design assumptions 0.1, ``supuestos_0_1.yaml``).
        seed: run seed; fixed, so the objective is deterministic.
        max_evaluations: simulation budget (each one runs the whole portfolio).
        coarse_points: size of the coarse design (a power of 2), within the budget.
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

    centre = np.log([getattr(start, name) for name in _NAMES])
    evaluate(centre)
    size = min(coarse_points, max(1, max_evaluations // 3))
    size = 2 ** int(math.log2(size))  # Sobol points are balanced in powers of 2
    design = qmc.Sobol(len(_NAMES), scramble=True, seed=seed).random(size)
    for point in design:
        evaluate(centre + _COARSE_HALF_WIDTH_LOG * (2.0 * point - 1.0))
    best = np.array(min(cache, key=lambda k: cache[k][0]))
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
