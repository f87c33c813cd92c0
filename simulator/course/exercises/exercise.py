"""An exercise: a statement, a judge of answers, hints, and a check that never raises.

The judge of each kind (number, choice, date, function, policy) may assume
little about the answer and may even fail on a strange one: :meth:`Exercise.check`
turns any such failure into a Spanish :class:`Feedback`, so a notebook with a
wrong or blank answer still runs to the end, in class and in CI.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from simulator.course.exercises import tracking
from simulator.course.exercises.feedback import Feedback, Text
from simulator.course.exercises.forms import AnswerForm

__all__ = ["BLANK_MESSAGE", "Exercise", "results"]

#: What a check says about an answer left as in the student version.
BLANK_MESSAGE = ("Falta su respuesta: escriba la suya en lugar de `None` en la celda de arriba "
                 "y vuelva a ejecutar la celda.")

_RESULTS: dict[str, Feedback] = {}


def results() -> dict[str, Feedback]:
    """The last result of each exercise checked in this session (kernel), by id."""
    return dict(_RESULTS)


def _is_blank(answer: object) -> bool:
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


class Exercise:
    """One exercise, found in the registry by ``id`` (e.g. ``negociacion.ancla``).

    Args:
        id: unique key, ``tema.nombre``; the topic is what :func:`summary` groups by.
        title: a few Spanish words.
        statement: the case and the question, in Spanish Markdown; shown when the
            exercise is the last expression of a cell.
        judge: reads an answer and returns a :class:`Feedback`; it may raise on a
            malformed answer, :meth:`check` catches it.
        hints: Spanish hints, from gentle to explicit; :meth:`hint` gives them in turn.
        form: how the answer is given, which tells a widget what control to draw.
    """

    def __init__(self, id: str, title: str, statement: str, judge: Callable[[object], Feedback],
                 hints: tuple[str, ...], *, form: AnswerForm = AnswerForm.CODE) -> None:
        if not hints:
            raise ValueError(f"el ejercicio {id!r} necesita al menos una pista")
        self.id, self.title, self.hints, self.form = id, title, tuple(hints), form
        self._statement, self._judge = statement, judge
        self._next_hint = 0

    @property
    def statement(self) -> str:
        """The case and the question, as shown to the learner."""
        return self._statement

    @property
    def topic(self) -> str:
        """The part of the id before the first dot."""
        return self.id.split(".", 1)[0]

    def check(self, answer: object) -> Feedback:
        """Judge ``answer``; never raises, whatever it is (even a function that raises).

        The result is kept for :func:`results` and, when :func:`track_progress` is on
        and the answer is not blank, saved to the trainee's progress.
        """
        feedback = dataclasses.replace(self._review(answer), exercise_id=self.id)
        _RESULTS[self.id] = feedback
        return feedback

    def _review(self, answer: object) -> Feedback:
        """The feedback on ``answer``, saved unless blank (an exam item reviews differently)."""
        if _is_blank(answer):
            return Feedback(False, BLANK_MESSAGE, self.hints[0], readable=False)
        try:
            feedback = self._judge(answer)
        except Exception as error:  # the judge choked on an unexpected answer
            feedback = Feedback(False, f"No se pudo revisar esta respuesta ({type(error).__name__}: "
                                       f"{error}). Revise que tenga la forma que pide el enunciado.",
                                readable=False)
        if not feedback.correct and not feedback.hint:
            feedback = dataclasses.replace(feedback, hint=self.hints[0])
        self._keep(feedback)
        return feedback

    def _keep(self, feedback: Feedback) -> None:
        """Save a judged answer to the learner's progress (practice saves even unreadable ones)."""
        tracking.save(self.id, feedback)

    def hint(self) -> Text:
        """The next hint; after the last one, the last one again."""
        index = min(self._next_hint, len(self.hints) - 1)
        self._next_hint += 1
        return Text(f"Pista {index + 1} de {len(self.hints)}: {self.hints[index]}")

    def _repr_markdown_(self) -> str:
        return f"### {self.title}\n\n{self.statement}"

    def __repr__(self) -> str:
        return f"Exercise({self.id!r})"
