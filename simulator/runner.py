"""Replications of one strategy on one portfolio, with the independent audit.

Each replication is a fresh :class:`~simulator.portfolio.simulation.Simulation`
seeded by ``(seed, replication)``; its executed contacts are then audited
against the rule pack of each account's jurisdiction by code that does not
share anything with the guard that blocked contacts during the run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from simulator.compliance import audit_contacts, load_pack
from simulator.kpis import KPI_NAMES, bucket_table, replication_kpis, summarise, summary_json
from simulator.parameters import ModelParameters
from simulator.portfolio.simulation import ReplicationResult, Simulation
from simulator.strategies.schema import Strategy

__all__ = ["RunResult", "audit_replication", "run_strategy"]


@dataclass
class RunResult:
    """What a manager reads from a run: KPIs per replication and their summary."""

    strategy: str
    accounts: int
    days: int
    seed: int
    replications: int
    events: int
    per_replication: pd.DataFrame
    summary: pd.DataFrame
    buckets: pd.DataFrame
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


def run_strategy(
    portfolio: pd.DataFrame,
    strategy: Strategy,
    parameters: ModelParameters,
    *,
    days: int,
    seed: int,
    replications: int,
    enforce_compliance: bool = True,
    start: dt.date = dt.date(2026, 1, 5),
    keep_tables: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Run ``replications`` replications and summarise their KPIs.

    Args:
        keep_tables: keep each replication's account, contact and promise
            tables (for plots and audit logs); off by default to save memory.
        progress: called with ``(done, total)`` after each replication.
    """
    rows, buckets, tables, events = [], [], [], 0
    for replication in range(replications):
        result = Simulation(portfolio, strategy, parameters, days, seed, replication,
                            enforce_compliance, start).run()
        violations = audit_replication(result, portfolio)
        rows.append({"replication": replication, **replication_kpis(result, len(violations))})
        buckets.append(bucket_table(result).assign(replication=replication))
        events += result.events
        if keep_tables:
            tables.append(result)
        if progress is not None:
            progress(replication + 1, replications)
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
        buckets=pd.concat(buckets, ignore_index=True),
        tables=tables,
    )
