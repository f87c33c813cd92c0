"""A strategy names its negotiation policy from a registry; reading it never runs code."""

from __future__ import annotations

import json
import threading

import pandas as pd
import pytest

from simulator import Execution, RunSettings, StrategyError, dataset, load_strategy
from simulator.experiments.runner import run_strategy
from simulator.negotiation import NegotiationError, guard
from simulator.negotiation.registry import PolicyRegistry
from simulator.strategies import Strategy
from simulator.ui.dashboard.inputs import strategy_from_upload

ESCALONADA = dataset("strategies", "escalonada_anclaje.yaml").read_text(encoding="utf-8")
POLICY_LINE = ESCALONADA[:ESCALONADA.index("  politica: anclaje")].count("\n") + 1

#: A policy module that leaves a marker file when it is imported, and is otherwise harmless.
MARKER_MODULE = '''from pathlib import Path

Path(__file__).with_name("IMPORTADO").write_text("este módulo se importó", encoding="utf-8")


def negociar(state):
    from simulator.negotiation.policies import anclaje
    return anclaje(state)
'''
LOOPING_MODULE = "while True:\n    pass\n\n\ndef negociar(state):\n    return None\n"

#: KPIs of escalonada_anclaje (300 accounts, 90 days, seed 3). Pinned when it still named
#: ``simulator.negotiation.policies:anclaje`` (commit 4662284); re-pinned when the default
#: parameters became 0.2 (branch default-world), and again when contact fatigue joined the model.
#: Moved on purpose twice (issue 22): asking what is due no longer costs the debtor's fairness; a
#: convenio re-ages the account and a payment ahead of the bills pays the next instalments.
BEFORE = {"collected_amount": 1437252.3433041717, "promise_rate": 0.5739910313901345,
          "promise_kept_rate": 0.7063492063492064, "cost_total": 45066.0, "policy_failures": 0.0}


@pytest.fixture
def folder(tmp_path):
    """A folder holding ``marca.py`` (leaves ``IMPORTADO`` when imported)."""
    (tmp_path / "marca.py").write_text(MARKER_MODULE, encoding="utf-8")
    return tmp_path


def _strategy_file(folder, policy: str):
    path = folder / "estrategia.yaml"
    path.write_text(ESCALONADA.replace("politica: anclaje", f"politica: {policy}"), encoding="utf-8")
    return path


def _imported(folder) -> bool:
    return (folder / "IMPORTADO").exists()


def test_reading_a_strategy_never_imports_the_file_it_names(folder):
    with pytest.raises(StrategyError) as caught:
        load_strategy(_strategy_file(folder, f"{folder / 'marca.py'}:negociar"))
    assert caught.value.field == "negociacion.politica"
    assert "¿quiso decir 'marca:negociar'?" in caught.value.message
    with pytest.raises(StrategyError, match="--politicas CARPETA"):
        load_strategy(_strategy_file(folder, "marca:negociar"))
    trusted = load_strategy(_strategy_file(folder, "marca:negociar"), PolicyRegistry.trusting([folder]))
    assert trusted.negotiation.policy == "marca:negociar"
    Strategy.model_validate(trusted.model_dump(by_alias=True))  # re-validation checks the form only
    assert not _imported(folder)
    function = PolicyRegistry.trusting([folder]).resolve("marca:negociar")  # the run needs it: now
    assert function.__name__ == "negociar" and _imported(folder)


def test_the_dashboard_refuses_an_upload_naming_anything_but_a_shipped_policy(folder):
    named = (f"{folder / 'marca.py'}:negociar", "marca:negociar", "simulator.negotiation.guard:deadline")
    for policy in named:
        data = ESCALONADA.replace("politica: anclaje", f"politica: '{policy}'").encode("utf-8")
        with pytest.raises(StrategyError) as caught:
            strategy_from_upload("subida.yaml", data)
        error = caught.value
        assert (error.file, error.line, error.field) == ("subida.yaml", POLICY_LINE, "negociacion.politica")
        assert "disponibles: aceptar_primera, anclaje, escalera, exigir_total" in error.message
        assert ("siempre en el tablero" in error.message) == (policy == "marca:negociar")
    assert strategy_from_upload("subida.yaml", ESCALONADA.encode("utf-8")).negotiation.policy == "anclaje"
    assert not _imported(folder)


