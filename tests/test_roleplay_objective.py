"""A call is scored against its goal: the ending it asks for and a firm promise that reaches the minimum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from simulator.roleplay import RolePlay, load_library, load_scenario
from simulator.roleplay.objective import assess_objective
from simulator.roleplay.replay import play_path
from simulator.roleplay.schema import Objective

MINIMAL = Path(__file__).parent / "data" / "dialogo_minimo.yaml"
LIBRARY = load_library()


def _variant(tmp_path, old: str, new: str):
    """The minimal scenario with one piece of text changed."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "dialogo_minimo.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_scenario(path)


def test_a_firm_promise_at_the_goal_passes():
    _, result = play_path(load_scenario(MINIMAL), [0, 0], ["800"])
    assert result.objective == {"cumplido": True, "ideal": True, "firme": True, "faltas": []}
    assert result.passed and "Meta de la llamada: cumplida (alcanzó el ideal)." in result.lines()


def test_an_amount_below_the_minimum_fails_however_friendly_the_call():
    scenario = load_scenario(MINIMAL)
    _, good = play_path(scenario, [0, 0], ["800"])
    _, low = play_path(scenario, [0, 0], ["400"])
    assert low.ending == "promesa_de_pago" and low.promise["firme"]
    assert not low.objective_met and not low.passed and low.total >= 70
    assert any("debajo de la meta mínima ($500.00)" in miss for miss in low.objective["faltas"])
    assert low.scores["compromiso"] < good.scores["compromiso"]


def test_a_promise_without_an_official_channel_is_not_firm(tmp_path):
    scenario = _variant(tmp_path, "[pregunta_abierta, fecha_de_pago, canal_oficial]",
                        "[pregunta_abierta, fecha_de_pago]")
    _, result = play_path(scenario, [0, 0], ["800"])
    assert result.promise["firme"] is False and not result.passed
    assert any("canal oficial" in miss for miss in result.objective["faltas"])
    assert any(line.startswith("Promesa (no firme)") for line in result.lines())


def test_a_date_off_the_debtors_payday_misses_the_goal(tmp_path):
    scenario = _variant(tmp_path, "promesa: {fecha: 2026-03-13}", "promesa: {fecha: 2026-03-16}")
    _, result = play_path(scenario, [0, 0], ["800"])
    assert not result.objective_met
    assert any("día en que el deudor recibe dinero" in miss for miss in result.objective["faltas"])


def test_an_ending_the_goal_does_not_accept_names_both_endings():
    _, result = play_path(load_scenario(MINIMAL), [1])
    assert result.ending == "colgo" and not result.objective_met
    assert result.objective["faltas"] == [
        "La meta pide terminar en «Promesa de pago»; la llamada terminó en «El deudor colgó»."]


def test_a_promise_beyond_capacity_will_break():
    scenario = load_scenario(MINIMAL)
    verdict = assess_objective(scenario, "promesa_de_pago", Decimal("1200"), dt.date(2026, 3, 13),
                               {"canal_oficial"})
    assert not verdict.met and verdict.firm
    assert any("pasa de lo que el deudor puede pagar" in miss for miss in verdict.misses)


def test_the_minimum_counts_but_only_the_ideal_is_ideal():
    scenario = LIBRARY["negociacion_abono"]
    at_min = assess_objective(scenario, "promesa_de_pago", Decimal("1500"), dt.date(2026, 3, 14),
                              {"canal_oficial"})
    at_ideal = assess_objective(scenario, "promesa_de_pago", Decimal("1700"), dt.date(2026, 3, 14),
                                {"canal_oficial"})
    assert (at_min.met, at_min.ideal) == (True, False)
    assert (at_ideal.met, at_ideal.ideal) == (True, True)


def _through_first_amount(scenario, level: str) -> list[int]:
    """The model call's choices up to and including the first one that asks for an amount."""
    path, session = scenario.model_path(level), RolePlay(scenario, level, 1)
    for step, index in enumerate(path.choices):
        if session.choices[index].asks_for == "monto":
            return list(path.choices[:step + 1])
        session.choose(index, path.inputs[0] if session.choices[index].asks_for else None)
    raise AssertionError("the model call never asks for an amount")


def test_negociacion_abono_a_thousand_is_not_the_best_close():
    scenario = LIBRARY["negociacion_abono"]
    prefix = _through_first_amount(scenario, "media")
    session, _ = play_path(scenario, prefix, ["1,000"])
    assert session.node == "monto_bajo"
    assert "más de" not in session.debtor_line  # he does not pass the typed amount off as his limit
    session, result = play_path(scenario, [*prefix, 1], ["1,000"])
    assert result.ending == "promesa_de_pago" and not result.passed and not result.objective_met
    assert not any("mejor cierre" in line for line in result.lines())


def test_aviso_buro_90_a_low_typed_amount_is_not_his_limit():
    scenario = LIBRARY["aviso_buro_90"]
    prefix = _through_first_amount(scenario, "media")
    session, _ = play_path(scenario, prefix, ["2,000"], difficulty="media")
    assert session.node == "monto_bajo"
    assert "más de" not in session.debtor_line.lower()


@pytest.mark.parametrize(("meta", "message"), [
    ({"finales": ["promesa_de_pago"], "monto_min": 1500, "monto_ideal": 1000},
     "'monto_ideal' no puede ser menor"),
    ({"finales": ["mensaje_dejado"], "monto_min": 500}, "monto y fecha de la meta solo aplican"),
    ({"finales": ["no_existe"]}, "final desconocida"),
])
def test_an_inconsistent_goal_is_refused_in_spanish(meta, message):
    with pytest.raises(ValidationError, match=message):
        Objective.model_validate(meta)


def test_a_yes_to_end_the_call_is_not_a_commitment(tmp_path):
    scenario = _variant(tmp_path, "promesa: {fecha: 2026-03-13}",
                        "promesa: {fecha: 2026-03-13, firme: false}")
    _, result = play_path(scenario, [0, 0], ["800"])
    assert result.ending == "promesa_de_pago" and not result.promise["firme"] and not result.passed
    assert any("dijo que sí para terminar la llamada" in miss for miss in result.objective["faltas"])
