"""Coding cases (tipificación) and the length tell of the course's single-answer choice exercises."""

from __future__ import annotations

import pytest

from simulator.course.exercises import all_exercises, get_exercise
from simulator.course.exercises.matching import Case, matching
from simulator.course.exercises.options import ChoiceExercise

#: How far above chance the share of questions whose right option is the longest may go.
LONGEST_MARGIN = 0.10
RIGHT = "e, f, g, a, d, b, c"


@pytest.fixture
def coding():
    return get_exercise("primera_llamada.tipificacion")


def test_every_case_coded_right_passes_in_any_spelling(coding):
    for answer in (RIGHT, "efgadbc", "E F G A D B C", list("efgadbc")):
        feedback = coding.check(answer)
        assert feedback.correct and feedback.points == 1.0, answer


def test_a_miss_names_the_case_and_its_right_code_and_scores_the_rest(coding):
    feedback = coding.check("e, f, g, a, d, a, c")  # the evasion coded as a promise
    assert not feedback.correct and feedback.points == pytest.approx(6 / 7)
    assert "Acertó 6 de 7" in feedback.message
    assert "Caso 6: no es «Titular: promesa de pago con monto y fecha» sino «Titular: sin acuerdo" in \
        feedback.message


@pytest.mark.parametrize("answer", ["e, f", "e, f, g, a, d, b, z", 7, "efgadbcc"])
def test_a_wrong_count_or_letter_is_unreadable_with_a_spanish_message(coding, answer):
    feedback = coding.check(answer)
    assert not feedback.correct and not feedback.readable
    assert "una letra por caso" in feedback.message or "Se esperaban 7 letras" in feedback.message


def test_the_statement_lists_cases_and_codes_and_a_stray_code_is_an_authors_mistake(coding):
    assert "1. Contesta la esposa" in coding.statement and "- **g)** Número equivocado" in coding.statement
    with pytest.raises(ValueError, match="código"):
        matching("prueba.x", "Prueba", "Codifique.", codes={"a": "Uno"}, cases=(Case("caso", "b", "porque"),),
                 why="bien", hints=("pista",))


def _right_key(exercise: ChoiceExercise) -> str:
    """The key of the one right option, found by asking the exercise itself."""
    [key] = [key for letter, key in exercise.shown().items() if exercise.check(letter).correct]
    return key


def test_the_longest_option_is_right_no_more_often_than_chance():
    singles = [item for item in all_exercises().values()
               if isinstance(item, ChoiceExercise) and not item.multiple]
    longest = [item.id for item in singles
               if len(item.options[_right_key(item)]) == max(len(text) for text in item.options.values())]
    chance = sum(1 / len(item.options) for item in singles) / len(singles)
    assert len(longest) / len(singles) <= chance + LONGEST_MARGIN, longest
    new = {"comunicacion.buzon", "primera_llamada.agenda", "normativa.visita", "normativa.garantia"}
    assert new.isdisjoint(longest)