def test_a_run_without_the_folder_trusted_refuses_the_name_and_imports_nothing(folder, sample_portfolio,
                                                                             parameters):
    plan = load_strategy(_strategy_file(folder, "marca:negociar"), PolicyRegistry.trusting([folder]))
    with pytest.raises(NegotiationError, match="--politicas"):
        run_strategy(sample_portfolio.head(20), plan, parameters, RunSettings(days=5, seed=1, replications=1))
    assert not _imported(folder)


def test_an_unknown_name_gives_file_line_field_a_close_match_and_the_choices(folder):
    path = _strategy_file(folder, "anclage")
    with pytest.raises(StrategyError) as caught:
        load_strategy(path)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(path), POLICY_LINE, "negociacion.politica")
    assert "¿quiso decir 'anclaje'?" in error.message
    assert "disponibles: aceptar_primera, anclaje, escalera, exigir_total" in error.message
    with pytest.raises(StrategyError) as caught:
        load_strategy(_strategy_file(folder, "marca:negocia"), PolicyRegistry.trusting([folder]))
    assert "no define la función 'negocia'" in caught.value.message
    assert "¿quiso decir 'marca:negociar'?" in caught.value.message
    assert ("disponibles: aceptar_primera, anclaje, escalera, exigir_total, marca:negociar"
            in caught.value.message)
    with pytest.raises(StrategyError, match="llamada 'negociar'; ¿quiso decir 'marca:negociar'?"):
        load_strategy(_strategy_file(folder, "negociar"), PolicyRegistry.trusting([folder]))
    with pytest.raises(StrategyError, match="no hay un archivo otra.py en las carpetas de confianza"):
        load_strategy(_strategy_file(folder, "otra:negociar"), PolicyRegistry.trusting([folder]))
    with pytest.raises(NegotiationError, match="no existe la carpeta") as caught:
        PolicyRegistry.trusting([folder / "no_existe"])
    assert caught.value.field == "--politicas"
    assert not _imported(folder)


def test_a_module_that_loops_on_import_is_stopped_with_a_spanish_message(tmp_path, monkeypatch):
    monkeypatch.setattr(guard, "IMPORT_TIMEOUT", 0.5)
    (tmp_path / "ciclo.py").write_text(LOOPING_MODULE, encoding="utf-8")
    registry = PolicyRegistry.trusting([tmp_path])
    registry.check("ciclo:negociar")  # reading the name is fine: nothing runs
    with pytest.raises(NegotiationError, match="no terminó de cargarse en 0.5 s") as caught:
        registry.resolve("ciclo:negociar")
    assert str(tmp_path / "ciclo.py") in caught.value.message
    assert caught.value.field == "negociacion.politica"
    with pytest.raises(NegotiationError, match="no terminó de cargarse en 0.5 s"):
        guard.load_policy(f"{tmp_path / 'ciclo.py'}:negociar")  # a student's --policy too


def test_off_the_main_thread_a_module_that_loops_on_import_is_stopped_too(tmp_path, monkeypatch):
    monkeypatch.setattr(guard, "IMPORT_TIMEOUT", 0.5)
    (tmp_path / "ciclo.py").write_text(LOOPING_MODULE, encoding="utf-8")
    (tmp_path / "marca.py").write_text(MARKER_MODULE, encoding="utf-8")
    registry, outcome = PolicyRegistry.trusting([tmp_path]), {}

    def resolve() -> None:
        try:
            registry.resolve("ciclo:negociar")
        except NegotiationError as error:
            outcome["error"] = error.message
        outcome["marca"] = registry.resolve("marca:negociar")

    worker = threading.Thread(target=resolve)
    worker.start()
    worker.join()
    assert "no terminó de cargarse en 0.5 s" in outcome["error"]
    assert outcome["marca"].__name__ == "negociar"  # a module that loads in time is still imported


