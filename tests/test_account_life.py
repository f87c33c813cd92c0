"""The life of one account (notebook 07): what the timeline shows is what the simulator did.

The timeline is built from the run's own tables, so its payments must add up to
what the account collected, its contacts must be the contact log's, and the same
seed must tell the same story.
"""

from __future__ import annotations

import pytest

from simulator import dataset, load_parameters, load_portfolio, load_strategy
from simulator.ui.account_life import account_life, life_html


@pytest.fixture(scope="module")
def late_account():
    portfolio = load_portfolio(dataset("portfolios", "demo.csv"))
    return portfolio[portfolio["days_past_due"].between(31, 60)].head(1)


def _life(account, name: str, seed: int = 3):
    return account_life(account, load_strategy(dataset("strategies", f"{name}.yaml")), load_parameters(),
                        days=90, seed=seed)


def test_payments_in_the_timeline_add_up_to_what_was_collected(late_account):
    life = _life(late_account, "escalonada")
    paid = life.events[life.events["qué"] == "pago"]["detalle"].str.replace(r"[^0-9.]", "", regex=True)
    rounding = 0.01 * len(paid) + 0.01
    assert paid.astype(float).sum() == pytest.approx(life.account["collected_mxn"], abs=rounding)
    assert list(life.events["día"]) == sorted(life.events["día"]) and life.events["día"].max() < 90
    assert (life.events["qué"] == "contacto").sum() > 0


def test_no_strategy_means_no_contact_and_no_cost(late_account):
    life = _life(late_account, "nada")
    assert "contacto" not in set(life.events["qué"]) and life.account["cost_mxn"] == 0
    assert life.persona_text == load_parameters().personas[life.account["persona"]].description


def test_same_seed_same_story_and_the_html_is_escaped(late_account):
    first, second = _life(late_account, "escalonada", 5), _life(late_account, "escalonada", 5)
    assert first.events.equals(second.events)
    page = life_html(first)
    assert "Persona (oculta para el gestor)" in page and "<table" in page and "<script" not in page
