"""The trainer's gradebook on a cohort of simulated trainees who really played (see ../conftest.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict

import pandas as pd
import pytest

from simulator.course.exercises import all_exercises
from simulator.course.gradebook import (
    activity_table,
    cohort_table,
    load_results,
    topic_of,
    topic_table,
    weak_topics,
)
from simulator.course.progress import ProgressError, ProgressStore


@pytest.fixture(scope="module")
def results(simulated_cohort):
    return load_results(simulated_cohort[0])


@pytest.fixture(scope="module")
def played(simulated_cohort):
    return simulated_cohort[1]


@pytest.fixture(scope="module")
def truth(played) -> dict[tuple[str, str], list[bool]]:
    """Attempts per (trainee, activity), straight from what the simulated trainees did."""
    attempts = defaultdict(list)
    for trainee, _, activity, passed in played:
        attempts[trainee, activity].append(passed)
    return attempts


def test_every_attempt_of_the_simulated_cohort_is_in_the_file(results, played):
    assert len(played) > 50
    columns = ["trainee", "kind", "activity", "passed"]
    assert list(results[columns].itertuples(index=False, name=None)) == played


def test_activities_count_attempts_and_passed_ever(results, truth):
    table = activity_table(results).set_index(["alumno", "actividad"])
    assert len(table) == len(truth)
    for key, attempts in truth.items():
        assert table.loc[key, "intentos"] == len(attempts)
        assert bool(table.loc[key, "aprobada"]) is any(attempts)


def test_cohort_rows_agree_with_what_each_trainee_did(results, truth):
    cohort = cohort_table(results).set_index("alumno")
    for trainee in {name for name, _ in truth}:
        own = {activity: attempts for (name, activity), attempts in truth.items() if name == trainee}
        row = cohort.loc[trainee]
        assert row["actividades"] == len(own)
        assert row["aprobadas"] == sum(any(attempts) for attempts in own.values())
        assert row["intentos"] == sum(len(attempts) for attempts in own.values())
        passed_exercises = sum(any(attempts) for activity, attempts in own.items() if "." in activity)
        assert row["ejercicios_aprobados"] == f"{passed_exercises} de {len(all_exercises())}"


def test_weak_topics_are_those_below_the_threshold(results, played, truth):
    topics = topic_table(results).set_index("tema")
    shares, ever = defaultdict(list), defaultdict(list)
    for (trainee, activity), attempts in truth.items():
        kind = next(kind for name, kind, act, _ in played if (name, act) == (trainee, activity))
        shares[topic_of(kind, activity)].append(attempts[0])  # weak topics read first attempts
        ever[topic_of(kind, activity)].append(any(attempts))
    for topic, passed in shares.items():
        assert topics.loc[topic, "porcentaje_primer_intento"] == pytest.approx(
            100.0 * sum(passed) / len(passed), abs=0.05)
        assert topics.loc[topic, "porcentaje_aprobadas"] == pytest.approx(
            100.0 * sum(ever[topic]) / len(ever[topic]), abs=0.05)
    expected = sorted((topic for topic, passed in shares.items() if sum(passed) / len(passed) < 0.6),
                      key=lambda topic: (sum(shares[topic]) / len(shares[topic]), topic))
    assert weak_topics(results) == expected
    assert weak_topics(results, share=0.0) == [] and len(weak_topics(results, share=1.01)) == len(shares)


def test_an_empty_cohort_gives_empty_tables(tmp_path):
    path = tmp_path / "avance.sqlite"
    ProgressStore(path).record("x", "ejercicio", "a.b", 1.0, True, {})
    empty = load_results(path).iloc[0:0]
    assert cohort_table(empty).empty and topic_table(empty).empty and weak_topics(empty) == []


def test_missing_and_corrupt_files_are_reported(tmp_path):
    with pytest.raises(ProgressError, match="no existe el archivo de avance"):
        load_results(tmp_path / "nada.sqlite")
    broken = tmp_path / "roto.sqlite"
    broken.write_text("no es una base de datos", encoding="utf-8")
    with pytest.raises(ProgressError, match="no se pudo leer"):
        load_results(broken)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", "progress", *args], capture_output=True,
                          text=True, timeout=120)


def test_the_command_exports_one_row_per_trainee_and_activity(tmp_path, monkeypatch, simulated_cohort, played,
                                                              truth):
    out = tmp_path / "avance.csv"
    done = _cli("--db", str(simulated_cohort[0]), "--csv", str(out), "--json")
    assert done.returncode == 0, done.stderr
    exported = pd.read_csv(out)
    assert len(exported) == len(truth)
    assert exported["intentos"].sum() == len(played)
    report = json.loads(done.stdout)
    assert len(report["trainees"]) == len({name for name, *_ in played})
    monkeypatch.setenv("COBRANZA_AVANCE", str(simulated_cohort[0]))
    assert "Alumnos" in _cli().stdout  # the default file comes from $COBRANZA_AVANCE


def test_the_command_names_a_missing_file(tmp_path):
    done = _cli("--db", str(tmp_path / "nada.sqlite"))
    assert done.returncode == 2
    assert "nada.sqlite" in done.stderr and "no existe el archivo de avance" in done.stderr
    assert "Traceback" not in done.stderr
