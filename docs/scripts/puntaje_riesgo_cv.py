"""Print the cross-validation table of docs/modelo.md, «Puntaje de riesgo»: how the terms were chosen.

5-fold cross-validation inside the calibration split only (the validation
split is not read): mean AUC of the held-out folds, overall and within the
current and 1-30 buckets, for the former score, the candidate history terms
and the chosen one (:data:`simulator.calibration.risk.FEATURES`). Candidates
that are not portfolio columns (months paid in full, the last payment against
the bill) are built from the UCI rows here. Paste its output over the table
(a few seconds):

    python docs/scripts/puntaje_riesgo_cv.py
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from simulator.calibration.data import BILL_COLUMNS, PAYMENT_COLUMNS, STATUS_COLUMNS, load_uci, select_split
from simulator.calibration.risk import FEATURES, SNAPSHOT, paid_next_month, risk_accounts
from simulator.cli.calibration import DEFAULT_DATA
from simulator.portfolio.schema import bucket_of

FOLDS = 5
SEED = 0
PAID_IN_FULL_STATUS = -1


def _terms(rows, accounts) -> dict[str, np.ndarray]:
    """Every candidate term by name: the score's own, then those built from the UCI rows."""
    terms = {feature.name: feature.values(accounts) for feature in FEATURES}
    late = accounts["days_past_due"].to_numpy() > 0
    statuses = np.column_stack([rows[STATUS_COLUMNS[month]].to_numpy() for month in range(SNAPSHOT - 2,
                                                                                            SNAPSHOT + 1)])
    payment = rows[PAYMENT_COLUMNS[SNAPSHOT]].to_numpy(float)
    bill = rows[BILL_COLUMNS[SNAPSHOT - 1]].to_numpy(float)
    extra = {"paid_in_full_3m": (statuses == PAID_IN_FULL_STATUS).sum(axis=1).astype(float),
             "payment_per_bill": np.clip(payment / np.maximum(bill, 1.0), 0.0, 1.0)}
    for name, values in extra.items():
        terms[f"{name}_current"], terms[f"{name}_late"] = np.where(late, 0, values), np.where(late, values, 0)
    for name in ("log_balance", "log_credit_limit", "utilisation", "months_late_3m", "months_no_use_3m"):
        terms[name] = terms[f"{name}_current"] + terms[f"{name}_late"]  # one slope for every account
    return terms


def _piecewise(*names: str) -> list[str]:
    return [f"{name}_{among}" for name in names for among in ("current", "late")]


ARREARS = ["late", "months_late"]
FORMER = ["log_balance", "log_credit_limit", "months_late_3m"]
CHOSEN = [feature.name for feature in FEATURES]
VARIANTS = {
    "el puntaje anterior: atraso, saldo, límite, meses con atraso": ARREARS + FORMER,
    "+ meses sin consumo": ARREARS + FORMER + ["months_no_use_3m"],
    "+ meses sin consumo y uso de la línea": ARREARS + FORMER + ["months_no_use_3m", "utilisation"],
    "pendientes separadas (al corriente / con atraso), variables anteriores": ARREARS + _piecewise(
        "log_balance", "log_credit_limit", "months_late_3m"),
    "pendientes separadas + meses sin consumo": ARREARS + _piecewise(
        "log_balance", "log_credit_limit", "months_late_3m", "months_no_use_3m"),
    "pendientes separadas + meses sin consumo + uso de la línea (el puntaje)": CHOSEN,
    "el puntaje + meses pagados completos": CHOSEN + _piecewise("paid_in_full_3m"),
    "el puntaje + último pago contra el estado de cuenta": CHOSEN + _piecewise("payment_per_bill"),
}


def cross_validate(design: np.ndarray, paid: np.ndarray, buckets: np.ndarray) -> np.ndarray:
    """Mean held-out AUC over the folds: overall, among current accounts, in 1-30."""
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(design, paid)
    results = []
    for fit_rows, test_rows in folds:
        fit = LogisticRegression(max_iter=1000).fit(design[fit_rows], paid[fit_rows])
        scores, outcome = fit.predict_proba(design[test_rows])[:, 1], paid[test_rows]
        inside = [buckets[test_rows] == name for name in ("al_corriente", "1-30")]
        results.append([roc_auc_score(outcome, scores),
                        *(roc_auc_score(outcome[rows], scores[rows]) for rows in inside)])
    return np.mean(results, axis=0)


def main() -> None:
    rows = select_split(load_uci(DEFAULT_DATA), "calibration")
    accounts = risk_accounts(rows)
    terms, paid = _terms(rows, accounts), paid_next_month(rows)
    buckets = bucket_of(accounts["days_past_due"].to_numpy())
    print("| variables | AUC | AUC al corriente | AUC 1-30 |")
    print("|---|---:|---:|---:|")
    for label, names in VARIANTS.items():
        auc = cross_validate(np.column_stack([terms[name] for name in names]), paid, buckets)
        print(f"| {label} | " + " | ".join(f"{value:.3f}" for value in auc) + " |")


if __name__ == "__main__":
    main()
