"""Evaluating negotiation policies: reference policies, paired comparison, broken policies, CLI."""

from __future__ import annotations

import json
import time

import pytest

from simulator.negotiation import Escuchar, NegotiationError, draw_debtors, evaluate, guard, paired_difference
from simulator.negotiation.evaluation import METRICS
from simulator.negotiation.policies import aceptar_primera, anclaje, exigir_total


@pytest.fixture(scope="module")
def debtors():
    return draw_debtors(1000, 1)


@pytest.fixture(scope="module")
def results(debtors):
    return {policy.__name__: evaluate(policy, debtors)
            for policy in (aceptar_primera, exigir_total, anclaje)}


def test_anchoring_beats_both_naive_references_debtor_by_debtor(results):
    for naive in ("aceptar_primera", "exigir_total"):
        difference = paired_difference(results["anclaje"], results[naive])
        low, high = difference["ci95"]
        assert low > 0.0, (naive, difference)


def test_reference_policies_never_break_policy_or_fail(results):
    for result in results.values():
        assert result.failed == 0
        summary = result.summary()
        assert set(summary) == set(METRICS)
        assert summary["compliance_violations"]["mean"] == 0.0
        assert 0.0 <= summary["agreement_rate"]["mean"] <= 1.0


def test_evaluation_is_reproducible_by_seed(results):
    again = evaluate(anclaje, draw_debtors(1000, 1))
    assert again.summary() == results["anclaje"].summary()
    other = evaluate(anclaje, draw_debtors(1000, 2))
    assert other.summary() != results["anclaje"].summary()


def _raises_on_big_balances(state):
    if state.balance_mxn > 20_000:
        raise ValueError("no sé qué hacer")
    return Escuchar() if state.round == 0 else anclaje(state)


def _returns_nonsense(state):
    return {"monto": 100} if state.round == 1 else Escuchar()


def _loops_on_some(state):
    while state.overdue_mxn > 5_000:
        try:
            pass
        except Exception:  # a policy's own catch-all must not swallow the time limit
            pass
    return anclaje(state)


def test_a_raising_policy_fails_only_its_debtors(debtors):
    sample = debtors[:60]
    result = evaluate(_raises_on_big_balances, sample)
    big = sum(debtor.account.balance_mxn > 20_000 for debtor in sample)
    assert 0 < result.failed == big < len(sample)
    assert "la política falló con ValueError: no sé qué hacer" in result.first_failure
    assert result.first_failure.startswith("deudor ")
    assert result.summary()["agreement_rate"]["mean"] < 1.0


def test_a_policy_returning_nonsense_is_reported(debtors):
    result = evaluate(_returns_nonsense, debtors[:5])
    assert result.failed == 5
    assert "devolvió {'monto': 100} (dict)" in result.first_failure and "ronda 2" in result.first_failure


def test_a_looping_policy_is_stopped_per_debtor_and_the_rest_goes_on(debtors):
    sample = debtors[:30]
    looping = sum(debtor.account.overdue_mxn > 5_000 for debtor in sample)
    assert 0 < looping < len(sample)
    result = evaluate(_loops_on_some, sample, timeout=0.05)  # would never return without the limit
    assert result.failed == looping
    assert "no respondió en 0.05 s" in result.first_failure
    assert sum(score is not None for score in result.scores) == len(sample) - looping


def test_without_a_timer_a_slow_policy_is_still_caught(debtors, monkeypatch):
    monkeypatch.setattr(guard, "alarm_available", lambda: False)

    def slow(state):
        time.sleep(0.03)
        return Escuchar()

    result = evaluate(slow, debtors[:2], timeout=0.02)
    assert result.failed == 2 and "no respondió" in result.first_failure


def test_bad_policy_names_and_timeouts_are_refused_in_spanish(debtors):
    with pytest.raises(NegotiationError, match="MODULO:FUNCION"):
        guard.load_policy("anclaje")
    with pytest.raises(NegotiationError, match="no se encontró el módulo"):
        guard.load_policy("no_existe_modulo:f")
    with pytest.raises(NegotiationError, match="no tiene una función 'nada'"):
        guard.load_policy("simulator.negotiation.policies:nada")
    with pytest.raises(NegotiationError, match="límite de tiempo"):
        evaluate(anclaje, debtors[:1], timeout=0.0)
    assert guard.load_policy("simulator.negotiation.policies:anclaje") is anclaje


def test_cli_evaluate_prints_the_eight_metrics_as_json(cli):
    done = cli("negotiate", "evaluate", "--policy", "simulator.negotiation.policies:anclaje",
               "--debtors", "200", "--seed", "1", "--json")
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    assert set(output) == {"expected_recovery_per_account", "agreement_rate", "kept_rate", "mean_discount",
                           "current_rate", "overdue_left", "compliance_violations", "mean_rounds"}
    for item in output.values():
        assert set(item) == {"mean", "ci95"} and item["ci95"][0] <= item["mean"] <= item["ci95"][1]


def test_cli_reports_a_broken_student_policy_and_goes_on(cli, tmp_path):
    student = tmp_path / "mi_politica.py"
    student.write_text("from simulator.negotiation import Abono\n\n"
                       "def negociar(state):\n"
                       "    if state.balance_mxn > 15000:\n"
                       "        while True:\n"
                       "            pass\n"
                       "    return Abono(state.overdue_mxn, state.paydays[0])\n", encoding="utf-8")
    done = cli("negotiate", "evaluate", "--policy", f"{student}:negociar", "--debtors", "12", "--timeout",
               "0.1")
    assert done.returncode == 0, done.stderr
    assert "falló con" in done.stderr and "no respondió en 0.1 s" in done.stderr
    assert "Recuperación esperada por cuenta (MXN)" in done.stdout
    missing = cli("negotiate", "evaluate", "--policy", "simulator.negotiation.policies:nada")
    assert missing.returncode == 2 and "no tiene una función 'nada'" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_cli_show_prints_the_debrief_with_the_offers_against_the_ladder(cli):
    done = cli("negotiate", "show", "--policy", "escalera", "--debtor", "3", "--seed", "1", "--json")
    assert done.returncode == 0, done.stderr
    debrief = json.loads(done.stdout)["debrief"]
    assert any(line.startswith("Abrió con lo que pone la cuenta al corriente") for line in debrief)
    assert any("escalón de la escalera" in line for line in debrief)
    text = cli("negotiate", "show", "--policy", "aceptar_primera", "--debtor", "3", "--seed", "1")
    assert "Cómo le fue:" in text.stdout and "no es un escalón de la escalera" in text.stdout
