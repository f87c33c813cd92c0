"""Replications of one strategy on one portfolio, with the independent audit.

Each replication is a fresh :class:`~simulator.engine.simulation.Simulation`
seeded by ``(seed, replication)``; its executed contacts are then audited
against the rule pack of each account's jurisdiction by code that does not
share anything with the guard that blocked contacts during the run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from simulator.calendar import DEFAULT_START
from simulator.compliance import audit_contacts, load_pack
from simulator.engine.simulation import ReplicationResult, Simulation
from simulator.errors import CobranzaError
from simulator.experiments.backends import map_replications
from simulator.experiments.kpis import (
    KPI_NAMES,
    bucket_table,
    channel_table,
    daily_table,
    replication_kpis,
    summarise,
    summary_json,
    utilisation_table,
)
from simulator.experiments.sharding import merge_shards, shard_rows, shard_strategy
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["MAX_DAYS", "MAX_REPLICATIONS", "RunResult", "audit_replication", "run_strategy"]

#: Longest run in days (ten years): a collections plan looks months ahead, and the
#: calendar and memory stay bounded.
MAX_DAYS = 3650
#: Most replications of one strategy: 20 to 100 already give narrow intervals.
MAX_REPLICATIONS = 10_000


@dataclass
class RunResult:
    """What a manager reads from a run, as tidy tables with a ``replication`` column.

    ``per_replication``: one row per replication, one column per KPI;
    ``summary``: one row per KPI (mean, 95% interval); ``buckets``: outcomes by
    starting bucket; ``daily``: money collected per day; ``bucket_history``:
    weekly accounts and balance by bucket; ``channels``: attempts, blocks,
    reach and cost per channel; ``utilisation``: busy and shift minutes of each
    staff pool per day (see :func:`~simulator.experiments.kpis.utilisation_table`);
    ``tables``: full replication tables when kept.
    """

    strategy: str
    accounts: int
    days: int
    seed: int
    replications: int
    events: int
    per_replication: pd.DataFrame
    summary: pd.DataFrame
    buckets: pd.DataFrame
    daily: pd.DataFrame
    bucket_history: pd.DataFrame
    channels: pd.DataFrame
    utilisation: pd.DataFrame
    tables: list[ReplicationResult] = field(default_factory=list)

    def to_json_dict(self) -> dict:
        """The CLI's JSON object (no timings, nothing that varies between runs)."""
        return {
            "strategy": self.strategy,
            "accounts": self.accounts,
            "days": self.days,
            "seed": self.seed,
            "replications": self.replications,
            "events": self.events,
            "kpis": summary_json(self.summary),
        }


def audit_replication(result: ReplicationResult, portfolio: pd.DataFrame) -> pd.DataFrame:
    """Violations found by the independent audit of one replication's executed contacts."""
    executed = result.contacts[result.contacts["executed"]]
    jurisdiction = portfolio.set_index("account_id")["jurisdiction"]
    codes = executed["account_id"].map(jurisdiction)
    found = [
        audit_contacts(executed[codes == code], load_pack(code), result.calendar)
        for code in sorted(codes.unique())
    ]
    columns = ["account_id", "time_days", "channel", "rule_id"]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=columns)


@dataclass(frozen=True)
class _ReplicationTask:
    """Everything a worker process needs to run one shard of one replication.

    Only data crosses to a worker: a negotiation policy travels as its name in
    the strategy and the trusted folders in ``policies``, and the worker imports it.
    """

    portfolio: pd.DataFrame
    strategy: Strategy
    parameters: ModelParameters
    days: int
    seed: int
    enforce_compliance: bool
    start: dt.date
    keep_tables: bool
    shards: int
    policies: PolicyRegistry | None

    def __call__(self, job: int) -> _ReplicationOutcome | tuple[ReplicationResult, int]:
        """Run job number ``job``: shard ``job % shards`` of replication ``job // shards``; a whole
        replication comes back already reduced to its tables, a shard with its result for
        :func:`merge_shards`."""
        replication, shard = divmod(job, self.shards)
        rows = shard_rows(len(self.portfolio), self.shards)[shard]
        result = Simulation(self.portfolio, shard_strategy(self.strategy, shard, self.shards),
                            self.parameters, self.days, self.seed, replication,
                            self.enforce_compliance, self.start, rows, self.policies).run()
        violations = len(audit_replication(result, self.portfolio))  # the audit is per account
        if self.shards > 1:
            return result, violations
        return _ReplicationOutcome.of(result, violations, self.keep_tables)


