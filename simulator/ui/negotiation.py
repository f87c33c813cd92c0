"""The negotiation widget: the debtor's file, an offer form, the conversation and a debrief.

It draws a :class:`~simulator.negotiation.Negotiation` and forwards the form
to it; reading the form, the debtor's answers and the debrief all live in the
engine. Visible state is kept in HTML widgets so tests can read it headless.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets

from simulator.behaviour.paydays import CYCLE_DAYS
from simulator.calendar import spanish_date
from simulator.compliance import DEFAULT_PACK
from simulator.course.exercises import tracking
from simulator.errors import CobranzaError
from simulator.negotiation import Negotiation, draw_debtors, score
from simulator.negotiation.debrief import debrief_lines
from simulator.negotiation.form import MOVES, offer_from_form
from simulator.ui.status import note, saved_note

__all__ = ["NegotiationWidget"]

_WHO = {"gestor": ("Usted", "#d8ecff"), "deudor": ("Deudor", "#eef1f4"),
        "supervisor": ("Supervisor", "#fff3cd")}


class NegotiationWidget:
    """One negotiation with a simulated debtor drawn from ``seed`` (same seed, same debtor), whose
    call and payments follow the compliance pack ``jurisdiction``.

    The score is saved to the signed-in learner's progress
    (:func:`simulator.course.trainee.sign_in`), if any.
    """

    def __init__(self, seed: int = 1, jurisdiction: str = DEFAULT_PACK) -> None:
        self.seed = seed
        self.negotiation = Negotiation(draw_debtors(1, seed, jurisdiction=jurisdiction)[0])
        self.profile = widgets.HTML(_profile(self.negotiation))
        self.move = widgets.Dropdown(options=[(label, key) for key, label in MOVES.items()],
                                     description="Jugada")
        self.amount = widgets.Text(description="Monto", placeholder="p. ej. 1,500")
        self.date = widgets.Text(description="Fecha", placeholder="p. ej. el viernes o 14/03")
        self.discount = widgets.Text(description="Quita %", placeholder="p. ej. 20")
        self.instalments = widgets.Text(description="Pagos", placeholder="p. ej. 3")
        self.every_days = widgets.Dropdown(
            options=[(str(cycle), days) for cycle, days in CYCLE_DAYS.items()], value=30, description="Cada")
        self.say = widgets.Button(description="Decir", button_style="primary")
        self.status = widgets.HTML()
        self.conversation = widgets.HTML()
        self.debrief = widgets.HTML()
        self.say.on_click(lambda _: self._say())
        self.view = widgets.VBox([self.profile, self.move, self.amount, self.date, self.discount,
                                  self.instalments, self.every_days, self.say, self.status,
                                  self.conversation, self.debrief])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)

    def _say(self) -> None:
        state = self.negotiation.state
        try:
            offer = offer_from_form(self.move.value, state.today, amount=self.amount.value,
                                    date=self.date.value, discount=self.discount.value,
                                    instalments=self.instalments.value, every_days=self.every_days.value)
            self.negotiation.respond(offer)
        except CobranzaError as error:
            where = f"{error.field}: " if error.field else ""
            self.status.value = note(where + error.message, error=True)
            return
        self.status.value = ""
        self.conversation.value = "".join(
            f"<div style='padding:6px 10px;margin:4px 0;border-radius:8px;background:{_WHO[who][1]}'>"
            f"<b>{_WHO[who][0]}:</b> {html.escape(text)}</div>"
            for who, text in self.negotiation.transcript())
        if self.negotiation.finished:
            self._finish()

    def _finish(self) -> None:
        self.say.disabled = True
        result = score(self.negotiation)
        figures = (f"{result.ending_label}. Recuperación esperada: ${result.expected_recovery_mxn:,.2f}; "
                   f"rondas: {result.rounds}; relación (3 C): {result.relationship:.0f}/100; "
                   f"cumplimiento: {result.compliance:.0f}/100"
                   + ("." if result.ladder is None
                      else f"; seguimiento de la escalera: {result.ladder:.0f}/100."))
        self.debrief.value = "<h4>Cómo le fue</h4>" + "".join(
            f"<p>{html.escape(line)}</p>" for line in [figures, *debrief_lines(self.negotiation)])
        self.status.value = saved_note(tracking.record(
            "negociacion", f"deudor_{self.seed}", result.expected_recovery_mxn, result.agreement,
            result.to_dict()))


def _profile(negotiation: Negotiation) -> str:
    state = negotiation.state
    paydays = ", ".join(day.strftime("%d/%m") for day in state.paydays[:3])
    limits = state.limits
    rows = [
        ("Saldo", f"${state.balance_mxn:,.2f}"), ("Saldo vencido", f"${state.overdue_mxn:,.2f}"),
        ("Cuota", f"${state.instalment_mxn:,.2f} cada 30 días; la próxima vence el "
                  f"{state.next_due:%d/%m} (un convenio la incluye)"),
        ("Días de atraso", f"{state.days_past_due} ({state.bucket})"),
        ("Ingreso", f"{state.income_cycle}; próximos días de pago: {paydays}"),
        ("Hoy", spanish_date(dt.datetime.combine(state.today, negotiation.debtor.account.call_time))),
        ("Política", f"quita máxima {limits.max_discount_pct:.0f} %, primer pago mínimo "
                     f"${limits.min_first_payment_mxn:,.2f}, plan de hasta {limits.max_plan_payments} pagos"),
    ]
    return "<h4>Expediente del deudor</h4>" + "".join(
        f"<div><b>{label}:</b> {html.escape(value)}</div>" for label, value in rows)
