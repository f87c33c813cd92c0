"""The life of one account in the portfolio model, day by day, for a notebook to show.

The course explains the model by following one account: its hidden persona,
the contacts the strategy makes, the promises, the payments. This module runs
the real simulator on a one-account portfolio and turns its tables into a
Spanish timeline; the notebook only picks the account, the strategy and the seed.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.engine.account import AccountStatus
from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import RunSettings
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

__all__ = ["AccountLife", "account_life", "life_html"]

_STATUS = {AccountStatus.ABIERTA: "sigue abierta", AccountStatus.PAGADA: "pagada por completo",
           AccountStatus.LIQUIDADA: "liquidada con quita", AccountStatus.CASTIGADA: "castigada"}


@dataclass(frozen=True)
class AccountLife:
    """One account's run: its final row (``account``), a timeline (``events``) and its persona's text."""

    account: pd.Series
    events: pd.DataFrame
    persona_text: str


def _contact_text(row) -> str:
    if not row.executed:
        return f"{row.channel}: no se hizo ({row.rule_id})"
    reached = "llegó al titular" if row.reached else "no llegó al titular"
    return f"{row.channel}: {reached}" + (f", {row.outcome.replace('_', ' ')}" if row.outcome else "")


def _promise_text(row) -> str:
    state = "pendiente" if pd.isna(row.kept) else "cumplida" if row.kept else "incumplida"
    return f"{row.kind} de ${row.amount_mxn:,.2f} para el día {math.floor(row.due_days)}: {state}"


def account_life(account: pd.DataFrame, strategy: Strategy, parameters: ModelParameters, *, days: int,
                 seed: int) -> AccountLife:
    """Run ``strategy`` on a one-row portfolio and list what happened to it, by day.

    The persona and the luck depend on ``seed``: another seed is another debtor
    behind the same account.
    """
    run = run_strategy(account.reset_index(drop=True), strategy, parameters,
                       RunSettings(days=days, seed=seed, replications=1, keep_tables=True))
    table = run.tables[0]
    rows = [(math.floor(c.time_days), "contacto", _contact_text(c)) for c in table.contacts.itertuples()]
    rows += [(math.floor(p.made_days), "acuerdo", _promise_text(p)) for p in table.promises.itertuples()]
    paid = np.asarray(table.collected_by_day[:days])
    rows += [(int(day), "pago", f"pagó ${paid[day]:,.2f}") for day in np.flatnonzero(paid > 0.005)]
    events = pd.DataFrame(sorted(rows, key=lambda row: row[0]), columns=["día", "qué", "detalle"])
    final = table.accounts.iloc[0]
    return AccountLife(final, events, parameters.personas[final["persona"]].description)


def life_html(life: AccountLife) -> str:
    """The account's summary and timeline as HTML (escaped), for an ``ipywidgets.HTML``."""
    a = life.account
    head = (f"<b>Persona (oculta para el gestor):</b> {html.escape(a['persona'])}: "
            f"{html.escape(life.persona_text)}<br>"
            f"<b>Capacidad de pago por ocasión:</b> ${a['capacity_mxn']:,.2f} · "
            f"<b>Atraso:</b> {a['days_past_due_start']:.0f} días al inicio, {a['days_past_due_end']:.0f} al "
            f"final · <b>Cobrado:</b> ${a['collected_mxn']:,.2f} · <b>Costo:</b> "
            f"${a['cost_mxn'] + a['complaint_cost_mxn']:,.2f} · <b>Quejas:</b> {a['complaints']} · "
            f"<b>Estado final:</b> {_STATUS.get(a['status_end'], a['status_end'])}")
    if life.events.empty:
        return head + "<p>No pasó nada: ningún contacto, ningún pago.</p>"
    return head + life.events.to_html(index=False, escape=True, border=0)
