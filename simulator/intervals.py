"""The 95 % intervals every report uses: one mean across replications, a difference of two means,
and the spread of an answer across plausible worlds.

One place, so that a KPI table, a champion/challenger comparison and a
negotiation policy's evaluation state the same uncertainty the same way: a
Student-t interval over independent replications (or paired differences),
Welch's interval when two groups are not paired, and the middle 95 % of the
values when the question is where an answer falls, not where its mean is.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

__all__ = ["mean_ci95", "spread95", "welch_ci95"]


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


def spread95(values) -> tuple[float, float]:
    """The 2.5 and 97.5 percentiles of ``values`` (linear interpolation): where 95 % of them fall.

    Unlike :func:`mean_ci95` it does not narrow as values are added: with more
    worlds it is better estimated, not smaller, because it measures spread.
    """
    low, high = np.percentile(np.asarray(values, dtype=float), [2.5, 97.5])
    return float(low), float(high)
