"""KPI definitions and their confidence intervals, in one place.

Every KPI is computed from the tidy tables of one replication, so the same
numbers come out whether a run is read in the CLI, a notebook or a report.
Contact KPIs read the per-channel counts of the packed contact log, never a
row per contact, so they cost the same memory for any portfolio size.
Definitions and units are listed in ``docs/modelo.md`` (KPI table).
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from simulator.buckets import BUCKET_NAMES
from simulator.engine.account import AccountStatus
from simulator.engine.simulation import ReplicationResult
from simulator.intervals import mean_ci95

__all__ = [
    "HIGHER_IS_BETTER",
    "KPI_LABELS",
    "KPI_NAMES",
    "bucket_table",
    "channel_table",
    "current_at_end",
    "daily_table",
    "replication_kpis",
    "roll_forward",
    "summarise",
    "summary_json",
    "utilisation_table",
    "weekly_utilisation",
]

#: KPI names (used in the CLI JSON) and the Spanish label shown to managers.
KPI_LABELS = {
    "recovery_rate": "Tasa de recuperación (cobrado / exigible)",
    "collected_amount": "Monto cobrado (MXN)",
    "cost_total": "Costo total de gestión y quejas (MXN)",
    "cost_per_peso": "Costo por peso cobrado",
    "net_recovery": "Recuperación neta (MXN)",
    "write_off_sale_amount": "Venta de cartera castigada (MXN)",
    "net_recovery_with_sale": "Recuperación neta con la venta de castigada (MXN)",
    "cure_rate": "Tasa de regularización (cuentas vencidas que quedan al corriente)",
    "roll_forward_rate": "Tasa de deterioro (cuentas que pasan a un tramo peor)",
    "right_party_contact_rate": "Contacto efectivo con el titular (por llamada o visita de gestor)",
    "promise_rate": "Promesas por conversación",
    "promise_kept_rate": "Promesas cumplidas",
    "contacts_per_account": "Contactos por cuenta",
    "complaints_per_1000": "Quejas por cada 1,000 cuentas",
    "compliance_blocked": "Contactos bloqueados por las reglas",
    "compliance_violations": "Violaciones de las reglas (auditoría independiente)",
    "agent_utilization": "Ocupación del personal",
    "write_off_rate": "Tasa de castigo (cuentas)",
    "settled_per_1000": "Cuentas liquidadas con quita por cada 1,000 cuentas",
    "forgiven_amount": "Monto perdonado en quitas (MXN)",
    "policy_failures": "Llamadas en que falló la política de negociación",
}
KPI_NAMES = tuple(KPI_LABELS)

#: Which way a KPI gets better: True when more is better, False when less is, None when neither
#: (more contacts, blocks or busy staff are a means, not a goal). "The challenger wins" reads it.
HIGHER_IS_BETTER: dict[str, bool | None] = {
    "recovery_rate": True, "collected_amount": True, "cost_total": False, "cost_per_peso": False,
    "net_recovery": True, "cure_rate": True, "roll_forward_rate": False, "right_party_contact_rate": True,
    "promise_rate": True, "promise_kept_rate": True, "contacts_per_account": None,
    "complaints_per_1000": False, "compliance_blocked": None, "compliance_violations": False,
    "agent_utilization": None, "write_off_rate": False, "policy_failures": False,
    "write_off_sale_amount": True, "net_recovery_with_sale": True, "settled_per_1000": None,
    "forgiven_amount": False,
}

#: Values a KPI cannot leave; its interval is clipped to them (a share is never negative).
_BOUNDS = {
    **{name: (0.0, 1.0) for name in (
        "recovery_rate", "cure_rate", "roll_forward_rate", "right_party_contact_rate",
        "promise_kept_rate", "agent_utilization", "write_off_rate")},
    **{name: (0.0, np.inf) for name in (
        "collected_amount", "cost_total", "cost_per_peso", "write_off_sale_amount", "forgiven_amount",
        "settled_per_1000", "promise_rate",
        "contacts_per_account", "complaints_per_1000", "compliance_blocked", "compliance_violations",
        "policy_failures")},
}
_RANK = {name: rank for rank, name in enumerate((*BUCKET_NAMES, AccountStatus.CASTIGADA.value))}


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator) / float(denominator) if denominator else 0.0


def replication_kpis(result: ReplicationResult, violations: int) -> dict[str, float]:
    """All KPIs of one replication; ``violations`` comes from the independent audit."""
    accounts, channels, promises = result.accounts, result.channel_counts, result.promises
    count = len(accounts)
    collected = accounts["collected_mxn"].sum()
    cost = accounts["cost_mxn"].sum() + accounts["complaint_cost_mxn"].sum()
    sold = accounts["write_off_sale_mxn"].sum()  # written-off balances sold to a debt buyer
    # What fell due; a settlement or plan can collect beyond the bills, so each
    # account's due amount is at least what it paid (the rate stays within [0, 1]).
    owed = np.maximum(accounts["arrears_start_mxn"] + accounts["billed_mxn"],
                      accounts["collected_mxn"]).sum()
    late_start = accounts["days_past_due_start"] > 0
    cured = current_at_end(accounts)
    contacted = channels[channels["contact_class"] != "none"]
    executed = int(contacted["executed"].sum())
    talkable = contacted[contacted["channel"].isin(result.conversation_channels)]
    conversations = int(contacted["conversations"].sum())
    agreements = promises.drop_duplicates(["account_id", "made_days"])
    resolved = promises[promises["kept"].notna()]
    return {
        "recovery_rate": _ratio(collected, owed),
        "collected_amount": float(collected),
        "cost_total": float(cost),
        "cost_per_peso": _ratio(cost, max(collected, 1.0)),
        "net_recovery": float(collected - cost),
        "write_off_sale_amount": float(sold),
        "net_recovery_with_sale": float(collected + sold - cost),
        "cure_rate": _ratio((cured & late_start).sum(), late_start.sum()),
        "roll_forward_rate": _ratio(roll_forward(accounts).sum(), count),
        "right_party_contact_rate": _ratio(talkable["conversations"].sum(),
                                           talkable["executed"].sum()),
        "promise_rate": _ratio(len(agreements), conversations),
        "promise_kept_rate": _ratio(resolved["kept"].astype(bool).sum(), len(resolved)),
        "contacts_per_account": _ratio(executed, count),
        "complaints_per_1000": _ratio(1000.0 * accounts["complaints"].sum(), count),
        "compliance_blocked": float(channels["blocked"].sum()),
        "compliance_violations": float(violations),
        "agent_utilization": _ratio(result.staff_busy_minutes, result.staff_available_minutes),
        "write_off_rate": _ratio((accounts["status_end"] == AccountStatus.CASTIGADA).sum(), count),
        "settled_per_1000": _ratio(1000.0 * (accounts["status_end"] == AccountStatus.LIQUIDADA).sum(), count),
        "forgiven_amount": float(accounts["discount_mxn"].sum()),
        "policy_failures": float(accounts["policy_failures"].sum()),
    }


def current_at_end(accounts: pd.DataFrame) -> pd.Series:
    """True for accounts with no whole day past due at the end and not written off."""
    return (accounts["days_past_due_end"] < 1.0) & (accounts["status_end"] != AccountStatus.CASTIGADA)


def roll_forward(accounts: pd.DataFrame) -> pd.Series:
    """True for accounts that ended in a worse bucket than they started (write-off is worst)."""
    start = accounts["bucket_start"].map(_RANK)
    end = accounts["bucket_end"].map(_RANK)
    return end > start


def bucket_table(result: ReplicationResult) -> pd.DataFrame:
    """Per starting bucket: accounts, share current at the end, roll-forward,
    write-off and money collected."""
    accounts = result.accounts.assign(
        rolled=roll_forward(result.accounts),
        current_end=current_at_end(result.accounts),
        written_off=result.accounts["status_end"] == AccountStatus.CASTIGADA,
    )
    table = accounts.groupby("bucket_start", sort=False).agg(
        accounts=("account_id", "size"),
        current_end_rate=("current_end", "mean"),
        roll_forward_rate=("rolled", "mean"),
        write_off_rate=("written_off", "mean"),
        collected_mxn=("collected_mxn", "sum"),
    )
    return table.reindex([b for b in BUCKET_NAMES if b in table.index]).reset_index()


def channel_table(result: ReplicationResult) -> pd.DataFrame:
    """Per channel: attempts, executed, blocked by rules, lost for lack of staff,
    stopped by the strategy's own limits, reached, conversations and cost (pesos)."""
    return result.channel_counts.drop(columns="contact_class")


