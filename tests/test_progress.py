"""The trainee progress store: results survive, concurrent writers lose nothing."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading

import pytest

from simulator.course.progress import ProgressError, ProgressStore


def test_results_round_trip_per_trainee(tmp_path):
    store = ProgressStore(tmp_path / "grupo" / "avance.sqlite")
    assert store.results() == []
    store.record("lucia", "juego_de_rol", "negociacion_abono", 91, True, {"final": "promesa_de_pago"})
    store.record("mario", "juego_de_rol", "cliente_enojado", 40, False, {"faltas": ["amenaza"]})
    assert [row["trainee"] for row in store.results()] == ["lucia", "mario"]
    (mario,) = store.results("mario")
    assert mario["score"] == 40 and mario["passed"] is False and mario["details"] == {"faltas": ["amenaza"]}


def _write_many(path: str, trainee: str, count: int) -> None:
    store = ProgressStore(path)
    for number in range(count):
        store.record(trainee, "quiz", f"pregunta_{number}", number, True, {})


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "avance.sqlite")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(path, name, 60)) for name in ("ana", "beto")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    rows = ProgressStore(path).results()
    assert len(rows) == 120
    assert sorted(row["activity"] for row in rows if row["trainee"] == "ana") == sorted(
        f"pregunta_{n}" for n in range(60))


def test_a_corrupt_file_gives_a_spanish_error(tmp_path):
    path = tmp_path / "avance.sqlite"
    path.write_bytes(b"no soy una base de datos" * 100)
    with pytest.raises(ProgressError, match="no se pudo leer el avance"):
        ProgressStore(path).results()


def test_a_file_left_without_results_reads_as_empty_and_takes_new_ones(tmp_path):
    path = tmp_path / "avance.sqlite"
    sqlite3.connect(path).close()  # an empty database, as a write that failed first would leave it
    store = ProgressStore(path)
    assert store.results() == []
    store.record("ana", "quiz", "p1", 1.0, True, {})
    assert [row["activity"] for row in store.results()] == ["p1"]


def test_the_first_save_waits_for_another_writer_instead_of_failing(tmp_path):
    path = tmp_path / "avance.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE otra (x)")  # a file still in rollback-journal mode
    other.execute("BEGIN IMMEDIATE")  # another learner is saving right now
    errors: list[BaseException] = []

    def save() -> None:
        try:
            ProgressStore(path).record("ana", "quiz", "p1", 1.0, True, {})
        except BaseException as error:  # noqa: BLE001 - the test reports whatever escaped
            errors.append(error)

    saver = threading.Thread(target=save)
    saver.start()
    saver.join(0.3)
    other.execute("COMMIT")
    other.close()
    saver.join(30)
    assert errors == [] and [row["activity"] for row in ProgressStore(path).results()] == ["p1"]


def test_a_file_from_before_tracks_reads_without_choices_and_takes_them_without_loss(tmp_path):
    path = tmp_path / "avance.sqlite"
    with sqlite3.connect(path) as connection:  # the schema of a file saved before tracks existed
        connection.execute("CREATE TABLE results (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "trainee TEXT NOT NULL, kind TEXT NOT NULL, activity TEXT NOT NULL, score REAL, "
                           "passed INTEGER NOT NULL, details TEXT NOT NULL, recorded_at TEXT NOT NULL)")
        connection.execute("INSERT INTO results (trainee, kind, activity, score, passed, details, "
                           "recorded_at) VALUES ('ana', 'quiz', 'p1', 1.0, 1, '{}', "
                           "'2026-11-02T15:00:00+00:00')")
    connection.close()
    store = ProgressStore(path)
    assert store.profiles() == {}
    assert store.choose("ana", "gestor", "CO") and not store.choose("ana", "gestor", "CO")
    assert store.choose("ana", "gestor", "PE")
    assert {key: store.profiles()["ana"][key] for key in ("track", "edition")} == {"track": "gestor",
                                                                                  "edition": "PE"}
    assert [row["activity"] for row in store.results()] == ["p1"]


def test_a_choice_that_cannot_be_saved_gives_a_spanish_error(tmp_path):
    blocker = tmp_path / "archivo"
    blocker.write_text("")
    with pytest.raises(ProgressError, match="no se pudo guardar su pista y su país"):
        ProgressStore(blocker / "avance.sqlite").choose("ana", "gestor", "MX")
