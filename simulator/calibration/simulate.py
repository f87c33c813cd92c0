"""Simulated monthly states and payments of a UCI-built portfolio, read at each statement.

The engine keeps no per-account history, so a small SimPy process, added to
the simulation's environment before it runs, reads every account at the
statement days: days past due (whole days, as the engine counts them), whether
it is closed, and the money collected so far. Days past due map to the three
states of the data: 0 -> current; 1 to 60 -> 1-2 months late (one or two
instalments unpaid: at a statement, one missed instalment is about 20 days late
and two about 50); more than 60, or written off -> 3 or more months late. A
paid-off account is current.

Alignment: the data's status of month k records how statement k was paid,
which shows at statement k + 1. The portfolio's arrears come from the April
status, so day 0 stands for the May statement and the state read there is the
April status; the state read ``k`` statements later stands for the status of
the ``k``-th month after April (May to September), and the paths 1 to 5 months
ahead start from day 0. The payment that leads to the state read at statement
k answers statement k - 1, which stands for the data's bill of month k: the
simulated ratio divides it by that bill, as the data does.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simulator.behaviour.traits import MIX_COLUMN
from simulator.calibration.data import (
    HORIZON,
    Observed,
    horizon_counts,
    payment_breakdown,
    payment_ratios,
    pooled,
    state_shares,
    transition_counts,
)
from simulator.calibration.portfolio import BILL_FRAME_COLUMNS, FULL_PAYER_MIX, START_DATE, statement_days
from simulator.engine.account import AccountStatus
from simulator.engine.simulation import Replication, Simulation
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

__all__ = ["LATE_12_MAX_DAYS", "simulate", "simulate_one", "simulated_states", "state_of_days"]

#: Most days past due still counted as 1-2 months late at a statement.
LATE_12_MAX_DAYS = 60
#: Statements read: day 0 (the April status) and the five after it (May to September).
_STATEMENTS = HORIZON + 1
#: Account statuses as read: a written-off account is 3+ months late, any other closed one current.
_OPEN, _WRITTEN_OFF, _CLOSED = 0, 1, 2
_STATUS_CODE = {status: _OPEN if status is AccountStatus.ABIERTA
                else _WRITTEN_OFF if status is AccountStatus.CASTIGADA else _CLOSED
                for status in AccountStatus}


def state_of_days(days) -> np.ndarray:
    """State index (0, 1, 2) of whole days past due of open accounts, vectorised."""
    days = np.asarray(days)
    return np.where(days <= 0, 0, np.where(days <= LATE_12_MAX_DAYS, 1, 2)).astype(np.int64)


def _reader(simulation: Simulation, days: np.ndarray, late: np.ndarray, status: np.ndarray,
            collected: np.ndarray):
    """SimPy process: one column of each table per statement day."""
    env = simulation.ctx.env
    for column, day in enumerate(days):
        if day > env.now:
            yield env.timeout(day - env.now)
        for row, account in enumerate(simulation.accounts):
            late[row, column] = math.floor(account.ledger.days_past_due(env.now))
            status[row, column] = _STATUS_CODE[account.status]
            collected[row, column] = account.collected


def simulated_states(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters,
                     seed: int, replication: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One replication read at the statements.

    Returns:
        ``(states, open, paid)``: states and open flags (accounts x 6
        statements, standing for the April to September statuses) and money
        paid after each statement until the next (accounts x 5).
    """
    days = statement_days(parameters.statement_lead_days, _STATEMENTS)
    shape = (len(portfolio), len(days))
    late = np.zeros(shape, dtype=np.int64)
    status = np.zeros(shape, dtype=np.int64)
    collected = np.zeros(shape)
    simulation = Simulation(portfolio, strategy, parameters,
                            Replication(days=float(days[-1]) + 0.5, seed=seed, number=replication,
                                        start=START_DATE))
    simulation.ctx.env.process(_reader(simulation, days, late, status, collected))
    simulation.run()
    open_ = status == _OPEN
    states = np.where(status == _WRITTEN_OFF, 2, np.where(open_, state_of_days(late), 0))
    return states, open_, np.diff(collected, axis=1)


def simulate_one(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters,
                 seed: int, replication: int) -> Observed:
    """Transitions, payment ratios, shares and paths of one replication.

    The ratio of the state read at statement k (May to August, the months
    whose ratio the data also has) is what was paid since statement k - 1
    over the data's bill of month k, counted while the account was open at
    statement k - 1; months with no bill are left out, as in the data.
    """
    states, open_, paid = simulated_states(portfolio, strategy, parameters, seed, replication)
    months = slice(1, HORIZON)  # May to August: the data's ratios run from April to August
    bills = portfolio[list(BILL_FRAME_COLUMNS)].to_numpy(float)[:, months]
    bills = np.where(open_[:, :HORIZON - 1], bills, 0.0)
    ratio, count = payment_ratios(states[:, months], bills, paid[:, :HORIZON - 1])
    start = state_of_days(portfolio["days_past_due"].to_numpy())  # the data's April state
    full = portfolio[MIX_COLUMN].to_numpy() == FULL_PAYER_MIX
    return Observed(transition_counts(states), ratio, count, state_shares(states),
                    horizon_counts(start, states[:, 1:]), state_shares(states[full]),
                    payment_breakdown(states[:, months], bills, paid[:, :HORIZON - 1]))


def simulate(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters, *,
             seed: int, replications: int = 1) -> Observed:
    """:func:`simulate_one` for replications 0 to ``replications - 1``, pooled in this process."""
    return pooled([simulate_one(portfolio, strategy, parameters, seed, replication)
                   for replication in range(replications)])
