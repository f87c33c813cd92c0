"""A negotiation policy named in a strategy negotiates the portfolio's calls."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from simulator import RunSettings, StrategyError, dataset, load_strategy
from simulator.experiments.runner import run_strategy
from simulator.negotiation import portfolio_calls
from simulator.negotiation.registry import PolicyRegistry

ANCLAJE = "anclaje"
ESCALONADA = dataset("strategies", "escalonada.yaml").read_text(encoding="utf-8")
LIMITS_LINE = '  quita_maxima: {"90+": 0.25}\n'
#: Line of ``politica`` in a strategy written by ``_with_policy`` (right after the limits line).
POLICY_LINE = ESCALONADA[:ESCALONADA.index(LIMITS_LINE)].count("\n") + 2

BROKEN_POLICIES = '''
from simulator.negotiation.policies import anclaje


def falla(state):
    raise ZeroDivisionError("división entre cero a propósito")


def a_veces_se_cuelga(state):
    if int(state.balance_mxn) % 2 == 0:
        while True:
            pass
    return anclaje(state)
'''


def _with_policy(tmp_path, policy: str, name: str = "estrategia"):
    """Escalonada with ``negociacion.politica: policy``, written to a file and loaded trusting
    ``tmp_path``."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(ESCALONADA.replace(LIMITS_LINE, f"{LIMITS_LINE}  politica: {policy}\n"),
                    encoding="utf-8")
    return load_strategy(path, PolicyRegistry.trusting([tmp_path]))


def _ample_staff(strategy):
    """The strategy with so many agents that nobody ever waits for one."""
    resources = strategy.resources.model_copy(update={"agents": 5_000, "field_agents": 5_000})
    return strategy.model_copy(update={"resources": resources})


def _run(portfolio, strategy, parameters, policies=None, **changes):
    settings = RunSettings(days=90, seed=3, replications=1, keep_tables=True)
    return run_strategy(portfolio, strategy, parameters, dataclasses.replace(settings, **changes),
                        policies=policies)


def _promises(table, accounts=None) -> pd.DataFrame:
    """Promise rows in a fixed order (shards and runs append them in their own order)."""
    if accounts is not None:
        table = table[table["account_id"].isin(accounts)]
    return table.sort_values(["account_id", "made_days", "due_days"], kind="stable").reset_index(drop=True)


def _outcomes(result) -> pd.Series:
    contacts = result.tables[0].contacts
    return contacts.loc[contacts["outcome"] != "", "outcome"].value_counts()


def test_a_valid_policy_loads_and_a_bad_one_names_file_line_and_field(tmp_path):
    assert _with_policy(tmp_path, ANCLAJE).negotiation.policy == ANCLAJE
    (tmp_path / "mis_politicas.py").write_text(BROKEN_POLICIES, encoding="utf-8")
    assert _with_policy(tmp_path, "mis_politicas:falla").negotiation.policy == "mis_politicas:falla"
    for bad, said in [("mis_politicas:no_existe", "no define la función 'no_existe'"),
                      ("modulo_que_no_existe:f", "no hay un archivo modulo_que_no_existe.py"),
                      ("sin_dos_puntos", "no hay una política llamada 'sin_dos_puntos'"),
                      ("simulator.negotiation.policies:anclaje", "¿quiso decir 'anclaje'?")]:
        with pytest.raises(StrategyError) as caught:
            _with_policy(tmp_path, bad)
        error = caught.value
        assert error.file.endswith("estrategia.yaml") and error.line == POLICY_LINE
        assert error.field == "negociacion.politica" and said in str(error)


def test_shipped_policy_strategies_name_the_reference_policies():
    for policy in ("anclaje", "aceptar_primera", "exigir_total"):
        strategy = load_strategy(dataset("strategies", f"escalonada_{policy}.yaml"))
        assert strategy.negotiation.policy == policy
        base = load_strategy(dataset("strategies", "escalonada.yaml"))
        assert strategy.actions == base.actions and strategy.resources == base.resources


def test_a_run_with_a_policy_is_reproducible_by_seed(sample_portfolio, parameters, strategy):
    portfolio = sample_portfolio.head(300)
    plan = strategy("escalonada_anclaje")
    first, again = _run(portfolio, plan, parameters), _run(portfolio, plan, parameters)
    pd.testing.assert_frame_equal(first.per_replication, again.per_replication)
    pd.testing.assert_frame_equal(first.tables[0].promises, again.tables[0].promises)
    other = _run(portfolio, plan, parameters, seed=4)
    assert not first.tables[0].promises.equals(other.tables[0].promises)
    assert first.per_replication["policy_failures"].iloc[0] == 0


