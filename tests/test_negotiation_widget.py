"""The negotiation form and widget, driven headless like a student would."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.course.exercises import track_progress
from simulator.course.progress import ProgressStore
from simulator.errors import CobranzaError
from simulator.negotiation import Abono, Escuchar, Liquidacion, Plan
from simulator.negotiation.debrief import debrief_lines
from simulator.negotiation.form import offer_from_form
from simulator.ui import NegotiationWidget

TODAY = dt.date(2026, 3, 10)


def test_the_form_reads_spanish_amounts_dates_and_percentages():
    assert offer_from_form("escuchar", TODAY) == Escuchar()
    assert offer_from_form("abono", TODAY, amount="1,700.00", date="el sábado") == Abono(
        1700.0, dt.date(2026, 3, 14))
    assert offer_from_form("liquidacion", TODAY, discount="20 %", date="15/03") == Liquidacion(
        20.0, dt.date(2026, 3, 15))
    plan = offer_from_form("plan", TODAY, amount="mil", instalments="3", date="mañana", every_days=15)
    assert plan == Plan(3, 1000.0, dt.date(2026, 3, 11), 15)


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"move": "abono", "amount": "", "date": "mañana"}, "monto"),
     ({"move": "abono", "amount": "mucho", "date": "mañana"}, "monto"),
     ({"move": "abono", "amount": "500", "date": "ayer"}, "fecha"),
     ({"move": "liquidacion", "discount": "150", "date": "mañana"}, "quita"),
     ({"move": "plan", "amount": "500", "instalments": "2.5", "date": "mañana"}, "pagos"),
     ({"move": "trueque"}, "jugada")],
)
def test_a_bad_field_is_named(fields, field):
    move = fields.pop("move")
    with pytest.raises(CobranzaError) as error:
        offer_from_form(move, TODAY, **fields)
    assert error.value.field == field and error.value.message


def test_a_negotiation_played_in_the_widget_ends_with_a_debrief_saved_for_the_learner(tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    track_progress("mario", store)
    try:
        _play_listen_then_accept()
    finally:
        track_progress(None)
    [row] = store.results("mario")
    assert (row["kind"], row["activity"]) == ("negociacion", "deudor_3")
    assert row["score"] == pytest.approx(row["details"]["expected_recovery_mxn"]) and row["score"] > 0


def _play_listen_then_accept():
    widget = NegotiationWidget(seed=3)
    assert "Expediente del deudor" in widget.profile.value
    widget.move.value = "escuchar"
    widget.say.click()
    assert "Deudor:" in widget.conversation.value
    widget.move.value = "aceptar"
    widget.say.click()
    assert widget.negotiation.finished and widget.say.disabled
    assert "Recuperación esperada" in widget.debrief.value and "Dejó hablar primero" in widget.debrief.value
    assert "guardado" in widget.status.value


def test_a_non_number_in_the_widget_shows_a_message_and_the_call_goes_on():
    widget = NegotiationWidget(seed=3)
    widget.move.value = "abono"
    widget.amount.value = "dos mil y pico"
    widget.date.value = "el viernes"
    widget.say.click()
    assert "monto:" in widget.status.value and widget.negotiation.rounds == 0
    widget.amount.value = "2,000"
    widget.say.click()
    assert widget.status.value == "" and widget.negotiation.rounds == 1


def test_the_debrief_names_an_opening_maximum_discount():
    for seed in range(1, 60):  # a debtor whose bucket allows a settlement discount
        widget = NegotiationWidget(seed=seed)
        limits = widget.negotiation.state.limits
        if limits.max_discount_pct > 0:
            break
    widget.negotiation.respond(Liquidacion(limits.max_discount_pct, 0))
    assert any("quita máxima al inicio" in line for line in debrief_lines(widget.negotiation))


def test_the_widget_debrief_judges_an_opening_below_what_brings_the_account_current():
    widget = NegotiationWidget(seed=3)
    payday = widget.negotiation.state.paydays[0]
    widget.move.value, widget.amount.value, widget.date.value = "abono", "100", f"{payday:%d/%m}"
    widget.say.click()
    if not widget.negotiation.finished:
        widget.move.value = "terminar"
        widget.say.click()
    assert "Abrió pidiendo $100" in widget.debrief.value
    assert "menos de lo que pone la cuenta al corriente" in widget.debrief.value
    assert "seguimiento de la escalera: 0/100" in widget.debrief.value  # opened low, left rungs untried
