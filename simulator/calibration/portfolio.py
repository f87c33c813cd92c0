"""A simulator portfolio built from UCI rows, starting where the April status is known.

Amounts are New Taiwan dollars used as the simulator's money units (the
``_mxn`` columns hold NT$; nothing is converted). Every account shares one
billing day so that the monthly statements, where the data records a status,
fall on the same simulation days for the whole portfolio.

The April status records how the April statement was paid, which shows at
the May statement: day 0 is that May statement, so the state read at day 0 is
the April status and the state read ``k`` statements later is the status of
the ``k``-th month after April (:mod:`simulator.calibration.simulate`).

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
- a full payer (April status -1, paid the whole bill, or -2, no consumption)
  is billed the whole statement each month: instalment ``S`` and, in the
  simulated ledger, a balance of :data:`BILLED_MONTHS` statements, standing for
  the purchases that a revolving card bills again every month; and draws its
  persona from its own mix, :data:`FULL_PAYER_MIX` (in the data full payers
  fall behind a third as often as revolvers);
- April status 1 or 2 means one unpaid instalment (a new delinquency is coded
  2 straight away), status ``s >= 3`` means ``s``; with ``n`` unpaid, the
  oldest fell due ``20 + 30 (n - 1)`` days before day 0 (capped
  at :data:`MAX_START_DAYS_PAST_DUE`);
- monthly income on a payday spread by ID, every contact datum present, no
  WhatsApp consent (2005), and the Mexican contact rules (the strategy
  stands for a lender's practice; Taiwanese rules are not modelled).

:func:`holder_accounts` is the holders' April position (what a lender's file
would hold; the risk score reads it); :func:`build_portfolio` adds the full
payers' terms and each month's bill, which the payment ratio divides by.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from simulator.behaviour.traits import MIX_COLUMN
from simulator.calendar import Calendar, IncomeCycle
from simulator.calibration.data import BILL_COLUMNS, MONTHS, STATUS_COLUMNS, full_payers

__all__ = [
    "BILLED_MONTHS",
    "BILLING_DAY",
    "BILL_FRAME_COLUMNS",
    "FULL_PAYER_MIX",
    "MAX_START_DAYS_PAST_DUE",
    "MIN_PAYMENT_FLOOR",
    "MIN_PAYMENT_SHARE",
    "NO_BILL_FLOOR",
    "START_DATE",
    "build_portfolio",
    "holder_accounts",
    "statement_days",
]

#: Simulation day 0: the May 2005 statement, where the April status shows (due the 15th,
#: statement 10 days before).
START_DATE = dt.date(2005, 5, 5)
BILLING_DAY = 15
NO_BILL_FLOOR = 1_000.0
MIN_PAYMENT_SHARE = 0.05
MIN_PAYMENT_FLOOR = 1_000.0
BILLED_MONTHS = 6
MAX_START_DAYS_PAST_DUE = 170
#: The ``persona_mix`` entry full payers draw their persona from (``MIX_COLUMN``).
FULL_PAYER_MIX = "pagador_total"
#: Each month's bill (0 when there is none), April to September, for the payment ratio.
BILL_FRAME_COLUMNS = tuple(f"bill_{month}" for month in MONTHS)

_STATEMENTS = 6


def statement_days(lead_days: float, count: int = _STATEMENTS) -> np.ndarray:
    """Simulation days of the monthly statements, the first one day 0 (when lead is 10)."""
    calendar = Calendar(START_DATE, 400)
    due = calendar.next_month_day(-1, BILLING_DAY)
    days = []
    for _ in range(count):
        days.append(max(0.0, due - lead_days))
        due = calendar.next_month_day(int(due), BILLING_DAY)
    return np.array(days)


def holder_accounts(rows: pd.DataFrame, month: int = 0) -> pd.DataFrame:
    """One account per UCI row (same order), as its position at one statement, plus ``uci_id``.

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
        "uci_id": ids.astype(np.int64),
    })
    for name in ("account_id", "income_cycle", "jurisdiction"):
        frame[name] = frame[name].astype("str")
    return frame


def build_portfolio(rows: pd.DataFrame) -> pd.DataFrame:
    """:func:`holder_accounts` with full payers billed their whole statement and given their own
    persona mix, plus the monthly bills."""
    frame = holder_accounts(rows)
    full = full_payers(rows)
    statement = np.maximum(rows[BILL_COLUMNS[0]].to_numpy(float), NO_BILL_FLOOR)
    days = frame["days_past_due"].to_numpy()
    unpaid = np.where(days > 0, days // 30 + 1, 1)  # the overdue bills the engine opens at day 0
    late = np.minimum(frame["instalment_mxn"].to_numpy(), np.round(statement / unpaid, 2))
    frame["instalment_mxn"] = np.where(full, np.round(statement, 2), late)
    frame["balance_mxn"] = np.where(full, np.round(BILLED_MONTHS * statement, 2), frame["balance_mxn"])
    frame[MIX_COLUMN] = np.where(full, FULL_PAYER_MIX, "")
    bills = rows[list(BILL_COLUMNS)].to_numpy(float)
    for column, name in enumerate(BILL_FRAME_COLUMNS):
        frame[name] = np.maximum(bills[:, column], 0.0)
    return frame
