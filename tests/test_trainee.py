"""Name, track and country are asked once, and a profile that cannot be written never blocks the learner."""

from __future__ import annotations

import sqlite3

import ipywidgets as widgets
import pytest

from simulator.course import trainee
from simulator.course.exercises import numeric
from simulator.course.exercises.tracking import signed_in, signed_in_track
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


def _form():
    form = trainee.sign_in()
    assert isinstance(form, widgets.VBox)
    box, track, country, button = form.children[0].children
    return form, box, track, country, button


def test_the_name_track_and_country_are_asked_once_then_remembered(home):
    form, box, track, country, button = _form()
    assert [value for _, value in track.options] == ["gestor", "gerente"]
    assert [value for _, value in country.options] == ["CL", "CO", "MX", "PE"]
    assert "Colombia (CO)" in [label for label, _ in country.options]
    box.value, track.value, country.value = "  Ana   Pérez ", "gestor", "CO"
    button.click()
    assert "Ana Pérez" in form.children[1].value and "Colombia" in form.children[1].value
    assert trainee.current_profile() == trainee.Profile("Ana Pérez", "gestor", "CO")
    assert trainee.current_track() == "gestor" and trainee.current_edition().code == "CO"
    assert (signed_in(), signed_in_track()) == ("Ana Pérez", "gestor")
    again = trainee.sign_in()
    assert isinstance(again, str) and "Ana Pérez" in again and "Colombia" in again
    [choice] = ProgressStore(trainee.progress_path()).profiles().items()
    assert choice[0] == "Ana Pérez" and (choice[1]["track"], choice[1]["edition"]) == ("gestor", "CO")


def test_a_choice_is_kept_in_the_progress_file_once_and_again_when_it_changes(home):
    for track in ("gestor", "gestor", "gerente"):
        trainee.remember("Ana", track, "PE")
    with sqlite3.connect(trainee.progress_path()) as connection:
        rows = connection.execute("SELECT trainee, track, edition FROM profiles ORDER BY id").fetchall()
    connection.close()
    assert rows == [("Ana", "gestor", "PE"), ("Ana", "gerente", "PE")]
    assert ProgressStore(trainee.progress_path()).profiles()["Ana"]["track"] == "gerente"


def test_a_profile_with_only_a_name_asks_only_the_missing_parts(home):
    profile = home / ".cobranza" / "alumno.txt"
    profile.parent.mkdir()
    profile.write_text("Ana Pérez\n", encoding="utf-8")
    form, box, track, country, button = _form()
    assert box.value == "Ana Pérez" and track.value is None and country.value is None
    assert signed_in() == "Ana Pérez", "a known name saves progress before the form is answered"
    track.value = "gerente"
    button.click()
    assert "Falta elegir su país" in form.children[1].value
    assert trainee.current_profile() == trainee.Profile("Ana Pérez", "gerente", None)
    assert trainee.current_edition().code == "MX", "Mexico's edition until a country is chosen"
    form, box, track, country, button = _form()
    assert (box.value, track.value, country.value) == ("Ana Pérez", "gerente", None)
    country.value = "CL"
    button.click()
    assert profile.read_text(encoding="utf-8").splitlines() == ["Ana Pérez", "pista: gerente", "pais: CL"]


def test_an_unknown_country_gets_a_spanish_message_and_loses_nothing(home):
    trainee.remember("Ana", "gerente", "mx")
    message = trainee.remember("Ana", "gestor", "AR")
    assert "no tiene edición para el país «AR»" in message
    assert "Chile (CL), Colombia (CO), México (MX), Perú (PE)" in message
    assert trainee.current_profile() == trainee.Profile("Ana", "gestor", "MX")
    assert "no existe" in trainee.remember("Ana", "supervisor", None)
    assert trainee.current_profile() == trainee.Profile("Ana", "gestor", "MX")


def test_a_wrong_track_is_corrected_with_the_form_filled_in(home):
    trainee.remember("Ana", "gerente", "CL")
    form = trainee.sign_in(change=True)
    box, track, country, button = form.children[0].children
    assert (box.value, track.value, country.value) == ("Ana", "gerente", "CL")
    track.value = "gestor"
    button.click()
    assert trainee.current_profile() == trainee.Profile("Ana", "gestor", "CL")
    assert ProgressStore(trainee.progress_path()).profiles()["Ana"]["track"] == "gestor"


def test_a_hand_edited_profile_with_an_unknown_country_asks_it_again(home, monkeypatch):
    profile = home / "perfil.txt"
    profile.write_text("Ana\npista: gestor\npais: AR\n", encoding="utf-8")
    monkeypatch.setenv(trainee.PROFILE_VARIABLE, str(profile))
    _, box, track, country, _ = _form()
    assert (box.value, track.value, country.value) == ("Ana", "gestor", None)


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
    assert "No se pudo guardar su perfil" in message and "Hola, Ana" in message


def test_a_progress_file_that_cannot_keep_the_choice_still_keeps_the_profile(home, monkeypatch):
    blocker = home / "archivo"
    blocker.write_text("")
    monkeypatch.setenv(STORE_VARIABLE, str(blocker / "avance.sqlite"))
    message = trainee.remember("Ana", "gestor", "PE")
    assert "no se pudo guardar su pista y su país" in message and "Hola, Ana" in message
    assert trainee.current_profile() == trainee.Profile("Ana", "gestor", "PE")
