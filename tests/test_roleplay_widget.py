"""The role-play widget, driven headless by clicking its buttons like a student would."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from simulator.course.exercises import get_exercise, track_progress
from simulator.course.progress import ProgressStore
from simulator.roleplay import DEFAULT_LIBRARY, load_scenario
from simulator.ui import RolePlayWidget, roleplay_app

MINIMAL = Path(__file__).parent / "data" / "dialogo_minimo.yaml"


@pytest.fixture()
def scenario():
    return load_scenario(MINIMAL)


@pytest.fixture()
def signed_in():
    """Sign a learner in to a given store for one test, and out afterwards."""
    def sign(store, trainee: str = "anonimo") -> None:
        track_progress(trainee, store)

    yield sign
    track_progress(None)


def _press(widget: RolePlayWidget, authored: int) -> None:
    """Click the option written ``authored``-th in the file, wherever this play shows it."""
    widget.choice_buttons[[option.authored for option in widget.session.choices].index(authored)].click()


def _play_best(widget: RolePlayWidget, amount: str = "800") -> None:
    _press(widget, 0)
    _press(widget, 0)
    widget.input_box.value = amount
    widget.confirm_button.click()


def test_a_call_played_by_clicks_ends_with_a_debrief_and_a_transcript(scenario, tmp_path, signed_in):
    store = ProgressStore(tmp_path / "avance.sqlite")
    signed_in(store, "lucia")
    widget = RolePlayWidget(scenario, seed=1)
    assert "Ana Pérez" in widget.card.value and "¿Bueno?" in widget.chat.value
    assert len(widget.choice_buttons) == 2
    _play_best(widget)
    assert widget.choice_buttons == []
    assert "Promesa de pago" in widget.debrief_panel.value and "APROBADA" in widget.debrief_panel.value
    link = re.search(r"base64,([A-Za-z0-9+/=]+)", widget.download.value).group(1)
    assert "DEUDOR: Queda, ochocientos pesos el viernes." in base64.b64decode(link).decode("utf-8")
    saved = store.results("lucia")
    assert [(row["activity"], row["passed"]) for row in saved] == [("dialogo_minimo", True)]
    assert "guardado" in widget.status.value


def test_feedback_shows_per_choice_but_is_hidden_in_exam_mode(scenario):
    practice, exam = RolePlayWidget(scenario), RolePlayWidget(scenario, exam_mode=True)
    _press(practice, 0)
    _press(exam, 0)
    assert "Se identificó" in practice.feedback.value
    assert exam.feedback.value == ""
    _play_best(exam)


def test_an_unreadable_amount_shows_a_message_and_the_call_goes_on(scenario):
    widget = RolePlayWidget(scenario)
    _press(widget, 0)
    _press(widget, 0)
    assert widget.input_row.layout.display == "flex"
    widget.input_box.value = "mil y pico"
    widget.confirm_button.click()
    assert "no pude leer" in widget.status.value
    assert len(widget.choice_buttons) == 2 and widget.session.node == "monto"
    widget.input_box.value = "900"
    widget.confirm_button.click()
    assert widget.session.finished and widget.input_row.layout.display == "none"


def test_a_threat_turns_the_mood_gauge_red_and_fails(scenario):
    widget = RolePlayWidget(scenario)
    _press(widget, 1)
    assert widget.mood.bar_style == "danger"
    assert "NO APROBADA" in widget.debrief_panel.value and "FALTA" in widget.debrief_panel.value


def test_an_unwritable_progress_location_is_reported_and_the_call_still_ends(scenario, tmp_path, signed_in):
    blocker = tmp_path / "no_es_carpeta"
    blocker.write_text("", encoding="utf-8")
    signed_in(blocker / "avance.sqlite")
    widget = RolePlayWidget(scenario)
    _play_best(widget)
    assert "no se pudo guardar" in widget.status.value
    assert "Resumen de la llamada" in widget.debrief_panel.value


def test_a_progress_file_that_is_not_a_database_is_reported(scenario, tmp_path, signed_in):
    broken = tmp_path / "avance.sqlite"
    broken.write_text("esto no es una base de datos", encoding="utf-8")
    signed_in(broken)
    widget = RolePlayWidget(scenario)
    _play_best(widget)
    assert "no se pudo guardar" in widget.status.value
    assert broken.read_text(encoding="utf-8") == "esto no es una base de datos"


def test_the_app_opens_the_chosen_scenario(tmp_path):
    library = tmp_path / "biblioteca"
    library.mkdir()
    (library / "dialogo_minimo.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    app = roleplay_app(str(library))
    picker, level, _exam, _seed, start, stage = app.children
    level.value = "dificil"
    start.click()
    assert "¿Qué quiere?" in stage.children[0].children[2].value


def test_the_exercise_reads_the_numbers_of_the_learners_last_play(tmp_path, signed_in):
    signed_in(ProgressStore(tmp_path / "avance.sqlite"), "lucia")
    scenario = load_scenario(Path(DEFAULT_LIBRARY) / "primera_llamada_30.yaml")
    first = RolePlayWidget(scenario, seed=1)
    typed, shown = iter(scenario.model_path().inputs), []
    for authored in scenario.model_path().choices:
        option = next(option for option in first.session.choices if option.authored == authored)
        shown.append(option.index if option.asks_for is None else (option.index, next(typed)))
        _press(first, authored)
        if option.asks_for:
            first.input_box.value = shown[-1][1]
            first.confirm_button.click()
    assert "APROBADA" in first.debrief_panel.value
    numbers = [move if isinstance(move, int) else move[0] for move in shown]
    assert numbers != list(scenario.model_path().choices)  # this play is not shown in the file's order
    exercise = get_exercise("primera_llamada.llamada")
    assert exercise.check(shown)
    second = RolePlayWidget(scenario, seed=1)
    assert second.session.order_seed != first.session.order_seed
    assert exercise.check(shown)  # still the last saved play until the second one ends
