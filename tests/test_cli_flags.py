"""Every command that simulates honours every run flag it accepts (issue 19: sweep ran locally with
the rules on whatever --backend and --compliance said; plan-test dropped --compliance).

Each command is run with every setting away from its default and the settings the runner (or,
for ``bench``, the engine) received are compared with what was typed.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import simulator.experiments.bench
import simulator.experiments.runner
from simulator.cli.main import main
from simulator.engine.simulation import Simulation
from simulator.experiments.backends import map_replications
from simulator.experiments.settings import Execution, RunSettings
from simulator.paths import dataset

#: Command -> its arguments and whether it keeps the replications' tables (plan-test reads them).
COMMANDS = {
    "run": (["run", "--strategy", "escalonada"], False),
    "compare": (["compare", "escalonada", "digital_primero"], False),
    "sweep": (["sweep", "escalonada", "--param", "agentes=4:8:4"], False),
    "plan-test": (["plan-test", "escalonada", "digital_primero"], True),
}
SETTINGS_FLAGS = ["--days", "20", "--seed", "11", "--replications", "2", "--compliance", "off",
                  "--shards", "2"]
TYPED = RunSettings(days=20, seed=11, replications=2, enforce_compliance=False, shards=2)
EXECUTION_FLAGS = ["--workers", "3", "--backend", "dask", "--scheduler", "127.0.0.1:8786"]
#: ``dask`` is the backend that is not the default; the address is stored in Dask's form.
TYPED_EXECUTION = Execution(workers=3, backend="dask", scheduler="tcp://127.0.0.1:8786")


@pytest.fixture(scope="module")
def small_portfolio(tmp_path_factory):
    path = tmp_path_factory.mktemp("cartera") / "cartera.csv"
    pd.read_csv(dataset("portfolios", "demo.csv")).head(80).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_run_flag_reaches_every_replication(command, small_portfolio, monkeypatch):
    seen = []

    def spy(task, jobs, *, workers, backend, scheduler, progress):
        seen.append((task.settings, Execution(workers=workers, backend=backend, scheduler=scheduler)))
        return map_replications(task, jobs, progress=progress)  # here, one at a time: no cluster

    monkeypatch.setattr(simulator.experiments.runner, "map_replications", spy)
    arguments, keeps_tables = COMMANDS[command]
    argv = [*arguments, "--portfolio", str(small_portfolio), *SETTINGS_FLAGS, *EXECUTION_FLAGS, "--json"]
    assert main(argv) == 0
    expected = (dataclasses.replace(TYPED, keep_tables=keeps_tables), TYPED_EXECUTION)
    assert seen and set(seen) == {expected}, seen


def test_bench_honours_the_settings_flags_in_this_process(monkeypatch, capsys):
    replications = []

    def spy(portfolio, strategy, parameters, replication, **where):
        replications.append(replication)
        return Simulation(portfolio, strategy, parameters, replication, **where)

    monkeypatch.setattr(simulator.experiments.bench, "Simulation", spy)
    assert main(["bench", "--accounts", "60", *SETTINGS_FLAGS, "--json"]) == 0
    assert [(r.number, r.days, r.seed, r.enforce_compliance) for r in replications] == [
        (number, 20, 11, False) for number in (0, 0, 1, 1)]  # two shards of each replication
    capsys.readouterr()
    with pytest.raises(SystemExit):  # timed here, so it refuses a backend instead of ignoring it
        main(["bench", "--backend", "dask"])
    assert "argumentos no reconocidos: --backend" in capsys.readouterr().err
