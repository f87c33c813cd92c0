"""Segments and the strategy's own limits."""

from __future__ import annotations

import pytest

from simulator import Replication, Simulation, StrategyError, load_strategy
from simulator.strategies.segments import assign_segments

SEGMENTED = """
nombre: segmentada
segmentos:
  - nombre: grandes
    condiciones: [{columna: balance_mxn, mayor_o_igual: 50000}]
    acciones: [{canal: llamada, desde: atraso, dia: 2}]
  - nombre: con_whatsapp
    condiciones:
      - {columna: whatsapp_opt_in, igual: true}
      - {columna: product, en: [tarjeta, nomina]}
    acciones: [{canal: whatsapp, desde: atraso, dia: 2}]
acciones: [{canal: sms, desde: atraso, dia: 2}]
"""


def _strategy(tmp_path, text):
    path = tmp_path / "estrategia.yaml"
    path.write_text(text, encoding="utf-8")
    return load_strategy(path)


def test_accounts_go_to_the_first_segment_they_meet(tmp_path, sample_portfolio):
    strategy = _strategy(tmp_path, SEGMENTED)
    segments = strategy.resolved_segments()
    assert [s.name for s in segments] == ["grandes", "con_whatsapp", "resto"]
    chosen = assign_segments(sample_portfolio, segments)
    big = sample_portfolio["balance_mxn"] >= 50000
    whatsapp = sample_portfolio["whatsapp_opt_in"] & sample_portfolio["product"].isin(["tarjeta", "nomina"])
    assert (chosen[big.to_numpy()] == 0).all()
    assert (chosen[(~big & whatsapp).to_numpy()] == 1).all()
    assert (chosen[(~big & ~whatsapp).to_numpy()] == 2).all()
    assert {0, 1, 2} <= set(chosen)


def test_each_segment_uses_its_own_actions(tmp_path, sample_portfolio, parameters):
    strategy = _strategy(tmp_path, SEGMENTED)
    portfolio = sample_portfolio.head(300)
    result = Simulation(portfolio, strategy, parameters, Replication(days=40, seed=1)).run()
    contacts = result.contacts.merge(result.accounts[["account_id", "segment"]], on="account_id")
    channels = contacts.groupby("segment")["channel"].unique().map(set).to_dict()
    assert channels == {"grandes": {"llamada"}, "con_whatsapp": {"whatsapp"}, "resto": {"sms"}}


def test_unknown_column_names_file_segment_and_columns(tmp_path, sample_portfolio, parameters):
    strategy = _strategy(tmp_path, SEGMENTED.replace("columna: product", "columna: producto"))
    with pytest.raises(StrategyError) as caught:
        Simulation(sample_portfolio, strategy, parameters, Replication(days=10, seed=1))
    message = str(caught.value)
    assert "con_whatsapp" in message and "producto" in message and "balance_mxn" in message
    assert caught.value.file == strategy.source_file and strategy.source_file.endswith("estrategia.yaml")
    assert caught.value.field == "segmentos[2].condiciones[2].columna"


def test_a_condition_needs_exactly_one_comparison(tmp_path):
    text = "nombre: x\nsegmentos:\n  - nombre: a\n    condiciones: [{columna: c, igual: 1, en: [2]}]\n"
    with pytest.raises(StrategyError, match="exactamente una comparación") as caught:
        _strategy(tmp_path, text)
    assert caught.value.line == 4


def test_weekly_limit_caps_contacts(tmp_path, sample_portfolio, parameters):
    daily = "nombre: diaria\nacciones: [{canal: sms, desde: atraso, dia: 1, cada_dias: 1, hasta_dia: 60}]\n"
    capped = daily.replace("nombre: diaria", "nombre: tope\nlimites: {contactos_por_semana: 2}")
    portfolio = sample_portfolio.head(200)
    replication = Replication(days=60, seed=4)
    free = Simulation(portfolio, _strategy(tmp_path, daily), parameters, replication).run()
    limited = Simulation(portfolio, _strategy(tmp_path, capped), parameters, replication).run()
    executed = limited.contacts[limited.contacts["executed"]].sort_values("time_days")
    for _, times in executed.groupby("account_id")["time_days"]:
        values = times.to_numpy()
        assert all((values[i + 2] - values[i]) >= 7.0 for i in range(len(values) - 2))
    assert (limited.contacts["rule_id"] == "limite_semanal").any()
    assert limited.contacts["executed"].sum() < free.contacts["executed"].sum()
    assert limited.contacts.loc[limited.contacts["rule_id"] == "limite_semanal", "allowed"].all()


def test_budget_per_account_is_never_exceeded(tmp_path, sample_portfolio, parameters):
    text = ("nombre: presupuesto\nlimites: {presupuesto_por_cuenta_mxn: 40}\nrecursos: {agentes: 50}\n"
            "acciones: [{canal: llamada, desde: atraso, dia: 1, cada_dias: 2, hasta_dia: 90}]\n")
    result = Simulation(sample_portfolio.head(200), _strategy(tmp_path, text), parameters,
                        Replication(days=60, seed=2)).run()
    assert (result.accounts["cost_mxn"] <= 40.0 + 1e-9).all()
    assert (result.contacts["rule_id"] == "presupuesto_agotado").any()


def test_minimum_acceptable_payment_bounds_plan_instalments(sample_portfolio, parameters, strategy):
    result = Simulation(sample_portfolio.head(400), strategy("quita_temprana"), parameters,
                        Replication(days=120, seed=6)).run()
    plans = result.promises[result.promises["kind"] == "plan"]
    assert len(plans) > 10
    assert (plans["amount_mxn"] >= 300.0 - 1e-9).all()
