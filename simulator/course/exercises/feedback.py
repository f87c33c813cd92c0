"""What a check tells the student: right or not, why, and what to try next.

A check never raises on a student's answer, so its whole outcome has to fit in
one value. :class:`Feedback` is that value; it is truthy when the answer is
right, so the solution cells of a source notebook can simply ``assert`` it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Feedback", "Text"]


class Text(str):
    """A Spanish message that Jupyter shows as Markdown rather than as a quoted string."""

    def _repr_markdown_(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    Attributes:
        correct: the answer is right.
        message: what is right or wrong about it, in Spanish, for a learner.
        hint: what to look at next (empty when the answer is right).
        exercise_id: the exercise checked (filled in by :meth:`Exercise.check`).
        score: 0 to 1 for the progress store; 1 when right and 0 when not, unless the
            exercise grades partially.
        details: plain data worth saving with the result (numbers, not the answer itself).
        readable: False when the answer was blank or could not be read as the kind asked for;
            an exam does not count such an answer as an attempt.
    """

    correct: bool
    message: str
    hint: str = ""
    exercise_id: str = ""
    score: float | None = None
    details: dict | None = None
    readable: bool = True

    def __bool__(self) -> bool:
        return self.correct

    @property
    def points(self) -> float:
        """The score to save: the exercise's own, else 1 or 0."""
        return self.score if self.score is not None else float(self.correct)

    def __str__(self) -> str:
        head = "Correcto." if self.correct else "Todavía no."
        text = f"{head} {self.message}"
        return f"{text}\nPista: {self.hint}" if self.hint and not self.correct else text

    def _repr_markdown_(self) -> str:
        head = "✅ **Correcto.**" if self.correct else "❌ **Todavía no.**"
        text = f"{head} {self.message}"
        return f"{text}\n\n*Pista:* {self.hint}" if self.hint and not self.correct else text
