"""The learner's name is asked once, and a profile that cannot be written never blocks them."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from simulator.course import trainee
from simulator.course.exercises import numeric
from simulator.course.progress import STORE_VARIABLE, ProgressStore


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in (STORE_VARIABLE, trainee.NAME_VARIABLE, trainee.PROFILE_VARIABLE):
        monkeypatch.delenv(variable, raising=False)
    yield tmp_path
    trainee.forget()


def test_default_locations_are_in_the_home_folder(home):
    assert trainee.progress_path() == home / ".cobranza" / "avance.sqlite"
    assert trainee.current_trainee() is None


def test_the_name_is_asked_once_then_remembered(home):
    form = trainee.sign_in()
    assert isinstance(form, widgets.VBox)
    box, button = form.children[0].children
    box.value = "  Ana   Pérez "
    button.click()
    assert "Ana Pérez" in form.children[1].value
    assert trainee.current_trainee() == "Ana Pérez"
    assert "Ana Pérez" in trainee.sign_in()


def test_checks_after_sign_in_land_in_the_store(home, monkeypatch):
    store = home / "grupo" / "avance.sqlite"
    monkeypatch.setenv(STORE_VARIABLE, str(store))
    monkeypatch.setenv(trainee.NAME_VARIABLE, "Luis")
    trainee.sign_in()
    numeric("prueba.trainee", "t", "s", 2.0, tolerance=0.1, why="w", hints=("h",)).check(2)
    [row] = ProgressStore(store).results()
    assert (row["trainee"], row["activity"], row["passed"]) == ("Luis", "prueba.trainee", True)


def test_blank_name_is_refused_and_saves_nothing(home):
    assert "Escriba su nombre" in trainee.remember("   ")
    assert trainee.current_trainee() is None


def test_an_unwritable_profile_still_saves_progress_this_session(home, monkeypatch):
    blocker = home / "archivo"
    blocker.write_text("")
    monkeypatch.setenv(trainee.PROFILE_VARIABLE, str(blocker / "alumno.txt"))
    message = trainee.remember("Ana")
    assert "No se pudo guardar su nombre" in message and "Hola, Ana" in message
