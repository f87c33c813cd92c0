"""Every file the CLI writes is checked before it simulates; huge requests are refused at once."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import sys

import pandas as pd
import pytest

from simulator.cli import simulation as simulating_commands
from simulator.cli.main import main
from simulator.course.progress import ProgressStore
from simulator.experiments import runner
from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import MAX_DAYS, MAX_REPLICATIONS, RunSettings
from simulator.output_paths import OutputError, os_reason, writing


@pytest.fixture()
def no_simulation(monkeypatch):
    """Any simulation the command starts fails the test: the path check must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("simuló antes de revisar la ruta de salida")

    for name in ("run_strategy", "compare_strategies", "sweep_strategy"):
        monkeypatch.setattr(simulating_commands, name, refuse)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory, demo_portfolio):
    path = tmp_path_factory.mktemp("salidas") / "cartera.csv"
    demo_portfolio.head(20).to_csv(path, index=False)
    return str(path)


def _error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_audit_log_in_a_missing_folder_fails_before_simulating(tmp_path, portfolio, no_simulation, capsys):
    target = tmp_path / "no_existe" / "a.csv"
    status = main(["run", "--portfolio", portfolio, "--strategy", "nada", "--audit-log", str(target)])
    err = _error(capsys)
    assert status == 2 and str(target) in err and "la carpeta no existe" in err and "--audit-log" in err


def test_audit_log_that_is_a_folder_fails_before_simulating(tmp_path, portfolio, no_simulation, capsys):
    status = main(["run", "--portfolio", portfolio, "--strategy", "nada", "--audit-log", str(tmp_path)])
    assert status == 2 and "es una carpeta, no un archivo" in _error(capsys)


def test_sweep_out_under_a_file_fails_before_simulating(tmp_path, portfolio, no_simulation, capsys):
    blocker = tmp_path / "archivo.txt"
    blocker.write_text("no soy carpeta")
    status = main(["sweep", "nada", "--param", "agentes=1:2:1", "--portfolio", portfolio,
                   "--out", str(blocker / "sub")])
    err = _error(capsys)
    assert status == 2 and "una parte de la ruta es un archivo" in err and "--out" in err


def test_compare_out_under_a_file_fails_before_simulating(tmp_path, portfolio, no_simulation, capsys):
    blocker = tmp_path / "archivo.txt"
    blocker.write_text("no soy carpeta")
    status = main(["compare", "nada", "--portfolio", portfolio, "--out", str(blocker / "sub")])
    assert status == 2 and str(blocker / "sub") in _error(capsys)


def test_a_checked_file_that_did_not_exist_is_not_left_behind(tmp_path):
    from simulator.output_paths import check_file

    check_file(tmp_path / "nuevo.csv", "--csv")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture()
def cohort(tmp_path):
    """A progress file with one good result, one whose details are not JSON, and a hostile name."""
    path = tmp_path / "avance.sqlite"
    store = ProgressStore(path)
    store.record("Ana", "ejercicio", "cobranza.uno", 1.0, True, {"respuesta": 3})
    store.record("=HYPERLINK(\"http://x\")", "ejercicio", "cobranza.uno", 0.0, False, {})
    store.record("Beto", "ejercicio", "cobranza.dos", 0.5, False, {})
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE results SET details = '{roto' WHERE trainee = 'Beto'")
    return path


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_progress_csv_into_a_folder_or_missing_folder_is_one_spanish_line(tmp_path, cohort, where, capsys):
    target = tmp_path if where == "folder" else tmp_path / "no_existe" / "avance.csv"
    status = main(["progress", "--db", str(cohort), "--csv", str(target)])
    err = _error(capsys)
    assert status == 2 and str(target) in err and "--csv" in err
    assert ("es una carpeta" if where == "folder" else "la carpeta no existe") in err


