"""An exercise answered with widgets: options to mark, a field for an amount or a date, a box for a
message, one list per case, the fields of a plan or a call played on screen; no code to write.

The widget reads the exercise's :class:`~simulator.course.exercises.forms.AnswerForm`,
draws its control and hands what the learner gave to :meth:`Exercise.check`, as
text when typed (amounts and dates are read by :mod:`simulator.spanish_input`), so
the check and its saving are the same as from code. An empty answer is told so
and never checked, so it is never saved as an attempt. Visible state lives in HTML
widgets, so tests can click and read without a browser.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import ipywidgets as widgets

from simulator.course.exercises import Exercise, Feedback
from simulator.course.exercises.forms import PLAN_FIELDS, AnswerForm
from simulator.course.exercises.roleplay import course_scenario
from simulator.ui.roleplay import RolePlayWidget
from simulator.ui.status import note

__all__ = ["ExerciseWidget", "markdown_html"]

_WIDE = widgets.Layout(width="100%")
_PLACEHOLDER = {AnswerForm.NUMBER: "un número, p. ej. 1,850 o 12.5",
                AnswerForm.DATE: "una fecha, p. ej. 13/03/2026 o el viernes"}
_EMPTY = {AnswerForm.CHOICE: "Marque una opción y pulse Revisar.",
          AnswerForm.MATCHING: "Elija un código para cada caso y pulse Revisar.",
          AnswerForm.PLAN: "Llene los cuatro campos del plan y pulse Revisar."}


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\w)\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"<i>\1</i>", text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def markdown_html(text: str) -> str:
    """The course's small Markdown (paragraphs, ``- `` lists, ``**bold**``, ``*italic*``, code) as HTML."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if all(line.lstrip().startswith(("- ", "* ")) or re.match(r"\s*\d+\. ", line) for line in lines):
            tag = "ol" if re.match(r"\s*\d+\. ", lines[0]) else "ul"
            items = (re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line) for line in lines)
            blocks.append(f"<{tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{tag}>")
        else:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return "".join(blocks)


def _feedback_html(feedback: Feedback) -> str:
    return markdown_html(feedback._repr_markdown_())


