"""The yardstick the simulator must beat: a Markov chain estimated on the calibration split.

The simplest forecast of a held-out book is the calibration split's own monthly
transition matrix: it predicts each one-step rate as the calibration rate,
the state ``k`` months after April as row ``i`` of the matrix to the power
``k``, and each state's payment ratio as the calibration one. A simulator with
personas, payments and collection actions is only worth its parameters where
it predicts the held-out rows better than that.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.calibration.data import HORIZON, STATES, Observed

__all__ = ["MarkovBaseline", "markov_baseline"]


@dataclass(frozen=True)
class MarkovBaseline:
    """One-step rates and payment ratios of the calibration split, and the horizons they imply.

    ``horizon[k - 1, i, j]`` is the chain's share of accounts in state ``i``
    in April that are in state ``j`` ``k`` months later (each row sums to 1).
    """

    rates: np.ndarray
    ratio: np.ndarray
    horizon: np.ndarray

    def shares(self, start: np.ndarray) -> np.ndarray:
        """Shares of accounts in each state 1 to :data:`HORIZON` months after April shares ``start``."""
        return np.einsum("i,kij->kj", np.asarray(start, dtype=float), self.horizon)


def markov_baseline(calibration: Observed) -> MarkovBaseline:
    """The chain of the calibration split's observed counts.

    A state no calibration account ever left (an empty row) is taken to stay
    put, so the matrix powers stay defined.
    """
    totals = calibration.counts.sum(axis=1, keepdims=True)
    step = np.divide(calibration.counts, totals, out=np.eye(len(STATES)), where=totals > 0)
    horizon = np.stack([np.linalg.matrix_power(step, ahead) for ahead in range(1, HORIZON + 1)])
    return MarkovBaseline(calibration.rates, calibration.ratio, horizon)
