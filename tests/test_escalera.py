"""The ladder policy anchors on what is owed and steps down only as far as the company allows."""

from __future__ import annotations

import pytest

from simulator.negotiation import draw_debtors, evaluate, paired_difference, play
from simulator.negotiation.convenio import asks_only_what_is_due, owed_by, standing
from simulator.negotiation.offers import Abono, Aceptar, Liquidacion, Plan
from simulator.negotiation.policies import aceptar_primera, escalera
from simulator.negotiation.registry import PolicyRegistry
from simulator.negotiation.scoring import score
from simulator.paths import dataset
from simulator.strategies import load_strategy


def _played(debtors):
    return [play(escalera, debtor) for debtor in debtors]


@pytest.fixture(scope="module")
def calls():
    return _played(draw_debtors(400, 4))


def _asks(negotiation):
    return [turn.offer for turn in negotiation.history if isinstance(turn.offer, Abono | Plan | Liquidacion)]


def test_the_first_ask_is_what_brings_the_account_current_on_the_next_payday(calls):
    for negotiation in calls:
        account, first = negotiation.debtor.account, _asks(negotiation)[0]
        payday = account.business_days.roll(account.paydays[0])
        current = max(account.limits.min_first_payment_mxn, owed_by(account, payday))
        assert current >= min(account.overdue_mxn, account.balance_mxn)
        assert first == Abono(round(current, 2), payday)


def test_it_never_asks_more_than_is_due_nor_below_the_minimum(calls):
    for negotiation in calls:
        account = negotiation.debtor.account
        for ask in _asks(negotiation):
            if isinstance(ask, Plan):
                assert ask.instalments <= account.limits.max_plan_payments
                assert account.limits.min_first_payment_mxn <= ask.amount_mxn
                assert asks_only_what_is_due(account, ask, account.business_days)
            elif isinstance(ask, Abono):
                assert asks_only_what_is_due(account, ask, account.business_days) or (
                    ask.amount_mxn == account.limits.min_first_payment_mxn)


def test_its_plans_are_convenios_that_leave_the_account_current_when_kept(calls):
    plans = agreed = 0
    for negotiation in calls:
        account = negotiation.debtor.account
        for ask in _asks(negotiation):
            if isinstance(ask, Plan):
                plans += 1
                assert standing(account, ask, account.business_days).current, (account, ask)
        if isinstance(negotiation.agreement, Plan) and negotiation.agreement in _asks(negotiation):
            agreed += 1
            assert score(negotiation).current_at_end
    assert plans > 100 and agreed > 10


def test_a_settlement_only_where_the_bucket_allows_one_and_no_refusals(calls):
    offered = 0
    for negotiation in calls:
        assert negotiation.violations == 0
        for ask in _asks(negotiation):
            if isinstance(ask, Liquidacion):
                assert ask.discount_pct <= negotiation.debtor.account.limits.max_discount_pct
                offered += 1
    assert offered > 0  # the sample has accounts in buckets with an allowed discount


def test_an_evasion_is_never_taken(calls):
    for negotiation in calls:
        for before, turn in zip(negotiation.history, negotiation.history[1:], strict=False):
            if isinstance(turn.offer, Aceptar):
                assert not before.reply.evasive


def test_the_ladder_beats_taking_the_first_offer_debtor_by_debtor():
    debtors = draw_debtors(1000, 1)
    difference = paired_difference(evaluate(escalera, debtors), evaluate(aceptar_primera, debtors))
    assert difference["ci95"][0] > 0.0, difference


def test_it_is_a_shipped_policy_a_strategy_can_name(tmp_path):
    assert PolicyRegistry().resolve("escalera") is escalera
    path = tmp_path / "escalera.yaml"
    text = dataset("strategies", "escalonada.yaml").read_text(encoding="utf-8")
    assert "politica:" not in text
    path.write_text(text.replace("negociacion:", "negociacion:\n  politica: escalera", 1), encoding="utf-8")
    assert load_strategy(path).negotiation.policy == "escalera"
