"""One replication of a portfolio under a strategy: build, run, collect.

A :class:`Simulation` owns one ``simpy.Environment``; every account lives in
it, sleeping on its own timeouts (:mod:`simulator.engine.reference` writes the
same accounts as one SimPy process each). Latent traits (persona, capacity to
pay) are drawn per replication from the run seed only, so every strategy meets
the same debtors.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import simpy

from simulator.behaviour.traits import draw_latent_traits
from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.calendar import DEFAULT_START, Calendar
from simulator.compliance import ContactGuard, load_pack
from simulator.engine.account import Account, AccountStatus
from simulator.engine.contact import NO_STAFF
from simulator.engine.contact_log import ContactLog
from simulator.engine.context import POLICY_LIMIT_RULES, PROMISE_COLUMNS, RunContext
from simulator.engine.profile import assign_paydays, assign_profiles
from simulator.engine.schedule import ActionSchedule
from simulator.engine.staff import StaffPool
from simulator.engine.team_calendar import TeamCalendar
from simulator.negotiation.portfolio_calls import PortfolioNegotiator
from simulator.negotiation.registry import PolicyRegistry
from simulator.parameters import ModelParameters, StaffPoolName
from simulator.strategies.schema import Strategy
from simulator.strategies.segments import assign_segments

__all__ = ["Replication", "ReplicationResult", "Simulation"]

_CALENDAR_MARGIN_DAYS = 400
_SNAPSHOT_EVERY_DAYS = 7.0
#: Allocations between two young-generation collections while a run lasts (Python's default: 700).
_GC_YOUNG_THRESHOLD = 100_000
#: Snapshot labels of closed accounts, after the buckets of open ones.
_CLOSED = tuple(status.value for status in AccountStatus if status is not AccountStatus.ABIERTA)
#: Float columns of the account table and the ``Account`` attribute each comes from.
_FLOAT_COLUMNS = {
    "capacity_mxn": "capacity", "balance_start_mxn": "start_balance",
    "days_past_due_start": "start_dpd", "arrears_start_mxn": "start_arrears",
    "billed_mxn": "billed", "collected_mxn": "collected", "cost_mxn": "cost",
    "complaint_cost_mxn": "complaint_cost", "discount_mxn": "discount",
    "written_off_mxn": "written_off", "write_off_sale_mxn": "sold",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Replication:
    """Which replication a :class:`Simulation` runs, for how long and under which rules.

    The engine's own record of a run's settings, holding only what one
    replication needs: the engine sits below :mod:`simulator.experiments`, whose
    ``RunSettings`` (replications, tables kept, shards) builds one per
    replication with ``RunSettings.replication``.

    Attributes:
        days: simulated days (a fraction ends the run within a day).
        seed: run seed; with ``number`` it fixes every random draw.
        number: replication number (0-based).
        enforce_compliance: block contacts that break the rules (``False`` only
            to see what a strategy would break).
        start: calendar date of day 0.
    """

    days: float
    seed: int
    number: int = 0
    enforce_compliance: bool = True
    start: dt.date = DEFAULT_START


@dataclass(frozen=True)
class ReplicationResult:
    """Tidy tables of one replication: one row per account, contact and promise.

    ``staff_days`` has one row per simulated day and staff pool (``agentes``,
    ``visitadores``): minutes busy with calls or visits begun that day, overtime
    excluded, and minutes on shift (0 on days off); its columns add up to
    ``staff_busy_minutes`` and ``staff_available_minutes``.

    The contact table is built from the packed ``contact_log`` on first use;
    KPIs read the per-channel ``channel_counts`` instead, so a run that nobody
    audits or plots never pays for a row object per contact.
    """

    accounts: pd.DataFrame
    contact_log: ContactLog
    account_ids: list[str]
    parameters: ModelParameters
    promises: pd.DataFrame
    events: int
    staff_busy_minutes: float
    staff_available_minutes: float
    staff_days: pd.DataFrame
    horizon_days: float
    calendar: Calendar
    collected_by_day: np.ndarray
    bucket_history: pd.DataFrame
    conversation_channels: tuple[str, ...]

    @functools.cached_property
    def contacts(self) -> pd.DataFrame:
        """One row per attempted contact, columns ``CONTACT_COLUMNS``, in the order they happened."""
        return self.contact_log.table(self.parameters, self.account_ids)

    @functools.cached_property
    def channel_counts(self) -> pd.DataFrame:
        """Attempts, executed, blocked, lost, limited, reached, conversations and
        cost per channel (see ``ContactLog.channel_counts``)."""
        return self.contact_log.channel_counts(self.parameters, NO_STAFF, POLICY_LIMIT_RULES)


class Simulation:
    """A portfolio under one strategy, for one replication.

    Args:
        portfolio: validated accounts (see ``simulator.portfolio.load_portfolio``).
        strategy: validated strategy.
        parameters: behaviour and channel parameters.
        replication: horizon, seed, replication number, rules and day 0.
        rows: the portfolio rows this simulation holds (a shard, see
            :mod:`simulator.experiments.sharding`); every row by default. Traits and random
            streams are those of the whole portfolio, so an account draws the same
            numbers in every shard layout.
        policies: the negotiation policies a segment may name (a
            :class:`~simulator.negotiation.registry.PolicyRegistry`); only the
            shipped ones when not given.
    """

    def __init__(self, portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters,
                 replication: Replication, *, rows: range | None = None,
                 policies: PolicyRegistry | None = None):
        self.portfolio = portfolio
        env = simpy.Environment()
        calendar = Calendar(replication.start, int(replication.days) + _CALENDAR_MARGIN_DAYS)
        resources = strategy.resources
        holidays = () if resources.holidays == "ninguno" else load_pack(resources.holidays).holidays
        team = TeamCalendar(calendar, resources.workday_numbers(), holidays)
        staff = {
            StaffPoolName.AGENTES: StaffPool(env, resources.agents, resources, team),
            StaffPoolName.VISITADORES: StaffPool(env, resources.field_agents, resources, team),
        }
        guards = {
            code: ContactGuard(load_pack(code), calendar)
            for code in sorted(portfolio["jurisdiction"].unique())
        }
        segments = strategy.resolved_segments()
        self.ctx = RunContext(env, calendar, parameters, strategy, staff, replication.enforce_compliance,
                              float(replication.days), replication.seed, replication.number, len(portfolio))
        if any(segment.negotiation and segment.negotiation.policy for segment in segments):
            self.ctx.negotiator = PortfolioNegotiator(segments, portfolio, policies)
        personas, capacities = draw_latent_traits(portfolio, parameters, replication.seed,
                                                  replication.number)
        membership = assign_segments(portfolio, segments, strategy.source_file, parameters.risk)
        profiles = assign_profiles(portfolio, membership, parameters, guards, segments,
                                   tuple(ActionSchedule(segment.actions, team) for segment in segments))
        self.account_ids = portfolio["account_id"].tolist()
        paydays = assign_paydays(portfolio, calendar)
        billing, balance, instalment, days_past_due = (portfolio[name].tolist() for name in (
            "billing_day", "balance_mxn", "instalment_mxn", "days_past_due"))
        persona_names, capacity = personas.tolist(), capacities.tolist()
        rows = range(len(portfolio)) if rows is None else rows
        self.accounts = [Account(self.ctx, i, self.account_ids[i], profiles[i], paydays[i], billing[i],
                                 balance[i], instalment[i], days_past_due[i], persona_names[i], capacity[i])
                         for i in rows]

    def run(self) -> ReplicationResult:
        """Run to the horizon and return the tables."""
        ctx = self.ctx
        history: list[tuple] = []
        ctx.env.process(self._open(history))
        # Set-up objects live all run: keep the collector from scanning them again and again.
        # The run's own objects (timeouts, tuples) die by reference counting, so the
        # young-generation passes find next to nothing: run them far less often. Only the
        # young generations are collected first: the set-up's garbage is young, and a
        # full pass over the process (pandas and all) costs more than it frees.
        gc.collect(1)
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(max(thresholds[0], _GC_YOUNG_THRESHOLD), *thresholds[1:])
        try:
            ctx.env.run(until=ctx.horizon_days)
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
        history.extend(self._snapshot(ctx.horizon_days))
        return ReplicationResult(
            accounts=self._account_table(),
            contact_log=ctx.contacts,
            account_ids=self.account_ids,
            parameters=ctx.parameters,
            promises=pd.DataFrame(ctx.promises, columns=list(PROMISE_COLUMNS)),
            events=ctx.events,
            staff_busy_minutes=sum(pool.busy_minutes for pool in ctx.staff.values()),
            staff_available_minutes=sum(
                pool.available_minutes(ctx.horizon_days) for pool in ctx.staff.values()
            ),
            staff_days=_staff_days(ctx.staff, ctx.horizon_days),
            horizon_days=ctx.horizon_days,
            calendar=ctx.calendar,
            collected_by_day=np.array(ctx.collected_by_day),
            bucket_history=pd.DataFrame(history, columns=["day", "bucket", "accounts", "balance_mxn"]),
            conversation_channels=tuple(
                name for name, channel in ctx.parameters.channels.items() if channel.conversation
            ),
        )

    def _open(self, history: list[tuple]):
        """At time 0 every account takes its first turn, in portfolio order (each then
        schedules its own events); then the weekly snapshots."""
        for account in self.accounts:
            account.turn()
        yield from self._watch(history)

    def _watch(self, history: list[tuple]):
        """A weekly snapshot of the portfolio by bucket, which is measurement, not model logic."""
        env = self.ctx.env
        while env.now < self.ctx.horizon_days:
            history.extend(self._snapshot(env.now))
            yield env.timeout(_SNAPSHOT_EVERY_DAYS)

    def _snapshot(self, day: float) -> list[tuple]:
        counts = dict.fromkeys((*BUCKET_NAMES, *_CLOSED), 0)
        balances = dict.fromkeys(counts, 0.0)
        open_ = AccountStatus.ABIERTA
        label: str
        for account in self.accounts:
            ledger = account.ledger
            if account.status is not open_:
                label = account.status
            elif (late_since := ledger.aging_from()) is not None and late_since <= day:
                label = BUCKET_NAMES[bucket_index(day - late_since)]
            else:
                label = BUCKET_NAMES[0]
            counts[label] += 1
            balances[label] += ledger.balance
        return [(day, label, counts[label], balances[label]) for label in counts]

    def _account_table(self) -> pd.DataFrame:
        end, accounts = self.ctx.horizon_days, self.accounts
        failures = {} if self.ctx.negotiator is None else self.ctx.negotiator.failures

        def floats(values) -> np.ndarray:
            return np.fromiter(values, float, len(accounts))

        table = pd.DataFrame({
            "account_id": [a.account_id for a in accounts],
            "segment": [a.profile.segment.name for a in accounts],
            "persona": [a.persona_name for a in accounts],
            **{name: floats(getattr(a, attribute) for a in accounts)
               for name, attribute in _FLOAT_COLUMNS.items()},
            "complaints": np.fromiter((a.complaints for a in accounts), np.int64, len(accounts)),
            "policy_failures": np.fromiter((failures.get(a.index, 0) for a in accounts), np.int64,
                                           len(accounts)),
            "status_end": [a.status.value for a in accounts],
            "days_past_due_end": floats(a.ledger.days_past_due(end) for a in accounts),
            "balance_end_mxn": floats(a.ledger.balance for a in accounts),
        })
        table["bucket_start"] = [BUCKET_NAMES[bucket_index(d)] for d in table["days_past_due_start"]]
        end_bucket = [BUCKET_NAMES[bucket_index(d)] for d in table["days_past_due_end"]]
        written_off = table["status_end"] == AccountStatus.CASTIGADA
        table["bucket_end"] = np.where(written_off, AccountStatus.CASTIGADA.value, end_bucket)
        return table


def _staff_days(staff: dict[StaffPoolName, StaffPool], horizon_days: float) -> pd.DataFrame:
    """Busy and shift minutes by day and pool (day-major), from the pools' per-day tallies."""
    days = math.ceil(horizon_days)
    return pd.DataFrame({
        "day": np.repeat(np.arange(days), len(staff)),
        "pool": np.tile(list(staff), days),
        "busy_minutes": np.column_stack([pool.busy_by_day[:days] for pool in staff.values()]).ravel(),
        "shift_minutes": np.column_stack([pool.shift_minutes_by_day(horizon_days)
                                          for pool in staff.values()]).ravel(),
    })
