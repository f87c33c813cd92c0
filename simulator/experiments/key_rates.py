"""The key rates of a parameter set on a portfolio, and the ranges they must stay in.

A parameter set is only believable if the world it makes looks like a real
book: how many current accounts fall behind each month, how many late ones
cure or roll, how many promises are kept, how much one reminder or one call
moves payment. This module measures those rates with small, fixed experiments
(no contact, the staged strategy, one SMS, one call) and reads their documented
ranges, each with its source, from ``key_rates.yaml`` beside it. The table in
docs/modelo.md («Tasas clave») and a test read the same file, so the doc and
the test cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.engine.account import AccountStatus
from simulator.engine.simulation import Replication, Simulation
from simulator.errors import ParametersError
from simulator.experiments.runner import RunResult, check_instalment_basis, run_strategy
from simulator.experiments.settings import RunSettings
from simulator.parameters import ModelParameters
from simulator.paths import dataset
from simulator.portfolio import load_portfolio
from simulator.strategies.loader import load_strategy
from simulator.strategies.policy_names import check_shipped
from simulator.strategies.schema import Strategy
from simulator.yaml_lines import load_located_yaml, validate_located

__all__ = ["KeyRate", "KeyRates", "RATES_FILE", "load_key_rates", "measure_key_rates", "monthly_states",
           "out_of_range"]

RATES_FILE = Path(__file__).with_name("key_rates.yaml")
#: Days in a simulated month, for the monthly transitions.
MONTH_DAYS = 30
#: Monthly states beyond the buckets: closed paid or settled, and written off.
_PAID, _WRITTEN_OFF = len(BUCKET_NAMES), len(BUCKET_NAMES) + 1
#: Every experiment's accounts fall due on day 15 (20 January 2026 with day 0 on 5 January).
_DUE_DAY_OF_MONTH, _DUE_DAY = 20, 15


class KeyRate(BaseModel):
    """One documented rate: its Spanish label, unit, range and where the range comes from.

    ``data`` is the figure in the real data where it has one, ``outside`` the
    outside figure with its source; ``simulated: false`` marks a rate the model
    does not produce yet (shown in the doc, never tested).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    unit: str = Field(pattern="^(%|pp|por 1,000|por conversación|centavos por peso)$")
    low: float | None = None
    high: float | None = None
    data: str = "—"
    outside: str = "—"
    source: str
    simulated: bool = True

    @model_validator(mode="after")
    def _range_when_simulated(self) -> KeyRate:
        if self.simulated and (self.low is None or self.high is None or self.low > self.high):
            raise ValueError("una tasa simulada necesita un rango: low <= high")
        return self


class KeyRates(BaseModel):
    """The whole file: the measurement settings and every rate by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    portfolio: str
    seed: int
    days: int = Field(gt=MONTH_DAYS)
    rates: dict[str, KeyRate]


def load_key_rates(path: str | Path = RATES_FILE) -> KeyRates:
    """The documented ranges (``key_rates.yaml`` by default)."""
    located = load_located_yaml(path, ParametersError)
    known = set(KeyRates.model_fields) | set(KeyRate.model_fields)
    return validate_located(KeyRates, located, ParametersError, str(path), known)


def _strategy(name: str, actions: list[dict], agents: int = 0) -> Strategy:
    """A one-action experiment, negotiating as the staged strategy does."""
    return Strategy.model_validate({
        "nombre": name, "descripcion": "experimento de las tasas clave",
        "recursos": {"agentes": agents, "visitadores": 0},
        "negociacion": {"monto_promesa": "saldo_vencido", "fecha_promesa": "dia_de_pago",
                        "acepta_parcial": True, "plan_max_pagos": 4},
        "acciones": actions}, context={"check_policy": check_shipped})


def _state(account, now: float) -> int:
    if account.status is AccountStatus.CASTIGADA:
        return _WRITTEN_OFF
    if account.status is not AccountStatus.ABIERTA:
        return _PAID
    return bucket_index(account.ledger.days_past_due(now))


def _reader(simulation: Simulation, states: np.ndarray):
    """SimPy process: every account's state at the start of each month."""
    env = simulation.ctx.env
    for column in range(states.shape[1]):
        day = column * MONTH_DAYS
        if day > env.now:
            yield env.timeout(day - env.now)
        for row, account in enumerate(simulation.accounts):
            states[row, column] = _state(account, env.now)


