"""The readable reference model (one SimPy process per account) gives exactly the engine's tables.

Each case runs the fast engine and :mod:`simulator.engine.reference` on the same
portfolio, strategy and seed and compares every table to the last bit; each
also names what it must show (payments, lost calls, settlements...), so that a
case that stopped exercising its feature fails instead of passing on nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.engine.contact import NO_STAFF, NOT_ENFORCED
from simulator.engine.reference import ReferenceSimulation
from simulator.engine.simulation import Replication, ReplicationResult, Simulation
from simulator.engine.staff import StaffPool
from simulator.experiments.sharding import shard_rows, shard_strategy
from simulator.portfolio.generate import generate_portfolio

_TABLES = ("accounts", "contacts", "promises", "bucket_history", "staff_days")


def _assert_same(engine: ReplicationResult, reference: ReplicationResult) -> None:
    for name in _TABLES:
        pd.testing.assert_frame_equal(getattr(engine, name), getattr(reference, name), check_exact=True,
                                      obj=name)
    np.testing.assert_array_equal(engine.collected_by_day, reference.collected_by_day)
    assert (engine.events, engine.staff_busy_minutes) == (reference.events, reference.staff_busy_minutes)


def _both(portfolio, strategy, parameters, days, seed, *, enforce_compliance=True,
          rows=None) -> ReplicationResult:
    """The engine's result, once the reference gave the same on the same inputs."""
    replication = Replication(days=days, seed=seed, enforce_compliance=enforce_compliance)
    engine, reference = (kind(portfolio, strategy, parameters, replication, rows=rows).run()
                         for kind in (Simulation, ReferenceSimulation))
    _assert_same(engine, reference)
    return engine


def _shown(result: ReplicationResult) -> set[str]:
    """What happened in a run: account end states, promise kinds, contact rules, payments."""
    accounts, contacts = result.accounts, result.contacts
    shown = {*accounts["status_end"], *result.promises["kind"], *contacts["rule_id"]}
    if result.collected_by_day.sum() > 0:
        shown.add("pago")
    if (~contacts["allowed"]).any():
        shown.add("bloqueado")
    if (accounts["bucket_start"] != accounts["bucket_end"]).any():
        shown.add("cambio_de_tramo")
    settlements = result.promises[result.promises["kind"] == "quita"]
    if settlements.duplicated(["account_id", "made_days"]).any():
        shown.add("quita_en_pagos")
    if settlements["kept"].eq(False).any():
        shown.add("quita_anulada")
    return shown


def _nearly_paid(portfolio: pd.DataFrame) -> pd.DataFrame:
    """The accounts with two instalments left: settlements and full payments happen within weeks."""
    return portfolio.assign(balance_mxn=(portfolio["instalment_mxn"] * 2).round(2))


def _late_100_days(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Accounts in the 90+ bucket, where quita_temprana offers 40 %: settlements in several payments."""
    return portfolio.assign(days_past_due=100)


def _late_173_days(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Accounts written off on day 7, when the first weekly snapshot after day 0 is taken:
    the snapshot must come after the write-offs, as in the engine."""
    return portfolio.assign(days_past_due=173)


# case: (strategy, change to the portfolio, accounts, days, seed, rules enforced, what it must show)
_CASES = {
    "sin_gestion": ("nada", None, 150, 120, 5, True, {"pago", "castigada", "cambio_de_tramo"}),
    "escalonada": ("escalonada", None, 150, 120, 5, True, {"permitido", "promesa", "plan"}),
    "reglas": ("agresiva", None, 120, 90, 5, True, {"bloqueado", "permitido"}),
    "sin_control": ("agresiva", None, 120, 90, 5, False, {NOT_ENFORCED}),
    "quita": ("quita_temprana", _nearly_paid, 150, 120, 6, True, {"quita", "liquidada", "pagada"}),
    "quita_en_pagos": ("quita_temprana", _late_100_days, 200, 150, 5, True,
                       {"quita_en_pagos", "quita_anulada", "liquidada"}),
    "politica": ("escalonada_anclaje", None, 120, 90, 5, True, {"promesa"}),
    "castigo_en_corte": ("nada", _late_173_days, 60, 30, 5, True, {"castigada"}),
}


@pytest.mark.parametrize("case", sorted(_CASES))
def test_the_reference_gives_the_engines_tables(case, demo_portfolio, parameters, strategy):
    name, change_portfolio, accounts, days, seed, enforce, must_show = _CASES[case]
    portfolio = demo_portfolio.sample(accounts, random_state=seed).reset_index(drop=True)
    if change_portfolio is not None:
        portfolio = change_portfolio(portfolio)
    result = _both(portfolio, strategy(name), parameters, days, seed, enforce_compliance=enforce)
    assert must_show <= _shown(result)


@pytest.mark.parametrize(("name", "answers", "must_show"), [
    ("llamadas_diarias", {True, False}, NO_STAFF),  # an hour a day: many wait in vain
    ("cola_de_las_diez", {True}, "bloqueado"),  # many get the agent after 22:00, when the rules block them
])
def test_calls_that_queue_for_the_one_agent_match(name, answers, must_show, demo_portfolio, parameters,
                                                  strategy, monkeypatch):
    queued: list = []
    take = StaffPool.take

    def counted(pool, patience_days):
        call = take(pool, patience_days)
        if call is not None:
            queued.append(call)
        return call

    monkeypatch.setattr(StaffPool, "take", counted)
    portfolio = demo_portfolio.sample(120, random_state=3).reset_index(drop=True)
    result = _both(portfolio, strategy(name), parameters, 60, 3)
    assert {call.value for call in queued} == answers
    assert must_show in _shown(result)


def test_each_shard_matches(demo_portfolio, parameters, strategy):
    portfolio = demo_portfolio.sample(160, random_state=8).reset_index(drop=True)
    plan = strategy("escalonada")
    for shard, rows in enumerate(shard_rows(len(portfolio), 2)):
        result = _both(portfolio, shard_strategy(plan, shard, 2), parameters, 90, 8, rows=rows)
        assert len(result.accounts) == len(rows)


@given(accounts=st.integers(20, 80), portfolio_seed=st.integers(0, 10_000), seed=st.integers(0, 2**32 - 1),
       days=st.integers(60, 120),
       name=st.sampled_from(["nada", "escalonada", "digital_primero", "preventiva", "solo_antiguas"]))
@settings(max_examples=8, deadline=None)
def test_generated_portfolios_match(accounts, portfolio_seed, seed, days, name, parameters, strategy):
    _both(generate_portfolio(accounts, seed=portfolio_seed), strategy(name), parameters, days, seed)
