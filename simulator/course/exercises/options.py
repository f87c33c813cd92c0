"""A choice exercise whose options are shown in an order drawn per learner, exercise and attempt.

With a fixed order a learner learns positions ("it is usually b") rather than
content. The order is drawn from a seed hashed from the signed-in learner's name
and the exercise's id, with the learner's saved wrong answers to it as the spawn
key: a new order after each miss, the same one once right (a notebook run again
shows what was answered). With nobody signed in the seed is fixed, so a notebook
runs the same everywhere (in CI too). The learner answers with the letters as
shown, and the feedback quotes them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from simulator.course.exercises import tracking
from simulator.course.exercises.answers import AnswerError, as_letters, refused
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.course.exercises.forms import AnswerForm
from simulator.random_streams import CourseStream, seeded_generator

__all__ = ["LETTERS", "ChoiceExercise", "learner_seed", "shown_order"]

#: Letters options are shown with, in order.
LETTERS = "abcdefghij"


def learner_seed(trainee: str | None, exercise_id: str) -> int:
    """The seed of the draws one learner (None: nobody signed in) gets for one exercise."""
    digest = hashlib.sha256(f"{trainee or ''}\n{exercise_id}".encode()).digest()
    return int.from_bytes(digest[:16], "little")


def shown_order(keys: tuple[str, ...], exercise_id: str, trainee: str | None,
                attempt: int) -> tuple[str, ...]:
    """``keys`` in the order ``trainee`` sees them at ``attempt`` (0 for the first)."""
    generator = seeded_generator(learner_seed(trainee, exercise_id), CourseStream.CHOICE_ORDER, attempt)
    return tuple(keys[index] for index in generator.permutation(len(keys)))


class ChoiceExercise(Exercise):
    """One option (or, with ``multiple``, every right option) among lettered ones, shuffled.

    Args:
        options: key -> text of the option, as the author wrote them; the keys never reach the learner.
        correct: the right key(s), e.g. ``"b"`` or ``"bd"``, or a function without
            arguments that returns them, called on each check (cache it).
        why: key -> why that option is right or wrong, told when it is chosen.
    """

    def __init__(self, id: str, title: str, statement: str, options: dict[str, str],
                 correct: str | Callable[[], str], *, why: dict[str, str], hints: tuple[str, ...],
                 multiple: bool = False) -> None:
        if len(options) > len(LETTERS) or set(why) != set(options):
            raise ValueError(f"el ejercicio {id!r} necesita hasta {len(LETTERS)} opciones, "
                             "cada una con su 'why'")
        self.options, self.multiple = dict(options), multiple
        self._correct, self._why = correct, why
        self._order: tuple[str, ...] | None = None
        super().__init__(id, title, statement, self._judge_shown, hints, form=AnswerForm.CHOICE)

    def _draw(self) -> tuple[str, ...]:
        self._order = shown_order(tuple(self.options), self.id, tracking.signed_in(),
                                  tracking.failures(self.id))
        return self._order

    def shown(self) -> dict[str, str]:
        """Shown letter -> key, in the order last shown (drawn now if never shown)."""
        return dict(zip(LETTERS, self._order or self._draw(), strict=False))

    @property
    def statement(self) -> str:
        """The question with its options in a fresh draw for the learner's current attempt."""
        listing = "\n".join(f"- **{letter})** {text}" for letter, text in self.choices())
        return f"{self._statement}\n\n{listing}\n\n{self.ask}"

    @property
    def question(self) -> str:
        """The case and the question without the options, which a widget lists itself."""
        return self._statement

    @property
    def ask(self) -> str:
        """How many options to mark."""
        return "Marque todas las que apliquen." if self.multiple else "Elija una sola opción."

    def choices(self) -> list[tuple[str, str]]:
        """(shown letter, text) of each option, in a fresh draw for the learner's current attempt."""
        self._draw()
        return [(letter, self.options[key]) for letter, key in self.shown().items()]

    def letter_for(self, *fragments: str) -> str:
        """The shown letters of the options that contain each fragment, e.g. for a solution cell.

        Raises:
            AnswerError: a fragment found in no option or in more than one.
        """
        letters = []
        for fragment in fragments:
            found = [letter for letter, key in self.shown().items() if fragment in self.options[key]]
            if len(found) != 1:
                raise AnswerError(f"{fragment!r} aparece en {len(found)} opciones de {self.id}; "
                                  "use un trozo de texto de una sola")
            letters += found
        return "".join(sorted(letters))

    def _judge_shown(self, answer: object) -> Feedback:
        shown = self.shown()
        try:
            chosen = as_letters(answer, "".join(shown))
        except AnswerError as error:
            return refused(error)
        if not self.multiple and len(chosen) > 1:
            return Feedback(False, f"Eligió {len(chosen)} opciones; elija una sola letra.")
        right_keys = set(self._correct() if callable(self._correct) else self._correct)
        right = {letter for letter, key in shown.items() if key in right_keys}
        if chosen == right:
            return Feedback(True, " ".join(f"{letter}) {self._why[shown[letter]]}"
                                           for letter in sorted(right)))
        if not self.multiple:
            (letter,) = chosen
            return Feedback(False, f"La opción {letter}) no es la mejor: {self._why[shown[letter]]}")
        parts = [f"Marcó {letter}), pero {self._why[shown[letter]]}" for letter in sorted(chosen - right)]
        if right - chosen:
            parts.append("Le falta marcar al menos una opción que sí corresponde.")
        return Feedback(False, " ".join(parts))
