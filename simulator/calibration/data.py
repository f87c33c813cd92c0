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
    "BILL_BANDS",
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
    "Payments",
    "full_payers",
    "horizon_counts",
    "load_uci",
    "observe",
    "payment_breakdown",
    "payment_ratios",
    "pooled",
    "pooled_payments",
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
#: Statement sizes (NT$) that split the payment ratio in :class:`Payments`: below 5,000 one
#: minimum payment is most of the bill, above 50,000 a small share.
BILL_BANDS = (5_000.0, 20_000.0, 50_000.0)
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


def _capped_ratios(states: np.ndarray, bills: np.ndarray, payments: np.ndarray,
                   cap: float) -> tuple[np.ndarray, np.ndarray]:
    """Capped payment-to-bill ratios and where they are defined (a positive bill, a state)."""
    bills = np.asarray(bills, dtype=float)
    valid = (bills > 0) & (states >= 0)
    return np.minimum(np.divide(payments, bills, out=np.zeros_like(bills), where=valid), cap), valid


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
    ratio, valid = _capped_ratios(states, bills, payments, cap)
    means, counts = np.full(len(STATES), np.nan), np.zeros(len(STATES), dtype=np.int64)
    for state in range(len(STATES)):
        chosen = valid & (states == state)
        counts[state] = int(chosen.sum())
        if counts[state]:
            means[state] = float(ratio[chosen].mean())
    return means, counts


@dataclass(frozen=True)
class Payments:
    """How the bills of each state were paid: a mean ratio mixes how often a bill
    is paid with how much of it, and hides which bills carry the error
    (docs/modelo.md, «De dónde viene el error de la razón de pago»).

    ``kinds[i]`` counts the bills of state ``i`` with no payment, a partial one
    (ratio between 0 and the cap) and a full one (ratio at the cap);
    ``partial[i]`` is the mean ratio of the partial ones; ``band_ratio[i, b]``
    and ``band_count[i, b]`` the capped mean ratio and the number of bills by
    statement size (:data:`BILL_BANDS`). Means are NaN where there is nothing.
    """

    kinds: np.ndarray
    partial: np.ndarray
    band_ratio: np.ndarray
    band_count: np.ndarray

    @property
    def profile(self) -> np.ndarray:
        """Per state: share of bills with no payment, share paid in full, mean partial ratio."""
        totals = self.kinds.sum(axis=1, keepdims=True)
        shares = np.divide(self.kinds[:, [0, 2]], totals, out=np.full((len(STATES), 2), np.nan),
                           where=totals > 0)
        return np.column_stack([shares, self.partial])


def payment_breakdown(states: np.ndarray, bills: np.ndarray, payments: np.ndarray,
                      cap: float = RATIO_CAP) -> Payments:
    """:class:`Payments` of aligned (accounts x months) arrays, as in :func:`payment_ratios`."""
    ratio, valid = _capped_ratios(states, bills, payments, cap)
    kinds = np.zeros((len(STATES), 3), dtype=np.int64)
    partial = np.full(len(STATES), np.nan)
    for state in range(len(STATES)):
        chosen = ratio[valid & (states == state)]
        part = chosen[(chosen > 0.0) & (chosen < cap)]
        kinds[state] = [(chosen <= 0.0).sum(), len(part), (chosen >= cap).sum()]
        if len(part):
            partial[state] = float(part.mean())
    band = np.searchsorted(BILL_BANDS, np.asarray(bills, dtype=float), side="right")
    by_band = [payment_ratios(np.where(band == b, states, -1), bills, payments, cap)
               for b in range(len(BILL_BANDS) + 1)]
    return Payments(kinds, partial, np.column_stack([m for m, _ in by_band]),
                    np.column_stack([c for _, c in by_band]))


def _weighted_mean(means: Sequence[np.ndarray], weights: Sequence[np.ndarray]) -> np.ndarray:
    """Several runs' means as one, each weighted by its count; NaN where no run counts any."""
    total = np.sum(weights, axis=0)
    sums = np.sum([np.nan_to_num(m) * w for m, w in zip(means, weights, strict=True)], axis=0)
    return np.divide(sums, total, out=np.full(total.shape, np.nan), where=total > 0)


def pooled_payments(runs: Sequence[Payments]) -> Payments:
    """Several runs' :class:`Payments` as one: counts summed, means weighted by their counts."""
    return Payments(np.sum([run.kinds for run in runs], axis=0),
                    _weighted_mean([r.partial for r in runs], [r.kinds[:, 1] for r in runs]),
                    _weighted_mean([r.band_ratio for r in runs], [r.band_count for r in runs]),
                    np.sum([run.band_count for run in runs], axis=0))


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
    alone (:func:`full_payers`), who fall behind far less than the others;
    ``payments`` how those bills were paid (:class:`Payments`).
    """

    counts: np.ndarray
    ratio: np.ndarray
    ratio_count: np.ndarray
    shares: np.ndarray
    paths: np.ndarray
    full_shares: np.ndarray
    payments: Payments

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
                    horizon_counts(states[:, 0], states[:, 1:]), state_shares(states[full_payers(rows)]),
                    payment_breakdown(states[:, :-1], bills, paid))


def pooled(runs: Sequence[Observed]) -> Observed:
    """Several replications as one: counts and paths summed, shares averaged, ratios by bill count."""
    totals = np.sum([run.ratio_count for run in runs], axis=0)
    ratio = _weighted_mean([run.ratio for run in runs], [run.ratio_count for run in runs])
    shares, full_shares = np.zeros_like(runs[0].shares), np.zeros_like(runs[0].full_shares)
    for run in runs:
        shares += run.shares / len(runs)
        full_shares += run.full_shares / len(runs)
    return Observed(sum(run.counts for run in runs), ratio, totals, shares,
                    sum(run.paths for run in runs), full_shares,
                    pooled_payments([run.payments for run in runs]))
