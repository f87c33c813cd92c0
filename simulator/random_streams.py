"""Seeded random streams: one per (run seed, replication, source, account).

Two strategies run on the same seed draw the same numbers for the same account
and source (common random numbers), whatever else happens in the run. Each
stream is only a key and a counter for numpy's counter-based Philox generator:
a run shares one generator that is set to the stream's key and counter before
every block of draws, so a million accounts do not need a million generators.

The key of a stream is what ``SeedSequence(seed, spawn_key=(replication,
source, account)).generate_state(2, uint64)`` gives. Building a SeedSequence
costs ~25 microseconds, so the keys of every account of a source are derived
at once with the same 32-bit hash written in numpy (:func:`stream_keys`, checked
against numpy in the tests).

This module is also the one registry of spawn keys: every ``SeedSequence`` of
the package is built here (:func:`seeded_generator`) from a named entry of
:class:`RunStream`, :class:`SeedStream`, :class:`CalibrationStream`,
:class:`RolePlayStream`, :class:`CourseStream` or :class:`WorldStream`, so two draws can never share a
stream by accident.
"""

from __future__ import annotations

import math
from array import array
from enum import IntEnum

import numpy as np

__all__ = ["CalibrationStream", "CourseStream", "RolePlayStream", "RunStream", "SeedStream", "Stream",
           "StreamSource", "WorldStream",
           "seeded_generator", "stream_keys"]


class RunStream(IntEnum):
    """Sources of randomness of one replication, from the run seed.

    Spawn key ``(replication, source)`` for a draw over the whole portfolio
    (``LATENT``), ``(replication, source, account)`` for one account's stream.
    """

    LATENT = 0  # persona and capacity of every debtor (simulator.behaviour.traits)
    PAYMENTS = 1  # time and amount of spontaneous payments
    CONTACTS = 2  # whether a contact reaches the debtor, or a third party
    OUTCOMES = 3  # conversations and kept promises
    NEGOTIATION = 4  # conversation-only traits of a debtor a named policy talks with


class SeedStream(IntEnum):
    """Streams drawn straight from a portfolio's seed: spawn key ``(stream,)``.

    The synthetic portfolio draws each column from its own stream (numbered as
    ``SeedSequence(seed).spawn`` numbered them); the negotiation practice draws
    its debtors' portfolio, their latent traits (``RunStream.LATENT``, replication
    0) and their conversation traits from one seed, so no two of these keys may be
    equal. Run streams have longer keys and never meet them.
    """

    BUCKET = 0
    DAYS = 1
    BALANCE = 2
    TERM = 3
    CYCLE = 4
    PAYDAY = 5
    BILLING = 6
    CONTACT = 7
    PRODUCT = 8
    HISTORY = 9  # credit limit and months late before, drawn after the columns above
    PRACTICE_TRAITS = 11  # conversation-only traits of the negotiation practice's debtors
    PRACTICE_MODELS = 12  # debtor models drawn from their ranges (simulator.negotiation.debtor_model)
    NO_USE = 13  # months with no consumption, drawn after the history above


class CalibrationStream(IntEnum):
    """Streams drawn from a calibration's seed, which no synthetic portfolio shares:
    spawn key ``(stream,)`` (the simulations it runs use :class:`RunStream`)."""

    SAMPLE = 1  # the rows of the real data a calibration or validation uses


class RolePlayStream(IntEnum):
    """Streams drawn from a role-play's seed: spawn key ``(stream,)``. The call's chance
    branches draw from the seed's own stream (empty key), which these never meet."""

    OPTION_ORDER = 1  # the order in which each step's options are shown


class CourseStream(IntEnum):
    """Streams drawn from a seed hashed from a learner's name and an exercise's id:
    spawn key ``(stream, attempt)``, a fresh draw for each attempt."""

    CHOICE_ORDER = 1  # the order a choice exercise shows its options in
    EXAM_VARIANT = 2  # which variant of an exam item a learner gets (attempt 0 only: one per learner)
    ANCHOR_CASE = 3  # the anchoring case a learner practises on (draw n: the n-th redraw of a seen case)


class WorldStream(IntEnum):
    """Streams drawn from a run's seed for the plausible worlds of a comparison: spawn key
    ``(stream, world)``. The stream number is above any replication number, so the key never
    equals a run's ``(replication, source)``."""

    PARAMETERS = 100_000  # the drawn parameters of world ``world`` (simulator.experiments.priors)


