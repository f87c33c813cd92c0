"""The two objects every simulating call takes: what a run computes, and where it runs.

A run's settings used to travel as nine to fourteen loose keyword arguments
through the runner, the comparison, the sweep, the cache key, the dashboard's
job and the command line, and a layer that forgot to pass one on ran with its
default without a word (``sweep`` ran locally with the rules on, whatever
``--backend`` and ``--compliance`` said). Now a caller builds a
:class:`RunSettings` and an :class:`Execution` once, every layer passes them
whole, and ``dataclasses.replace(settings, keep_tables=True)`` changes one field.
Both check their values when built, so a bad one is refused, in Spanish, before
any work.
"""

from __future__ import annotations

import datetime as dt
import numbers
from dataclasses import dataclass

from simulator.calendar import DEFAULT_START
from simulator.engine.simulation import Replication
from simulator.errors import CobranzaError
from simulator.experiments.backends import BACKENDS
from simulator.experiments.dask_scheduler import check_address

__all__ = ["IN_PROCESS", "MAX_DAYS", "MAX_REPLICATIONS", "MAX_SHARDS", "MAX_WORKERS", "Execution",
           "RunSettings", "SettingsError"]

#: Longest run in days (ten years): a collections plan looks months ahead, and the
#: calendar and memory stay bounded.
MAX_DAYS = 3650
#: Most replications of one strategy: 20 to 100 already give narrow intervals.
MAX_REPLICATIONS = 10_000
#: Most local worker processes: far above any machine's cores, far below a fork bomb.
MAX_WORKERS = 256
#: Most blocks one replication is split into: far beyond what any portfolio needs to fit in memory.
MAX_SHARDS = 256


class SettingsError(CobranzaError):
    """A run setting out of its bounds or of the wrong kind."""


def _whole_number(owner: object, name: str, low: int, high: int | None) -> None:
    """Check the integer field ``name`` of ``owner`` and store it as a plain ``int`` (numpy's too)."""
    value = getattr(owner, name)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise SettingsError(f"debe ser un número entero, se recibió {value!r}", field=name)
    number = int(value)
    if high is None and number < low:
        raise SettingsError(f"debe ser {low} o más, se pidió {number:,}", field=name)
    if high is not None and not low <= number <= high:
        raise SettingsError(f"debe estar entre {low:,} y {high:,}, se pidió {number:,}", field=name)
    object.__setattr__(owner, name, number)


def _yes_no(owner: object, name: str) -> None:
    value = getattr(owner, name)
    if not isinstance(value, bool):
        raise SettingsError(f"debe ser True o False, se recibió {value!r}", field=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSettings:
    """What a run computes: everything besides its inputs that fixes its numbers or what it keeps.

    It exists so that no layer can drop one of these on the way to the engine,
    and it is the part of a run the run cache hashes (see
    :func:`~simulator.experiments.run_cache.run_key`); :class:`Execution` is not.
    The defaults are the command line's.

    Attributes:
        days: simulated days, 1 to :data:`MAX_DAYS`.
        seed: with the replication number, fixes every random draw (0 or more).
        replications: independent replications, 1 to :data:`MAX_REPLICATIONS`; the
            95 % interval needs 2 or more.
        enforce_compliance: block contacts that break the rules (``False`` only to
            see what a strategy would break, like ``--compliance off``).
        start: calendar date of day 0.
        keep_tables: keep each replication's account, contact and promise tables
            (for plots, audit logs and live-test plans); off to save memory.
        shards: split every replication into this many blocks of accounts, each
            with its share of the staff (see :mod:`simulator.experiments.sharding`).
        first_replication: number of the first replication run (0 or more): a later
            batch of the same run continues where the earlier one stopped, with the
            same numbers as one longer run (see :mod:`simulator.experiments.adaptive`).
    """

    days: int = 180
    seed: int = 7
    replications: int = 3
    enforce_compliance: bool = True
    start: dt.date = DEFAULT_START
    keep_tables: bool = False
    shards: int = 1
    first_replication: int = 0

    def __post_init__(self) -> None:
        _whole_number(self, "days", 1, MAX_DAYS)
        _whole_number(self, "seed", 0, None)
        _whole_number(self, "replications", 1, MAX_REPLICATIONS)
        _whole_number(self, "shards", 1, MAX_SHARDS)
        _whole_number(self, "first_replication", 0, MAX_REPLICATIONS)
        _yes_no(self, "enforce_compliance")
        _yes_no(self, "keep_tables")
        if not isinstance(self.start, dt.date):
            raise SettingsError(f"debe ser una fecha (datetime.date), se recibió {self.start!r}",
                                field="start")

    def replication(self, number: int) -> Replication:
        """What the engine needs to run the run's replication ``number`` (0-based, counted from
        ``first_replication``)."""
        return Replication(days=self.days, seed=self.seed, number=self.first_replication + number,
                           enforce_compliance=self.enforce_compliance, start=self.start)


@dataclass(frozen=True, slots=True, kw_only=True)
class Execution:
    """Where a run's replications go: never what they compute.

    Every replication is seeded on its own, so the numbers do not depend on
    any of this; it is kept apart from :class:`RunSettings` so that a run
    cached on one machine is reused when the next one asks for a cluster.

    Attributes:
        workers: local processes (``local``) or local Dask workers when no
            scheduler is given (``dask``), 1 to :data:`MAX_WORKERS`.
        backend: ``local`` or ``dask`` (see :mod:`simulator.experiments.backends`).
        scheduler: address of a running Dask scheduler (only with ``dask``;
            without it a cluster on 127.0.0.1 is started for the run), stored in
            Dask's form (``tcp://`` added when missing).
    """

    workers: int = 1
    backend: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        _whole_number(self, "workers", 1, MAX_WORKERS)
        if self.backend not in BACKENDS:
            raise SettingsError(f"debe ser {' o '.join(BACKENDS)}, se recibió {self.backend!r}",
                                field="backend")
        if self.scheduler is not None:
            if self.backend != "dask":
                raise SettingsError("un planificador solo se usa con backend 'dask' "
                                    "(--backend dask en la línea de comandos)", field="scheduler")
            object.__setattr__(self, "scheduler", check_address(self.scheduler))


#: Every replication in the calling process, one after the other: the default of every simulating call.
IN_PROCESS = Execution()
