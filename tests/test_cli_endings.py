"""How a command ends when the user presses Ctrl+C or the reader of its output goes away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator import dataset
from simulator.cli import main as cli
from simulator.cli.main import main
from simulator.terminal import BROKEN_PIPE, INTERRUPTED


def _interrupted(args):
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", ["run", "compare", "sweep", "plan-test"])
def test_ctrl_c_is_one_spanish_line_and_status_130(monkeypatch, capsys, command):
    monkeypatch.setitem(cli._COMMANDS, command, _interrupted)
    argv = {"run": ["run", "--strategy", "nada"], "compare": ["compare", "nada"],
            "sweep": ["sweep", "nada", "--param", "agentes=1:2:1"],
            "plan-test": ["plan-test", "nada", "escalonada"]}[command]
    assert main([*argv, "--portfolio", "c.csv"]) == INTERRUPTED
    err = capsys.readouterr().err
    assert err == "interrumpido con Ctrl+C; no se escribió ningún resultado\n"


def _group(pgid: int) -> list[int]:
    """Processes still alive in the process group ``pgid`` (Linux /proc)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process groups from /proc")
def test_ctrl_c_in_compare_stops_its_workers_without_a_traceback(tmp_path, demo_portfolio):
    portfolio = tmp_path / "cartera.csv"
    demo_portfolio.head(2000).to_csv(portfolio, index=False)
    command = [sys.executable, "-m", "simulator", "compare", str(dataset("strategies", "escalonada.yaml")),
               str(dataset("strategies", "intensiva.yaml")), "--portfolio", str(portfolio), "--days", "365",
               "--replications", "40", "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # its own group, as a terminal's foreground job
    try:
        deadline = time.monotonic() + 120
        while len(_group(process.pid)) < 3 and time.monotonic() < deadline:  # parent and both workers
            time.sleep(0.2)
        assert len(_group(process.pid)) >= 3, "the workers never started"
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C sends: every process of the group
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == INTERRUPTED
    assert err == "interrumpido con Ctrl+C; no se escribió ningún resultado\n"
    deadline = time.monotonic() + 10
    while _group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _group(process.pid) == []


def _with_closed_stdout(*args: str) -> subprocess.CompletedProcess:
    read, write = os.pipe()
    os.close(read)  # nobody will read: like `... | head -1` after head has exited
    try:
        return subprocess.run([sys.executable, "-m", "simulator", *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=600)
    finally:
        os.close(write)


def test_output_to_a_closed_pipe_ends_quietly(tmp_path, demo_portfolio):
    portfolio = tmp_path / "cartera.csv"
    demo_portfolio.head(50).to_csv(portfolio, index=False)
    done = _with_closed_stdout("run", "--portfolio", str(portfolio), "--strategy",
                               str(dataset("strategies", "nada.yaml")), "--days", "20",
                               "--replications", "2")
    assert (done.returncode, done.stderr) == (BROKEN_PIPE, "")

