"""The ladder policy anchors on what is owed and steps down only as far as the company allows."""

from __future__ import annotations

import pytest

from simulator.negotiation import draw_debtors, evaluate, paired_difference, play
from simulator.negotiation.offers import Abono, Aceptar, Liquidacion, Plan
from simulator.negotiation.policies import aceptar_primera, escalera
from simulator.negotiation.registry import PolicyRegistry
from simulator.paths import dataset
from simulator.strategies import load_strategy


def _played(debtors):
    return [play(escalera, debtor) for debtor in debtors]


@pytest.fixture(scope="module")
def calls():
    return _played(draw_debtors(400, 4))


def _asks(negotiation):
    return [turn.offer for turn in negotiation.history if isinstance(turn.offer, Abono | Plan | Liquidacion)]


def test_the_first_ask_is_everything_overdue_on_the_next_payday(calls):
    for negotiation in calls:
        account, first = negotiation.debtor.account, _asks(negotiation)[0]
        overdue = max(account.limits.min_first_payment_mxn, min(account.overdue_mxn, account.balance_mxn))
        assert first == Abono(round(overdue, 2), account.business_days.roll(account.paydays[0]))


def test_it_never_asks_more_than_is_overdue_nor_below_the_minimum(calls):
    for negotiation in calls:
        account = negotiation.debtor.account
        ceiling = max(account.limits.min_first_payment_mxn, account.overdue_mxn) + 10.0
        for ask in _asks(negotiation):
            if isinstance(ask, Plan):
                assert ask.instalments <= account.limits.max_plan_payments
                assert account.limits.min_first_payment_mxn <= ask.amount_mxn
                assert ask.instalments * ask.amount_mxn <= ceiling + 10.0 * ask.instalments
            elif isinstance(ask, Abono):
                assert ask.amount_mxn <= ceiling


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