def monthly_states(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters, *,
                   days: int, seed: int, replication: int = 0) -> np.ndarray:
    """Accounts x months+1: bucket index (0 current ... 4 is 90+), 5 paid or settled, 6 written off."""
    months = days // MONTH_DAYS
    states = np.zeros((len(portfolio), months + 1), dtype=np.int64)
    simulation = Simulation(portfolio, strategy, parameters,
                            Replication(days=months * MONTH_DAYS + 0.5, seed=seed, number=replication))
    simulation.ctx.env.process(_reader(simulation, states))
    simulation.run()
    return states


def bucket_rates(states: np.ndarray) -> dict[str, float]:
    """Monthly roll (to a worse bucket or write-off) and cure (to current or paid) from each bucket.

    Every pair of consecutive months of an open account counts once, pooled
    over the run (%).
    """
    start, end = states[:, :-1].ravel(), states[:, 1:].ravel()
    rates: dict[str, float] = {}
    for index, bucket in enumerate(BUCKET_NAMES):
        here = start == index
        worse = (end > index) & (end != _PAID)
        rates[f"roll_{bucket}"] = 100.0 * float(worse[here].mean()) if here.any() else float("nan")
        if index:
            cured = (end == 0) | (end == _PAID)
            rates[f"cure_{bucket}"] = 100.0 * float(cured[here].mean()) if here.any() else float("nan")
    return rates


def _kpi(result: RunResult, name: str) -> float:
    return float(result.summary.set_index("kpi")["mean"].to_dict()[name])


def _contacted_accounts(result: RunResult) -> int:
    """Accounts with an executed contact (a bureau report or handover is none), summed over replications."""
    total = 0
    for table in result.tables:
        contacts = table.contacts
        contacted = contacts["executed"] & (contacts["contact_class"] != "none")
        total += int(contacts.loc[contacted, "account_id"].nunique())
    return total


def _staged_rates(result: RunResult, days: int) -> dict[str, float]:
    """Negotiation and contact rates of the staged strategy, pooled over replications.

    Complaints are also given per 1,000 contacted accounts and per year (the
    run's days scaled to 365), the unit of the outside figures.
    """
    calls = result.channels[result.channels["channel"] == "llamada"]
    complaints = sum(int(table.accounts["complaints"].sum()) for table in result.tables)
    contacts = sum(int(table.channel_counts.query("contact_class != 'none'")["executed"].sum())
                   for table in result.tables)
    return {
        "promise_rate": _kpi(result, "promise_rate"),
        "promise_kept_rate": 100.0 * _kpi(result, "promise_kept_rate"),
        "right_party_contact_rate": 100.0 * int(calls["conversations"].sum())
        / max(int(calls["executed"].sum()), 1),
        "complaints_per_1000_contacts": 1000.0 * complaints / max(contacts, 1),
        "complaints_per_1000_contacted_year": 1000.0 * complaints / max(_contacted_accounts(result), 1)
        * 365.0 / days,
    }


def _with(portfolio: pd.DataFrame, **columns) -> pd.DataFrame:
    return portfolio.assign(**columns).reset_index(drop=True)


def _reminder_effect(portfolio: pd.DataFrame, parameters: ModelParameters, settings: RunSettings,
                     nothing: Strategy) -> float:
    """On-time payment of current accounts with one SMS three days before the due date, minus none (pp).

    On time: the instalment due on day 15 is paid before the account is one
    whole day late (read at day 16).
    """
    current = _with(portfolio[portfolio["days_past_due"] == 0], billing_day=_DUE_DAY_OF_MONTH)
    sms = _strategy("sms_previo", [{"canal": "sms", "desde": "vencimiento", "dia": -3,
                                    "ventana": [10, 13]}])
    short = dataclasses.replace(settings, days=_DUE_DAY + 1)
    on_time = [float((pd.concat([t.accounts for t in run_strategy(current, s, parameters, short).tables])
                      ["days_past_due_end"] < 1.0).mean()) for s in (sms, nothing)]
    return 100.0 * (on_time[0] - on_time[1])


