"""Sensitivity sweeps over one lever."""

from __future__ import annotations

import json

import pytest

from simulator import RunSettings, StrategyError, dataset
from simulator.experiments.sweep import apply_lever, parse_lever, sweep_strategy


def test_parse_ranges_and_lists():
    assert parse_lever("agentes=5:20:5") == ("agentes", [5, 10, 15, 20])
    assert parse_lever("quita_maxima.90+=0,0.25") == ("quita_maxima.90+", [0, 0.25])


@pytest.mark.parametrize("text", ["agentez=1:3:1", "agentes", "agentes=a:b:c", "agentes=5:1:1",
                                  "quita_maxima=0,1", "agentes.x=1"])
def test_bad_lever_is_explained(text):
    with pytest.raises(StrategyError, match="--param"):
        parse_lever(text)


def test_apply_lever_validates_like_a_file(strategy):
    base = strategy("escalonada")
    assert apply_lever(base, "quita_maxima.61-90", 0.2).negotiation.max_discount["61-90"] == 0.2
    assert apply_lever(base, "contactos_por_semana", 2).limits.contacts_per_week == 2
    with pytest.raises(StrategyError, match="mayor o igual"):
        apply_lever(base, "agentes", -3)
    with pytest.raises(StrategyError):
        apply_lever(base, "quita_maxima.61-90", 0.95)


def test_more_agents_more_cost_on_common_numbers(sample_portfolio, parameters, strategy):
    table = sweep_strategy(sample_portfolio.head(300), strategy("llamadas_diarias"), parameters,
                           "agentes", [1, 8], RunSettings(days=60, seed=3, replications=1))
    contacts = table[table["kpi"] == "contacts_per_account"].set_index("value")["mean"]
    assert contacts[8] > contacts[1]
    assert set(table.columns) == {"lever", "value", "kpi", "mean", "ci95_low", "ci95_high"}


def test_cli_sweep_writes_table_and_figure(tmp_path, sample_portfolio, cli):
    portfolio = tmp_path / "cartera.csv"
    sample_portfolio.head(100).to_csv(portfolio, index=False)
    done = cli("sweep", str(dataset("strategies", "escalonada.yaml")),
         "--param", "agentes=0,4", "--portfolio", str(portfolio), "--days", "30",
         "--replications", "1", "--out", str(tmp_path / "salida"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["lever"] == "agentes" and [v["value"] for v in report["values"]] == [0, 4]
    assert (tmp_path / "salida" / "sensibilidad.csv").exists()
    assert (tmp_path / "salida" / "sensibilidad.png").read_bytes()[:4] == b"\x89PNG"