class ExerciseWidget:
    """One exercise on screen, answered with its control and checked with the «Revisar» button."""

    def __init__(self, exercise: Exercise) -> None:
        if exercise.form is AnswerForm.CODE:
            raise ValueError(f"el ejercicio {exercise.id!r} se contesta con código: es del curso del gerente")
        self.exercise, self.form = exercise, exercise.form
        self.title = widgets.HTML(f"<h3>{html.escape(exercise.title)}</h3>")
        self.question = widgets.HTML()
        self.feedback = widgets.HTML()
        self.hint_text = widgets.HTML()
        self.check_button = widgets.Button(description="Revisar", button_style="primary")
        self.hint_button = widgets.Button(description="Pista")
        self.check_button.on_click(lambda _: self._check())
        self.hint_button.on_click(lambda _: self._hint())
        self.call: RolePlayWidget | None = None
        self.fields: dict[str, widgets.Text] = {}
        self.last: Feedback | None = None
        self.control = self._control()
        buttons = [self.check_button, self.hint_button]
        if self.form is AnswerForm.CALL:  # the call is checked when it ends
            buttons = [self.hint_button]
        self.view = widgets.VBox([self.title, self.question, self.control, widgets.HBox(buttons),
                                  self.feedback, self.hint_text], layout=_WIDE)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)

    def _control(self) -> widgets.Widget:
        exercise, form = self.exercise, self.form
        if form is AnswerForm.CHOICE:
            self.question.value = markdown_html(f"{exercise.question}\n\n*{exercise.ask}*")
            self.options = widgets.VBox(layout=_WIDE)
            self._draw_options()
            return self.options
        if form is AnswerForm.MATCHING:
            self.question.value = markdown_html(exercise.question)
            codes = [("—", "")] + [(f"{letter}) {label}", letter) for letter, label in exercise.codes]
            self.lists = [widgets.Dropdown(options=codes, value="", layout=widgets.Layout(width="24em"))
                          for _ in exercise.cases]
            return widgets.VBox([widgets.VBox([widgets.HTML(markdown_html(f"**Caso {number}.** {case}")),
                                               pick])
                                 for number, (case, pick) in enumerate(zip(exercise.cases, self.lists,
                                                                           strict=True), 1)])
        if form is AnswerForm.CALL:
            self.question.value = markdown_html(exercise.brief)
            self.call = RolePlayWidget(course_scenario(exercise.scenario), exercise.difficulty, exercise.seed,
                                       on_finish=self._call_finished)
            return self.call.view
        self.question.value = markdown_html(exercise.statement)
        if form is AnswerForm.PLAN:
            self.fields = {key: widgets.Text(description=label, placeholder=example,
                                             style={"description_width": "12em"},
                                             layout=widgets.Layout(width="32em"))
                           for key, label, example in PLAN_FIELDS}
            return widgets.VBox(list(self.fields.values()))
        if form is AnswerForm.TEXT:
            self.box = widgets.Textarea(placeholder="Escriba aquí su mensaje",
                                        layout=widgets.Layout(width="100%", height="6em"))
        else:
            self.box = widgets.Text(placeholder=_PLACEHOLDER[form], layout=widgets.Layout(width="24em"))
        return self.box

    def _draw_options(self) -> None:
        """The options as the learner's current attempt shows them (a new order after a miss)."""
        choices = self.exercise.choices()
        if not self.exercise.multiple:
            self.radio = widgets.RadioButtons(options=[(f"{letter}) {_plain(text)}", letter)
                                                       for letter, text in choices],
                                              value=None, layout=_WIDE)
            self.options.children = [self.radio]
            return
        box = {"value": False, "indent": False, "layout": widgets.Layout(width="2em")}
        self.marks = [(letter, widgets.Checkbox(**box))
                      for letter, _ in choices]
        self.options.children = [widgets.HBox([box, widgets.HTML(markdown_html(f"**{letter})** {text}"))])
                                 for (letter, box), (_, text) in zip(self.marks, choices, strict=True)]

    def given(self) -> object:
        """What the learner gave, as :meth:`Exercise.check` reads it (empty text when nothing)."""
        form = self.form
        if form is AnswerForm.CHOICE:
            if self.exercise.multiple:
                return "".join(letter for letter, box in self.marks if box.value)
            return self.radio.value or ""
        if form is AnswerForm.MATCHING:
            picked = [pick.value for pick in self.lists]
            return ", ".join(picked) if all(picked) else ""
        if form is AnswerForm.PLAN:
            typed = {key: field.value.strip() for key, field in self.fields.items()}
            return typed if all(typed.values()) else ""
        return self.box.value

    def answer(self, value: object) -> Feedback | None:
        """Fill the control as a learner would and press Revisar: letters, text, a number or a date, the
        plan's fields, or a call's moves as the widget numbers them (a pair where an option asks for a
        typed amount or date); the feedback shown, None if nothing was checked."""
        form = self.form
        if form is AnswerForm.CALL:
            self._play(value)
            return self.last
        if form is AnswerForm.CHOICE and self.exercise.multiple:
            for letter, box in self.marks:
                box.value = letter in str(value)
        elif form is AnswerForm.CHOICE:
            self.radio.value = str(value)
        elif form is AnswerForm.MATCHING:
            for pick, letter in zip(self.lists, re.findall(r"[a-z]", str(value)), strict=True):
                pick.value = letter
        elif form is AnswerForm.PLAN:
            for key, text in dict(value).items():
                self.fields[key].value = str(text)
        elif isinstance(value, dt.date):
            self.box.value = value.strftime("%d/%m/%Y")
        else:
            self.box.value = f"{value:.2f}" if isinstance(value, float) else str(value)
        self.check_button.click()
        return self.last

    def _play(self, moves: list) -> None:
        """Click the call's options by their shown numbers, typing the amount or date of a pair."""
        for move in moves:
            index, typed = move if isinstance(move, list | tuple) else (move, None)
            self.call.choice_buttons[index].click()
            if typed is not None:
                self.call.input_box.value = str(typed)
                self.call.confirm_button.click()

    def _check(self) -> None:
        given = self.given()
        if isinstance(given, str) and not given.strip():
            said = _EMPTY.get(self.form, "Escriba su respuesta y pulse Revisar.")
            self.feedback.value = note(said, error=True)
            return
        self._show(self.exercise.check(given))
        if self.form is AnswerForm.CHOICE and not self.last:
            self._draw_options()

    def _call_finished(self, call: RolePlayWidget) -> None:
        self._show(self.exercise.check(call.session))

    def _show(self, feedback: Feedback) -> None:
        self.last = feedback
        self.feedback.value = _feedback_html(feedback)

    def _hint(self) -> None:
        self.hint_text.value = markdown_html(self.exercise.hint())


def _plain(text: str) -> str:
    """An option's text for a radio button, which shows plain text: the Markdown marks go."""
    return re.sub(r"\*\*(.+?)\*\*|`([^`]+)`", lambda match: match.group(1) or match.group(2), text)
