"""Exercises answered in a widget, driven headless: mark, type or play, press Revisar, read the feedback."""

from __future__ import annotations

import pytest

from simulator.course.exercises import all_exercises, get_exercise, track_progress
from simulator.course.exercises.forms import AnswerForm
from simulator.course.exercises.roleplay import answer_as_shown
from simulator.course.progress import ProgressStore
from simulator.ui import ExerciseWidget
from simulator.ui.answer import markdown_html

AGENT_TOPICS = ("bienvenida", "fundamentos", "comunicacion", "primera_llamada", "objeciones", "negociacion",
                "normativa")


@pytest.fixture()
def signed_in(tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    track_progress("Ana Pérez", store)
    yield store
    track_progress(None)


def test_every_agent_exercise_is_answered_without_code():
    for topic in AGENT_TOPICS:
        for key, exercise in all_exercises(topic).items():
            assert exercise.form is not AnswerForm.CODE, key
            assert "respuesta_" not in exercise.statement and "`None`" not in exercise.statement, key
            assert ExerciseWidget(exercise).view.children


def test_code_exercises_are_the_managers_and_refused_by_the_widget():
    code = {key for key, exercise in all_exercises().items() if exercise.form is AnswerForm.CODE}
    assert {"estrategias.valor_promesa", "estrategias.politica", "estrategias.retadora"} <= code
    with pytest.raises(ValueError, match="gerente"):
        ExerciseWidget(get_exercise("estrategias.politica"))


def test_a_single_choice_is_marked_checked_and_redrawn_after_a_miss(signed_in):
    widget = ExerciseWidget(get_exercise("bienvenida.revision"))
    assert [letter for _, letter in widget.radio.options] == ["a", "b", "c"]
    wrong = next(letter for letter in "abc" if letter != widget.exercise.letter_for("Aparece «Todavía no»"))
    assert not widget.answer(wrong)
    assert "Todavía no" in widget.feedback.value
    assert widget.radio.value is None  # a fresh draw after a miss, nothing marked
    assert widget.answer(widget.exercise.letter_for("Aparece «Todavía no»"))
    assert "Correcto" in widget.feedback.value
    rows = signed_in.results("Ana Pérez")
    assert [row["passed"] for row in rows] == [False, True]  # the first attempt is saved first


def test_nothing_marked_is_told_and_never_saved(signed_in):
    widget = ExerciseWidget(get_exercise("comunicacion.preguntas"))
    widget.check_button.click()
    assert "Marque una opción" in widget.feedback.value and widget.last is None
    assert signed_in.results("Ana Pérez") == []
    right = widget.exercise.letter_for("«¿Qué pasó este mes", "«¿Cómo podríamos organizar el")
    assert widget.answer(right)


@pytest.mark.parametrize("key, typed, right", [
    ("fundamentos.roll_rate", "15", True),
    ("fundamentos.roll_rate", "0.15", False),
    ("negociacion.quita", "14,720", True),
    ("negociacion.fecha", "13/03/2026", True),
    ("negociacion.fecha", "el lunes", False),
])
def test_amounts_and_dates_are_typed_as_a_collector_says_them(key, typed, right):
    widget = ExerciseWidget(get_exercise(key))
    assert bool(widget.answer(typed)) is right
    assert ("Correcto" in widget.feedback.value) is right


def test_a_message_is_written_in_a_box():
    widget = ExerciseWidget(get_exercise("comunicacion.sms"))
    assert not widget.answer("Debe $4,200 y si no paga lo reportamos.")
    assert widget.answer("Banco Ejemplo: Jorge, le escribimos sobre su cuenta. Pague en la app oficial o "
                         "llame al 800 123 4567. Para no recibir SMS responda BAJA.")


def test_each_case_gets_a_code_from_a_list():
    widget = ExerciseWidget(get_exercise("primera_llamada.tipificacion"))
    assert len(widget.lists) == len(widget.exercise.cases)
    widget.check_button.click()
    assert "un código para cada caso" in widget.feedback.value
    assert widget.answer("e, f, g, a, d, b, c")
    partly = widget.answer("a, f, g, a, d, b, c")
    assert not partly and "Acertó 6 de 7" in partly.message


def test_a_plan_is_given_field_by_field():
    widget = ExerciseWidget(get_exercise("negociacion.plan"))
    assert list(widget.fields) == ["pagos", "monto", "primera_fecha", "cada_dias"]
    widget.fields["pagos"].value = "4"
    widget.check_button.click()
    assert "cuatro campos" in widget.feedback.value
    assert widget.answer({"pagos": "4", "monto": "850", "primera_fecha": "el viernes", "cada_dias": "15"})
    assert "no cubre" in widget.answer({"pagos": "4", "monto": "800", "primera_fecha": "13/03/2026",
                                        "cada_dias": "15"}).message
    assert widget.answer({"pagos": "cuatro", "monto": "850", "primera_fecha": "13/03/2026",
                          "cada_dias": "15"})  # numbers in words are read too
    odd = widget.answer({"pagos": "4.5", "monto": "850", "primera_fecha": "13/03/2026", "cada_dias": "15"})
    assert not odd and "enteros" in odd.message


def test_a_call_is_checked_when_it_ends():
    widget = ExerciseWidget(get_exercise("normativa.llamada_tercero"))
    assert widget.check_button not in widget.view.children[3].children  # nothing to press: the call ends it
    assert widget.last is None
    assert widget.answer(answer_as_shown("contesta_tercero", [0, 0, 0, 0, 0]))
    assert "Correcto" in widget.feedback.value
    other = ExerciseWidget(get_exercise("normativa.llamada_tercero"))
    assert not other.answer(answer_as_shown("contesta_tercero", [1, 0]))  # says the debt to the mother


def test_hints_come_from_the_hint_button():
    widget = ExerciseWidget(get_exercise("negociacion.quita"))
    widget.hint_button.click()
    assert "Pista 1 de" in widget.hint_text.value
    widget.hint_button.click()
    assert "Pista 2 de" in widget.hint_text.value


def test_the_small_markdown_is_escaped_html():
    assert markdown_html("**Hola** <b>\n\n- uno\n- `dos`") == (
        "<p><b>Hola</b> &lt;b&gt;</p><ul><li>uno</li><li><code>dos</code></li></ul>")
