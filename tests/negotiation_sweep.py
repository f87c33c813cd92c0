"""Many practice negotiations for property tests: the reference policies and seeded random offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np

from simulator.negotiation import (
    Abono,
    Aceptar,
    Debtor,
    Escuchar,
    Liquidacion,
    Negotiation,
    Plan,
    Terminar,
    draw_debtors,
    play,
)
from simulator.negotiation.policies import aceptar_primera, anclaje, escalera, exigir_total

#: Every shipped reference policy, played on each debtor before the random ones.
REFERENCE_POLICIES = (aceptar_primera, anclaje, escalera, exigir_total)

__all__ = ["played", "random_policy"]


def random_policy(rng: np.random.Generator):
    """Seeded random moves: every offer shape, amount, date and discount, some outside policy."""

    def policy(state):
        roll = rng.random()
        if state.last_counter is not None and roll < 0.15:
            return Aceptar()
        if roll < 0.25:
            return Escuchar()
        if roll < 0.28:
            return Terminar()
        owed = state.overdue_mxn * float(np.exp(rng.normal(-0.3, 0.8)))
        when = (state.paydays[int(rng.integers(0, 3))] if rng.random() < 0.5
                else state.today + dt.timedelta(days=int(rng.integers(0, 36))))
        shape = rng.random()
        if shape < 0.6:
            return Abono(round(max(owed, 10.0), -1), when)
        if shape < 0.8:
            return Liquidacion(float(rng.integers(0, int(state.limits.max_discount_pct) + 11)), when)
        count = int(rng.integers(1, 7))
        return Plan(count, round(max(owed / count, 10.0), -1), when, int(rng.choice([7, 15, 30])))

    return policy


def played(seeds, count: int, random_runs: int,
           jurisdiction: str = "MX") -> Iterator[tuple[int, Debtor, Negotiation]]:
    """``(seed, debtor, finished negotiation)`` for ``count`` debtors of each seed, each played by the
    reference policies and ``random_runs`` random ones."""
    for seed in seeds:
        for debtor in draw_debtors(count, seed, jurisdiction=jurisdiction):
            rng = np.random.default_rng([seed, debtor.index])
            randoms = [random_policy(rng) for _ in range(random_runs)]
            for policy in [*REFERENCE_POLICIES, *randoms]:
                yield seed, debtor, play(policy, debtor)