def _call_effect(portfolio: pd.DataFrame, parameters: ModelParameters, settings: RunSettings,
                 nothing: Strategy) -> dict[str, float]:
    """One call on the third day late: how many more accounts pay the late instalment within the month.

    Every account starts one day late (one unpaid instalment); it has paid it
    by day 30 unless it is 31 or more days late then. Paired account by
    account (same debtors, common random numbers): the effect on all accounts
    (``call_effect_itt``) and on those the agent spoke to (``call_effect``).
    """
    late = _with(portfolio, days_past_due=1, billing_day=_DUE_DAY_OF_MONTH)
    call = _strategy("llamada_dia_3", [{"canal": "llamada", "desde": "atraso", "dia": 3,
                                        "ventana": [9, 18]}], agents=len(late))
    month = dataclasses.replace(settings, days=MONTH_DAYS)
    called, untouched = (run_strategy(late, s, parameters, month) for s in (call, nothing))
    itt, treated = [], []
    for with_call, without in zip(called.tables, untouched.tables, strict=True):
        paid_with = with_call.accounts["days_past_due_end"] <= MONTH_DAYS
        paid_without = without.accounts["days_past_due_end"] <= MONTH_DAYS
        spoke = with_call.accounts["account_id"].isin(
            with_call.contacts.loc[with_call.contacts["conversation"], "account_id"])
        itt.append(float(paid_with.mean() - paid_without.mean()))
        treated.append(float(paid_with[spoke].mean() - paid_without[spoke].mean()))
    return {"call_effect": 100.0 * float(np.mean(treated)), "call_effect_itt": 100.0 * float(np.mean(itt))}


@dataclass(frozen=True)
class _Library:
    """The shipped strategies the measurement runs."""

    nothing: Strategy
    staged: Strategy
    settlement: Strategy

    @classmethod
    def shipped(cls) -> _Library:
        return cls(*(load_strategy(dataset("strategies", f"{name}.yaml"))
                     for name in ("nada", "escalonada", "quita_temprana")))


def measure_key_rates(parameters: ModelParameters, rates: KeyRates, *,
                      replications: int = 1) -> dict[str, float]:
    """Every simulated key rate, in the units of ``key_rates.yaml``.

    Monthly rolls and cures, recovery and write-off come from the no-contact
    strategy on the whole portfolio, and so does the value of what was written off;
    promises, right-party contact and complaints from ``escalonada``; accounts
    settled with a quita from ``quita_temprana``; the
    reminder and call effects from the one-action experiments above.
    """
    check_instalment_basis(parameters)
    portfolio = load_portfolio(dataset(*rates.portfolio.split("/")))
    library = _Library.shipped()
    settings = RunSettings(days=rates.days, seed=rates.seed, replications=replications, keep_tables=True)
    states = np.hstack([monthly_states(portfolio, library.nothing, parameters, days=rates.days,
                                       seed=rates.seed, replication=number)
                        for number in range(replications)])
    measured = bucket_rates(states)
    nothing = run_strategy(portfolio, library.nothing, parameters, settings)
    measured["recovery_no_contact"] = 100.0 * _kpi(nothing, "recovery_rate")
    written_off = sum(float(table.accounts["written_off_mxn"].sum()) for table in nothing.tables)
    sold = sum(float(table.accounts["write_off_sale_mxn"].sum()) for table in nothing.tables)
    measured["post_write_off_value"] = 100.0 * sold / written_off
    measured["write_off_no_contact"] = 100.0 * _kpi(nothing, "write_off_rate")
    measured.update(_staged_rates(run_strategy(portfolio, library.staged, parameters, settings), rates.days))
    settled = run_strategy(portfolio, library.settlement, parameters, settings)
    measured["settlements_per_1000"] = _kpi(settled, "settled_per_1000")
    measured["reminder_effect"] = _reminder_effect(portfolio, parameters, settings, library.nothing)
    measured.update(_call_effect(portfolio, parameters, settings, library.nothing))
    return measured


def out_of_range(measured: dict[str, float], rates: KeyRates) -> dict[str, tuple[float, float, float]]:
    """The simulated rates outside their documented range: name -> (value, low, high)."""
    return {name: (measured[name], rate.low, rate.high) for name, rate in rates.rates.items()
            if rate.simulated and rate.low is not None and rate.high is not None
            and not rate.low <= measured[name] <= rate.high}
