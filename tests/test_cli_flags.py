"""Every command that simulates honours the run flags it accepts (issue 19: sweep ran
locally with the rules on whatever --backend and --compliance said; plan-test dropped
--compliance)."""

from __future__ import annotations

import pandas as pd
import pytest

import simulator.experiments.runner
from simulator.cli.main import main
from simulator.experiments.backends import map_replications
from simulator.paths import dataset

COMMANDS = {
    "run": ["run", "--strategy", "escalonada"],
    "compare": ["compare", "escalonada", "digital_primero"],
    "sweep": ["sweep", "escalonada", "--param", "agentes=4:8:4"],
    "plan-test": ["plan-test", "escalonada", "digital_primero"],
}


@pytest.fixture(scope="module")
def small_portfolio(tmp_path_factory):
    path = tmp_path_factory.mktemp("cartera") / "cartera.csv"
    pd.read_csv(dataset("portfolios", "demo.csv")).head(80).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_compliance_and_backend_flags_reach_every_replication(command, small_portfolio, monkeypatch):
    seen = []

    def spy(task, jobs, *, workers, backend, scheduler, progress):
        seen.append((task.enforce_compliance, backend, scheduler))
        return map_replications(task, jobs, workers=workers, backend="local", scheduler=None,
                                progress=progress)

    monkeypatch.setattr(simulator.experiments.runner, "map_replications", spy)
    argv = COMMANDS[command] + ["--portfolio", str(small_portfolio), "--days", "20",
                                "--replications", "2", "--compliance", "off", "--json",
                                "--backend", "dask", "--scheduler", "tcp://127.0.0.1:8786"]
    assert main(argv) == 0
    assert seen and set(seen) == {(False, "dask", "tcp://127.0.0.1:8786")}, seen
