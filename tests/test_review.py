"""The trainer's review of typed role-play answers: pages to read, decisions kept, scores that follow them."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest
from review_calls import cohort, typed_call
from widget_play import click_first_until

from simulator.course.exercises import track_progress
from simulator.course.exercises.tracking import ROLEPLAY_KIND
from simulator.course.gradebook import activity_table, cohort_table, load_results
from simulator.course.progress import ProgressStore, ReviewError
from simulator.roleplay import load_library
from simulator.ui import RolePlayWidget
from simulator.ui.transcripts import write_transcripts


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return cohort(tmp_path / "avance.sqlite")


def test_a_review_is_kept_and_read_back(store):
    store.review(1, 2, "amenaza", "quitar", "Marta")
    [review] = store.reviews()
    assert (review["result_id"], review["step"], review["label"], review["decision"], review["reviewer"]) \
        == (1, 2, "amenaza", "quitar", "Marta")


@pytest.mark.parametrize(("args", "says"), [
    ((1, 2, "grito", "quitar"), "la marca 'grito' no existe"),
    ((1, 2, "amenaza", "borrar"), "la decisión 'borrar' no existe"),
    ((9, 2, "amenaza", "quitar"), "no existe el resultado 9"),
    ((1, 1, "amenaza", "quitar"), "no tiene una respuesta escrita en el paso 1"),
    ((1, 2, "insulto", "quitar"), "el juez no marcó 'insulto'"),
    ((1, 2, "amenaza", "agregar"), "el juez ya marcó 'amenaza'"),
])
def test_a_bad_review_is_refused_in_spanish(store, args, says):
    with pytest.raises(ReviewError, match=says):
        store.review(*args, reviewer="Marta")
    assert store.reviews() == []


def test_the_cohort_table_follows_the_trainers_verdict(store):
    before = cohort_table(load_results(store.path)).iloc[0]
    assert (before["aprobadas"], before["revisadas"]) == (1, 0)
    store.review(1, 2, "amenaza", "quitar", "Marta")
    after = cohort_table(load_results(store.path)).iloc[0]
    assert (after["aprobadas"], after["revisadas"]) == (2, 1)
    call = activity_table(load_results(store.path)).query("tipo == @ROLEPLAY_KIND").iloc[0]
    assert call["aprobada"] and call["revisada"]


def test_a_breach_the_trainer_adds_fails_a_passed_call(tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    store.record("Ana", ROLEPLAY_KIND, "promesa_rota", 80, True, typed_call(breach=False))
    store.review(1, 2, "insulto", "agregar", "Marta")
    assert cohort_table(load_results(store.path)).iloc[0]["aprobadas"] == 0


def test_an_old_file_without_reviews_still_reads(tmp_path):
    path = tmp_path / "viejo.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE results (id INTEGER PRIMARY KEY AUTOINCREMENT, trainee TEXT, "
                           "kind TEXT, activity TEXT, score REAL, passed INTEGER, details TEXT, "
                           "recorded_at TEXT)")
        connection.execute("INSERT INTO results (trainee, kind, activity, score, passed, details, "
                           "recorded_at) VALUES ('Ana', 'juego_de_rol', 'x', 80, 1, '{}', "
                           "'2026-01-01T00:00:00+00:00')")
    connection.close()
    assert ProgressStore(path).reviews() == []
    row = cohort_table(load_results(path)).iloc[0]
    assert (row["aprobadas"], row["revisadas"]) == (1, 0)


def test_the_transcripts_page_shows_marks_and_escapes_what_learners_typed(store, tmp_path):
    store.review(1, 2, "amenaza", "confirmar", "<i>Marta</i>")
    folder = tmp_path / "paginas"
    done = subprocess.run([sys.executable, "-m", "simulator", "progress", "--db", str(store.path),
                           "--transcripts", str(folder)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(page.name for page in folder.iterdir()) == ["alumno_1.html", "index.html"]
    page = (folder / "alumno_1.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert page.count("<script>") == 1  # the page's own, allowed by its hash
    assert "Ana &lt;b&gt;" in page and "&lt;i&gt;Marta&lt;/i&gt;" in page
    assert "promesa_rota" in page and "resultado=1, paso=2" in page
    assert "falta: amenaza" in page and "lo meto a la cárcel</mark>" in page


def test_a_call_typed_in_the_widget_can_be_read_and_reviewed_but_not_replayed(tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    track_progress("lucia", store)
    try:
        widget = RolePlayWidget(load_library()["primera_llamada_30"])
        widget.write_box.value = "Buenas tardes, ¿está Martín? Si no paga lo vamos a meter a la cárcel."
        widget.send_button.click()
        click_first_until(widget, lambda: widget.session.finished)
    finally:
        track_progress(None)
    [(page, name)] = write_transcripts(load_results(store.path), [], tmp_path)
    [row] = store.results()
    step = row["details"]["choices"][0]["paso"]
    assert name == "lucia" and f"resultado={row['id']}, paso={step}" in page.read_text(encoding="utf-8")
    store.review(row["id"], step, "amenaza", "quitar", "Marta")
    [call] = load_results(store.path).itertuples()
    # the threat made the debtor hang up: without it the call still missed its goal, so it still fails
    assert call.revisada and not row["details"]["objective_met"] and not call.passed


def test_a_breach_the_trainer_added_can_be_taken_back(tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    store.record("Ana", ROLEPLAY_KIND, "promesa_rota", 80, True, typed_call(breach=False))
    assert store.review(1, 2, "insulto", "agregar", "Marta")
    assert not store.review(1, 2, "insulto", "agregar", "Marta")  # the same decision again saves nothing
    store.review(1, 2, "insulto", "quitar", "Marta")
    assert len(store.reviews()) == 2
    assert cohort_table(load_results(store.path)).iloc[0]["aprobadas"] == 1


def test_the_pages_show_marks_as_reviewed_and_an_index_counts_what_is_left(tmp_path):
    store = cohort(tmp_path / "avance.sqlite")
    store.record("Beto", ROLEPLAY_KIND, "promesa_rota", 55, False, typed_call())
    store.review(1, 2, "amenaza", "quitar", "Marta")
    store.review(1, 2, "identificacion", "confirmar", "Marta")
    store.review(1, 2, "insulto", "agregar", "Luis")
    folder = tmp_path / "paginas"
    folder.mkdir()
    write_transcripts(load_results(store.path), store.reviews(), folder)
    assert sorted(page.name for page in folder.iterdir()) == ["alumno_1.html", "alumno_2.html", "index.html"]
    ana = (folder / "alumno_1.html").read_text(encoding="utf-8")
    assert "<del>amenaza</del> quitada por Marta" in ana and "confirmada por Marta" in ana
    assert "agregada por Luis" in ana and "<option value='insulto'>" not in ana
    assert "lo meto a la cárcel</mark>" not in ana  # a removed breach is no longer highlighted
    assert "Content-Security-Policy" in ana and "default-src 'none'; script-src 'sha256-" in ana
    assert "<script src" not in ana and "http" not in ana.split("<script>")[1]
    beto = (folder / "alumno_2.html").read_text(encoding="utf-8")
    assert "sin revisar (falta: revísela)" in beto and "lo meto a la cárcel</mark>" in beto
    index = (folder / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td><a href='(alumno_\d\.html)'>\1</a></td><td>(.*?)</td><td>(\d+)</td>"
                      r"<td>(\d+)</td><td>(\d+)</td></tr>", index)
    assert rows == [("alumno_1.html", "Ana &lt;b&gt;", "1", "0", "3"),
                    ("alumno_2.html", "Beto", "1", "1", "0")]
