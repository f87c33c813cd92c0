"""A newcomer's first commands: strategies by name, typos, readable tables."""

from __future__ import annotations

import warnings

import pytest

from simulator import dataset
from simulator.cli.main import main
from simulator.errors import StrategyError
from simulator.strategies.library import library_names, strategy_path

ESCALONADA = str(dataset("strategies", "escalonada.yaml"))


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory, demo_portfolio):
    path = tmp_path_factory.mktemp("primera_hora") / "cartera.csv"
    demo_portfolio.head(40).to_csv(path, index=False)
    return str(path)


def test_a_library_name_means_its_yaml():
    assert strategy_path("escalonada") == dataset("strategies", "escalonada.yaml")
    assert {"escalonada", "digital_primero", "nada"} <= set(library_names())


def test_an_existing_file_wins_over_a_library_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nada").write_text("nombre: mia\n")
    assert strategy_path("nada").resolve() == (tmp_path / "nada").resolve()


@pytest.mark.parametrize("text", ["escalonad", "../strategies/escalonada", "no/existe.yaml"])
def test_an_unknown_name_lists_the_library(text):
    with pytest.raises(StrategyError) as caught:
        strategy_path(text)
    message = str(caught.value)
    assert "digital_primero, escalonada" in message and text in message


def test_run_and_compare_accept_names(portfolio, capsys):
    assert main(["run", "--strategy", "nada", "--portfolio", portfolio, "--days", "10",
                 "--replications", "1"]) == 0
    assert "Estrategia: nada" in capsys.readouterr().out
    assert main(["compare", "escalonada", "digital_primero", "--portfolio", portfolio, "--days", "10",
                 "--replications", "2"]) == 0
    assert "Diferencia pareada digital_primero − escalonada" in capsys.readouterr().out


@pytest.mark.parametrize(("typed", "meant"), [("--replicas", "--replications"), ("--rep", "--replications"),
                                              ("--strategi", "--strategy"), ("--jsno", "--json")])
def test_a_misspelt_option_gets_a_suggestion(portfolio, capsys, typed, meant):
    with pytest.raises(SystemExit) as done:
        main(["run", "--strategy", "nada", "--portfolio", portfolio, typed, "3"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"argumentos no reconocidos: {typed}" in err and f"¿quiso decir {meant}?" in err
    assert "uso: python -m simulator run" in err  # the usage of the command, not of the program


def test_an_ambiguous_prefix_is_not_accepted(portfolio, capsys):
    with pytest.raises(SystemExit):
        main(["run", "--strategy", "nada", "--portfolio", portfolio, "--s", "3"])
    assert "¿quiso decir --strategy, --seed, --shards o --scheduler?" in capsys.readouterr().err


def test_one_replication_table_reads_like_the_readme(portfolio, capsys):
    assert main(["run", "--strategy", ESCALONADA, "--portfolio", portfolio, "--days", "10",
                 "--replications", "1"]) == 0
    out = capsys.readouterr().out
    assert "· 1 réplica\n" in out and "1 réplicas" not in out
    assert "necesitan 2 o más réplicas" in out and "IC 95 %  " not in out
    recovery = next(line for line in out.splitlines() if line.startswith("Tasa de recuperación"))
    assert recovery.rstrip().endswith("%") and "[" not in recovery
    collected = next(line for line in out.splitlines() if line.startswith("Monto cobrado"))
    amount = collected.split()[-1]
    assert amount.startswith("$") and "," in amount and len(amount.split(".")[1]) == 2


def test_several_replications_show_formatted_intervals(portfolio, capsys):
    assert main(["run", "--strategy", ESCALONADA, "--portfolio", portfolio, "--days", "10",
                 "--replications", "2"]) == 0
    out = capsys.readouterr().out
    assert "· 2 réplicas" in out
    recovery = next(line for line in out.splitlines() if line.startswith("Tasa de recuperación"))
    assert recovery.count("%") == 3 and "[" in recovery


def test_an_escape_code_in_a_strategy_name_is_printed_escaped(tmp_path, portfolio, capsys):
    source = dataset("strategies", "nada.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "roja.yaml"
    hostile.write_text(source.replace("nombre: nada", 'nombre: "\\x1b[31mroja"'), encoding="utf-8")
    assert main(["run", "--strategy", str(hostile), "--portfolio", portfolio, "--days", "5",
                 "--replications", "1"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[31mroja" in out


@pytest.mark.parametrize("metric", ["collected_mxn", "cured"])
def test_plan_test_without_two_accounts_is_a_spanish_error_not_a_numpy_warning(tmp_path, demo_portfolio,
                                                                                metric, capsys):
    path = tmp_path / "una.csv"
    current = demo_portfolio[demo_portfolio["days_past_due"] == 0]
    (current.head(1) if metric == "collected_mxn" else current.head(5)).to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning would now be an exception
        status = main(["plan-test", str(dataset("strategies", "escalonada.yaml")),
                       str(dataset("strategies", "nada.yaml")), "--portfolio", str(path), "--days", "5",
                       "--replications", "1", "--metric", metric])
    err = capsys.readouterr().err
    assert status == 2 and "al menos 2 cuentas" in err and "Warning" not in err
