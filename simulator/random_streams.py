"""Seeded random streams: one per (run seed, replication, source, account).

Two strategies run on the same seed draw the same numbers for the same account
and source (common random numbers), whatever else happens in the run. Each
stream is only a key and a counter for numpy's counter-based Philox generator:
a run shares one generator that is set to the stream's key and counter before
every block of draws, so a million accounts do not need a million generators.
"""

from __future__ import annotations

import math
from array import array

import numpy as np

__all__ = ["SOURCES", "Stream", "StreamSource"]

#: Independent sources of randomness in one account's life.
SOURCES = {"latent": 0, "payments": 1, "contacts": 2, "outcomes": 3}

_BLOCK = 32
_COUNTER_STEP = _BLOCK // 4  # Philox4x64 yields four 64-bit words per counter step


class StreamSource:
    """The generator behind every stream of one replication (one per process)."""

    def __init__(self, seed: int, replication: int) -> None:
        self.seed = seed
        self.replication = replication
        self._bits = np.random.Philox()
        self._generator = np.random.Generator(self._bits)
        self._state = self._bits.state

    def stream(self, source: str, account_index: int) -> Stream:
        """The stream of one account's ``source``."""
        sequence = np.random.SeedSequence(
            self.seed, spawn_key=(self.replication, SOURCES[source], account_index))
        return Stream(self, tuple(int(word) for word in sequence.generate_state(2, np.uint64)))

    def block(self, key: tuple[int, int], counter: int) -> array:
        """``_BLOCK`` uniforms from position ``counter`` of the sequence with ``key``."""
        state = self._state
        state["state"]["key"] = np.array(key, dtype=np.uint64)
        state["state"]["counter"] = np.array([counter, 0, 0, 0], dtype=np.uint64)
        state["buffer_pos"] = 4
        state["has_uint32"] = 0
        self._bits.state = state
        values = array("d")
        values.frombytes(self._generator.random(_BLOCK).tobytes())
        return values


class Stream:
    """Uniform and derived draws from one seeded source, served from a block."""

    __slots__ = ("_source", "_key", "_counter", "_buffer", "_next")

    def __init__(self, source: StreamSource, key: tuple[int, int]) -> None:
        self._source = source
        self._key = key
        self._counter = 0
        self._buffer: array | None = None
        self._next = _BLOCK

    def uniform(self) -> float:
        """A draw from U[0, 1)."""
        if self._next == _BLOCK:
            self._buffer = self._source.block(self._key, self._counter)
            self._counter += _COUNTER_STEP
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
