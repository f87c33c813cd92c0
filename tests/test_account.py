"""One account's money between paydays: one spontaneous payment per pay period, whole
instalments in a partial payment, the period's budget shared with promises (unit tests)."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import simulator
from simulator import Replication, Simulation, dataset, load_parameters, load_strategy
from simulator.engine.account import Account
from simulator.negotiation.outcomes import PromiseKind

CAPACITY_MXN = 5_000.0


@pytest.fixture
def account():
    """A late account whose arrears (40,000) exceed its capacity, with every draw made certain."""
    portfolio = pd.DataFrame([{
        "account_id": "U0001", "balance_mxn": 100_000.0, "instalment_mxn": 10_000.0,
        "days_past_due": 100, "income_cycle": "mensual", "payday": 20, "billing_day": 10,
        "phone_valid": True, "whatsapp_opt_in": False, "email_valid": True,
        "address_valid": True, "jurisdiction": "MX",
    }])
    parameters = load_parameters().model_copy(update={"capacity_noise": 0.0})
    simulation = Simulation(portfolio, load_strategy(dataset("strategies", "nada.yaml")),
                            parameters, Replication(days=120, seed=3))
    debtor = simulation.accounts[0]
    debtor.capacity = CAPACITY_MXN
    debtor.persona = debtor.persona.model_copy(
        update={"full_payment_probability": 1.0, "honesty": 1.0})
    return debtor


def _run_until(debtor, t: float) -> None:
    debtor.ctx.env.run(until=t)  # no account process runs: only the clock moves


def test_after_a_payment_the_next_urge_in_the_period_passes(account):
    payday = account.next_payday(0.0)
    _run_until(account, payday - 3.0)
    account.receive(0.6 * CAPACITY_MXN)  # e.g. a kept promise earlier in the period
    account.intensity.jump(2.0)  # a call prompts the debtor again
    account._spontaneous_payment()
    assert account.collected == pytest.approx(0.6 * CAPACITY_MXN)
    assert account.intensity.rate() == pytest.approx(account.persona.floor_per_day)


@pytest.mark.parametrize("capacity_mxn", [25_000.0, 38_000.0])
def test_a_partial_payment_is_a_whole_number_of_instalments(account, capacity_mxn):
    account.capacity = capacity_mxn  # arrears 40,000 in instalments of 10,000
    account.persona = account.persona.model_copy(update={"full_payment_probability": 0.0})
    for month in range(2):  # 40,000 cannot be gone before the second
        payday = account.next_payday(month * 30.0 + 1.0)
        _run_until(account, payday + 0.1)
        before = account.collected
        account._spontaneous_payment()
        paid = account.collected - before
        assert paid >= 10_000.0 and paid % 10_000.0 == pytest.approx(0.0, abs=0.01)


@pytest.mark.parametrize(("factor", "expected"), [(1.0, 1.0), (0.5, 0.125), (0.0, 0.0)])
def test_each_overdue_instalment_past_the_first_lowers_the_chance_of_clearing_it(
        account, factor, expected):
    account.ctx.parameters = account.ctx.parameters.model_copy(
        update={"full_payment_arrears_factor": factor})
    assert account._clearing_chance(40_000.0) == pytest.approx(expected)  # four overdue
    assert account._clearing_chance(20_000.0) == pytest.approx(factor)  # two of them
    assert account._clearing_chance(10_000.0) == 1.0  # the oldest alone: no change


def test_a_debtor_deep_in_arrears_who_never_clears_all_pays_part(account):
    account.capacity = 100_000.0  # money is no limit: only the full-payment draw decides
    account.ctx.parameters = account.ctx.parameters.model_copy(
        update={"full_payment_arrears_factor": 0.0})
    _run_until(account, account.next_payday(1.0) + 0.1)
    account._spontaneous_payment()
    assert 10_000.0 <= account.collected < account.start_arrears


def test_a_payday_restores_the_budget(account):
    payday = account.next_payday(0.0)
    _run_until(account, payday - 3.0)
    account._spontaneous_payment()
    _run_until(account, payday + 0.1)
    account._spontaneous_payment()
    assert account.collected == pytest.approx(2 * CAPACITY_MXN)
    following = account.next_payday(payday + 0.2)
    _run_until(account, following - 0.5)  # still the period that began at ``payday``
    account._spontaneous_payment()
    assert account.collected == pytest.approx(2 * CAPACITY_MXN)
    _run_until(account, following)  # a payday at its very hour opens the next period
    account._spontaneous_payment()
    assert account.collected == pytest.approx(3 * CAPACITY_MXN)


@pytest.mark.parametrize("spent_share, kept", [(0.0, True), (0.9, False)])
def test_a_promise_in_a_spent_period_finds_less_money(account, spent_share, kept):
    payday = account.next_payday(0.0)
    _run_until(account, payday - 1.0)  # near the payday: the whole budget counts
    if spent_share:
        account.receive(spent_share * CAPACITY_MXN)
    account.add_promise(payday - 0.5, 0.5 * CAPACITY_MXN, PromiseKind.PROMESA)
    _run_until(account, payday - 0.5)
    account._promise_due(account.promises[0])
    assert account.ctx.promises[0][6] is kept


def _account_writes(source: str) -> list[str]:
    """``name.field`` targets of assignments in ``source`` where ``field`` is an Account slot
    and ``name`` is not ``self`` (another object writing an account's state)."""
    writes = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            for part in ast.walk(target):
                if (isinstance(part, ast.Attribute) and isinstance(part.ctx, ast.Store)
                        and part.attr in Account.__slots__
                        and not (isinstance(part.value, ast.Name) and part.value.id == "self")):
                    writes.append(f"{ast.unparse(part)} (línea {node.lineno})")
    return writes


def test_only_the_account_writes_its_own_fields():
    """Other modules change an account through its verbs (charge, complain, dispute, ...)."""
    package = Path(simulator.__file__).parent
    found = {str(path.relative_to(package)): writes
             for path in sorted(package.rglob("*.py")) if path != package / "engine" / "account.py"
             for writes in [_account_writes(path.read_text(encoding="utf-8"))] if writes}
    assert found == {}


def test_the_field_check_sees_a_write_from_outside():
    assert _account_writes("def f(account, rate):\n    account.cost += 1.0\n"
                           "    account.handed_over, x = True, 2\n    self.cost = 0.0\n") == [
        "account.cost (línea 2)", "account.handed_over (línea 3)"]
