"""The two 95 % intervals every report uses: one mean across replications, and a difference of two means.

One place, so that a KPI table, a champion/challenger comparison and a
negotiation policy's evaluation state the same uncertainty the same way: a
Student-t interval over independent replications (or paired differences), and
Welch's interval when two groups are not paired.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

__all__ = ["mean_ci95", "welch_ci95"]


def mean_ci95(values) -> tuple[float, float, float]:
    """Mean and two-sided 95% Student-t interval across replications.

    With a single replication the interval collapses to the mean (no spread
    can be estimated from one run).
    """
    data = np.asarray(values, dtype=float)
    mean = float(data.mean())
    if data.size < 2:
        return mean, mean, mean
    half = float(stats.t.ppf(0.975, data.size - 1) * data.std(ddof=1) / math.sqrt(data.size))
    return mean, mean - half, mean + half


def welch_ci95(challenger, champion) -> tuple[float, float, float]:
    """Difference of means with a Welch 95% interval, ignoring the pairing."""
    a, b = np.asarray(challenger, float), np.asarray(champion, float)
    mean = float(a.mean() - b.mean())
    if a.size < 2 or b.size < 2:
        return mean, mean, mean
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    spread = math.sqrt(va + vb)
    if spread == 0.0:
        return mean, mean, mean
    dof = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    half = float(stats.t.ppf(0.975, dof) * spread)
    return mean, mean - half, mean + half
