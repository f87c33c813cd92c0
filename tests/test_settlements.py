"""Settlements (quitas) paid in a few payments, the propensity that drives them, and the sale
of written-off balances (docs/modelo.md, «Quitas y venta de cartera castigada»)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import Replication, Simulation, dataset, load_parameters, load_strategy
from simulator.engine.account import AccountStatus
from simulator.errors import ParametersError
from simulator.experiments.kpis import replication_kpis
from simulator.negotiation.outcomes import PromiseKind
from simulator.parameters import SettlementParameters
from simulator.paths import PROJECT_ROOT

BALANCE_MXN = 100_000.0
SETTLED_MXN = 60_000.0  # a 40 % discount


def _late_account(days_past_due: int = 100):
    """One late account that nothing moves but the test: no strategy, every payment drawn by hand."""
    portfolio = pd.DataFrame([{
        "account_id": "Q0001", "balance_mxn": BALANCE_MXN, "instalment_mxn": 5_000.0,
        "days_past_due": days_past_due, "income_cycle": "mensual", "payday": 20, "billing_day": 10,
        "phone_valid": True, "whatsapp_opt_in": False, "email_valid": True,
        "address_valid": True, "jurisdiction": "MX",
    }])
    simulation = Simulation(portfolio, load_strategy(dataset("strategies", "nada.yaml")),
                            load_parameters(), Replication(days=400, seed=3))
    return simulation.accounts[0]


def _book_settlement(account, payments: int) -> list:
    """A settlement of ``SETTLED_MXN`` in ``payments`` monthly payments the debtor can always afford."""
    for number in range(payments):
        account.add_promise(1.0 + 30.0 * number, SETTLED_MXN / payments, PromiseKind.QUITA,
                            reserve=BALANCE_MXN)
    return list(account.promises)


def _pay(account, promise, honest: bool) -> None:
    account.persona = account.persona.model_copy(update={"honesty": 1.0 if honest else 0.0})
    account.ctx.env.run(until=promise.due)
    account._promise_due(promise)


@given(payments=st.integers(1, 4))
@settings(max_examples=8, deadline=None)
def test_a_settlement_forgives_the_rest_only_after_its_last_payment(payments):
    account = _late_account()
    booked = _book_settlement(account, payments)
    for promise in booked[:-1]:
        _pay(account, promise, honest=True)
        assert (account.status, account.discount) == (AccountStatus.ABIERTA, 0.0)
    _pay(account, booked[-1], honest=True)
    assert account.status is AccountStatus.LIQUIDADA
    assert account.collected == pytest.approx(SETTLED_MXN)
    assert account.discount == pytest.approx(BALANCE_MXN - SETTLED_MXN)
    assert account.ledger.balance == 0.0


@given(payments=st.integers(1, 4), data=st.data())
@settings(max_examples=10, deadline=None)
def test_a_broken_settlement_payment_voids_the_deal(payments, data):
    account = _late_account()
    booked = _book_settlement(account, payments)
    broken = data.draw(st.integers(0, payments - 1), label="broken payment")
    for promise in booked[:broken]:
        _pay(account, promise, honest=True)
    _pay(account, booked[broken], honest=False)
    assert not any(promise.kind == PromiseKind.QUITA for promise in account.promises)
    assert (account.status, account.discount) == (AccountStatus.ABIERTA, 0.0)
    assert account.ledger.balance == pytest.approx(BALANCE_MXN - SETTLED_MXN / payments * broken)


@given(floor=st.floats(0.0, 1.0), midpoint=st.floats(0.0, 365.0), width=st.floats(1.0, 120.0),
       days=st.lists(st.floats(0.0, 400.0), min_size=2, max_size=2))
def test_the_propensity_rises_with_days_past_due(floor, midpoint, width, days):
    terms = SettlementParameters(max_payments=3, propensity_floor=floor, propensity_midpoint_days=midpoint,
                                 propensity_width_days=width, borrowing_months=3.0)
    shallow, deep = sorted(days)
    assert floor <= terms.propensity(shallow) <= terms.propensity(deep) <= 1.0


def test_quita_temprana_books_settlements(demo_portfolio, parameters, strategy):
    """On 600 late accounts, 1 to 6 % of the agreements are settlements (docs/modelo.md), some
    in more than one payment, and some are kept to the end."""
    late = demo_portfolio[demo_portfolio["days_past_due"] > 30]
    portfolio = late.sample(600, random_state=7).reset_index(drop=True)
    result = Simulation(portfolio, strategy("quita_temprana"), parameters,
                        Replication(days=180, seed=7)).run()
    promises = result.promises
    agreements = promises.drop_duplicates(["account_id", "made_days"])
    settlements = agreements[agreements["kind"] == PromiseKind.QUITA]
    assert len(settlements) > 0
    assert 0.01 <= len(settlements) / len(agreements) <= 0.06
    payments = promises[promises["kind"] == PromiseKind.QUITA].groupby(["account_id", "made_days"]).size()
    assert (payments > 1).any()
    assert (result.accounts["status_end"] == AccountStatus.LIQUIDADA).any()


@pytest.mark.parametrize("price", [0.04, 0.12])
def test_the_sale_of_written_off_balances_is_their_price(demo_portfolio, parameters, strategy, price):
    portfolio = demo_portfolio.sample(40, random_state=2).reset_index(drop=True).assign(days_past_due=178)
    priced = parameters.model_copy(update={"write_off_sale_price": price})
    result = Simulation(portfolio, strategy("nada"), priced, Replication(days=10, seed=2)).run()
    accounts = result.accounts
    written_off = accounts[accounts["status_end"] == AccountStatus.CASTIGADA]
    assert len(written_off) > 0
    # A written-off account loses what it still owed: its balance less what it paid.
    assert written_off["written_off_mxn"].to_numpy() == pytest.approx(
        (written_off["balance_start_mxn"] - written_off["collected_mxn"]).to_numpy())
    kpis = replication_kpis(result, violations=0)
    assert kpis["write_off_sale_amount"] == pytest.approx(price * written_off["written_off_mxn"].sum())
    assert kpis["net_recovery_with_sale"] == pytest.approx(
        kpis["net_recovery"] + kpis["write_off_sale_amount"])


def test_a_bad_settlement_key_names_its_file_line_and_field(tmp_path):
    source = (PROJECT_ROOT / "simulator" / "parameters.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "parametros.yaml"
    bad.write_text(source.replace("  max_payments: 3 ", "  max_payments: 0 "), encoding="utf-8")
    with pytest.raises(ParametersError) as caught:
        load_parameters(bad)
    assert caught.value.field == "settlement.max_payments" and caught.value.line is not None
    assert "parametros.yaml" in str(caught.value)
