"""A policy comparison repeated across debtor models, so a lesson is not an artefact of one.

Every policy meets the same debtors (same accounts, persona, capacity and draws)
under each drawn :class:`~simulator.negotiation.debtor_model.DebtorModel`: common
random numbers, so the per-model difference between two policies is the policies'
doing, not the debtors'. What is reported is how often the first policy wins
across models and how widely the per-model mean difference spreads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from simulator.negotiation.debtor import Debtor, with_model
from simulator.negotiation.debtor_model import DebtorModel
from simulator.negotiation.evaluation import DEFAULT_TIMEOUT, Policy, evaluate

__all__ = ["SPREAD_PERCENTILES", "model_spread", "recovery_by_model"]

#: The per-model differences are summarised by these percentiles (a 95 % range across models).
SPREAD_PERCENTILES = (2.5, 97.5)
_METRIC = "expected_recovery_per_account"


def recovery_by_model(policies: Mapping[str, Policy], debtors: Sequence[Debtor],
                      models: Sequence[DebtorModel], *, timeout: float = DEFAULT_TIMEOUT
                      ) -> dict[str, np.ndarray]:
    """Mean expected recovery per account of each policy under each model (one value per model).

    A debtor a policy fails on counts as no recovery, as in :func:`evaluate`.
    """
    means = {name: np.empty(len(models)) for name in policies}
    for index, model in enumerate(models):
        met = [with_model(debtor, model) for debtor in debtors]
        for name, policy in policies.items():
            means[name][index] = float(np.mean(evaluate(policy, met, name=name, timeout=timeout)
                                               .values(_METRIC)))
    return means


def model_spread(first: np.ndarray, other: np.ndarray) -> dict:
    """How ``other`` fares against ``first`` across models.

    ``share_first_wins`` is the share of models where ``first`` recovers strictly
    more per account; the differences are ``other - first`` per model, as in the
    paired differences, with their mean and 2.5 and 97.5 percentiles.
    """
    difference = other - first
    low, high = np.percentile(difference, SPREAD_PERCENTILES)
    return {"n": int(difference.size), "share_first_wins": round(float(np.mean(first > other)), 10),
            "difference_mean": round(float(np.mean(difference)), 10),
            "difference_p2_5": round(float(low), 10), "difference_p97_5": round(float(high), 10)}