def test_one_bad_details_cell_keeps_the_rest_of_the_gradebook(tmp_path, cohort, capsys):
    rows = ProgressStore(cohort).results()
    assert [row["trainee"] for row in rows] == ["Ana", "=HYPERLINK(\"http://x\")", "Beto"]
    assert [row["details_readable"] for row in rows] == [True, True, False]
    assert rows[0]["details"] == {"respuesta": 3} and rows[2]["details"] is None
    out = tmp_path / "avance.csv"
    assert main(["progress", "--db", str(cohort), "--csv", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Beto" in captured.out and "1 resultado(s) con detalles ilegibles (de Beto)" in captured.err


def test_progress_csv_has_a_bom_and_no_formulas(tmp_path, cohort, capsys):
    out = tmp_path / "avance.csv"
    assert main(["progress", "--db", str(cohort), "--csv", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert "'=HYPERLINK(\"http://x\")" in set(table["alumno"])
    assert not table["alumno"].str.startswith(("=", "+", "-", "@")).any()


def test_a_damaged_progress_file_is_reported_in_spanish(tmp_path, capsys):
    path = tmp_path / "avance.sqlite"
    store = ProgressStore(path)
    for number in range(200):
        store.record("Ana", "ejercicio", f"cobranza.{number}", 1.0, True, {})
    damaged = bytearray(path.read_bytes())
    damaged[4096:4200] = b"\xff" * 104  # the first page of the results table
    path.write_bytes(bytes(damaged))
    status = main(["progress", "--db", str(path)])
    err = _error(capsys)
    assert status == 2 and "no se pudo leer el avance (el archivo está dañado)" in err
    assert "malformed" not in err


def test_os_errors_are_explained_in_spanish():
    reason = os_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert reason == "no hay permiso para escribir ahí"
    assert "Errno" not in os_reason(OSError(errno.EBADMSG, "Bad message"))
    assert os_reason(shutil.SameFileError("a.csv")) == "error del sistema"  # no number, not "None"


def test_a_disk_that_fills_while_writing_is_one_spanish_error(tmp_path):
    with pytest.raises(OutputError, match="no queda espacio en el disco") as caught:
        with writing(tmp_path / "a.csv", "--csv"):
            raise OSError(errno.ENOSPC, "No space left on device")
    assert "No space" not in str(caught.value) and "--csv" in str(caught.value)


@pytest.mark.parametrize(("option", "value", "most"), [
    ("--days", "1000000000", f"{MAX_DAYS:,}"),
    ("--replications", "1000000000", f"{MAX_REPLICATIONS:,}"),
    ("--workers", "100000", "256"),
])
def test_huge_requests_are_refused_before_any_work(option, value, most, no_simulation, capsys):
    with pytest.raises(SystemExit) as done:
        main(["run", "--portfolio", "no_hace_falta.csv", "--strategy", "nada", option, value])
    assert done.value.code == 2
    assert f"debe ser {most} o menos" in _error(capsys)


def test_help_states_the_bounds(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"a lo más {MAX_DAYS:,}" in help_text and f"a lo más {MAX_REPLICATIONS:,}" in help_text


def test_run_strategy_hands_out_jobs_lazily(monkeypatch, sample_portfolio, parameters, strategy):
    seen = {}

    def fake_map(task, jobs, **kwargs):
        seen["jobs"] = jobs
        raise KeyboardInterrupt  # stop before any replication runs

    monkeypatch.setattr(runner, "map_replications", fake_map)
    with pytest.raises(KeyboardInterrupt):
        run_strategy(sample_portfolio, strategy("nada"), parameters,
                     RunSettings(days=30, seed=1, replications=MAX_REPLICATIONS, shards=100))
    jobs = seen["jobs"]
    assert len(jobs) == MAX_REPLICATIONS * 100
    assert sys.getsizeof(jobs) < 1_000  # a million jobs, none made before a worker asks for it


def test_calibrate_checks_its_out_file_before_reading_the_data(tmp_path, capsys):
    blocker = tmp_path / "archivo.txt"
    blocker.write_text("no soy carpeta")
    status = main(["calibrate", "--data", str(tmp_path / "no_existe.csv"),
                   "--out", str(blocker / "uci.yaml")])
    err = _error(capsys)
    assert status == 2 and "--out" in err and "ya existe un archivo con ese nombre" in err


def test_progress_bars_show_on_a_terminal(monkeypatch, portfolio, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    common = ["--portfolio", portfolio, "--days", "5", "--replications", "1"]
    for argv, shown in ((["run", "--strategy", "nada"], "réplica 1/1"),
                        (["compare", "nada", "escalonada"], "réplica 2/2"),
                        (["plan-test", "escalonada", "nada"], "réplica 2/2"),
                        (["sweep", "nada", "--param", "agentes=1:2:1"], "valor 2/2")):
        assert main([*argv, *common]) == 0
        assert shown in capsys.readouterr().err, argv


@pytest.mark.parametrize("grid", ["agentes=1:1000000000000:1", "agentes=1:inf:1",
                                  "agentes=" + ",".join(["1"] * 201)])
def test_a_sweep_of_too_many_values_is_refused_before_building_it(grid, portfolio, no_simulation, capsys):
    status = main(["sweep", "nada", "--param", grid, "--portfolio", portfolio])
    err = _error(capsys)
    assert status == 2 and "una sensibilidad admite a lo más 200" in err
