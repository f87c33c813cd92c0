"""Strategy files: the shipped library validates, errors name line and key."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator import StrategyError, dataset, load_strategy
from simulator.calendar import Calendar
from simulator.engine.schedule import ActionSchedule
from simulator.engine.team_calendar import TeamCalendar

SHIPPED = sorted(dataset("strategies").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_strategy_is_valid_and_described(path):
    strategy = load_strategy(path)
    assert strategy.name == path.stem
    assert len(strategy.description) > 40


def test_required_shipped_strategies_exist():
    assert {"nada", "escalonada", "solo_antiguas", "digital_primero", "intensiva", "personalizada",
            "preventiva", "quita_temprana"} <= {p.stem for p in SHIPPED}


def _write(tmp_path, text):
    path = tmp_path / "estrategia.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_typo_suggests_the_intended_key(tmp_path):
    path = _write(tmp_path, "nombre: x\nrecursos:\n  agentez: 3\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    error = caught.value
    assert error.line == 3 and error.field == "recursos.agentez"
    assert "agentes" in str(error)


def test_wrong_type_names_the_value(tmp_path):
    path = _write(tmp_path, "nombre: x\nrecursos:\n  agentes: muchos\n")
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    assert caught.value.line == 3 and "muchos" in str(caught.value)


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "estrategia.yaml"
    path.write_bytes("nombre: señal\n".encode("latin-1"))
    with pytest.raises(StrategyError, match="UTF-8"):
        load_strategy(path)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(StrategyError, match="no se encontró"):
        load_strategy(tmp_path / "no_existe.yaml")


def test_top_level_must_be_a_mapping(tmp_path):
    with pytest.raises(StrategyError, match="nivel superior"):
        load_strategy(_write(tmp_path, "- solo\n- una lista\n"))


def test_repeat_needs_anchor_on_delinquency(tmp_path):
    text = "nombre: x\nacciones:\n  - {canal: sms, desde: vencimiento, dia: -2, cada_dias: 3}\n"
    with pytest.raises(StrategyError, match="cada_dias") as caught:
        load_strategy(_write(tmp_path, text))
    assert caught.value.line == 3


def test_actions_move_to_the_next_workday(tmp_path):
    strategy = load_strategy(_write(
        tmp_path, "nombre: x\nacciones:\n  - {canal: sms, desde: atraso, dia: 1, ventana: [10, 11]}\n"
    ))
    calendar = Calendar(dt.date(2026, 1, 5), 400)  # day 0 is a Monday
    schedule = ActionSchedule(strategy.actions, TeamCalendar(calendar, strategy.resources.workday_numbers()))
    # Oldest unpaid instalment due on Friday (day 4): day 1 of delinquency is Saturday.
    when, number = schedule.next_firing(0, [float("-inf")], 0.0, 4.0, 4.0 - 30, 4.0)
    assert number == 0 and calendar.weekday(when) == 0 and int(when) == 7
    assert 10 / 24 <= when % 1 <= 11 / 24


def test_actions_skip_the_team_holidays(tmp_path):
    strategy = load_strategy(_write(
        tmp_path, "nombre: x\nacciones:\n  - {canal: sms, desde: atraso, dia: 1, ventana: [10, 11]}\n"
    ))
    calendar = Calendar(dt.date(2026, 1, 5), 400)
    team = TeamCalendar(calendar, strategy.resources.workday_numbers(), [dt.date(2026, 1, 12)])
    # Day 1 of delinquency is Saturday 10 Jan; Monday 12 is a holiday: Tuesday 13.
    when, _ = ActionSchedule(strategy.actions, team).next_firing(0, [float("-inf")], 0.0, 4.0, -26.0, 4.0)
    assert calendar.date(when) == dt.date(2026, 1, 13)


def test_unknown_holiday_calendar_is_refused(tmp_path):
    with pytest.raises(StrategyError, match="feriados"):
        load_strategy(_write(tmp_path, "nombre: x\nrecursos:\n  feriados: XX\n"))
