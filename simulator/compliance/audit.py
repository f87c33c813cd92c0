"""Independent audit of executed contacts, vectorised over the whole table.

This is what the simulator reports as ``compliance_violations``. It reads the
rule parameters from the pack but does not use :class:`ContactGuard` or the
rules' ``compile`` checkers: each kind has its own numpy implementation here,
found through a separate registry, so a bug in one side shows up as a
disagreement in the tests instead of hiding in shared code.

Semantics (the same ones the guard documents): contacts are ordered by
account, time and then table order; an earlier contact of the same account at
time ``s`` weighs on a contact at ``t`` when ``t - window < s``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from simulator.calendar import WEEKDAY_NAMES, Calendar
from simulator.compliance.pack import RulePack
from simulator.compliance.rules import RuleSpec
from simulator.errors import ComplianceError

__all__ = [
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "audit_contacts",
    "audited_kinds",
    "register_auditor",
]

INPUT_COLUMNS = (
    "account_id",
    "time_days",
    "channel",
    "contact_class",
    "consented",
    "to_third_party",
    "identified",
    "threatening",
    "conversation",
)
OUTPUT_COLUMNS = ("account_id", "time_days", "channel", "rule_id")

_CLASSES = ("call", "visit", "message", "letter", "none")
_EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (0 = Monday)
_EDGE_MINUTES = 1e-6  # clock edges: 22:00 computed as 21:59:59.9999 is still 22:00
_SLACK_DAYS = 1e-9  # a contact exactly one window later is outside it despite rounding

_FLAGS = ("consented", "to_third_party", "identified", "threatening", "conversation")


@dataclass(frozen=True)
class _Table:
    """Contacts sorted by (account, time, table order), as numpy arrays."""

    account: np.ndarray  # int codes, non-decreasing
    time: np.ndarray  # float64 days
    channel: np.ndarray  # int codes into channel_names
    channel_names: tuple[str, ...]
    klass: np.ndarray  # int codes into class_names
    class_names: tuple[str, ...]
    flags: dict[str, np.ndarray]
    start: np.datetime64
    holidays: np.ndarray  # datetime64[D]

    def of_classes(self, wanted: tuple[str, ...]) -> np.ndarray:
        return np.isin(self.klass, [i for i, n in enumerate(self.class_names) if n in wanted])

    def scope(self, rule: RuleSpec) -> np.ndarray:
        channels = [i for i, n in enumerate(self.channel_names) if n in rule.channels]
        return self.of_classes(rule.classes) | np.isin(self.channel, channels)

    def previous_time(self, rows: np.ndarray, back: int) -> np.ndarray:
        """Time of the ``back``-th previous row among ``rows`` of the same account
        (``-inf`` when there is none), for every row of the table."""
        idx = np.flatnonzero(rows)
        out = np.full(len(self.time), -np.inf)
        if back < len(idx):
            acc, t = self.account[idx], self.time[idx]
            same = acc[back:] == acc[:-back]
            out[idx[back:]] = np.where(same, t[:-back], -np.inf)
        return out

    def last_before(self, rows: np.ndarray) -> np.ndarray:
        """Time of the latest earlier row in ``rows`` of the same account, per row."""
        n = len(self.time)
        where = np.where(rows, np.arange(n), -1)
        upto = np.maximum.accumulate(where) if n else where
        prev = np.concatenate(([-1], upto[:-1])) if n else upto
        safe = np.clip(prev, 0, None)
        valid = (prev >= 0) & (self.account[safe] == self.account)
        return np.where(valid, self.time[safe], -np.inf)


#: A rule of one kind, whose parameters (``hours``, ``window_days``...) an auditor reads by name:
#: their classes live in ``kinds.py``, which this module must not import to stay independent.
_KindRule = Any
Auditor = Callable[[_KindRule, _Table], np.ndarray]
_AUDITORS: dict[str, Auditor] = {}
A = TypeVar("A", bound=Auditor)


def register_auditor(kind: str) -> Callable[[A], A]:
    """Decorator: the vectorised audit of rule kind ``kind`` (returns broken rows)."""

    def decorate(func: A) -> A:
        _AUDITORS[kind] = func
        return func

    return decorate


def audited_kinds() -> list[str]:
    """Kinds that have an audit implementation, sorted."""
    return sorted(_AUDITORS)


def _edge(tab: _Table, span_days: float) -> np.ndarray:
    """Per row, the time after which an earlier contact is within ``span_days``."""
    return tab.time - (span_days - _SLACK_DAYS)


def _clock_minutes(text: str) -> int:
    """``"07:30"`` -> 450 (the pack loader already checked the format)."""
    hours, minutes = text.strip().split(":")
    return int(hours) * 60 + int(minutes)


@register_auditor("contact_hours")
def _hours(rule: _KindRule, tab: _Table) -> np.ndarray:
    day = np.floor_divide(tab.time, 1.0).astype(np.int64)
    minute = np.mod(tab.time, 1.0) * 24.0 * 60.0
    dates = tab.start + day.astype("timedelta64[D]")
    weekday = (dates.astype(np.int64) + _EPOCH_WEEKDAY) % 7
    inside = np.zeros(len(tab.time), dtype=bool)
    for name, ranges in rule.hours.items():
        on_day = weekday == WEEKDAY_NAMES.index(name)
        for text in ranges:
            lo, hi = (_clock_minutes(part) for part in text.split("-"))
            inside |= on_day & (minute >= lo - _EDGE_MINUTES) & (minute < hi - _EDGE_MINUTES)
    if not rule.holidays_allowed:
        inside &= ~np.isin(dates, tab.holidays)
    return tab.scope(rule) & ~inside


@register_auditor("max_attempts")
def _max_attempts(rule: _KindRule, tab: _Table) -> np.ndarray:
    rows = tab.scope(rule)
    return rows & (tab.previous_time(rows, rule.max_attempts) > _edge(tab, rule.window_days))


@register_auditor("min_gap_days")
def _min_gap(rule: _KindRule, tab: _Table) -> np.ndarray:
    rows = tab.scope(rule)
    return rows & (tab.previous_time(rows, 1) > _edge(tab, rule.gap_days))


@register_auditor("max_channels")
def _max_channels(rule: _KindRule, tab: _Table) -> np.ndarray:
    rows = tab.scope(rule)
    others = np.zeros(len(tab.time), dtype=np.int64)
    for code in np.unique(tab.channel[rows]):
        this = rows & (tab.channel == code)
        recent = tab.last_before(this) > _edge(tab, rule.window_days)
        others += recent & ~this
    return rows & (others >= rule.max_channels)


@register_auditor("gap_after_conversation")
def _after_talk(rule: _KindRule, tab: _Table) -> np.ndarray:
    talks = tab.flags["conversation"] & tab.of_classes(rule.after_classes)
    return tab.scope(rule) & (tab.last_before(talks) > _edge(tab, rule.gap_days))


@register_auditor("requires_consent")
def _consent(rule: RuleSpec, tab: _Table) -> np.ndarray:
    return tab.scope(rule) & ~tab.flags["consented"]


@register_auditor("no_third_party")
def _third_party(rule: RuleSpec, tab: _Table) -> np.ndarray:
    return tab.scope(rule) & tab.flags["to_third_party"]


@register_auditor("identification")
def _identified(rule: RuleSpec, tab: _Table) -> np.ndarray:
    return tab.scope(rule) & ~tab.flags["identified"]


@register_auditor("no_threats")
def _threats(rule: RuleSpec, tab: _Table) -> np.ndarray:
    return tab.scope(rule) & tab.flags["threatening"]


def _checked_input(contacts: pd.DataFrame) -> None:
    missing = [c for c in INPUT_COLUMNS if c not in contacts.columns]
    if missing:
        raise ComplianceError(
            f"a la tabla de contactos le faltan columnas: {', '.join(missing)}", field=missing[0]
        )
    for column in ("account_id", "time_days", "channel", "contact_class", *_FLAGS):
        empty = contacts[column].isna().to_numpy()
        if empty.any():
            raise ComplianceError(
                "valor vacío en la tabla de contactos", row=int(np.argmax(empty)) + 1, field=column
            )
    unknown = ~contacts["contact_class"].isin(_CLASSES).to_numpy()
    if unknown.any():
        row = int(np.argmax(unknown))
        raise ComplianceError(
            f"clase de contacto desconocida {contacts['contact_class'].iloc[row]!r}; "
            f"use: {', '.join(_CLASSES)}",
            row=row + 1,
            field="contact_class",
        )


def audit_contacts(contacts: pd.DataFrame, pack: RulePack, calendar: Calendar) -> pd.DataFrame:
    """Every (executed contact, broken rule) pair of a contact log.

    Args:
        contacts: one row per executed contact, columns ``INPUT_COLUMNS``,
            ``time_days`` in days since ``calendar.start``, in execution order
            (ties in time keep that order).
        pack: the rules to audit against.
        calendar: only its start date is used, to find weekdays and holidays.

    Returns:
        Columns ``account_id, time_days, channel, rule_id``, one row per broken
        rule, ordered by contact (table order) and then pack order; no rows
        when everything complies.
    """
    _checked_input(contacts)
    missing = [r.kind for r in pack.rules if r.kind not in _AUDITORS]
    if missing:
        raise ComplianceError(f"no hay auditoría para el tipo de regla {missing[0]!r}")
    kept = np.flatnonzero((contacts["contact_class"] != "none").to_numpy())
    sub = contacts.iloc[kept]
    codes, _ = pd.factorize(sub["account_id"])
    time = sub["time_days"].to_numpy(dtype=np.float64)
    order = np.lexsort((time, codes))
    channel, channel_names = pd.factorize(sub["channel"].astype(str))
    klass, class_names = pd.factorize(sub["contact_class"].astype(str))
    tab = _Table(
        account=codes[order],
        time=time[order],
        channel=channel[order],
        channel_names=tuple(channel_names),
        klass=klass[order],
        class_names=tuple(class_names),
        flags={f: sub[f].to_numpy()[order].astype(bool) for f in _FLAGS},
        start=np.datetime64(calendar.start, "D"),
        holidays=np.array([np.datetime64(d, "D") for d in pack.holidays], dtype="datetime64[D]"),
    )
    positions, rule_ids, ranks = [], [], []
    for rank, rule in enumerate(pack.rules):
        hit = np.flatnonzero(_AUDITORS[rule.kind](rule, tab))
        positions.append(kept[order[hit]])
        rule_ids.append(np.full(len(hit), rule.id, dtype=object))
        ranks.append(np.full(len(hit), rank))
    pos = np.concatenate(positions) if positions else np.array([], dtype=np.int64)
    ids = np.concatenate(rule_ids) if rule_ids else np.array([], dtype=object)
    rank_all = np.concatenate(ranks) if ranks else np.array([], dtype=np.int64)
    by = np.lexsort((rank_all, pos))
    out = contacts.iloc[pos[by]][["account_id", "time_days", "channel"]].reset_index(drop=True)
    out["rule_id"] = pd.Series(ids[by], dtype=object)
    return out
