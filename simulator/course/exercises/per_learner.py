"""A practice exercise whose case is drawn for the signed-in learner.

Practising on a case the whole class shares lets the answer travel by memory or
by a neighbour's screen; a case of one's own has to be worked out. The case is a
function of the learner's name (nobody signed in: one fixed case, so notebooks
run the same in CI), never of their attempts: a wrong answer cannot be traded
for an easier case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from simulator.course.exercises import tracking
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback

__all__ = ["PerLearner"]

Case = TypeVar("Case")


class PerLearner(Exercise, Generic[Case]):
    """An exercise built from ``draw(trainee)`` with ``build(case)``; hints are the same for every case.

    Args:
        draw: the signed-in learner's name (or None) -> their case.
        build: a case -> the exercise for it, with this id and these hints.
    """

    def __init__(self, id: str, draw: Callable[[str | None], Case],
                 build: Callable[[Case], Exercise]) -> None:
        self.id, self._draw, self._build_for = id, draw, build
        self._built: dict[str | None, Exercise] = {}
        first = self.exercise_of(None)
        super().__init__(id, first.title, "", self._judge_current, first.hints, form=first.form)

    def exercise_of(self, trainee: str | None) -> Exercise:
        """The exercise ``trainee`` gets (built once)."""
        if trainee not in self._built:
            built = self._build_for(self._draw(trainee))
            if built.id != self.id:
                raise ValueError(f"el caso de {trainee!r} construye {built.id!r}, no {self.id!r}")
            self._built[trainee] = built
        return self._built[trainee]

    @property
    def case(self) -> Case:
        """The signed-in learner's case."""
        return self._draw(tracking.signed_in())

    @property
    def statement(self) -> str:
        return self.exercise_of(tracking.signed_in()).statement

    def _judge_current(self, answer: object) -> Feedback:
        return self.exercise_of(tracking.signed_in())._judge(answer)
