"""Invariants of whole simulation runs on generated portfolios (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import Simulation, dataset, load_parameters, load_strategy
from simulator.runner import audit_replication

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
    result = Simulation(portfolio, STRATEGIES[name], PARAMETERS, 90, seed).run()
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
