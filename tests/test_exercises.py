"""The exercise framework: feedback, kinds, hints, registry and the progress hook.

The property that matters most in class is that a check never raises: whatever
a learner types (or a function that fails), the notebook goes on and the
feedback says, in Spanish, what is wrong and what to try.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.course.exercises import (
    AnswerError,
    Feedback,
    all_exercises,
    choice,
    date_answer,
    function,
    get_exercise,
    numeric,
    results,
    summary,
    track_progress,
)
from simulator.course.exercises.anchor_case import opening_ask, practice_case
from simulator.course.exercises.exam import ExamItem
from simulator.course.exercises.exercise import BLANK_MESSAGE
from simulator.course.exercises.topics.negociacion_valor import expected_recovery
from simulator.course.progress import ProgressStore
from simulator.negotiation import Abono, Escuchar, Plan
from simulator.negotiation.policies import aceptar_primera, anclaje
from simulator.spanish_input import format_pesos

ANSWERS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.dates(), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.text(max_size=3), st.floats()), st.just(object()), st.just(Abono(100, 0)),
)


@pytest.fixture(autouse=True)
def no_tracking():
    """Every test starts and ends with progress tracking off."""
    track_progress(None)
    yield
    track_progress(None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=ANSWERS)
def test_no_answer_makes_any_check_raise(answer):
    for exercise in all_exercises().values():
        feedback = exercise.check(answer)
        assert isinstance(feedback, Feedback)
        assert feedback.message and feedback.exercise_id == exercise.id
        if not feedback.correct:  # the exam gives no hints
            assert bool(feedback.hint) is not isinstance(exercise, ExamItem), exercise.id


def _boom(*args):
    raise RuntimeError("algo salió mal")


def _stuck(*args):
    while True:
        pass


@pytest.mark.parametrize("answer", [_boom, lambda *a: None, lambda *a: "texto", lambda: 1, print, SystemExit])
def test_broken_functions_get_a_message_not_an_exception(answer):
    for key in ("estrategias.valor_promesa", "estrategias.politica"):
        feedback = get_exercise(key).check(answer)
        assert not feedback and feedback.hint
        assert "Todavía no." in str(feedback)


def test_a_function_stuck_in_a_loop_is_stopped():
    exercise = function("prueba.ciclo", "Ciclo", "…", reference=lambda x: x, cases=((1,),), why="bien",
                        hints=("pista",), timeout=0.2)
    feedback = exercise.check(_stuck)
    assert not feedback and "no terminó" in feedback.message


def test_a_policy_stuck_in_a_loop_costs_one_time_limit():
    feedback = get_exercise("estrategias.politica").check(lambda state: _stuck())
    assert not feedback and "no respondió" in feedback.message


def test_blank_answers_ask_for_an_answer_without_judging():
    exercise = get_exercise("negociacion.ancla")
    for blank in (None, "", "   ", ...):
        feedback = exercise.check(blank)
        assert not feedback and feedback.message == BLANK_MESSAGE


def test_numeric_accepts_typed_amounts_and_names_known_mistakes():
    exercise = get_exercise("negociacion.ancla")
    anchor = opening_ask(exercise.case)
    assert exercise.check(anchor) and exercise.check(format_pesos(anchor)) and exercise.check(f"{anchor:.2f}")
    assert "error conocido" in exercise.check(exercise.case.goal_mxn).message
    assert "demasiado alta" in exercise.check(50 * anchor).message
    assert "número" in exercise.check([anchor]).message


def test_numeric_builder_respects_tolerance():
    exercise = numeric("prueba.numero", "Número", "…", 100.0, tolerance=1.0, why="bien", hints=("pista",),
                       mistakes=((50.0, "usó la mitad"),))
    assert exercise.check(100.9) and not exercise.check(101.5)
    assert "usó la mitad" in exercise.check(50).message


def test_choice_reads_letters_in_many_forms_and_explains():
    single = choice("prueba.opcion", "Opción", "¿Cuál?", {"a": "uno", "b": "dos"}, "b",
                    why={"a": "no es", "b": "sí es"}, hints=("pista",))
    assert single.check("b") and single.check("B)") and single.check(["b"])
    assert "no es" in single.check("a").message
    assert "una sola" in single.check("a, b").message
    several = get_exercise("negociacion.supervisor")
    assert several.check("b y c y d y f") and several.check({"b", "c", "d", "f"})
    assert "Le falta marcar" in several.check("bcd").message


@pytest.mark.parametrize("answer", ["a", "ab", "abf"])
def test_a_name_said_on_the_phone_does_not_verify_the_holder(answer):
    feedback = get_exercise("primera_llamada.verificacion").check(answer)
    assert not feedback and "un nombre dicho al teléfono no prueba nada" in feedback.message


def test_verifying_means_data_the_holder_knows_and_nothing_sensitive():
    exercise = get_exercise("primera_llamada.verificacion")
    digits, birth, nip = "Pedirle los últimos cuatro", "Pedirle que le confirme su fecha", "Pedirle el NIP"
    name_only = "Preguntarle otra vez"
    assert exercise.check(exercise.letter_for(digits, birth))
    assert not exercise.check(exercise.letter_for(digits))
    assert not exercise.check(exercise.letter_for(digits, birth, nip))
    assert not exercise.check(exercise.letter_for(name_only, digits, birth))


def test_date_reads_dates_and_spanish_text():
    exercise = get_exercise("negociacion.fecha")
    assert exercise.check(dt.date(2026, 3, 13)) and exercise.check(dt.datetime(2026, 3, 13, 9))
    assert exercise.check("el viernes") and exercise.check("13 de marzo")
    assert "hábil" in exercise.check("15 de marzo").message  # Sunday: payments fall due on business days
    assert "evasiva" in exercise.check("la próxima semana").message
    assert "ya pasó" in exercise.check(dt.date(2026, 1, 5)).message
    custom = date_answer("prueba.fecha", "Fecha", "…", today=dt.date(2026, 3, 9),
                         accepted=(dt.date(2026, 3, 13),), why="bien", hints=("pista",))
    assert "después" in custom.check(dt.date(2026, 3, 20)).message


def test_function_quotes_the_first_case_it_gets_wrong():
    exercise = get_exercise("estrategias.valor_promesa")
    assert exercise.check(expected_recovery)
    assert exercise.check(lambda m, p, d: round(expected_recovery(m, p, d), 2))
    feedback = exercise.check(lambda m, p, d: m * p * 1.3 ** (-d / 365) + (d == 365))
    assert "dias=365" in feedback.message and "1 de 5" in feedback.message


def test_plan_exercise_uses_the_supervisors_limits():
    exercise = get_exercise("negociacion.plan")
    assert exercise.check(Plan(4, 850, dt.date(2026, 3, 13), 15))
    assert exercise.check(Plan(4, 850, 4, 30))  # days from the call are dates too
    assert "supervisor" in exercise.check(Plan(6, 600, 4, 15)).message
    assert "no cubre" in exercise.check(Plan(4, 800, 4, 15)).message


def test_policy_must_beat_the_reference_with_a_clear_interval():
    exercise = get_exercise("estrategias.politica")
    assert exercise.check(anclaje)
    same = exercise.check(aceptar_primera)
    assert not same and "Todavía no le gana" in same.message
    assert not exercise.check(lambda state: Escuchar())


def test_hints_come_in_turn_and_then_repeat():
    exercise = numeric("prueba.pistas", "Pistas", "…", 1.0, tolerance=0.1, why="bien", hints=("uno", "dos"))
    shown = [exercise.hint() for _ in range(3)]
    assert shown == ["Pista 1 de 2: uno", "Pista 2 de 2: dos", "Pista 2 de 2: dos"]
    assert exercise.hint()._repr_markdown_().startswith("Pista")


def test_registry_lists_exercises_and_explains_unknown_ids():
    keys = list(all_exercises("negociacion"))
    assert len(keys) >= 6 and keys[0] == "negociacion.ancla"
    with pytest.raises(AnswerError, match="negociacion.ancla"):
        get_exercise("negociacion.no_existe")


def test_results_and_summary_follow_the_last_check():
    exercise = get_exercise("negociacion.comparar_promesas")
    exercise.check(exercise.letter_for("«Sí, sí, le deposito"))
    assert results()["negociacion.comparar_promesas"].correct is False
    exercise.check(exercise.letter_for("$1,800 el viernes 13"))
    assert results()["negociacion.comparar_promesas"].correct is True
    assert "| Ejercicio 5. ¿La promesa grande o la que se cumple? | correcto |" in summary("negociacion")


def test_feedback_reads_well_as_text_and_markdown():
    wrong = Feedback(False, "Es muy alto.", "Divida entre 0.9.")
    assert str(wrong) == "Todavía no. Es muy alto.\nPista: Divida entre 0.9."
    assert "*Pista:*" in wrong._repr_markdown_() and not wrong
    assert get_exercise("negociacion.ancla")._repr_markdown_().startswith("### Ejercicio 1")


def test_checks_are_saved_to_the_trainees_progress(tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    track_progress("Ana López", store)
    anchor = round(opening_ask(practice_case("Ana López")), 2)
    get_exercise("negociacion.ancla").check(anchor)
    get_exercise("negociacion.ancla").check(None)  # a blank is not an attempt
    get_exercise("negociacion.fecha").check("el lunes 16 de marzo")
    rows = store.results("Ana López")
    assert [(row["kind"], row["activity"], row["passed"], row["score"]) for row in rows] == [
        ("ejercicio", "negociacion.ancla", True, 1.0), ("ejercicio", "negociacion.fecha", False, 0.0)]
    assert rows[0]["details"]["respuesta"] == anchor and rows[1]["details"]["mensaje"]


def test_a_failing_store_prints_a_note_and_still_gives_feedback(tmp_path, capsys):
    track_progress("Ana", tmp_path)  # a folder is not a SQLite file
    feedback = get_exercise("negociacion.ancla").check(opening_ask(practice_case("Ana")))
    assert feedback.correct
    assert "no se pudo guardar" in capsys.readouterr().out

    class Broken:
        def record(self, *args):
            raise RuntimeError("disco lleno")

    track_progress("Ana", Broken())
    assert not get_exercise("negociacion.ancla").check(practice_case("Ana").goal_mxn)
    assert "disco lleno" in capsys.readouterr().out


def test_tracking_needs_a_place_to_save():
    with pytest.raises(ValueError, match="dónde guardar"):
        track_progress("Ana")


def test_the_guide_example_builds_a_working_exercise(guide_exercise):
    exercise = guide_exercise("numeric", numeric=numeric)
    assert exercise.check(1850) and "1,800" in exercise.check(1800).message
