"""The trainer's review in the notebook: pick a learner's typed answer, confirm, remove or add a mark.

Every decision is saved through :meth:`simulator.course.progress.ProgressStore.review`
(the same checks as the pages' decisions file), then the answer and the
learner's standing are drawn again from the file, so what the widget shows is
what the gradebook counts. A decision that cannot be taken is a Spanish line
in red and saves nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from simulator.course.exercises.tracking import ROLEPLAY_KIND
from simulator.course.gradebook import cohort_table, load_results
from simulator.course.progress import ProgressError, ProgressStore, ReviewError
from simulator.course.review import reviewed_marks, typed_answers
from simulator.roleplay.judge import BREACHES, ELEMENTS
from simulator.ui.status import note
from simulator.ui.transcripts import judgement, mark_state, reviewed_text

__all__ = ["ReviewWidget"]


class ReviewWidget:
    """Review the typed role-play answers saved in the progress file at ``path``."""

    def __init__(self, path: str | Path) -> None:
        self.store = ProgressStore(path)
        self.reviewer = widgets.Text(description="Revisa", placeholder="su nombre")
        self.learner = widgets.Dropdown(description="Alumno")
        self.answer = widgets.Dropdown(description="Respuesta", layout=widgets.Layout(width="40em"))
        self.text = widgets.HTML()
        self.marks = widgets.VBox()
        self.buttons: dict[str, dict[str, widgets.Button]] = {}
        self.new_label = widgets.Dropdown(description="Agregar")
        self.add_button = widgets.Button(description="Agregar")
        self.status = widgets.HTML()
        self.standing = widgets.HTML()
        self.add_button.on_click(lambda _: self._decide(self.new_label.value, "agregar"))
        self.learner.observe(lambda _: self._list_answers(), names="value")
        self.answer.observe(lambda _: self._show(), names="value")
        self.view = widgets.VBox([self.reviewer, self.learner, self.answer, self.text, self.marks,
                                  widgets.HBox([self.new_label, self.add_button]), self.status,
                                  self.standing])
        self._load()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)

    def _load(self) -> None:
        """Read the file again and keep the learner and answer chosen, if they are still there."""
        try:
            results = load_results(self.store.path)
            self.reviews = self.store.reviews()
        except ProgressError as error:
            self.status.value = note(str(error), error=True)
            return
        typed = results["details"].map(lambda details: bool(typed_answers(details))).astype(bool)
        self.calls = results[(results["kind"] == ROLEPLAY_KIND) & typed]
        self.results = results
        chosen, names = self.learner.value, sorted(map(str, self.calls["trainee"].unique()))
        self.learner.options = names
        self.learner.value = chosen if chosen in names else next(iter(names), None)
        self._list_answers()  # the observer runs only if the learner changed

    def _list_answers(self) -> None:
        chosen = self.answer.value
        own = self.calls[self.calls["trainee"] == self.learner.value]
        options = [(f"{call.activity} · {call.recorded_at} · paso {answer['paso']} (resultado {call.id})",
                    (int(call.id), int(answer["paso"])))
                   for call in own.itertuples() for answer in typed_answers(call.details)]
        references = [reference for _, reference in options]
        self.answer.options = options
        self.answer.value = chosen if chosen in references else next(iter(references), None)
        self._show()

    def _show(self) -> None:
        """Draw the chosen answer with its marks as reviewed, a row of buttons per mark, and the standing."""
        self.buttons = {}
        if self.answer.value is None:
            self.text.value, self.marks.children, self.new_label.options = "", (), []
            self.standing.value = ""
            return
        result_id, step = self.answer.value
        call = self.calls[self.calls["id"] == result_id].iloc[0]
        answer = next(answer for answer in typed_answers(call["details"]) if answer["paso"] == step)
        own = [review for review in self.reviews if review["result_id"] == result_id]
        marks, judged = reviewed_marks(answer, own), judgement(answer)
        self.text.value = f"<p>{reviewed_text(judged, marks)}</p>"
        rows = []
        for mark in marks:
            self.buttons[mark.label] = {decision: widgets.Button(description=decision.capitalize())
                                        for decision in ("confirmar", "quitar")}
            for decision, button in self.buttons[mark.label].items():
                button.on_click(lambda _, label=mark.label, decision=decision: self._decide(label, decision))
            kind = "falta" if mark.breach else "elemento"
            state = widgets.HTML(f"<b>{mark.label.replace('_', ' ')}</b> ({kind}): {mark_state(mark)}")
            rows.append(widgets.HBox([state, *self.buttons[mark.label].values()]))
        self.marks.children = rows
        present = {mark.label for mark in marks}
        self.new_label.options = [("elija…", None)] + [
            (label.replace("_", " "), label) for label in BREACHES + ELEMENTS if label not in present]
        verdict = "aprobada" if call["passed"] else "no aprobada"
        row = cohort_table(self.results).set_index("alumno").loc[call["trainee"]]
        reviewed = " (revisada)" if call["revisada"] else ""
        self.standing.value = (f"<p>Esta llamada: <b>{verdict}</b>{reviewed}. "
                               f"{html.escape(str(call['trainee']))}: {row['aprobadas']} actividades "
                               f"aprobadas, {row['revisadas']} revisadas.</p>")

    def _decide(self, label: str | None, decision: str) -> None:
        """Save one decision on the chosen answer; a Spanish line and no change when it cannot be taken."""
        if not self.reviewer.value.strip():
            self.status.value = note("Escriba su nombre en «Revisa» antes de decidir.", error=True)
            return
        if self.answer.value is None or label is None:
            self.status.value = note("Elija primero una respuesta y la marca que quiere "
                                     f"{decision}.", error=True)
            return
        result_id, step = self.answer.value
        try:
            saved = self.store.review(result_id, step, label, decision, self.reviewer.value.strip())
        except (ReviewError, ProgressError) as error:
            self.status.value = note(error.message, error=True)
            return
        done = {"confirmar": "confirmada", "quitar": "quitada", "agregar": "agregada"}[decision]
        said = f"Marca {label.replace('_', ' ')} {done} (resultado {result_id}, paso {step})."
        self.status.value = note(said if saved else "Esa decisión ya estaba guardada; no cambió nada.")
        self._load()
