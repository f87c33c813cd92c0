"""An exercise that gives each of several short cases a code from one list, e.g. the outcome of a call.

The learner answers with one letter per case, in the order of the cases
(``"c, a, d"``); each case answered wrong is told with the code it should have and
why, so a learner who mixes up two codes sees which cases give them away. The
score is the share of cases coded right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.course.exercises.answers import AnswerError, refused, shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.course.exercises.forms import AnswerForm
from simulator.course.exercises.options import LETTERS

__all__ = ["Case", "MatchingExercise", "matching"]


@dataclass(frozen=True)
class Case:
    """One case to code: what happened, the right code's key, and why that code."""

    text: str
    code: str
    why: str


class MatchingExercise(Exercise):
    """Cases to code: ``question`` without the listings, ``cases`` and ``codes`` (letter, label) for a
    widget that gives each case a list of the codes."""

    def __init__(self, id: str, title: str, question: str, listed: str, review, hints: tuple[str, ...], *,
                 cases: tuple[str, ...], codes: tuple[tuple[str, str], ...]) -> None:
        super().__init__(id, title, listed, review, hints, form=AnswerForm.MATCHING)
        self.question, self.cases, self.codes = question, cases, codes


def _letters(answer: object, count: int, known: str) -> list[str]:
    if isinstance(answer, list | tuple):
        answer = ",".join(str(item) for item in answer)
    if not isinstance(answer, str):
        raise AnswerError(f"se esperaban {count} letras entre comillas, p. ej. \"a, c, b\", y se recibió "
                          f"{shown(answer)}")
    letters = [letter for word in re.findall(r"[a-z]+", answer.lower()) if word != "y" for letter in word]
    unknown = sorted(set(letters) - set(known))
    if unknown or len(letters) != count:
        raise AnswerError(f"escriba una letra por caso, {count} en total, en el orden de los casos "
                          f"(las letras son {', '.join(known)}); se recibió {shown(answer)}")
    return letters


def matching(id: str, title: str, statement: str, *, codes: dict[str, str], cases: tuple[Case, ...],
             why: str, hints: tuple[str, ...]) -> MatchingExercise:
    """Cases, numbered, each to be given one of ``codes`` (key -> label), lettered in the given order."""
    letter_of = dict(zip(codes, LETTERS, strict=False))
    if len(codes) > len(LETTERS) or any(case.code not in codes for case in cases):
        raise ValueError(f"el ejercicio {id!r} usa un código que no está en su lista")
    listed = "\n".join(f"{number}. {case.text}" for number, case in enumerate(cases, 1))
    legend = "\n".join(f"- **{letter_of[key]})** {label}" for key, label in codes.items())
    full = f"{statement}\n\n**Casos**\n\n{listed}\n\n**Códigos**\n\n{legend}"
    key_of = {letter: key for key, letter in letter_of.items()}

    def review(answer: object) -> Feedback:
        try:
            given = _letters(answer, len(cases), "".join(letter_of.values()))
        except AnswerError as error:
            return refused(error)
        wrong = [(number, case, key_of[letter]) for number, (case, letter) in enumerate(zip(cases, given,
                                                                                            strict=True), 1)
                 if key_of[letter] != case.code]
        score = 1 - len(wrong) / len(cases)
        if not wrong:
            return Feedback(True, why, score=1.0)
        told = "\n".join(f"- Caso {number}: no es «{codes[chosen]}» sino «{codes[case.code]}»: {case.why}"
                         for number, case, chosen in wrong)
        return Feedback(False, f"Acertó {len(cases) - len(wrong)} de {len(cases)} casos.\n\n{told}",
                        score=score, details={"aciertos": len(cases) - len(wrong)})

    return MatchingExercise(id, title, statement, full, review, hints,
                            cases=tuple(case.text for case in cases),
                            codes=tuple((letter_of[key], label) for key, label in codes.items()))
