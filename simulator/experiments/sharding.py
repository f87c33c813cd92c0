"""Split one replication of a big portfolio into shards that run side by side.

A shard is a contiguous block of portfolio rows with its own share of the staff.
Every account keeps the traits and random streams it has in the whole portfolio
(they are keyed by row), so sharding changes one thing only: an account waits
for the agents of its own shard, never for those of another. The staff is split
as evenly as whole people allow (the first shards take one more when it does
not divide), and a team too small to give every shard somebody is refused
rather than leaving a shard without staff. Results of the shards of one
replication merge into one :class:`~simulator.engine.simulation.ReplicationResult`.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from simulator.engine.contact_log import ContactLog
from simulator.engine.simulation import ReplicationResult
from simulator.errors import CobranzaError
from simulator.strategies.schema import Strategy

__all__ = ["ShardingError", "merge_shards", "shard_rows", "shard_strategy"]


class ShardingError(CobranzaError):
    """The portfolio or the staff cannot be split into that many shards."""


def shard_rows(accounts: int, shards: int) -> list[range]:
    """``shards`` contiguous row ranges of near-equal size covering ``accounts`` rows."""
    if shards < 1 or shards > max(accounts, 1):
        raise ShardingError(f"no se puede dividir una cartera de {accounts:,} cuentas en {shards} "
                            "fragmentos: use entre 1 y el número de cuentas")
    bounds = np.linspace(0, accounts, shards + 1).round().astype(int)
    return [range(start, stop) for start, stop in zip(bounds[:-1], bounds[1:], strict=True)]


def _share(staff: int, shard: int, shards: int, what: str) -> int:
    if 0 < staff < shards:
        raise ShardingError(f"la estrategia tiene {staff} {what}: no alcanzan para {shards} fragmentos "
                            f"(cada uno necesita al menos uno); use como máximo {staff} fragmentos")
    return staff // shards + (1 if shard < staff % shards else 0)


def shard_strategy(strategy: Strategy, shard: int, shards: int) -> Strategy:
    """``strategy`` with shard number ``shard``'s part of the agents and field agents."""
    if shards == 1:
        return strategy
    resources = strategy.resources.model_copy(update={
        "agents": _share(strategy.resources.agents, shard, shards, "agentes"),
        "field_agents": _share(strategy.resources.field_agents, shard, shards, "visitadores"),
    })
    return strategy.model_copy(update={"resources": resources})


def merge_shards(parts: list[ReplicationResult]) -> ReplicationResult:
    """One replication's result from its shards' results, given in row order."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    history = pd.concat([part.bucket_history for part in parts])
    history = history.groupby(["day", "bucket"], sort=False, as_index=False)[
        ["accounts", "balance_mxn"]].sum()
    return dataclasses.replace(
        first,
        accounts=pd.concat([part.accounts for part in parts], ignore_index=True),
        contact_log=ContactLog.merged([part.contact_log for part in parts], first.parameters),
        promises=pd.concat([part.promises for part in parts], ignore_index=True),
        events=sum(part.events for part in parts),
        staff_busy_minutes=sum(part.staff_busy_minutes for part in parts),
        staff_available_minutes=sum(part.staff_available_minutes for part in parts),
        staff_days=pd.concat([part.staff_days for part in parts]).groupby(
            ["day", "pool"], sort=False, as_index=False)[["busy_minutes", "shift_minutes"]].sum(),
        collected_by_day=np.sum([part.collected_by_day for part in parts], axis=0),
        bucket_history=history,
    )
