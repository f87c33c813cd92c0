"""Replications of one strategy on one portfolio, with the independent audit.

Each replication is a fresh :class:`~simulator.engine.simulation.Simulation`
seeded by ``(seed, replication)``; its executed contacts are then audited
against the rule pack of each account's jurisdiction by code that does not
share anything with the guard that blocked contacts during the run.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from simulator.compliance import audit_contacts, load_pack
from simulator.engine.simulation import ReplicationResult, Simulation
from simulator.errors import ParametersError
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
from simulator.experiments.settings import IN_PROCESS, Execution, RunSettings
from simulator.experiments.sharding import merge_shards, shard_rows, shard_strategy
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["RunResult", "audit_replication", "check_instalment_basis", "run_strategy"]


@dataclass
class RunResult:
    """What a manager reads from a run, as tidy tables with a ``replication`` column.

    ``per_replication``: one row per replication, one column per KPI;
    ``summary``: one row per KPI (mean, 95% interval); ``buckets``: outcomes by
    starting bucket; ``daily``: money collected per day; ``bucket_history``:
    weekly accounts and balance by bucket; ``channels``: attempts, blocks,
    reach and cost per channel; ``utilisation``: busy and shift minutes of each
    staff pool per day (see :func:`~simulator.experiments.kpis.utilisation_table`);
    ``tables``: full replication tables when ``settings.keep_tables``;
    ``settings``: what was run (days, seed, replications, rules...).
    """

    strategy: str
    accounts: int
    settings: RunSettings
    events: int
    per_replication: pd.DataFrame
    summary: pd.DataFrame
    buckets: pd.DataFrame
    daily: pd.DataFrame
    bucket_history: pd.DataFrame
    channels: pd.DataFrame
    utilisation: pd.DataFrame
    tables: list[ReplicationResult] = field(default_factory=list)

    def followed_by(self, later: RunResult) -> RunResult:
        """This run and ``later``, the next batch of the same run, as one run of both batches'
        replications (what one longer run would have given)."""
        ours, theirs = self.settings, later.settings
        follows = theirs.first_replication == ours.first_replication + ours.replications
        if (later.strategy != self.strategy or not follows
                or _batch_free(theirs) != _batch_free(ours)):
            raise ValueError("the later batch does not continue this run")
        per_replication = pd.concat([self.per_replication, later.per_replication], ignore_index=True)

        def both(name: str) -> pd.DataFrame:
            return pd.concat([getattr(self, name), getattr(later, name)], ignore_index=True)

        return dataclasses.replace(
            self, settings=dataclasses.replace(ours, replications=ours.replications + theirs.replications),
            events=self.events + later.events, per_replication=per_replication,
            summary=summarise(per_replication), buckets=both("buckets"), daily=both("daily"),
            bucket_history=both("bucket_history"), channels=both("channels"),
            utilisation=both("utilisation"), tables=[*self.tables, *later.tables])

    def to_json_dict(self) -> dict:
        """The CLI's JSON object (no timings, nothing that varies between runs)."""
        return {
            "strategy": self.strategy,
            "accounts": self.accounts,
            "days": self.settings.days,
            "seed": self.settings.seed,
            "replications": self.settings.replications,
            "events": self.events,
            "kpis": summary_json(self.summary),
        }


def _batch_free(settings: RunSettings) -> RunSettings:
    """``settings`` without what may differ between two batches of one run."""
    return dataclasses.replace(settings, replications=1, first_replication=0)


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
    settings: RunSettings
    policies: PolicyRegistry | None

    def __call__(self, job: int) -> _ReplicationOutcome | tuple[ReplicationResult, int]:
        """Run job number ``job``: shard ``job % shards`` of replication ``job // shards``; a whole
        replication comes back already reduced to its tables, a shard with its result for
        :func:`merge_shards`."""
        shards = self.settings.shards
        replication, shard = divmod(job, shards)
        rows = shard_rows(len(self.portfolio), shards)[shard]
        result = Simulation(self.portfolio, shard_strategy(self.strategy, shard, shards), self.parameters,
                            self.settings.replication(replication), rows=rows, policies=self.policies).run()
        violations = len(audit_replication(result, self.portfolio))  # the audit is per account
        if shards > 1:
            return result, violations
        return _ReplicationOutcome.of(result, violations, self.settings.keep_tables)


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


