"""Contact fatigue: recent attempts lower the answer rate and, past saturation, push back on paying."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator import RunSettings
from simulator.behaviour.intensity import Intensity
from simulator.experiments.runner import run_strategy
from simulator.parameters import ContactFatigue
from simulator.strategies.policy_names import check_shipped
from simulator.strategies.schema import Strategy

loads = st.floats(min_value=0.0, max_value=50.0)
fatigues = st.builds(ContactFatigue, recovery_days=st.floats(min_value=0.5, max_value=30.0),
                     answer_drop=st.floats(min_value=0.0, max_value=1.0),
                     saturation_load=st.floats(min_value=0.5, max_value=40.0))


@given(fatigues, loads, loads)
def test_more_load_never_helps(fatigue, first, second):
    low, high = sorted((first, second))
    assert fatigue.answer_factor(high) <= fatigue.answer_factor(low) <= 1.0
    assert fatigue.effect_factor(high) <= fatigue.effect_factor(low) <= 1.0


@given(fatigues)
def test_a_contact_stops_helping_at_saturation_and_pushes_back_past_it(fatigue):
    assert fatigue.effect_factor(0.0) == 1.0
    assert fatigue.effect_factor(fatigue.saturation_load) == pytest.approx(0.0, abs=1e-12)
    assert fatigue.effect_factor(2 * fatigue.saturation_load) < 0.0


def test_push_back_takes_a_share_of_the_urge_to_pay():
    intensity = Intensity(0.01, 0.2, 0.5)
    intensity.push_back(0.3)
    assert intensity.excess == pytest.approx(0.35)
    assert intensity.rate() == pytest.approx(0.36)


def _caller(name: str, every_days: int) -> Strategy:
    return Strategy.model_validate({
        "nombre": name, "descripcion": "prueba de fatiga", "recursos": {"agentes": 40, "visitadores": 0},
        "negociacion": {"monto_promesa": "saldo_vencido", "fecha_promesa": "dia_de_pago"},
        "acciones": [{"canal": "llamada", "desde": "atraso", "dia": 1, "cada_dias": every_days,
                      "hasta_dia": 60, "ventana": [9, 18]}]}, context={"check_policy": check_shipped})


def _answered_per_attempt(portfolio, strategy: Strategy, parameters) -> float:
    run = run_strategy(portfolio, strategy, parameters, RunSettings(days=60, seed=5, replications=1))
    calls = run.channels[run.channels["channel"] == "llamada"]
    return float(calls["conversations"].sum() / calls["executed"].sum())


def test_daily_calls_are_answered_less_often_than_weekly_ones(sample_portfolio, parameters):
    late = sample_portfolio[sample_portfolio["days_past_due"].between(1, 30)].head(300)
    daily, weekly = _caller("diaria", 1), _caller("semanal", 7)
    fresh = parameters.model_copy(update={"contact_fatigue": ContactFatigue(
        recovery_days=7.0, answer_drop=0.0, saturation_load=1e9)})
    tired, rested = (_answered_per_attempt(late, daily, world) / _answered_per_attempt(late, weekly, world)
                     for world in (parameters, fresh))
    assert rested == pytest.approx(1.0, rel=0.15)  # without fatigue the rhythm barely matters
    assert tired < rested - 0.1


def test_the_load_fades_with_its_recovery_time(sample_portfolio, parameters):
    from simulator.engine.simulation import Simulation  # noqa: PLC0415 - the engine, only here

    simulation = Simulation(sample_portfolio.head(1), _caller("una", 7), parameters,
                            RunSettings(days=1, seed=1, replications=1).replication(0))
    account = simulation.accounts[0]
    account.tire(10.0, account.contact_load(10.0))
    account.tire(10.0, account.contact_load(10.0))
    assert account.contact_load(10.0) == pytest.approx(2.0)
    days = parameters.contact_fatigue.recovery_days
    assert account.contact_load(10.0 + days) == pytest.approx(2.0 / math.e)