def daily_table(result: ReplicationResult) -> pd.DataFrame:
    """Amount collected on each simulated day and its running total (pesos)."""
    collected = result.collected_by_day
    return pd.DataFrame({
        "day": np.arange(collected.size),
        "collected_mxn": collected,
        "cumulative_mxn": np.cumsum(collected),
    })


def utilisation_table(result: ReplicationResult) -> pd.DataFrame:
    """Per day and staff pool: busy and shift minutes and their ratio ``utilization``.

    The ratio is 0 on days off (no shift minutes); busy minutes exclude
    overtime, so it never exceeds 1 on a workday.
    """
    busy = result.staff_days["busy_minutes"].to_numpy(float)
    shift = result.staff_days["shift_minutes"].to_numpy(float)
    return result.staff_days.assign(
        utilization=np.divide(busy, shift, out=np.zeros_like(busy), where=shift > 0))


def weekly_utilisation(utilisation: pd.DataFrame) -> pd.DataFrame:
    """Per pool and week: busy over shift minutes, mean of the replications and 95% interval.

    A week's share is its busy minutes over its shift minutes, so a holiday does
    not pull it down; weeks (and pools) without shift minutes are left out.

    Args:
        utilisation: :func:`utilisation_table` rows with a ``replication`` column.

    Returns:
        Columns ``pool``, ``week`` (1 = days 0 to 6), ``mean``, ``ci95_low``,
        ``ci95_high``; the interval is clipped to [0, 1].
    """
    totals = utilisation.assign(week=utilisation["day"] // 7 + 1).groupby(
        ["pool", "week", "replication"], sort=False)[["busy_minutes", "shift_minutes"]].sum()
    totals = totals[totals["shift_minutes"] > 0]
    shares = totals["busy_minutes"] / totals["shift_minutes"]
    floor, ceiling = _BOUNDS["agent_utilization"]
    rows = []
    for group, values in shares.groupby(level=["pool", "week"], sort=False):
        pool, week = cast(tuple[str, int], group)
        mean, low, high = mean_ci95(values)
        rows.append((pool, week, mean, max(low, floor), min(high, ceiling)))
    return pd.DataFrame(rows, columns=["pool", "week", "mean", "ci95_low", "ci95_high"])


def summarise(per_replication: pd.DataFrame) -> pd.DataFrame:
    """Tidy summary: one row per KPI with mean and 95% interval, clipped to the
    KPI's possible values.

    Args:
        per_replication: one row per replication, one column per KPI.
    """
    rows = []
    for name in KPI_NAMES:
        mean, low, high = mean_ci95(per_replication[name])
        floor, ceiling = _BOUNDS.get(name, (-np.inf, np.inf))
        rows.append((name, mean, max(low, floor), min(high, ceiling)))
    return pd.DataFrame(rows, columns=["kpi", "mean", "ci95_low", "ci95_high"])


def summary_json(summary: pd.DataFrame) -> dict[str, dict]:
    """``{kpi: {"mean", "ci95": [low, high]}}`` from a tidy summary, rounded to 10
    decimals so that float noise never reaches the JSON."""
    return {
        str(kpi): {"mean": round(float(mean), 10), "ci95": [round(float(low), 10), round(float(high), 10)]}
        for kpi, mean, low, high in summary[["kpi", "mean", "ci95_low", "ci95_high"]].itertuples(
            index=False, name=None)
    }
