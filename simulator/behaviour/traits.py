"""The hidden traits of each debtor: persona and capacity to pay, drawn once per replication.

They live here, below the engine and the negotiation practice, because both
must meet the same debtors: the portfolio simulation and the negotiation
exercises draw them with this one function and the same random stream.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.parameters import ModelParameters
from simulator.random_streams import RunStream, seeded_generator

__all__ = ["MIX_COLUMN", "draw_latent_traits"]

#: Optional portfolio column naming the ``persona_mix`` entry an account draws from
#: instead of its starting bucket's (empty: the bucket's); the UCI calibration
#: gives full payers their own mix (docs/modelo.md).
MIX_COLUMN = "persona_mix"


def draw_latent_traits(portfolio: pd.DataFrame, parameters: ModelParameters, seed: int,
                       replication: int) -> tuple[np.ndarray, np.ndarray]:
    """Persona (by starting bucket, or the mix the account names) and capacity to pay of every account.

    Capacity is in pesos available at one payment (one pay period). The draws
    follow row order: the same portfolio file gives every account the same
    traits in every strategy (common random numbers).
    """
    rng = seeded_generator(seed, replication, RunStream.LATENT)
    count = len(portfolio)
    uniforms = rng.random(count)
    sigma = parameters.capacity_spread
    spread = rng.lognormal(-0.5 * sigma**2, sigma, count)
    buckets = np.array([BUCKET_NAMES[bucket_index(d)] for d in portfolio["days_past_due"].to_numpy()],
                       dtype=object)
    if MIX_COLUMN in portfolio.columns:  # a named mix replaces the starting bucket's
        named = portfolio[MIX_COLUMN].fillna("").astype(str).to_numpy()
        buckets = np.where(named != "", named, buckets)
        unknown = sorted(set(buckets) - set(parameters.persona_mix))
        if unknown:
            raise ValueError(f"La columna {MIX_COLUMN} nombra mezclas que los parámetros no tienen: "
                             f"{', '.join(unknown)}")
    personas = np.empty(count, dtype=object)
    for bucket in dict.fromkeys(buckets):
        chosen = buckets == bucket
        mix = parameters.persona_mix[bucket]
        names = [name for name, share in mix.items() if share > 0.0]
        cumulative = np.cumsum([mix[name] for name in names])
        picks = np.searchsorted(cumulative / cumulative[-1], uniforms[chosen], side="right")
        personas[chosen] = np.array(names, dtype=object)[np.minimum(picks, len(names) - 1)]
    ratio = np.array([parameters.personas[p].capacity_to_instalment for p in personas])
    capacities = portfolio["instalment_mxn"].to_numpy() * ratio * spread
    return personas, capacities
