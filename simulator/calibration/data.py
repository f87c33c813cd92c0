"""The UCI credit-card data as observed monthly transitions and payment ratios.

The file (``datasets/real/uci_credit_card_default.csv``) has six monthly
repayment statuses per holder, April to September 2005. They become three
states: current (status <= 0), 1-2 months late (1 and 2 merged, because this
data almost never codes 1 before September) and 3 or more months late. The
codes behave as ordered severity levels, so only moves between states are
counted, never ages.

The payment made in month k settles the statement of month k-1 (see the data
README): the payment ratio of statement ``BILL_AMTk`` is ``PAY_AMT(k-1) /
BILL_AMTk``, defined when the bill is positive and capped at
:data:`RATIO_CAP`, because a few large overpayments would dominate a plain mean.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.errors import CobranzaError

__all__ = [
    "BILL_COLUMNS",
    "CalibrationError",
    "FULL_PAYER_STATUS",
    "HORIZON",
    "MONTHS",
    "PAYMENT_COLUMNS",
    "RATIO_CAP",
    "REQUIRED_COLUMNS",
    "SPLITS",
    "STATES",
    "STATUS_COLUMNS",
    "VALIDATION_FIRST_ID",
    "Observed",
    "full_payers",
    "horizon_counts",
    "load_uci",
    "observe",
    "payment_ratios",
    "pooled",
    "select_split",
    "state_of_status",
    "state_shares",
    "transition_counts",
]


class CalibrationError(CobranzaError):
    """A real-data file that cannot be used for calibration or validation."""


#: Months of the file in time order (April to September 2005).
MONTHS = ("abr", "may", "jun", "jul", "ago", "sep")
#: Months ahead of April that the multi-month check follows (May to September).
HORIZON = len(MONTHS) - 1
#: Status, bill and payment columns in time order (the file counts backwards).
STATUS_COLUMNS = ("PAY_6", "PAY_5", "PAY_4", "PAY_3", "PAY_2", "PAY_0")
BILL_COLUMNS = tuple(f"BILL_AMT{k}" for k in range(6, 0, -1))
PAYMENT_COLUMNS = tuple(f"PAY_AMT{k}" for k in range(6, 0, -1))
REQUIRED_COLUMNS = ("ID", "LIMIT_BAL", *STATUS_COLUMNS, *BILL_COLUMNS, *PAYMENT_COLUMNS)
#: The three states, from best to worst.
STATES = ("al_corriente", "atraso_1_2", "atraso_3_mas")
#: Split by ID, as in the data README: calibration rows ``ID < 24001``.
VALIDATION_FIRST_ID = 24001
SPLITS = ("calibration", "validation")
#: Payment ratios above this are counted as this (full payment).
RATIO_CAP = 1.0
#: April statuses at or below this pay the whole bill (-1) or have no consumption (-2).
FULL_PAYER_STATUS = -1

_STATUS_RANGE = (-2, 9)


def state_of_status(status) -> np.ndarray:
    """State index (0, 1, 2) of repayment status codes, vectorised."""
    codes = np.asarray(status)
    return np.where(codes <= 0, 0, np.where(codes <= 2, 1, 2)).astype(np.int64)


def full_payers(rows: pd.DataFrame) -> np.ndarray:
    """Which rows paid their whole April bill or had none (April status -1 or -2)."""
    return rows[STATUS_COLUMNS[0]].to_numpy() <= FULL_PAYER_STATUS


def load_uci(path: str | os.PathLike) -> pd.DataFrame:
    """Read the UCI CSV and check what calibration relies on.

    Returns:
        The file's rows, integer columns, in file order.

    Raises:
        CalibrationError: naming the file, the spreadsheet row (header = 1)
            and the column of the first problem.
    """
    file = str(path)
    try:
        frame = pd.read_csv(Path(path), dtype=str, keep_default_na=False, na_filter=False)
    except FileNotFoundError:
        raise CalibrationError("No se encontró el archivo; revise la ruta.", file=file) from None
    except IsADirectoryError:
        raise CalibrationError("La ruta es una carpeta; se esperaba el CSV.", file=file) from None
    except UnicodeDecodeError:
        raise CalibrationError("El archivo no está en UTF-8.", file=file) from None
    except pd.errors.ParserError as exc:
        raise CalibrationError(f"No se pudo leer el CSV: {exc}", file=file) from None
    except pd.errors.EmptyDataError:
        raise CalibrationError("El archivo está vacío.", file=file) from None
    missing = [name for name in REQUIRED_COLUMNS if name not in frame.columns]
    if missing:
        raise CalibrationError(
            f"Faltan columnas del conjunto UCI: {', '.join(missing)}. Se esperaba el archivo de "
            "datasets/real/ (ver su README).", file=file, row=1, field=missing[0])
    if frame.empty:
        raise CalibrationError("El archivo no tiene filas de datos.", file=file)
    out = {}
    for name in REQUIRED_COLUMNS:
        text = frame[name].str.strip()
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna().to_numpy() | ~np.isfinite(values.to_numpy(float, na_value=np.nan))
        bad |= ~bad & (values.fillna(0).to_numpy() % 1 != 0)
        if bad.any():
            i = int(np.argmax(bad))
            raise CalibrationError(f"Se encontró '{frame[name].iloc[i]}' y se esperaba un número "
                                   "entero.", file=file, row=i + 2, field=name)
        out[name] = values.to_numpy().astype(np.int64)
    table = pd.DataFrame(out)
    checks = [(name, (table[name] < _STATUS_RANGE[0]) | (table[name] > _STATUS_RANGE[1]),
               f"un estado de pago de {_STATUS_RANGE[0]} a {_STATUS_RANGE[1]}")
              for name in STATUS_COLUMNS]
    checks += [(name, table[name] < 0, "un pago de 0 o más") for name in PAYMENT_COLUMNS]
    checks.append(("ID", table["ID"].duplicated(), "un ID único"))
    for name, bad, expected in checks:
        if bad.any():
            i = int(np.argmax(bad.to_numpy()))
            raise CalibrationError(f"Se encontró {table[name].iloc[i]} y se esperaba {expected}.",
                                   file=file, row=i + 2, field=name)
    return table


def select_split(table: pd.DataFrame, split: str) -> pd.DataFrame:
    """Rows of the calibration (``ID <= 24000``) or validation (``ID > 24000``) split."""
    if split not in SPLITS:
        raise ValueError(f"split debe ser uno de {SPLITS}; se recibió {split!r}")
    held_out = table["ID"].to_numpy() >= VALIDATION_FIRST_ID
    chosen = held_out if split == "validation" else ~held_out
    return table[chosen].reset_index(drop=True)


def transition_counts(states: np.ndarray) -> np.ndarray:
    """3x3 counts of moves from one month's state (row) to the next (column).

    Args:
        states: integer array (accounts x months) of state indices; -1 marks
            a month to leave out (no move into or out of it is counted).
    """
    before, after = states[:, :-1].ravel(), states[:, 1:].ravel()
    keep = (before >= 0) & (after >= 0)
    counts = np.zeros((len(STATES), len(STATES)), dtype=np.int64)
    np.add.at(counts, (before[keep], after[keep]), 1)
    return counts


def horizon_counts(start: np.ndarray, states: np.ndarray) -> np.ndarray:
    """Counts (months ahead x 3 x 3) of accounts by April state (row) and state k months later.

    Following each account from its April state tests what one-step rates
    cannot: whether being late persists as long as in the data.

    Args:
        start: April state of each account.
        states: states of the months after April (accounts x months ahead).
    """
    counts = np.zeros((states.shape[1], len(STATES), len(STATES)), dtype=np.int64)
    for ahead in range(states.shape[1]):
        np.add.at(counts[ahead], (start, states[:, ahead]), 1)
    return counts


def payment_ratios(states: np.ndarray, bills: np.ndarray, payments: np.ndarray,
                   cap: float = RATIO_CAP) -> tuple[np.ndarray, np.ndarray]:
    """Capped mean payment-to-bill ratio by state, over aligned (accounts x months) arrays.

    Args:
        states: state that the payment led to (see :func:`observe`); -1 to skip.
        bills: statement amounts; ratios only where the bill is > 0.
        payments: what was paid in response to each statement.

    Returns:
        ``(mean, count)`` per state; ``mean`` is NaN for a state with no bill.
    """
    bills = np.asarray(bills, dtype=float)
    valid = (bills > 0) & (states >= 0)
    ratio = np.minimum(np.divide(payments, bills, out=np.zeros_like(bills), where=valid), cap)
    means, counts = np.full(len(STATES), np.nan), np.zeros(len(STATES), dtype=np.int64)
    for state in range(len(STATES)):
        chosen = valid & (states == state)
        counts[state] = int(chosen.sum())
        if counts[state]:
            means[state] = float(ratio[chosen].mean())
    return means, counts


def state_shares(states: np.ndarray) -> np.ndarray:
    """Share of accounts in each state, month by month (months x 3)."""
    return np.stack([np.bincount(column, minlength=len(STATES)) / max(1, len(column))
                     for column in states.T])


@dataclass(frozen=True)
class Observed:
    """Monthly moves between the three states and payment ratios, from data or simulation.

    ``counts[i, j]`` is the number of account-months in state ``i`` at one
    statement and ``j`` at the next; ``ratio[i]`` the capped mean payment
    ratio of statements in state ``i`` (``ratio_count[i]`` of them);
    ``shares[m, i]`` the share of accounts in state ``i`` in month ``m``
    (April to September); ``paths[k - 1, i, j]`` the number of accounts in
    state ``i`` in April (in the data) and ``j`` ``k`` months later;
    ``full_shares`` the same as ``shares`` for the full payers of April
    alone (:func:`full_payers`), who fall behind far less than the others.
    """

    counts: np.ndarray
    ratio: np.ndarray
    ratio_count: np.ndarray
    shares: np.ndarray
    paths: np.ndarray
    full_shares: np.ndarray

    @property
    def rates(self) -> np.ndarray:
        """Row-normalised transition rates (each row sums to 1; NaN for an empty row)."""
        totals = self.counts.sum(axis=1, keepdims=True)
        return np.divide(self.counts, totals, out=np.full(self.counts.shape, np.nan),
                         where=totals > 0)

    @property
    def horizon(self) -> np.ndarray:
        """``paths`` as shares of each April state (rows sum to 1; NaN for an empty row)."""
        totals = self.paths.sum(axis=2, keepdims=True)
        return np.divide(self.paths, totals, out=np.full(self.paths.shape, np.nan), where=totals > 0)


def observe(rows: pd.DataFrame) -> Observed:
    """Observed transitions and payment ratios of a split's rows.

    The status of month k records how statement k was paid, and that payment
    comes in month k+1: the ratio of statement k is grouped by the status of
    month k, the state the payment led to.
    """
    states = state_of_status(rows[list(STATUS_COLUMNS)].to_numpy())
    bills = rows[list(BILL_COLUMNS)].to_numpy()[:, :-1]
    # PAY_AMT(k-1) answers BILL_AMTk: in time order, payment column m+1 answers bill m.
    paid = rows[list(PAYMENT_COLUMNS)].to_numpy()[:, 1:].astype(float)
    ratio, count = payment_ratios(states[:, :-1], bills, paid)
    return Observed(transition_counts(states), ratio, count, state_shares(states),
                    horizon_counts(states[:, 0], states[:, 1:]), state_shares(states[full_payers(rows)]))


def pooled(runs: Sequence[Observed]) -> Observed:
    """Several replications as one: counts and paths summed, shares averaged, ratios by bill count."""
    sums, totals = np.zeros(len(STATES)), np.zeros(len(STATES), dtype=np.int64)
    shares, full_shares = np.zeros_like(runs[0].shares), np.zeros_like(runs[0].full_shares)
    for run in runs:
        shares += run.shares / len(runs)
        full_shares += run.full_shares / len(runs)
        sums += np.nan_to_num(run.ratio) * run.ratio_count
        totals += run.ratio_count
    ratio = np.divide(sums, totals, out=np.full(len(STATES), np.nan), where=totals > 0)
    return Observed(sum(run.counts for run in runs), ratio, totals, shares,
                    sum(run.paths for run in runs), full_shares)
