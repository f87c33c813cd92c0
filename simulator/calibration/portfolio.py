"""A simulator portfolio built from UCI rows, starting at the April 2005 statement.

Amounts are New Taiwan dollars used as the simulator's money units (the
``_mxn`` columns hold NT$; nothing is converted). Every account shares one
billing day so that the monthly statements, where the data records a status,
fall on the same simulation days for the whole portfolio.

How a row becomes an account:

- statement ``S`` = the April bill (``BILL_AMT6``), at least
  :data:`NO_BILL_FLOOR` for holders with no bill or a credit balance;
- the instalment is a minimum-payment proxy, ``max(MIN_PAYMENT_SHARE * S,
  MIN_PAYMENT_FLOOR)`` and never more than ``S``: about 5 % of the bill, the
  median payment of revolving holders in the data. In the data a status of 0
  or less means the minimum was paid; in the simulator an account is current
  when every instalment that fell due is paid, so the two meet;
- the balance is ``S``, but at least :data:`BILLED_MONTHS` instalments, so a
  small account keeps being billed through the six months (the simulator has
  no new purchases);
- April status 1 or 2 means one unpaid instalment (a new delinquency is coded
  2 straight away), status ``s >= 3`` means ``s``; with ``n`` unpaid, the
  oldest fell due ``20 + 30 (n - 1)`` days before the April statement (capped
  at :data:`MAX_START_DAYS_PAST_DUE`);
- monthly income on a payday spread by ID, every contact datum present, no
  WhatsApp consent (2005), and the Mexican contact rules (the strategy
  stands for a lender's practice; Taiwanese rules are not modelled).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from simulator.calendar import Calendar, IncomeCycle
from simulator.calibration.data import BILL_COLUMNS, STATUS_COLUMNS

__all__ = [
    "BILLED_MONTHS",
    "BILLING_DAY",
    "MAX_START_DAYS_PAST_DUE",
    "MIN_PAYMENT_FLOOR",
    "MIN_PAYMENT_SHARE",
    "NO_BILL_FLOOR",
    "START_DATE",
        "build_portfolio",
    "statement_days",
]

#: Simulation day 0: the April 2005 statement (due date the 15th, statement 10 days before).
START_DATE = dt.date(2005, 4, 5)
BILLING_DAY = 15
NO_BILL_FLOOR = 1_000.0
MIN_PAYMENT_SHARE = 0.05
MIN_PAYMENT_FLOOR = 1_000.0
BILLED_MONTHS = 6
MAX_START_DAYS_PAST_DUE = 170

_STATEMENTS = 6


def statement_days(lead_days: float, count: int = _STATEMENTS) -> np.ndarray:
    """Simulation days of the monthly statements, April first (day 0 when lead is 10)."""
    calendar = Calendar(START_DATE, 400)
    due = calendar.next_month_day(-1, BILLING_DAY)
    days = []
    for _ in range(count):
        days.append(max(0.0, due - lead_days))
        due = calendar.next_month_day(int(due), BILLING_DAY)
    return np.array(days)


def build_portfolio(rows: pd.DataFrame, month: int = 0) -> pd.DataFrame:
    """One simulator account per UCI row (same order), plus ``statement_mxn`` and ``uci_id``.

    Args:
        rows: rows from :func:`simulator.calibration.data.load_uci`.
        month: index of the statement the accounts are taken at (0 = April,
            the simulations' start; the risk score reads a later one, see
            :mod:`simulator.calibration.risk`).
    """
    ids = rows["ID"].to_numpy()
    status = rows[STATUS_COLUMNS[month]].to_numpy()
    bill = rows[BILL_COLUMNS[month]].to_numpy(float)
    statement = np.maximum(bill, NO_BILL_FLOOR)
    instalment = np.minimum(statement, np.maximum(MIN_PAYMENT_SHARE * statement, MIN_PAYMENT_FLOOR))
    balance = np.maximum(statement, BILLED_MONTHS * instalment)
    first_due = Calendar(START_DATE, 400).next_month_day(-1, BILLING_DAY)
    last_due = first_due - 30.0  # the due day before the April statement
    behind = np.where(status <= 2, 1, status)  # a new delinquency is coded 2 (data README)
    days_late = np.where(status >= 1, -last_due + 30 * (behind - 1), 0)
    width = len(str(int(ids.max()))) if len(ids) else 1
    frame = pd.DataFrame({
        "account_id": [f"UCI{int(i):0{width}d}" for i in ids],
        "balance_mxn": np.round(balance, 2),
        "days_past_due": np.minimum(days_late, MAX_START_DAYS_PAST_DUE).astype(np.int64),
        "instalment_mxn": np.round(instalment, 2),
        "income_cycle": IncomeCycle.MENSUAL.value,
        "payday": (1 + (ids * 7) % 28).astype(np.int64),
        "billing_day": np.full(len(ids), BILLING_DAY, dtype=np.int64),
        "phone_valid": True,
        "whatsapp_opt_in": False,
        "email_valid": True,
        "address_valid": True,
        "jurisdiction": "MX",
        "statement_mxn": np.where(bill > 0, bill, 0.0),
        "uci_id": ids.astype(np.int64),
    })
    for name in ("account_id", "income_cycle", "jurisdiction"):
        frame[name] = frame[name].astype("str")
    return frame
