"""Synthetic demo portfolio: plausible Mexican consumer credit, exactly reproducible.

Every attribute has its own ``Generator`` (a ``SeedStream`` of the seed), so
changing how one column is drawn never shifts the others, and the same seed
always writes the same bytes. The numbers are invented; the choices behind
them are documented in ``datasets/portfolios/README.md``.

Run ``python -m simulator.portfolio.generate --accounts 5000 --seed 2026
--out datasets/portfolios/demo.csv`` to rebuild the demo file.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.calendar import IncomeCycle
from simulator.output_paths import os_reason
from simulator.portfolio.schema import (
    BUCKET_DAYS,
    BUCKETS,
    JURISDICTIONS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
)
from simulator.random_streams import SeedStream, seeded_generator

__all__ = ["BUCKET_SHARES", "generate_portfolio", "main", "write_csv"]

#: Target share of accounts per bucket (al corriente, 1-30, 31-60, 61-90, 90+).
BUCKET_SHARES = (0.40, 0.25, 0.15, 0.10, 0.10)

_BALANCE_MEDIAN_MXN = 18_000.0
_BALANCE_SIGMA = 0.9  # log-scale spread: p90 ~ 57,000 MXN, p99 ~ 147,000 MXN
_BALANCE_CLIP_MXN = (1_000.0, 500_000.0)
_TERM_MONTHS = (6, 36)
_CYCLES = (IncomeCycle.QUINCENAL, IncomeCycle.MENSUAL, IncomeCycle.SEMANAL)
_CYCLE_SHARES = (0.50, 0.30, 0.20)
# Weekly pay: mostly Friday (4), some Saturday and Thursday; lunes=0 ... domingo=6.
_WEEKDAY_SHARES = (0.025, 0.025, 0.025, 0.10, 0.65, 0.15, 0.025)
# Contact data decays with delinquency: multiplier per bucket on the base rate.
_DATA_DECAY = (1.00, 0.95, 0.88, 0.80, 0.72)
_PHONE_BASE, _EMAIL_BASE, _ADDRESS_BASE = 0.90, 0.60, 0.92
_WHATSAPP_GIVEN_PHONE = 0.72
_PRODUCTS = ("tarjeta", "personal", "nomina", "auto")
_PRODUCT_SHARES = (0.45, 0.30, 0.20, 0.05)
# Share of the credit limit in use, Beta(a, b) per bucket: means 0.40 (al corriente) to 0.80 (90+).
_UTILISATION_BETA = ((2.0, 3.0), (3.0, 2.0), (4.0, 2.0), (5.0, 2.0), (6.0, 1.5))
_UTILISATION_FLOOR = 0.05
_LIMIT_STEP_MXN = 500.0
# Chance that each of the 3 earlier statements not already late by the arrears closed late.
_LATE_BEFORE = (0.05, 0.30, 0.40, 0.50, 0.50)
_HISTORY_MONTHS = 3
# Months with no consumption: share of inactive cards (no use in any eligible statement of the
# last 3) among current and among late accounts, and the chance of an isolated month otherwise
# (UCI July: 13 % of current accounts had no use in all 3, under 2 % of late ones).
_INACTIVE_SHARE = (0.13, 0.02)
_NO_USE_MONTH = 0.02


def generate_portfolio(n_accounts: int = 5000, seed: int = 2026,
                       jurisdiction: str = "MX") -> pd.DataFrame:
    """Draw a synthetic portfolio that :func:`load_portfolio` accepts.

    Args:
        n_accounts: number of accounts (rows), at least 1.
        seed: root of the ``SeedSequence``; same seed, same portfolio.
        jurisdiction: country code written on every account.

    Returns:
        The required columns in schema order, the optional history columns
        (:func:`_history`, :func:`_months_no_use`), then an extra ``product``
        column: the loader's order.
    """
    if n_accounts < 1:
        raise ValueError(f"n_accounts debe ser al menos 1; se recibió {n_accounts}.")
    if jurisdiction not in JURISDICTIONS:
        raise ValueError(f"jurisdiction debe ser una de {', '.join(JURISDICTIONS)}; "
                         f"se recibió {jurisdiction!r}.")
    rng = functools.partial(seeded_generator, seed)  # one stream per column: rng(SeedStream.DAYS)
    n = n_accounts

    bucket = rng(SeedStream.BUCKET).choice(len(BUCKETS), size=n, p=BUCKET_SHARES)
    low = np.array([BUCKET_DAYS[b][0] for b in BUCKETS])[bucket]
    high = np.array([BUCKET_DAYS[b][1] for b in BUCKETS])[bucket]
    days_past_due = rng(SeedStream.DAYS).integers(low, high + 1)

    balance = rng(SeedStream.BALANCE).lognormal(np.log(_BALANCE_MEDIAN_MXN), _BALANCE_SIGMA, size=n)
    balance = np.clip(balance, *_BALANCE_CLIP_MXN).round(2)
    term = rng(SeedStream.TERM).integers(_TERM_MONTHS[0], _TERM_MONTHS[1] + 1, size=n)
    instalment = np.round(balance / term, 2)

    cycle = np.array(_CYCLES, dtype=object)[rng(SeedStream.CYCLE).choice(3, size=n, p=_CYCLE_SHARES)]
    payday = _paydays(cycle, rng(SeedStream.PAYDAY))
    billing_day = rng(SeedStream.BILLING).integers(1, 29, size=n)

    decay = np.array(_DATA_DECAY)[bucket]
    u = rng(SeedStream.CONTACT).random((4, n))
    phone = u[0] < _PHONE_BASE * decay
    whatsapp = phone & (u[1] < _WHATSAPP_GIVEN_PHONE)
    email = u[2] < _EMAIL_BASE * decay
    address = u[3] < _ADDRESS_BASE * decay

    product = np.array(_PRODUCTS, dtype=object)[
        rng(SeedStream.PRODUCT).choice(len(_PRODUCTS), size=n, p=_PRODUCT_SHARES)]
    width = max(6, len(str(n)))
    frame = pd.DataFrame({
        "account_id": [f"C{i:0{width}d}" for i in range(1, n + 1)],
        "balance_mxn": balance,
        "days_past_due": days_past_due.astype(np.int64),
        "instalment_mxn": instalment,
        "income_cycle": cycle,
        "payday": payday,
        "billing_day": billing_day.astype(np.int64),
        "phone_valid": phone,
        "whatsapp_opt_in": whatsapp,
        "email_valid": email,
        "address_valid": address,
        "jurisdiction": jurisdiction,
        "product": product,
    })
    for name in ("account_id", "income_cycle", "jurisdiction", "product"):
        frame[name] = frame[name].astype("str")
    limit, months_late = _history(bucket, days_past_due, balance, rng(SeedStream.HISTORY))
    frame["credit_limit_mxn"], frame["months_late_3m"] = limit, months_late
    frame["months_no_use_3m"] = _months_no_use(days_past_due, months_late, rng(SeedStream.NO_USE))
    return frame[[*REQUIRED_COLUMNS, *(c.name for c in OPTIONAL_COLUMNS), "product"]]


def _history(bucket: np.ndarray, days_past_due: np.ndarray, balance: np.ndarray,
             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Credit limit and months late in the 3 earlier statements, consistent with the arrears.

    The limit is the balance over a utilisation that grows with the bucket,
    rounded up to 500 pesos (so never below the balance). An account ``d`` days
    late closed its last ``ceil(d / 30) - 1`` statements late already; each
    other earlier statement closed late with a chance that grows with the bucket.
    """
    shape = np.array(_UTILISATION_BETA)[bucket]
    used = np.maximum(rng.beta(shape[:, 0], shape[:, 1]), _UTILISATION_FLOOR)
    limit = np.ceil(balance / used / _LIMIT_STEP_MXN) * _LIMIT_STEP_MXN
    forced = np.clip(np.ceil(days_past_due / 30) - 1, 0, _HISTORY_MONTHS).astype(np.int64)
    extra = rng.binomial(_HISTORY_MONTHS - forced, np.array(_LATE_BEFORE)[bucket])
    return limit, (forced + extra).astype(np.int64)


