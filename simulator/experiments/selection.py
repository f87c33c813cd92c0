"""Best of many strategies: Kim and Nelson's fully sequential procedure on common random numbers.

A manager with several challengers wants the best one, not a table of
intervals to read pairwise. Kim and Nelson's procedure (2001) runs a first
stage of ``n0`` replications of every strategy, takes the variance of every
pairwise difference of the chosen KPI, and then adds replications only to the
strategies still in the race, dropping one as soon as its running mean falls
clearly behind another's:

    drop i when  mean_i(r) < mean_l(r) - max(0, (delta / (2 r)) * (h2 * S2_il / delta**2 - r))

with ``h2 = 2 eta (n0 - 1)`` and ``eta = ((2 alpha / (k - 1)) ** (-2 / (n0 - 1)) - 1) / 2``.
When the best strategy is at least ``delta`` (the indifference zone) better
than every other, it is the one left with probability at least ``1 - alpha``;
common random numbers are allowed because only differences enter. Clear
losers leave after the first stage, so most replications go to the close
contenders. ``tests/test_selection.py`` checks the probability of correct
selection on strategies with known means.

Screening after a batch of replications instead of after each one can only
keep a strategy longer, never drop the best one sooner, so the guarantee holds
for any batch size. A run that reaches the maximum of replications picks the
best running mean among the survivors and says so (``stopped_because``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simulator.experiments.kpis import HIGHER_IS_BETTER
from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import IN_PROCESS, Execution, RunSettings
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["SELECTED", "SELECTION_CAP", "Selection", "kim_nelson", "kn_h2", "select_strategy"]

#: ``stopped_because`` when one strategy is left.
SELECTED = "una_restante"
#: ``stopped_because`` when the maximum of replications came first.
SELECTION_CAP = "maximo"


@dataclass(frozen=True)
class Selection:
    """The outcome of :func:`kim_nelson`.

    Attributes:
        best: the selected strategy.
        replications: replications each strategy took (a dropped one stops where it was dropped).
        means: each strategy's running mean of the KPI when it left the race or the run ended.
        stopped_because: :data:`SELECTED` or :data:`SELECTION_CAP`.
        kpi, indifference, alpha: what was asked.
    """

    best: str
    replications: dict[str, int]
    means: dict[str, float]
    stopped_because: str
    kpi: str
    indifference: float
    alpha: float

    def to_json_dict(self) -> dict:
        """The ``compare --select --json`` object (see docs/comparar.md)."""
        return {
            "selected": self.best,
            "kpi": self.kpi,
            "indifference": self.indifference,
            "probability_correct_selection": round(1.0 - self.alpha, 10),
            "stopped_because": self.stopped_because,
            "replications": self.replications,
            "means": {name: round(value, 10) for name, value in self.means.items()},
        }


def kn_h2(alpha: float, systems: int, first_stage: int) -> float:
    """Kim and Nelson's ``h**2`` for ``systems`` strategies, a first stage of ``first_stage``."""
    eta = 0.5 * ((2.0 * alpha / (systems - 1)) ** (-2.0 / (first_stage - 1)) - 1.0)
    return 2.0 * eta * (first_stage - 1)


def kim_nelson(names: Sequence[str], observe: Callable[[Sequence[str], int, int], dict[str, list[float]]], *,
               kpi: str, indifference: float, alpha: float = 0.05, first_stage: int = 10,
               maximum: int = 100, batch: int = 1) -> Selection:
    """Select the best of ``names`` on ``kpi`` (its better direction from the KPI table).

    ``observe(survivors, first, count)`` returns, for each survivor, its KPI in
    replications ``first`` to ``first + count - 1`` (the same numbers for every
    strategy: common random numbers).
    """
    if not (indifference > 0 and math.isfinite(indifference) and 0 < alpha < 1 and 2 <= first_stage <= maximum
            and len(names) >= 2 and batch >= 1):
        raise ValueError("needs 2+ strategies, indifference > 0, 0 < alpha < 1, 2 <= first_stage <= maximum")
    sign = 1.0 if HIGHER_IS_BETTER.get(kpi, True) is not False else -1.0
    values = {name: [sign * value for value in observed]
              for name, observed in observe(names, 0, first_stage).items()}
    data = {name: np.asarray(values[name]) for name in names}
    variances = {(one, other): float(np.var(data[one] - data[other], ddof=1))
                 for one in names for other in names if one != other}
    h2 = kn_h2(alpha, len(names), first_stage)
    alive, replications, means = list(names), dict.fromkeys(names, first_stage), {}
    count = first_stage
    while True:
        current = {name: float(np.mean(values[name])) for name in alive}
        survivors = _survivors(alive, current, variances, h2 / indifference ** 2, indifference, count)
        for name in alive:
            if name not in survivors:
                means[name] = sign * current[name]
        alive = survivors
        if len(alive) == 1 or count >= maximum:
            break
        step = min(batch, maximum - count)
        for name, observed in observe(alive, count, step).items():
            values[name].extend(sign * value for value in observed)
            replications[name] = count + step
        count += step
    means.update({name: sign * current[name] for name in alive})  # the last screening's running means
    best = max(alive, key=current.__getitem__)
    return Selection(best, replications, {name: means[name] for name in names},
                     SELECTED if len(alive) == 1 else SELECTION_CAP, kpi, indifference, alpha)


def _survivors(alive: list[str], means: dict[str, float], variances: dict[tuple[str, str], float],
               scaled_h2: float, indifference: float, count: int) -> list[str]:
    """The strategies whose running mean is not clearly behind another's after ``count`` replications."""
    def allowance(one: str, other: str) -> float:
        return max(0.0, indifference / (2 * count) * (scaled_h2 * variances[one, other] - count))

    return [one for one in alive
            if all(means[one] >= means[other] - allowance(one, other) for other in alive if other != one)]


def select_strategy(portfolio: pd.DataFrame, strategies: Sequence[Strategy], parameters: ModelParameters,
                    settings: RunSettings, *, kpi: str, indifference: float, alpha: float = 0.05,
                    first_stage: int = 10, maximum: int = 100, execution: Execution = IN_PROCESS,
                    policies: PolicyRegistry | None = None) -> Selection:
    """:func:`kim_nelson` on the simulator: each batch runs the survivors' next replications
    (``settings.replications`` is not used; every strategy meets the same replication numbers)."""
    by_name = {strategy.name: strategy for strategy in strategies}
    batch = max(1, execution.workers)  # a batch keeps every worker busy

    def observe(names: Sequence[str], first: int, count: int) -> dict[str, list[float]]:
        step = replace(settings, replications=count, first_replication=first)
        return {name: run_strategy(portfolio, by_name[name], parameters, step, execution,
                                   policies=policies).per_replication[kpi].tolist() for name in names}

    return kim_nelson(list(by_name), observe, kpi=kpi, indifference=indifference, alpha=alpha,
                      first_stage=first_stage, maximum=maximum, batch=batch)
