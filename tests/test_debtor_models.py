"""Debtor models as data: the default reproduces the reference numbers, drawn ones stay in range,
and ``negotiate compare --debtor-models`` reports the lesson across them."""

from __future__ import annotations

import json
from dataclasses import fields, replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.negotiation import draw_debtors, evaluate
from simulator.negotiation.debtor import with_model
from simulator.negotiation.debtor_model import DEFAULT_MODEL, RANGES, DebtorModel, draw_models
from simulator.negotiation.model import Mind
from simulator.negotiation.policies import aceptar_primera, anclaje, escalera


@pytest.fixture(scope="module")
def debtors():
    return draw_debtors(150, 2)


def test_the_default_model_reproduces_the_reference_numbers(debtors):
    """Pinned when the constants became data, moved on purpose when the ladder's plans became convenios
    and asking what is due stopped offending (``due_offence``); same seed, same results."""
    pinned = {escalera: (1492.706512, 99), anclaje: (993.625906, 138), aceptar_primera: (776.03417, 128)}
    for policy, (recovery, agreements) in pinned.items():
        result = evaluate(policy, debtors)
        assert round(float(np.mean(result.values("expected_recovery_per_account"))), 6) == recovery
        assert int(np.sum(result.values("agreement_rate"))) == agreements


def test_every_debtor_carries_the_default_model_and_meets_it_again_unchanged(debtors):
    assert all(debtor.model is DEFAULT_MODEL for debtor in debtors)
    assert [with_model(debtor, DEFAULT_MODEL) for debtor in debtors] == debtors


def test_another_model_changes_how_the_same_person_bargains(debtors):
    debtor = next(d for d in debtors if not d.overpromiser and d.reservation > 0.5)
    stubborn = with_model(debtor, replace(DEFAULT_MODEL, anchor_pull=0.0, aspiration_low=0.45))
    assert (stubborn.account, stubborn.capacity_mxn, stubborn.reservation) == (
        debtor.account, debtor.capacity_mxn, debtor.reservation)
    assert stubborn.aspiration > debtor.aspiration
    pulled, unmoved = Mind(debtor), Mind(stubborn)
    before = unmoved.threshold()
    pulled.hear(1.1 * debtor.reservation)
    unmoved.hear(1.1 * debtor.reservation)
    assert unmoved.threshold() <= before < pulled.threshold()


def test_every_constant_has_a_range_that_holds_its_default():
    names = {field.name for field in fields(DebtorModel)}
    assert set(RANGES) == names
    for name, (low, high) in RANGES.items():
        assert low <= getattr(DEFAULT_MODEL, name) <= high and low < high, name
    assert RANGES["reciprocity"][1] <= RANGES["fair_reciprocity"][0]  # a fair step is reciprocated more


@settings(max_examples=40, deadline=None)
@given(count=st.integers(1, 30), seed=st.integers(0, 2**32 - 1))
def test_drawn_models_stay_inside_the_documented_ranges(count, seed):
    models = draw_models(count, seed)
    assert len(models) == count
    for model in models:
        for name, (low, high) in RANGES.items():
            assert low <= getattr(model, name) <= high, name


def test_drawn_models_are_reproducible_by_seed_and_leave_the_debtors_alone():
    assert draw_models(5, 1) == draw_models(5, 1)
    assert draw_models(5, 1) != draw_models(5, 2)
    assert len(set(draw_models(5, 1))) == 5
    before = draw_debtors(20, 1)
    draw_models(50, 1)
    assert draw_debtors(20, 1) == before


def test_cli_compare_reports_the_lesson_across_debtor_models(cli):
    argv = ("negotiate", "compare", "escalera", "aceptar_primera", "anclaje", "--debtors", "80",
            "--seed", "3", "--debtor-models", "4", "--json")
    done = cli(*argv)
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    for spec in ("aceptar_primera", "anclaje"):
        spread = output["paired_differences"][spec]["debtor_models"]
        assert set(spread) == {"n", "share_first_wins", "difference_mean", "difference_p2_5",
                               "difference_p97_5"}
        assert spread["n"] == 4 and spread["share_first_wins"] in (0.0, 0.25, 0.5, 0.75, 1.0)
        assert spread["difference_p2_5"] <= spread["difference_mean"] <= spread["difference_p97_5"]
    assert cli(*argv).stdout == done.stdout
    plain = cli(*argv[:-3], "--json")
    assert "debtor_models" not in json.loads(plain.stdout)["paired_differences"]["anclaje"]
    text = cli(*argv[:-1])
    assert "Con 4 modelos de deudor: escalera recupera más en" in text.stdout