def _stack(outcomes: list[_ReplicationOutcome], name: str, first: int) -> pd.DataFrame:
    """One table from every replication's table ``name``, with a ``replication`` column."""
    return pd.concat([getattr(outcome, name).assign(replication=number)
                      for number, outcome in enumerate(outcomes, start=first)], ignore_index=True)


def check_instalment_basis(parameters: ModelParameters) -> None:
    """Refuse a parameter set whose capacity is counted in minimum payments.

    A portfolio's ``instalment_mxn`` is a fixed instalment (balance over term).
    A set fitted where the instalment was a card's 5 % minimum payment
    (``datasets/calibration/uci.yaml``: 17 to 63 of them per pay period) would let
    almost every debtor repay the whole balance at once: about 90 % recovery with
    no contact, and promises, plans and settlements that never bind. There is no
    statement balance in a portfolio to convert one unit into the other, so the
    run is refused instead of giving that world.
    """
    if parameters.instalment_basis == "pago_minimo":
        raise ParametersError(
            f"Los parámetros «{parameters.version}» se ajustaron con cuotas que son el pago mínimo "
            "de una tarjeta (5 % del estado de cuenta), y una cartera tiene cuotas fijas (saldo entre "
            "plazo): con ellos casi todo deudor podría pagar su saldo completo en un solo periodo de "
            "pago y la simulación no serviría para decidir. Úselos con `validate` "
            "(datos UCI); para simular una cartera, use los parámetros por omisión u otro archivo "
            "con instalment_basis: cuota_fija.", field="instalment_basis")


def run_strategy(
    portfolio: pd.DataFrame,
    strategy: Strategy,
    parameters: ModelParameters,
    settings: RunSettings,
    execution: Execution = IN_PROCESS,
    *,
    progress: Callable[[int, int], None] | None = None,
    policies: PolicyRegistry | None = None,
) -> RunResult:
    """Run ``settings.replications`` replications and summarise their KPIs.

    Args:
        settings: what to run (days, seed, replications, rules, tables kept, shards).
        execution: where replications run (see
            :func:`simulator.experiments.backends.map_replications`); the numbers do not
            depend on it.
        progress: called with ``(done, total)`` after each replication (each shard
            when sharded).
        policies: the negotiation policies the strategy may name (see
            :class:`~simulator.negotiation.registry.PolicyRegistry`); only the
            shipped ones when not given.
    """
    check_instalment_basis(parameters)
    shards = settings.shards
    task = _ReplicationTask(portfolio, strategy, parameters, settings, policies)
    shard_rows(len(portfolio), shards)  # refuse a bad split before any work
    for shard in range(shards):
        shard_strategy(strategy, shard, shards)
    jobs = range(settings.replications * shards)  # lazy: a job is made when a worker is free for it
    if progress is not None and shards > 1:  # report whole replications, as callers expect
        progress = functools.partial(_whole_replications, progress, shards)
    outcomes = map_replications(task, jobs, workers=execution.workers, backend=execution.backend,
                                scheduler=execution.scheduler, progress=progress)
    if shards > 1:
        outcomes = [_merged(outcomes[first:first + shards], settings.keep_tables)
                    for first in range(0, len(outcomes), shards)]
    first = settings.first_replication
    rows = [{"replication": number, **outcome.kpis} for number, outcome in enumerate(outcomes, start=first)]
    events = sum(outcome.events for outcome in outcomes)
    tables = [outcome.table for outcome in outcomes if outcome.table is not None]
    per_replication = pd.DataFrame(rows, columns=["replication", *KPI_NAMES])
    return RunResult(
        strategy=strategy.name,
        accounts=len(portfolio),
        settings=settings,
        events=events,
        per_replication=per_replication,
        summary=summarise(per_replication),
        buckets=_stack(outcomes, "buckets", first),
        daily=_stack(outcomes, "daily", first),
        bucket_history=_stack(outcomes, "bucket_history", first),
        channels=_stack(outcomes, "channels", first),
        utilisation=_stack(outcomes, "utilisation", first),
        tables=tables,
    )