def seeded_generator(seed: int, *key: int) -> np.random.Generator:
    """numpy's generator for spawn key ``key`` under ``seed``; the key is made of this
    module's entries (none for a seed's own stream, like a role-play's chance branches)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=tuple(int(part) for part in key)))


_BLOCK = 32
_COUNTER_STEP = _BLOCK // 4  # Philox4x64 yields four 64-bit words per counter step
_NO_BLOCK: array[float] = array("d")  # a new stream's buffer, shared: its first draw fetches a block

# Constants of numpy's SeedSequence hash (numpy/random/bit_generator.pyx).
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R, _MASK = 0xCA01F9DD, 0x4973F715, 0xFFFFFFFF
_POOL = 4


def _words(value: int) -> list[int]:
    """32-bit words of a non-negative integer, least significant first (as numpy)."""
    words = [value & _MASK]
    while value > _MASK:
        value >>= 32
        words.append(value & _MASK)
    return words


def _hashmix(value, const: int):
    """One step of SeedSequence's hash; returns the mixed value and the next constant."""
    value = (value ^ const) & _MASK
    const = (const * _MULT_A) & _MASK
    value = (value * const) & _MASK
    return value ^ (value >> 16), const


def _mix(x, y):
    result = (_MIX_L * x - _MIX_R * y) & _MASK
    return result ^ (result >> 16)


def stream_keys(seed: int, prefix: tuple[int, ...], indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Philox keys of ``SeedSequence(seed, spawn_key=(*prefix, i))`` for every ``i``.

    Everything but the last word of the entropy is the same for all accounts,
    so it is hashed once; only the account number is mixed in per element.

    Args:
        indices: account numbers, each below 2**32 (one entropy word).

    Returns:
        The two 64-bit key words, as arrays shaped like ``indices``.
    """
    run = _words(seed)
    entropy = run + [0] * (_POOL - len(run)) + [word for part in prefix for word in _words(part)]
    const, pool = _INIT_A, []
    for position in range(_POOL):
        value, const = _hashmix(entropy[position] if position < len(entropy) else 0, const)
        pool.append(value)
    for source in range(_POOL):
        for target in range(_POOL):
            if source != target:
                value, const = _hashmix(pool[source], const)
                pool[target] = _mix(pool[target], value)
    for word in entropy[_POOL:]:
        for target in range(_POOL):
            value, const = _hashmix(word, const)
            pool[target] = _mix(pool[target], value)
    last = np.asarray(indices, dtype=np.uint64)
    mixed = [np.full(last.shape, word, dtype=np.uint64) for word in pool]
    for target in range(_POOL):
        value, const = _hashmix(last, const)
        mixed[target] = _mix(mixed[target], value)
    const, state = _INIT_B, []
    for lane in mixed:
        value = lane ^ np.uint64(const)
        const = (const * _MULT_B) & _MASK
        value = (value * np.uint64(const)) & np.uint64(_MASK)
        state.append(value ^ (value >> np.uint64(16)))
    return state[0] | (state[1] << np.uint64(32)), state[2] | (state[3] << np.uint64(32))


class StreamSource:
    """The generator behind every stream of one replication (one per process).

    Args:
        seed, replication: fix every draw of the replication.
        accounts: how many accounts may ask for a stream.
    """

    def __init__(self, seed: int, replication: int, accounts: int) -> None:
        self.seed = seed
        self.replication = replication
        self.accounts = accounts
        self._keys: dict[RunStream, tuple[np.ndarray, np.ndarray]] = {}
        self._bits = np.random.Philox()
        self._generator = np.random.Generator(self._bits)
        # One state dict whose arrays are overwritten in place before each block.
        self._state = self._bits.state
        self._key = self._state["state"]["key"] = np.zeros(2, dtype=np.uint64)
        self._counter = self._state["state"]["counter"] = np.zeros(4, dtype=np.uint64)
        self._state["buffer_pos"] = 4
        self._state["has_uint32"] = 0

    def stream(self, source: RunStream, account_index: int) -> Stream:
        """The stream of one account's ``source``."""
        keys = self._keys.get(source)
        if keys is None:
            keys = self._keys[source] = stream_keys(
                self.seed, (self.replication, int(source)), np.arange(self.accounts))
        return Stream(self, keys, account_index)

    def block(self, keys: tuple[np.ndarray, np.ndarray], index: int, counter: int) -> array[float]:
        """``_BLOCK`` uniforms from position ``counter`` of the sequence whose key
        is element ``index`` of ``keys``."""
        self._key[0] = keys[0][index]
        self._key[1] = keys[1][index]
        self._counter[0] = counter
        self._bits.state = self._state
        return array("d", self._generator.random(_BLOCK).tobytes())


class Stream:
    """Uniform and derived draws from one seeded source, served from a block.

    It keeps the position of its key in the source's key arrays, not the key
    itself: two 64-bit Python integers per stream would cost more than the rest.
    """

    __slots__ = ("_source", "_keys", "_index", "_counter", "_buffer", "_next")

    def __init__(self, source: StreamSource, keys: tuple[np.ndarray, np.ndarray], index: int) -> None:
        self._source = source
        self._keys = keys
        self._index = index
        self._counter = 0
        self._buffer = _NO_BLOCK
        self._next = _BLOCK

    def uniform(self) -> float:
        """A draw from U[0, 1)."""
        if self._next == _BLOCK:
            self._buffer = self._source.block(self._keys, self._index, self._counter)
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
