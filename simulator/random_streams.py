"""Seeded random streams: one per (run seed, replication, source, account).

Two strategies run on the same seed draw the same numbers for the same account
and source (common random numbers), whatever else happens in the run. Draws
are taken from numpy in blocks because single draws from a ``Generator`` cost
more than the model logic around them.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["SOURCES", "Stream", "stream_for"]

#: Independent sources of randomness in one account's life.
SOURCES = {"latent": 0, "payments": 1, "contacts": 2, "outcomes": 3}

_BLOCK = 32


class Stream:
    """Uniform and derived draws from one seeded source, served from a buffer."""

    __slots__ = ("_generator", "_buffer", "_next")

    def __init__(self, generator: np.random.Generator) -> None:
        self._generator = generator
        self._buffer: list[float] = []
        self._next = 0

    def uniform(self) -> float:
        """A draw from U[0, 1)."""
        if self._next == len(self._buffer):
            self._buffer = self._generator.random(_BLOCK).tolist()
            self._next = 0
        value = self._buffer[self._next]
        self._next += 1
        return value

    def bernoulli(self, probability: float) -> bool:
        """True with ``probability``."""
        return self.uniform() < probability

    def exponential(self) -> float:
        """A draw from Exp(1)."""
        return -math.log1p(-self.uniform())

    def lognormal(self, sigma: float) -> float:
        """A mean-one lognormal factor with log-scale ``sigma`` (Box-Muller)."""
        u1, u2 = self.uniform(), self.uniform()
        normal = math.sqrt(-2.0 * math.log1p(-u1)) * math.cos(2.0 * math.pi * u2)
        return math.exp(sigma * normal - 0.5 * sigma * sigma)

    def choice(self, weights: tuple[float, ...]) -> int:
        """Index drawn with probability proportional to ``weights``."""
        target = self.uniform() * sum(weights)
        running = 0.0
        for index, weight in enumerate(weights):
            running += weight
            if target < running:
                return index
        return len(weights) - 1


def stream_for(seed: int, replication: int, source: str, account_index: int) -> Stream:
    """The stream of one account's ``source`` in one replication of a run."""
    sequence = np.random.SeedSequence(seed, spawn_key=(replication, SOURCES[source], account_index))
    return Stream(np.random.Generator(np.random.PCG64(sequence)))
