"""The portfolio's own plans are convenios: each payment carries the regular instalments that fall
due while the plan runs besides its share of the arrears, so a kept plan leaves the account current."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from simulator import Replication, Simulation, dataset, load_parameters, load_strategy
from simulator.engine import conversation
from simulator.negotiation.outcomes import ContactOutcome, PromiseKind

INSTALMENT_MXN = 3_000.0


def _late_account(days_past_due: int, balance_mxn: float = 60_000.0):
    """A late account whose debtor can pay less than its arrears, never overpromises nor settles."""
    portfolio = pd.DataFrame([{
        "account_id": "P0001", "balance_mxn": balance_mxn, "instalment_mxn": INSTALMENT_MXN,
        "days_past_due": days_past_due, "income_cycle": "mensual", "payday": 20, "billing_day": 10,
        "phone_valid": True, "whatsapp_opt_in": False, "email_valid": True,
        "address_valid": True, "jurisdiction": "MX",
    }])
    simulation = Simulation(portfolio, load_strategy(dataset("strategies", "escalonada.yaml")),
                            load_parameters(), Replication(days=400, seed=3))
    account = simulation.accounts[0]
    account.persona = account.persona.model_copy(update={"overpromise_probability": 0.0,
                                                         "settlement_acceptance": 0.0})
    account.capacity = 4_000.0
    return account


@pytest.mark.parametrize(("days_past_due", "balance_mxn"), [(40, 60_000.0), (65, 60_000.0), (95, 60_000.0),
                                                            (65, 14_000.0)])
def test_a_plan_pays_the_instalments_that_fall_due_and_a_share_of_the_arrears(days_past_due, balance_mxn):
    account, now = _late_account(days_past_due, balance_mxn), 0.5
    arrears = account.ledger.arrears(now)
    assert conversation._negotiate(account, now) == ContactOutcome.PLAN
    plan = [promise for promise in account.promises if promise.kind == PromiseKind.PLAN]
    last = plan[-1].due
    fallen = sum(1 for _ in itertools.takewhile(lambda day: day <= last, account.due_days(now)))
    assert fallen >= len(plan) - 1  # instalments keep falling due while the plan runs
    owed_at_end = min(balance_mxn, arrears + INSTALMENT_MXN * fallen)
    assert sum(promise.amount for promise in plan) == pytest.approx(owed_at_end)  # kept: current at the end
    for promise in plan:
        assert promise.amount >= min(balance_mxn / len(plan), arrears / len(plan) + INSTALMENT_MXN) - 1e-6
