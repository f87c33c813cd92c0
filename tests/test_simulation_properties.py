"""Invariants of whole simulation runs on generated portfolios (hypothesis)."""

from __future__ import annotations

import bisect
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import Replication, Simulation, dataset, load_parameters, load_strategy
from simulator.engine.account import Account
from simulator.experiments.runner import audit_replication

PARAMETERS = load_parameters()
STRATEGIES = {name: load_strategy(dataset("strategies", f"{name}.yaml"))
              for name in ("nada", "escalonada", "solo_antiguas")}

account = st.fixed_dictionaries({
    "balance_mxn": st.floats(500.0, 200_000.0),
    "days_past_due": st.integers(0, 179),
    "term_months": st.integers(3, 36),
    "income_cycle": st.sampled_from(["semanal", "quincenal", "mensual"]),
    "payday_seed": st.integers(0, 1000),
    "billing_day": st.integers(1, 28),
    "phone_valid": st.booleans(),
    "whatsapp_opt_in": st.booleans(),
    "email_valid": st.booleans(),
    "address_valid": st.booleans(),
})


def _portfolio(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    table.insert(0, "account_id", [f"H{i:04d}" for i in range(len(table))])
    table["instalment_mxn"] = (table["balance_mxn"] / table.pop("term_months")).round(2)
    seed = table.pop("payday_seed")
    table["payday"] = np.select(
        [table["income_cycle"] == "semanal", table["income_cycle"] == "quincenal"],
        [seed % 7, 1 + seed % 15], 1 + seed % 28,
    )
    table["jurisdiction"] = "MX"
    return table


@given(rows=st.lists(account, min_size=1, max_size=25), name=st.sampled_from(sorted(STRATEGIES)),
       seed=st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_money_is_conserved_and_rules_hold(rows, name, seed):
    portfolio = _portfolio(rows)
    result = Simulation(portfolio, STRATEGIES[name], PARAMETERS, Replication(days=90, seed=seed)).run()
    accounts = result.accounts
    accounted = (accounts["collected_mxn"] + accounts["discount_mxn"] + accounts["written_off_mxn"]
                 + accounts["balance_end_mxn"])
    assert np.allclose(accounted, accounts["balance_start_mxn"], rtol=1e-9, atol=1e-6)
    assert (accounts["collected_mxn"] <= accounts["balance_start_mxn"] + 1e-6).all()
    assert (accounts["days_past_due_end"] < PARAMETERS.write_off_days_past_due + 1e-6).all()
    assert result.collected_by_day.sum() == np.float64(accounts["collected_mxn"].sum()) or np.isclose(
        result.collected_by_day.sum(), accounts["collected_mxn"].sum())
    assert audit_replication(result, portfolio).empty
    executed = result.contacts[result.contacts["executed"]]
    assert set(executed["rule_id"]) <= {"permitido"}


@given(rows=st.lists(account, min_size=1, max_size=25), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_payments_within_a_pay_period_never_exceed_its_capacity(rows, seed):
    """Without capacity noise each pay period's budget is exactly the capacity.

    With no contacts every payment is spontaneous, so a debtor pays at most
    once between two paydays, and never more than one capacity.
    """
    portfolio = _portfolio(rows)
    parameters = PARAMETERS.model_copy(update={"capacity_noise": 0.0})
    simulation = Simulation(portfolio, STRATEGIES["nada"], parameters, Replication(days=120, seed=seed))
    payments: list[tuple[Account, float, float]] = []
    receive = Account.receive

    def recording(self, amount_mxn):
        applied = receive(self, amount_mxn)
        if applied > 0.0:
            payments.append((self, self.ctx.env.now, applied))
        return applied

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Account, "receive", recording)
        result = simulation.run()
    assert result.promises.empty
    paid_in_period: dict[tuple[int, int], float] = defaultdict(float)
    payments_in_period: dict[tuple[int, int], int] = defaultdict(int)
    for debtor, when, applied in payments:
        paydays = [day + simulation.ctx.payday_hour for day in debtor.paydays]
        period = debtor.index, bisect.bisect_right(paydays, when)
        paid_in_period[period] += applied
        payments_in_period[period] += 1
    capacity = result.accounts["capacity_mxn"].to_numpy()
    for (index, _), total in paid_in_period.items():
        assert total <= capacity[index] * (1 + 1e-9)
    assert all(count == 1 for count in payments_in_period.values())
