"""The role-play widget: chat bubbles, choice buttons, a box to write an answer, a mood gauge,
feedback and a debrief.

It only draws a :class:`~simulator.roleplay.RolePlay` and forwards clicks and
written answers to it; every rule lives in the engine. Visible state is kept in
HTML widgets so that tests can click the buttons and read the page without a browser.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable

import ipywidgets as widgets

from simulator.course.calls import course_call_for
from simulator.course.exercises import tracking
from simulator.course.exercises.roleplay import play_order_seed
from simulator.errors import CobranzaError
from simulator.roleplay import DEFAULT_LIBRARY, RolePlay, Scenario, debrief, load_library
from simulator.roleplay.engine import Line, Move
from simulator.roleplay.schema import DIFFICULTIES
from simulator.roleplay.terminal import context_card
from simulator.ui.judged import highlighted, legend
from simulator.ui.status import note, saved_note

__all__ = ["RolePlayWidget", "course_call", "roleplay_app"]

_BUBBLE = {
    "deudor": "background:#eef1f4;margin:4px 25% 4px 0;border-radius:10px 10px 10px 2px",
    "gestor": "background:#d8ecff;margin:4px 0 4px 25%;border-radius:10px 10px 2px 10px;text-align:right",
    "aviso": "color:#8a5a00;font-style:italic;text-align:center;margin:4px 10%",
}
_WHO = {"deudor": "Deudor", "gestor": "Usted", "aviso": "Aviso"}
#: Option buttons wrap their text instead of cutting it with an ellipsis (ipywidgets' default).
_OPTION_CLASS = "cobranza-opcion"
_OPTION_STYLE = (f"<style>.{_OPTION_CLASS} {{ white-space: normal !important; height: auto !important; "
                 "text-align: left; line-height: 1.4; padding: 6px 10px; }</style>")


class RolePlayWidget:
    """One call on screen; ``exam_mode`` hides per-choice feedback (and the judge's marks on a written
    answer) until the debrief.

    The options are shown in an order drawn from the signed-in learner
    (:func:`simulator.course.trainee.sign_in`), the scenario and the attempt (the
    learner's earlier saved plays of it), and the debrief is saved to their progress; then
    ``on_finish`` (an exercise's widget) gets the widget.
    """

    def __init__(self, scenario: Scenario, difficulty: str | None = None, seed: int = 0, *,
                 exam_mode: bool = False, variant: int = 0,
                 on_finish: Callable[[RolePlayWidget], None] | None = None) -> None:
        self.session = RolePlay(scenario, difficulty, seed, order_seed=play_order_seed(scenario.id),
                                variant=variant)
        self.exam_mode, self.on_finish = exam_mode, on_finish
        self.card = widgets.HTML("<br>".join(html.escape(line) for line in context_card(self.session)))
        self.mood = widgets.FloatProgress(value=0.0, min=0.0, max=1.0, description="Ánimo",
                                          bar_style="info")
        self.chat = widgets.HTML()
        self.choice_box = widgets.VBox()
        self.input_box = widgets.Text(placeholder="", layout=widgets.Layout(width="60%"))
        self.confirm_button = widgets.Button(description="Confirmar", button_style="primary")
        self.input_row = widgets.HBox([self.input_box, self.confirm_button],
                                      layout=widgets.Layout(display="none"))
        self.write_box = widgets.Textarea(placeholder="Escriba aquí lo que le diría al deudor",
                                          layout=widgets.Layout(width="100%", height="4em"))
        self.send_button = widgets.Button(description="Enviar respuesta", button_style="primary")
        self.write_area = widgets.VBox([widgets.HTML("<b>Escribir mi respuesta</b> (o elija una opción)"),
                                        self.write_box, self.send_button])
        self.status = widgets.HTML()
        self.feedback = widgets.HTML()
        self.debrief_panel = widgets.HTML()
        self.download = widgets.HTML()
        self._pending: int | None = None
        self.confirm_button.on_click(lambda _: self._confirm())
        self.send_button.on_click(lambda _: self._send())
        self.view = widgets.VBox([self.card, self.mood, self.chat, self.choice_box, self.input_row,
                                  self.write_area, self.status, self.feedback, self.debrief_panel,
                                  self.download, widgets.HTML(_OPTION_STYLE)])
        self._refresh()

    @property
    def choice_buttons(self) -> list[widgets.Button]:
        """The buttons of the options open now."""
        return list(self.choice_box.children)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)

    def _click(self, index: int) -> None:
        option = self.session.choices[index]
        if option.asks_for:
            self._pending = index
            self.input_box.value = ""
            self.input_box.placeholder = ("monto, p. ej. 1,700.00" if option.asks_for == "monto"
                                          else "fecha, p. ej. el sábado o 14/03")
            self.input_row.layout.display = "flex"
            self.status.value = note(f"Escriba {'el monto' if option.asks_for == 'monto' else 'la fecha'} "
                                      "y pulse Confirmar.")
            return
        self._say(index, None)

    def _confirm(self) -> None:
        if self._pending is not None:
            self._say(self._pending, self.input_box.value)

    def _send(self) -> None:
        """Say the written answer; a refused one (empty, or missing an amount or date) changes nothing."""
        try:
            move = self.session.write(self.write_box.value)
        except CobranzaError as error:
            self.status.value = note(error.message, error=True)
            return
        self.write_box.value = ""
        self._moved(move)

    def _say(self, index: int, typed: str | None) -> None:
        try:
            move = self.session.choose(index, typed)
        except CobranzaError as error:
            self.status.value = note(error.message, error=True)
            return
        self._moved(move)

    def _moved(self, move: Move) -> None:
        self._pending = None
        self.input_row.layout.display = "none"
        self.status.value = ""
        if not self.exam_mode:
            self.feedback.value = note(move.feedback)
        self._refresh()

    def _refresh(self) -> None:
        session = self.session
        self.mood.value = session.mood
        self.mood.bar_style = ("danger" if session.mood < 0.3
                               else "warning" if session.mood < 0.6 else "success")
        said = iter(session.moves)  # each move put exactly one collector line in the transcript, in order
        self.chat.value = "".join(
            f"<div style='padding:6px 10px;{_BUBBLE[line.speaker]}'><b>{_WHO[line.speaker]}:</b> "
            f"{self._bubble(line, next(said) if line.speaker == 'gestor' else None)}</div>"
            for line in session.transcript)
        self.write_area.layout.display = "flex" if session.accepts_writing else "none"
        buttons = []
        for option in session.choices:
            button = widgets.Button(description=f"[{option.index}] {' '.join(option.text.split())}",
                                    tooltip=option.text,
                                    layout=widgets.Layout(width="100%", height="auto"))
            button.add_class(_OPTION_CLASS)
            button.on_click(lambda _, index=option.index: self._click(index))
            buttons.append(button)
        self.choice_box.children = buttons
        if session.finished:
            self._finish()

    def _bubble(self, line: Line, move: Move | None) -> str:
        """A line's text; a written answer with the judge's marks, hidden in exam mode until the end."""
        if move is None or move.written is None or (self.exam_mode and not self.session.finished):
            return html.escape(line.text)
        return highlighted(move.written) + legend(move.written)

    def _finish(self) -> None:
        result = debrief(self.session)
        self.debrief_panel.value = "<h4>Resumen de la llamada</h4>" + "".join(
            f"<p>{html.escape(line)}</p>" for line in result.lines())
        text = "\n".join(f"{line['quien'].upper()}: {line['texto']}" for line in result.transcript)
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        self.download.value = (f"<a download='{self.session.scenario.id}.txt' "
                               f"href='data:text/plain;charset=utf-8;base64,{payload}'>"
                               "Descargar la transcripción</a>")
        saved = {**result.to_dict(), "modo_examen": self.exam_mode}  # an exam counts only calls played blind
        self.status.value = saved_note(tracking.record(tracking.ROLEPLAY_KIND, self.session.scenario.id,
                                                         result.total, result.passed, saved))
        if self.on_finish is not None:
            self.on_finish(self)


def course_call(scenario_id: str, seed: int = 1, variant: int = 0) -> RolePlayWidget:
    """The course's call ``scenario_id`` at the level its plan sets (``course/calls.py``);
    ``variant`` is the version of the story (the exam gives each learner one)."""
    planned = course_call_for(scenario_id)
    return RolePlayWidget(load_library()[scenario_id], planned.level, seed, exam_mode=planned.exam,
                          variant=variant)


def roleplay_app(library: str = str(DEFAULT_LIBRARY)) -> widgets.VBox:
    """A scenario picker (scenario, difficulty, exam mode, seed) that opens a call below it."""
    scenarios = load_library(library)
    pick = widgets.Dropdown(options=[(s.title, key) for key, s in scenarios.items()], description="Escenario")
    level = widgets.ToggleButtons(options=DIFFICULTIES, value="media", description="Dificultad")
    exam = widgets.Checkbox(value=False, description="Modo examen (sin retroalimentación)")
    seed = widgets.BoundedIntText(value=1, min=0, max=2**31 - 1, description="Semilla")
    start = widgets.Button(description="Iniciar llamada", button_style="success")
    stage = widgets.VBox()

    def open_call(_) -> None:
        call = RolePlayWidget(scenarios[pick.value], level.value, int(seed.value), exam_mode=exam.value)
        stage.children = [call.view]

    start.on_click(open_call)
    return widgets.VBox([pick, level, exam, seed, start, stage])