def test_a_policy_that_raises_is_counted_and_the_run_completes(tmp_path, sample_portfolio, parameters):
    (tmp_path / "mis_politicas.py").write_text(BROKEN_POLICIES, encoding="utf-8")
    plan = _with_policy(tmp_path, "mis_politicas:falla")
    portfolio = sample_portfolio.head(200)
    result = _run(portfolio, plan, parameters, policies=PolicyRegistry.trusting([tmp_path]))
    table = result.tables[0]
    failures = result.per_replication["policy_failures"].iloc[0]
    assert len(table.accounts) == len(portfolio)
    assert failures > 0 and failures == table.accounts["policy_failures"].sum()
    assert table.promises.empty  # every negotiation failed: no agreement, the calls ended as refusals
    assert _outcomes(result).get("negativa", 0) >= failures


def test_a_policy_stuck_in_a_loop_is_stopped_counted_and_the_run_goes_on(tmp_path, sample_portfolio,
                                                                        parameters, monkeypatch):
    monkeypatch.setattr(portfolio_calls, "CALL_TIMEOUT", 0.05)
    (tmp_path / "mis_politicas.py").write_text(BROKEN_POLICIES, encoding="utf-8")
    plan = _with_policy(tmp_path, "mis_politicas:a_veces_se_cuelga")
    result = _run(sample_portfolio.head(150), plan, parameters, policies=PolicyRegistry.trusting([tmp_path]))
    assert result.per_replication["policy_failures"].iloc[0] > 0
    assert not result.tables[0].promises.empty  # the other calls still reached agreements


def test_anchoring_and_accepting_the_first_offer_end_calls_differently(sample_portfolio, parameters,
                                                                      strategy):
    portfolio = sample_portfolio.head(300)
    anchoring = _outcomes(_run(portfolio, strategy("escalonada_anclaje"), parameters))
    accepting = _outcomes(_run(portfolio, strategy("escalonada_aceptar_primera"), parameters))
    assert not anchoring.equals(accepting)
    # Only a policy that accepts evasions books them; anchoring never does.
    assert anchoring.get("promesa_evasiva", 0) == 0 < accepting.get("promesa_evasiva", 0)


def test_without_a_policy_the_fixed_rule_decides_as_before(tmp_path, sample_portfolio, parameters,
                                                          strategy):
    """Naming a policy for one segment leaves every other account exactly as the fixed rule had it.

    With staff to spare no account waits for another, so the accounts outside the
    policy's segment must match, row by row, a run in which nobody names a policy.
    """
    portfolio = sample_portfolio.head(400)
    path = tmp_path / "mixta.yaml"
    segment = ("segmentos:\n  - nombre: semanal\n"
               "    condiciones: [{columna: income_cycle, igual: semanal}]\n"
               f"    negociacion: {{plan_max_pagos: 4, politica: '{ANCLAJE}'}}\n")
    path.write_text(ESCALONADA.replace("acciones:\n", segment + "acciones:\n", 1), encoding="utf-8")
    mixed = _run(portfolio, _ample_staff(load_strategy(path)), parameters)
    fixed = _run(portfolio, _ample_staff(strategy("escalonada")), parameters)
    rule = mixed.tables[0].accounts["segment"] == "resto"
    assert 0 < rule.sum() < len(portfolio)
    columns = [column for column in fixed.tables[0].accounts.columns if column != "segment"]
    pd.testing.assert_frame_equal(mixed.tables[0].accounts.loc[rule, columns].reset_index(drop=True),
                                  fixed.tables[0].accounts.loc[rule, columns].reset_index(drop=True))
    kept = set(mixed.tables[0].accounts.loc[rule, "account_id"])
    pd.testing.assert_frame_equal(_promises(mixed.tables[0].promises, kept),
                                  _promises(fixed.tables[0].promises, kept))
    named = [table.accounts.loc[~rule, columns] for table in (mixed.tables[0], fixed.tables[0])]
    assert not named[0].equals(named[1])


def test_with_staff_to_spare_sharding_changes_no_number(sample_portfolio, parameters, strategy):
    portfolio = sample_portfolio.head(400)
    plan = _ample_staff(strategy("escalonada_anclaje"))
    whole = _run(portfolio, plan, parameters, days=60)
    split = _run(portfolio, plan, parameters, days=60, shards=2)
    pd.testing.assert_frame_equal(whole.per_replication, split.per_replication)
    pd.testing.assert_frame_equal(_promises(whole.tables[0].promises), _promises(split.tables[0].promises))
    assert len(whole.tables[0].promises) > 20
