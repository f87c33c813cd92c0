"""The ``python -m simulator run`` contract: JSON shape, determinism, clean errors."""

from __future__ import annotations

import json

import pytest

from simulator import KPI_NAMES, dataset

PORTFOLIO_HEADER = (
    "account_id,balance_mxn,days_past_due,instalment_mxn,income_cycle,payday,billing_day,"
    "phone_valid,whatsapp_opt_in,email_valid,address_valid,jurisdiction"
)
GOOD_ROW = "C1,12000,45,1500,quincenal,15,10,1,1,0,1,MX"


@pytest.fixture(scope="module")
def small_portfolio(tmp_path_factory, sample_portfolio):
    path = tmp_path_factory.mktemp("cli") / "cartera.csv"
    sample_portfolio.head(300).to_csv(path, index=False)
    return path


def _run_args(portfolio, strategy="escalonada", *extra):
    return ["run", "--portfolio", str(portfolio),
            "--strategy", str(dataset("strategies", f"{strategy}.yaml")),
            "--days", "60", "--seed", "7", "--replications", "2", *extra]


def test_json_has_the_documented_shape(small_portfolio, cli):
    done = cli(*_run_args(small_portfolio, "escalonada", "--json"))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert list(report) == ["strategy", "accounts", "days", "seed", "replications", "events", "kpis"]
    assert report["strategy"] == "escalonada"
    assert (report["accounts"], report["days"], report["seed"], report["replications"]) == (300, 60, 7, 2)
    assert report["events"] > 300
    assert set(report["kpis"]) == set(KPI_NAMES)
    for kpi in report["kpis"].values():
        low, high = kpi["ci95"]
        assert low <= kpi["mean"] <= high
    assert report["kpis"]["compliance_violations"]["mean"] == 0


def test_same_seed_gives_byte_identical_json(small_portfolio, cli):
    first = cli(*_run_args(small_portfolio, "escalonada", "--json"))
    second = cli(*_run_args(small_portfolio, "escalonada", "--json"))
    assert first.returncode == 0 and first.stdout == second.stdout


def test_another_seed_gives_other_numbers(small_portfolio, cli):
    first = cli(*_run_args(small_portfolio, "escalonada", "--json"))
    args = _run_args(small_portfolio, "escalonada", "--json")
    args[args.index("--seed") + 1] = "8"
    other = cli(*args)
    assert json.loads(first.stdout)["kpis"] != json.loads(other.stdout)["kpis"]


def test_readable_spanish_table_without_json(small_portfolio, cli):
    done = cli(*_run_args(small_portfolio, "nada"))
    assert done.returncode == 0, done.stderr
    assert "Tasa de recuperación" in done.stdout and "IC 95 %" in done.stdout


def test_audit_log_records_every_attempt_with_its_rule(small_portfolio, tmp_path, cli):
    log = tmp_path / "auditoria.csv"
    done = cli(*_run_args(small_portfolio, "escalonada", "--audit-log", str(log)))
    assert done.returncode == 0, done.stderr
    import pandas as pd

    table = pd.read_csv(log)
    assert {"account_id", "channel", "allowed", "rule_id", "replication"} <= set(table.columns)
    assert (table.loc[table["allowed"] & table["executed"], "rule_id"] == "permitido").all()


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


BAD_PORTFOLIOS = {
    "missing_column": (PORTFOLIO_HEADER.replace(",jurisdiction", "") + "\n" + GOOD_ROW[:-3], "jurisdiction"),
    "negative_balance": (PORTFOLIO_HEADER + "\n" + GOOD_ROW.replace("12000", "-5"), "balance_mxn"),
    "not_a_number": (PORTFOLIO_HEADER + "\n" + GOOD_ROW.replace("1500", "mil"), "instalment_mxn"),
}


@pytest.mark.parametrize("case", sorted(BAD_PORTFOLIOS))
def test_bad_portfolio_gives_one_clear_error(tmp_path, case, cli):
    text, field = BAD_PORTFOLIOS[case]
    path = _write(tmp_path, "cartera.csv", text + "\n")
    done = cli(*_run_args(path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and str(path) in done.stderr
    assert field in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_portfolio_in_latin1_is_reported_as_wrong_encoding(tmp_path, cli):
    path = _write(tmp_path, "cartera.csv",
                  PORTFOLIO_HEADER + "\n" + GOOD_ROW.replace("C1", "PEÑA") + "\n", "latin-1")
    done = cli(*_run_args(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "UTF-8" in done.stderr and str(path) in done.stderr


BAD_STRATEGIES = {
    "typo_in_key": ("nombre: x\nacciones:\n  - canal: sms\n    desde: atraso\n    dai: 3\n",
                    "línea 5", "dia"),
    "unknown_channel": ("nombre: x\nacciones:\n  - canal: paloma\n    desde: atraso\n    dia: 3\n",
                        "línea 3", "paloma"),
    "broken_yaml": ("nombre: x\nacciones: [\n  - canal: sms\n", "línea", "YAML"),
    "bad_window": ("nombre: x\nacciones:\n  - {canal: sms, desde: atraso, dia: 2, ventana: [18, 9]}\n",
                   "línea 3", "ventana"),
}


@pytest.mark.parametrize("case", sorted(BAD_STRATEGIES))
def test_bad_strategy_gives_one_clear_error(tmp_path, small_portfolio, case, cli):
    text, where, hint = BAD_STRATEGIES[case]
    path = _write(tmp_path, "estrategia.yaml", text)
    args = _run_args(small_portfolio)
    args[args.index("--strategy") + 1] = str(path)
    done = cli(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr and where in done.stderr and hint in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_bad_flag_is_explained_in_spanish(small_portfolio, cli):
    args = _run_args(small_portfolio)
    args[args.index("--days") + 1] = "muchos"
    done = cli(*args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "se esperaba un número entero" in done.stderr


def test_help_is_in_spanish(cli):
    done = cli("run", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("uso: ") and "muestra esta ayuda" in done.stdout
    assert "usage" not in done.stdout and "show this help" not in done.stdout
