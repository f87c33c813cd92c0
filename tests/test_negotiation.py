"""The negotiation engine: the simulated debtor, the supervisor and the keeping model."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from simulator.negotiation import (
    Abono,
    Aceptar,
    Escuchar,
    Liquidacion,
    Negotiation,
    NegotiationError,
    NegotiationState,
    Plan,
    PolicyLimits,
    Terminar,
    draw_debtors,
    play,
)
from simulator.negotiation.model import Mind, burden, keep_probability
from simulator.strategies.schema import Negotiation as NegotiationRules


@pytest.fixture(scope="module")
def debtors():
    return draw_debtors(400, 7)


def _random_policy(seed: int):
    """Offers of every kind, inside and outside policy, drawn from a seeded generator."""
    rng = np.random.default_rng(seed)

    def policy(state: NegotiationState):
        kind, day = int(rng.integers(7)), int(rng.integers(0, 20))
        amount = float(state.instalment_mxn * rng.uniform(0.05, 3.0))
        if kind == 0:
            return Escuchar()
        if kind in (1, 2):
            return Aceptar()
        if kind == 3:
            return Liquidacion(float(rng.uniform(0.0, 40.0)), day)
        if kind == 4:
            return Plan(int(rng.integers(1, 6)), amount / 2.0, day, int(rng.choice([7, 15, 30])))
        return Abono(amount, day)

    return policy


def test_debtors_are_reproducible_by_seed_and_late():
    first, again, other = draw_debtors(30, 5), draw_debtors(30, 5), draw_debtors(30, 6)
    assert first == again
    assert first != other
    assert all(debtor.account.days_past_due > 0 for debtor in first)
    assert all(debtor.account.paydays[0] >= debtor.account.today for debtor in first)


def test_debtors_come_from_the_portfolio_personas(debtors, parameters):
    personas = {debtor.persona for debtor in debtors}
    assert personas <= set(parameters.personas) and len(personas) >= 6
    for debtor in debtors[:50]:
        persona = parameters.personas[debtor.persona]
        assert debtor.savings_mxn == pytest.approx(debtor.capacity_mxn * persona.savings_months)
        assert debtor.honesty == persona.honesty


def test_the_collector_never_sees_capacity_or_reservation(debtors):
    fields = {field.name for field in dataclasses.fields(NegotiationState)}
    hidden = {"capacity_mxn", "reservation", "aspiration", "persona", "fairness", "patience", "honesty"}
    assert not fields & hidden
    assert isinstance(Negotiation(debtors[0]).state.paydays[0], dt.date)


def test_no_agreement_or_counter_ever_exceeds_the_reservation(debtors):
    """Reservation = the largest burden (pesos asked / money available that day) the debtor
    would ever sign; no offer beyond it is accepted, however it is anchored or conceded."""
    agreements = 0
    for seed in range(3):
        policy = _random_policy(seed)
        for debtor in debtors:
            negotiation = play(policy, debtor)
            for turn in negotiation.history:
                if turn.reply.counter is not None:
                    assert burden(debtor, turn.reply.counter) <= debtor.reservation + 1e-9
            if negotiation.agreement is not None:
                agreements += 1
                assert burden(debtor, negotiation.agreement) <= debtor.reservation + 1e-9
    assert agreements > 200


def test_an_offer_outside_policy_is_refused_by_the_supervisor(debtors):
    late = next(d for d in debtors if d.account.bucket == "90+")
    early = next(d for d in debtors if d.account.bucket == "1-30")
    assert late.account.limits.max_discount_pct == 25.0 and early.account.limits.max_discount_pct == 0.0
    cases = [
        (late, Liquidacion(40.0, 3), "quita máxima autorizada para este tramo es 25 %"),
        (early, Liquidacion(10.0, 3), "quita máxima autorizada para este tramo es 0 %"),
        (early, Plan(6, 100.0, 3, 15), "el plan más largo autorizado es de 4 pagos"),
        (early, Abono(20.0, 3), "pago mínimo aceptable es $50.00"),
        (early, Abono(100.0, early.account.today - dt.timedelta(days=1)), "ya pasó"),
        (early, Abono(100.0, 60), "dentro de 31 días"),
        (early, Abono(early.account.balance_mxn + 1.0, 3), "no se puede pactar más que el saldo"),
    ]
    for debtor, offer, message in cases:
        negotiation = Negotiation(debtor)
        reply = negotiation.respond(offer)
        assert reply.kind == "supervisor" and message in reply.text, reply.text
        assert negotiation.violations == 1 and negotiation.mind.anchor is None
        assert not negotiation.finished and negotiation.agreement is None


def test_accepting_a_counter_outside_policy_is_refused_too(debtors):
    debtor = next(d for d in debtors if d.account.bucket == "90+" and d.account.balance_mxn > 20000)
    negotiation = Negotiation(debtor)
    reply = negotiation.respond(Liquidacion(5.0, debtor.account.paydays[0]))
    if reply.kind == "contraoferta" and isinstance(reply.counter, Liquidacion):
        assert reply.counter.discount_pct > 25.0
        assert negotiation.respond(Aceptar()).kind == "supervisor"
    assert Negotiation(debtor).respond(Aceptar()).kind == "invalida"


def test_limits_follow_the_strategy_section():
    rules = NegotiationRules.model_validate({"quita_maxima": {"61-90": 0.1, "90+": 0.3}, "plan_max_pagos": 6,
                                            "pago_minimo_aceptable_mxn": 200})
    limits = PolicyLimits.from_rules(rules, "90+", minimum_payment_mxn=50.0)
    assert limits == PolicyLimits(max_discount_pct=30.0, min_first_payment_mxn=200.0, max_plan_payments=6)
    assert PolicyLimits.from_rules(rules, "1-30", 50.0).max_discount_pct == 0.0


def test_promises_above_capacity_are_kept_less(debtors):
    debtor = next(d for d in debtors if d.honesty > 0.8 and d.capacity_mxn > 500)
    payday = debtor.account.paydays[0]
    off = next(payday + dt.timedelta(days=k) for k in range(3, 10)
               if not debtor.near_payday(payday + dt.timedelta(days=k)))
    capacity = debtor.capacity_mxn
    kept = [keep_probability(debtor, Abono(share * capacity, payday)) for share in (0.3, 0.7, 1.0, 1.5, 2.5)]
    assert all(a > b for a, b in zip(kept, kept[1:], strict=False))
    assert kept[0] > 0.9 * debtor.honesty and kept[-1] < 0.1
    assert keep_probability(debtor, Abono(0.7 * capacity, off)) < kept[1]
    assert keep_probability(debtor, Abono(0.7 * capacity, payday), evasive=True) < 0.5 * kept[1]


def test_agreements_beyond_capacity_are_kept_less_across_debtors(debtors):
    """Only debtors who overpromise sign for more than they will have; those promises break."""
    kept = {0.5: [], 1.2: []}
    for debtor in debtors:
        payday = debtor.account.paydays[0]
        for share, values in kept.items():
            offer = Abono(round(share * debtor.available(payday), 2), payday)
            if offer.amount_mxn >= 50.0 and Negotiation(debtor).respond(offer).kind == "acepta":
                values.append((debtor.overpromiser, keep_probability(debtor, offer)))
    assert len(kept[1.2]) >= 10 and len(kept[0.5]) >= 50
    assert all(overpromiser for overpromiser, _ in kept[1.2])
    assert np.mean([p for _, p in kept[1.2]]) < np.mean([p for _, p in kept[0.5]]) - 0.3


def test_the_anchor_pulls_the_threshold_up_but_an_outrageous_one_does_not(debtors):
    debtor = next(d for d in debtors if not d.overpromiser and d.reservation > 0.5)
    r = debtor.reservation
    fair, outrageous, start = Mind(debtor), Mind(debtor), Mind(debtor).threshold()
    fair.hear(1.1 * r)
    outrageous.hear(debtor.model.outrage * r * 1.2)
    assert fair.threshold() > start + 0.3 * (r - debtor.aspiration)
    assert outrageous.threshold() <= start + 1e-12
    assert outrageous.patience < fair.patience


def test_fast_concessions_lower_the_threshold(debtors):
    debtor = next(d for d in debtors if not d.overpromiser and d.reservation > 0.5)
    r = debtor.reservation
    slow, fast = Mind(debtor), Mind(debtor)
    for mind, steps in ((slow, (1.1, 1.02, 0.95)), (fast, (1.1, 0.75, 0.6))):
        for step in steps:
            mind.hear(step * r)
    assert fast.threshold() < slow.threshold()


def test_the_session_speaks_spanish_and_stops_when_finished(debtors):
    negotiation = Negotiation(debtors[3])
    negotiation.respond(Escuchar())
    reply = negotiation.respond(Terminar())
    assert reply.kind == "fin" and negotiation.finished and negotiation.ending == "terminada"
    lines = negotiation.transcript()
    assert lines[0] == ("gestor", "Cuénteme, ¿cómo está su situación y qué puede hacer para ponerse "
                                  "al corriente?")
    with pytest.raises(NegotiationError, match="ya terminó"):
        negotiation.respond(Escuchar())
    with pytest.raises(NegotiationError, match="se esperaba una jugada"):
        Negotiation(debtors[3]).respond("págueme")


def test_bad_offer_values_are_refused_in_spanish():
    with pytest.raises(NegotiationError, match="mayor que 0"):
        Abono(-5.0)
    with pytest.raises(NegotiationError, match="porcentaje"):
        Liquidacion(0.2 * 1000)
    with pytest.raises(NegotiationError, match="número entero"):
        Plan(2.5, 100.0)
    with pytest.raises(NegotiationError, match="fecha"):
        Abono(100.0, "mañana")


def test_a_session_is_deterministic(debtors):
    policy = _random_policy(3)
    first = [turn.reply for turn in play(policy, debtors[10]).history]
    again = [turn.reply for turn in play(_random_policy(3), debtors[10]).history]
    assert first == again