def _months_no_use(days_past_due: np.ndarray, months_late: np.ndarray,
                   rng: np.random.Generator) -> np.ndarray:
    """Months with no consumption in the last 3 statements (the current one included).

    A statement that closed late had consumption: a late account's current one
    and, taking the late ones as the most recent, ``min(months_late, 2)`` of the
    2 before are not eligible. An inactive card had no use in every eligible
    statement; any other one in each with a small chance.
    """
    late = days_past_due > 0
    eligible = _HISTORY_MONTHS - late - np.minimum(months_late, _HISTORY_MONTHS - 1)
    inactive = rng.random(len(eligible)) < np.where(late, _INACTIVE_SHARE[1], _INACTIVE_SHARE[0])
    sporadic = rng.binomial(eligible, _NO_USE_MONTH)
    return np.where(inactive, eligible, sporadic).astype(np.int64)


def _paydays(cycle: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Payday per account, drawn for every row so each cycle's draws are stable.

    Quincenal: 75% on the 15th (paid 15 and 30), else 1-14. Mensual: 50% on
    the 30th, 15% on the 1st, else 1-28. Semanal: weekday from
    ``_WEEKDAY_SHARES``.
    """
    n = len(cycle)
    u = rng.random(n)
    quincenal = np.where(u < 0.75, 15, rng.integers(1, 15, size=n))
    mensual = np.where(u < 0.50, 30, np.where(u < 0.65, 1, rng.integers(1, 29, size=n)))
    semanal = rng.choice(7, size=n, p=_WEEKDAY_SHARES)
    return np.select([cycle == "quincenal", cycle == "mensual"], [quincenal, mensual],
                     semanal).astype(np.int64)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a portfolio as UTF-8 CSV, money with two decimals, flags as 1/0.

    Line endings are always ``\\n`` so the file is byte-identical on every OS.
    """
    out = frame.copy()
    for name in out.select_dtypes(bool).columns:
        out[name] = out[name].astype(np.int64)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, float_format="%.2f", lineterminator="\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a demo portfolio and write it as CSV."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator.portfolio.generate",
        description="Genera una cartera sintética de crédito al consumo (datos inventados) "
                    "con el esquema que acepta el simulador.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    parser.add_argument("--accounts", type=int, default=5000, metavar="N",
                        help="número de cuentas a generar (por omisión: 5000)")
    parser.add_argument("--seed", type=int, default=2026, metavar="SEMILLA",
                        help="semilla; la misma semilla produce el mismo archivo (por omisión: "
                             "2026)")
    parser.add_argument("--jurisdiction", default="MX", choices=JURISDICTIONS,
                        help="país de todas las cuentas (por omisión: MX)")
    parser.add_argument("--out", required=True, metavar="ARCHIVO",
                        help="ruta del CSV a escribir, p. ej. datasets/portfolios/demo.csv")
    args = parser.parse_args(argv)
    if args.accounts < 1:
        parser.error("--accounts debe ser al menos 1")
    if args.seed < 0:
        parser.error("--seed debe ser un entero mayor o igual que 0")
    frame = generate_portfolio(args.accounts, args.seed, args.jurisdiction)
    try:
        write_csv(frame, args.out)
    except OSError as exc:
        parser.exit(2, f"No se pudo escribir {args.out}: {os_reason(exc)}\n")
    print(f"Se escribieron {len(frame)} cuentas en {args.out} (semilla {args.seed}).",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
