"""The portfolio's own plans are convenios: each payment carries the regular instalments that fall
due while the plan runs besides its share of the arrears, so a kept plan leaves the account current;
while it runs the account is re-aged (current under the convenio), and a plan for the arrears alone
is not."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from simulator import Replication, Simulation, dataset, load_parameters, load_strategy
from simulator.buckets import BUCKET_NAMES
from simulator.engine import conversation
from simulator.negotiation.outcomes import ContactOutcome, PromiseKind

INSTALMENT_MXN = 3_000.0


def _late_simulation(days_past_due: int, balance_mxn: float = 60_000.0, strategy: str = "escalonada"):
    """One late account whose debtor can pay less than its arrears, never overpromises nor settles."""
    portfolio = pd.DataFrame([{
        "account_id": "P0001", "balance_mxn": balance_mxn, "instalment_mxn": INSTALMENT_MXN,
        "days_past_due": days_past_due, "income_cycle": "mensual", "payday": 20, "billing_day": 10,
        "phone_valid": True, "whatsapp_opt_in": False, "email_valid": True,
        "address_valid": True, "jurisdiction": "MX",
    }])
    simulation = Simulation(portfolio, load_strategy(dataset("strategies", f"{strategy}.yaml")),
                            load_parameters(), Replication(days=400, seed=3))
    account = simulation.accounts[0]
    account.persona = account.persona.model_copy(update={"overpromise_probability": 0.0,
                                                         "settlement_acceptance": 0.0})
    account.capacity = 4_000.0
    return simulation


def _late_account(days_past_due: int, balance_mxn: float = 60_000.0):
    return _late_simulation(days_past_due, balance_mxn).accounts[0]


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


def _plan(account) -> list:
    return [promise for promise in account.promises if promise.kind == PromiseKind.PLAN]


def test_a_convenio_re_ages_the_account_and_one_for_the_arrears_alone_does_not():
    account, now = _late_account(65), 0.5
    assert conversation._negotiate(account, now) == ContactOutcome.PLAN
    assert account.ledger.days_past_due(now) == 0.0
    assert account.ledger.agreed == [[promise.due, promise.amount] for promise in _plan(account)]

    arrears_only, now = _late_account(65), 0.5
    share = arrears_only.ledger.arrears(now) / 3
    arrears_only.add_convenio([(10.5, share), (40.5, share), (70.5, share)])
    assert len(_plan(arrears_only)) == 3 and arrears_only.ledger.agreed == []
    assert arrears_only.ledger.days_past_due(now) == pytest.approx(65.5)


@pytest.mark.parametrize("days_past_due", [40, 95, 150])
def test_a_kept_convenio_keeps_the_account_current_every_week_and_it_is_never_written_off(days_past_due):
    simulation = _late_simulation(days_past_due)
    account = simulation.accounts[0]
    assert conversation._negotiate(account, 0.0) == ContactOutcome.PLAN
    account.persona = account.persona.model_copy(update={"honesty": 1.0})
    account.capacity = 40_000.0  # every payment is kept
    plan = _plan(account)
    result = simulation.run()
    assert [record[6] for record in simulation.ctx.promises[:len(plan)]] == [True] * len(plan)
    weekly = result.bucket_history.query("accounts > 0 and day <= @plan[-1].due")
    assert len(weekly) >= 5 and set(weekly["bucket"]) <= {BUCKET_NAMES[0], "pagada"}
    assert result.accounts.loc[0, "status_end"] != "castigada"