@dataclass(frozen=True)
class _ReplicationOutcome:
    kpis: dict[str, float]
    buckets: pd.DataFrame
    daily: pd.DataFrame
    bucket_history: pd.DataFrame
    channels: pd.DataFrame
    utilisation: pd.DataFrame
    events: int
    table: ReplicationResult | None

    @classmethod
    def of(cls, result: ReplicationResult, violations: int, keep_table: bool) -> _ReplicationOutcome:
        return cls(
            kpis=replication_kpis(result, violations),
            buckets=bucket_table(result),
            daily=daily_table(result),
            bucket_history=result.bucket_history,
            channels=channel_table(result),
            utilisation=utilisation_table(result),
            events=result.events,
            table=result if keep_table else None,
        )


def _whole_replications(progress: Callable[[int, int], None], shards: int, done: int, total: int) -> None:
    progress(done // shards, total // shards)


def _merged(shards: list[tuple[ReplicationResult, int]], keep_table: bool) -> _ReplicationOutcome:
    """One replication's outcome from its shards' results and audit counts."""
    result = merge_shards([part for part, _ in shards])
    return _ReplicationOutcome.of(result, sum(violations for _, violations in shards), keep_table)


def _stack(outcomes: list[_ReplicationOutcome], name: str) -> pd.DataFrame:
    """One table from every replication's table ``name``, with a ``replication`` column."""
    return pd.concat([getattr(outcome, name).assign(replication=number)
                      for number, outcome in enumerate(outcomes)], ignore_index=True)


def _check_size(days: int, replications: int) -> None:
    """Refuse a run too long or too repeated to finish, before any work."""
    limits = (("days", days, MAX_DAYS), ("replications", replications, MAX_REPLICATIONS))
    for field_name, value, most in limits:
        if not 1 <= value <= most:
            raise CobranzaError(f"debe estar entre 1 y {most:,}, se pidió {value:,}", field=field_name)


def run_strategy(
    portfolio: pd.DataFrame,
    strategy: Strategy,
    parameters: ModelParameters,
    *,
    days: int,
    seed: int,
    replications: int,
    enforce_compliance: bool = True,
    start: dt.date = DEFAULT_START,
    keep_tables: bool = False,
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    shards: int = 1,
    policies: PolicyRegistry | None = None,
) -> RunResult:
    """Run ``replications`` replications and summarise their KPIs.

    Args:
        days, replications: at most :data:`MAX_DAYS` and :data:`MAX_REPLICATIONS`.
        workers, backend, scheduler: where replications run (see
            :func:`simulator.experiments.backends.map_replications`); the numbers do not
            depend on them.
        keep_tables: keep each replication's account, contact and promise
            tables (for plots and audit logs); off by default to save memory.
        progress: called with ``(done, total)`` after each replication (each shard
            when sharded).
        shards: split every replication into this many blocks of accounts, each
            with its share of the staff, run as separate jobs (see
            :mod:`simulator.experiments.sharding`); for portfolios too big for one process.
        policies: the negotiation policies the strategy may name (see
            :class:`~simulator.negotiation.registry.PolicyRegistry`); only the
            shipped ones when not given.
    """
    _check_size(days, replications)
    task = _ReplicationTask(portfolio, strategy, parameters, days, seed, enforce_compliance,
                            start, keep_tables, shards, policies)
    shard_rows(len(portfolio), shards)  # refuse a bad split before any work
    for shard in range(shards):
        shard_strategy(strategy, shard, shards)
    jobs = range(replications * shards)  # lazy: a job is made when a worker is free for it
    if progress is not None and shards > 1:  # report whole replications, as callers expect
        progress = functools.partial(_whole_replications, progress, shards)
    outcomes = map_replications(task, jobs, workers=workers, backend=backend, scheduler=scheduler,
                                progress=progress)
    if shards > 1:
        outcomes = [_merged(outcomes[first:first + shards], keep_tables)
                    for first in range(0, len(outcomes), shards)]
    rows = [{"replication": number, **outcome.kpis} for number, outcome in enumerate(outcomes)]
    events = sum(outcome.events for outcome in outcomes)
    tables = [outcome.table for outcome in outcomes if outcome.table is not None]
    per_replication = pd.DataFrame(rows, columns=["replication", *KPI_NAMES])
    return RunResult(
        strategy=strategy.name,
        accounts=len(portfolio),
        days=days,
        seed=seed,
        replications=replications,
        events=events,
        per_replication=per_replication,
        summary=summarise(per_replication),
        buckets=_stack(outcomes, "buckets"),
        daily=_stack(outcomes, "daily"),
        bucket_history=_stack(outcomes, "bucket_history"),
        channels=_stack(outcomes, "channels"),
        utilisation=_stack(outcomes, "utilisation"),
        tables=tables,
    )
