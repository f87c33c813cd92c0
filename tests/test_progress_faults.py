"""Faults injected into the progress store: killed writers, a full disk, a location that is not a folder.

Each test checks the two promises of :mod:`simulator.course.progress`: every result
saved before the fault is still there and readable, and the learner gets a
Spanish message and can carry on.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from simulator.course.exercises import numeric, track_progress
from simulator.course.progress import ProgressError, ProgressStore

#: A writer that saves numbered results with a large payload as fast as it can, until killed.
_WRITER = textwrap.dedent("""
    import sys
    from simulator.course.progress import ProgressStore
    store = ProgressStore(sys.argv[1])
    number = 0
    while True:
        store.record("ana", "ejercicio", f"tema.pregunta_{number}", 1.0, True, {"relleno": "x" * 20000})
        number += 1
""")


def _saved(path) -> list[str]:
    return [row["activity"] for row in ProgressStore(path).results()]


@pytest.mark.parametrize("kills", [6])
def test_a_writer_killed_mid_write_leaves_every_earlier_result(tmp_path, kills):
    path = tmp_path / "avance.sqlite"
    lost = 0
    for kill in range(kills):
        before = len(_saved(path)) if path.exists() else 0
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)])
        deadline = time.monotonic() + 60
        # Let it write a different number of rows each time, so the kill lands at varied moments.
        while (len(_saved(path)) if path.exists() else 0) < before + 3 + 7 * kill:
            assert time.monotonic() < deadline, "the writer saved nothing in 60 s"
            time.sleep(0.01)
        time.sleep(0.003 * kill)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        activities = _saved(path)
        numbers = [int(activity.rsplit("_", 1)[1]) for activity in activities]
        # Each run numbers from 0: the rows are whole runs of 0..k, none missing or half-written.
        runs = [n for n in numbers if n == 0]
        assert len(runs) == kill + 1
        lost += sum(1 for previous, current in zip(numbers, numbers[1:], strict=False)
                    if current not in (0, previous + 1))
        assert len(activities) >= before + 3 + 7 * kill
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert lost == 0
    print(f"fallas inyectadas: {kills} SIGKILL; resultados guardados: {len(_saved(path))}; perdidos: {lost}")


_FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from simulator.course.exercises import numeric, track_progress
    from simulator.course.progress import ProgressError, ProgressStore

    path = sys.argv[1]
    store = ProgressStore(path)
    store.record("ana", "ejercicio", "tema.antes", 1.0, True, {})
    # The disk is full: the file may not grow by more than a few pages from now on.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = 64 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        for number in range(200):
            store.record("ana", "ejercicio", f"tema.lleno_{number}", 1.0, True, {"relleno": "x" * 4000})
    except ProgressError as error:
        print("ERROR:", error)
    track_progress("ana", store)
    feedback = numeric("tema.suma", "Suma", "2 + 2", 4.0, tolerance=0.1, why="es la suma.",
                       hints=("sume",)).check(4)
    print("REVISION:", feedback.correct)
""")


def test_a_full_disk_gives_a_spanish_message_and_the_learner_goes_on(tmp_path):
    path = tmp_path / "avance.sqlite"
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ERROR: " in done.stdout and "no se pudo guardar el resultado" in done.stdout, done.stdout
    assert "su avance anterior sigue intacto" in done.stdout
    assert "REVISION: True" in done.stdout  # the next check is judged, saved or not
    activities = _saved(path)
    assert activities[0] == "tema.antes"
    numbers = [int(activity.rsplit("_", 1)[1]) for activity in activities
               if activity.startswith("tema.lleno_")]
    assert numbers and numbers == list(range(len(numbers)))  # what was saved before the disk filled is there


def test_a_location_that_cannot_hold_the_file_is_reported_and_checks_still_work(tmp_path, capsys):
    blocker = tmp_path / "no_es_carpeta"
    blocker.write_text("", encoding="utf-8")
    store = ProgressStore(blocker / "avance.sqlite")
    with pytest.raises(ProgressError, match="no se pudo guardar el resultado"):
        store.record("ana", "ejercicio", "tema.x", 1.0, True, {})
    track_progress("ana", store)
    try:
        feedback = numeric("tema.suma", "Suma", "2 + 2", 4.0, tolerance=0.1, why="es la suma.",
                           hints=("sume",)).check(4)
    finally:
        track_progress(None)
    assert feedback.correct
    assert "Aviso: no se pudo guardar" in capsys.readouterr().out


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders; covered by the blocker test")
def test_a_read_only_folder_is_reported(tmp_path):
    folder = tmp_path / "solo_lectura"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ProgressError, match="no se pudo guardar"):
            ProgressStore(folder / "avance.sqlite").record("ana", "ejercicio", "tema.x", 1.0, True, {})
    finally:
        folder.chmod(0o700)