def test_a_shipped_name_runs_the_numbers_it_ran_before(sample_portfolio, parameters, strategy):
    plan = strategy("escalonada_anclaje")
    assert plan.negotiation.policy == "anclaje"
    result = run_strategy(sample_portfolio.head(300), plan, parameters,
                          RunSettings(days=90, seed=3, replications=1))
    row = result.per_replication.iloc[0]
    assert {kpi: row[kpi] for kpi in BEFORE} == pytest.approx(BEFORE, rel=1e-12)


def test_worker_processes_import_a_trusted_policy_themselves(folder, sample_portfolio, parameters):
    registry = PolicyRegistry.trusting([folder])
    plan = load_strategy(_strategy_file(folder, "marca:negociar"), registry)
    settings = RunSettings(days=45, seed=5, replications=2)
    alone = run_strategy(sample_portfolio.head(120), plan, parameters, settings, policies=registry)
    spread = run_strategy(sample_portfolio.head(120), plan, parameters, settings, Execution(workers=2),
                          policies=registry)
    pd.testing.assert_frame_equal(alone.per_replication, spread.per_replication)
    assert alone.per_replication["policy_failures"].sum() == 0


@pytest.mark.slow
def test_the_command_line_uses_a_policy_file_only_from_a_folder_it_trusts(tmp_path, sample_portfolio, cli):
    folder = tmp_path / "mis_politicas"
    folder.mkdir()
    (folder / "mias.py").write_text("from simulator.negotiation.policies import anclaje\n\n\n"
                                    "def negociar(state):\n    return anclaje(state)\n", encoding="utf-8")
    (folder / "ciclo.py").write_text(LOOPING_MODULE, encoding="utf-8")
    portfolio = tmp_path / "cartera.csv"
    sample_portfolio.head(150).to_csv(portfolio, index=False)
    plan = _strategy_file(tmp_path, "mias:negociar")
    run = ["run", "--strategy", str(plan), "--portfolio", str(portfolio), "--days", "30",
           "--replications", "1", "--json"]
    refused = cli(*run)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"{plan}, línea {POLICY_LINE}, campo 'negociacion.politica'" in refused.stderr
    assert "--politicas CARPETA" in refused.stderr
    trusted = cli(*run, "--politicas", str(folder))
    assert trusted.returncode == 0, trusted.stderr
    assert json.loads(trusted.stdout)["kpis"]["policy_failures"]["mean"] == 0
    _strategy_file(tmp_path, "ciclo:negociar")
    stuck = cli(*run, "--politicas", str(folder))
    assert stuck.returncode == 2 and "Traceback" not in stuck.stderr
    assert f"{folder / 'ciclo.py'}' no terminó de cargarse en {guard.IMPORT_TIMEOUT:g} s" in stuck.stderr


def test_negotiate_takes_a_shipped_name_or_a_file_from_a_trusted_folder(tmp_path, cli):
    (tmp_path / "mias.py").write_text("from simulator.negotiation.policies import anclaje\n\n\n"
                                      "def negociar(state):\n    return anclaje(state)\n", encoding="utf-8")
    common = ["--debtors", "60", "--seed", "2", "--json"]
    shipped = cli("negotiate", "evaluate", "--policy", "anclaje", *common)
    own = cli("negotiate", "evaluate", "--policy", "mias:negociar", "--politicas", str(tmp_path), *common)
    assert shipped.returncode == 0 and own.returncode == 0, shipped.stderr + own.stderr
    assert json.loads(shipped.stdout) == json.loads(own.stdout)
