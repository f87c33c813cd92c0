"""Fit the risk score on UCI rows: a logistic regression (scikit-learn), stored as plain numbers.

Target: the account is current at the next statement, i.e. the August status
code (``PAY_2``) is 0 or less. A late account that caught up and a current one
that kept paying at least the minimum both count. The accounts are taken at
the July statement, so that April to June give each one a repayment history:
:func:`risk_accounts` builds them with the columns a manager's portfolio has,
the required ones (:func:`~simulator.calibration.portfolio.holder_accounts`)
and the optional history columns the score reads (see :data:`FEATURES`). The
fitted model is a :class:`~simulator.risk_score.RiskModel`: scoring it needs
numpy only.

Arrears alone rank accounts across buckets but hardly within one (a current
account against another current one), which is what a strategy segmenting by
``riesgo`` relies on; so every split is also measured within each bucket.

scikit-learn is imported inside the functions that use it: the CLI loads this
module for every command, and only ``calibrate`` and ``validate`` need it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from simulator.buckets import BUCKET_NAMES
from simulator.calibration.data import STATUS_COLUMNS, state_of_status
from simulator.calibration.portfolio import holder_accounts
from simulator.portfolio.schema import bucket_of
from simulator.risk_score import BucketMetrics, RiskBands, RiskFeature, RiskMetrics, RiskModel

__all__ = ["BANDS", "FEATURES", "HISTORY_MONTHS", "NO_USE_STATUS", "SNAPSHOT", "UTILISATION_CAP", "fit_risk",
           "measure_risk", "paid_next_month", "risk_accounts"]

#: Index of the statement the accounts are scored at (July), and the months of
#: history before it that ``months_late_3m`` counts (April to June);
#: ``months_no_use_3m`` counts the last 3 statements, July included (May to July).
SNAPSHOT = 3
HISTORY_MONTHS = 3
#: UCI status code of a statement with no consumption (the card was not used).
NO_USE_STATUS = -2
#: Cap of the line utilisation (balance per credit limit): above the limit counts as at it.
UTILISATION_CAP = 1.0
#: History terms, chosen by 5-fold cross-validation on the calibration split
#: (docs/modelo.md): the size of the balance, the credit limit (with the
#: balance, how much of it is used), the utilisation itself up to the limit, how
#: many of the previous 3 statements closed late and how many of the last 3 had
#: no consumption. Each gets one slope for current and one for late accounts
#: (a piecewise logistic): what ranks current accounts is not what ranks late
#: ones. Months paid in full and the last payment were measured too and left
#: out: they added nothing within a bucket.
_HISTORY_TERMS = (
    RiskFeature(name="log_balance", column="balance_mxn", transform="log", coefficient=0.0),
    RiskFeature(name="log_credit_limit", column="credit_limit_mxn", transform="log", coefficient=0.0),
    RiskFeature(name="utilisation", column="balance_mxn", per="credit_limit_mxn", transform="capped",
                value=UTILISATION_CAP, coefficient=0.0),
    RiskFeature(name="months_late_3m", column="months_late_3m", transform="linear", coefficient=0.0),
    RiskFeature(name="months_no_use_3m", column="months_no_use_3m", transform="linear", coefficient=0.0),
)
#: The terms of the score, coefficients to be fitted: late at all, instalments
#: behind (whole months of arrears), then each history term among current and
#: among late accounts.
FEATURES = (
    RiskFeature(name="late", column="days_past_due", transform="greater_than", value=0.0,
                coefficient=0.0),
    RiskFeature(name="months_late", column="days_past_due", transform="ceil_divide", value=30.0,
                coefficient=0.0),
    *(term.model_copy(update={"name": f"{term.name}_{among}", "among": among})
      for term in _HISTORY_TERMS for among in ("current", "late")),
)
#: Probability-of-paying cut-offs: ``alto`` below 25 % (more likely to stay late
#: than to pay), ``bajo`` from 75 % on.
BANDS = RiskBands(high_below=0.25, low_from=0.75)


def _count_statuses(rows: pd.DataFrame, months: range, hit) -> np.ndarray:
    statuses = np.column_stack([rows[STATUS_COLUMNS[month]].to_numpy() for month in months])
    return hit(statuses).sum(axis=1).astype(np.int64)


def risk_accounts(rows: pd.DataFrame) -> pd.DataFrame:
    """The July accounts of UCI ``rows`` with the optional history columns:
    ``credit_limit_mxn`` is ``LIMIT_BAL``, ``months_late_3m`` counts the
    statuses of April to June coded late (1 or more), ``months_no_use_3m``
    those of May to July coded no consumption (-2)."""
    accounts = holder_accounts(rows, SNAPSHOT)
    accounts["credit_limit_mxn"] = rows["LIMIT_BAL"].to_numpy(float)
    accounts["months_late_3m"] = _count_statuses(rows, range(SNAPSHOT - HISTORY_MONTHS, SNAPSHOT),
                                                 lambda status: status >= 1)
    accounts["months_no_use_3m"] = _count_statuses(rows, range(SNAPSHOT - HISTORY_MONTHS + 1, SNAPSHOT + 1),
                                                   lambda status: status == NO_USE_STATUS)
    return accounts


def paid_next_month(rows: pd.DataFrame) -> np.ndarray:
    """True where the statement after the snapshot (August) is coded current."""
    return state_of_status(rows[STATUS_COLUMNS[SNAPSHOT + 1]].to_numpy()) == 0


def _six_digits(value: float) -> float:
    return float(f"{value:.6g}")


def _auc(paid: np.ndarray, scores: np.ndarray) -> float | None:
    """ROC AUC rounded to 4 digits; None with one outcome only."""
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(paid, scores)), 4) if 0 < paid.sum() < len(paid) else None


def measure_risk(model: RiskModel, rows: pd.DataFrame) -> RiskMetrics:
    """AUC and Brier score of ``model`` on UCI ``rows``, overall and within each bucket present."""
    from sklearn.metrics import brier_score_loss

    accounts = risk_accounts(rows)
    scores = model.score(accounts)
    paid = paid_next_month(rows)
    buckets = bucket_of(accounts["days_past_due"].to_numpy())
    by_bucket = {name: BucketMetrics(rows=int(inside.sum()),
                                     paying_share=round(float(paid[inside].mean()), 4),
                                     auc=_auc(paid[inside], scores[inside]))
                 for name in BUCKET_NAMES if (inside := buckets == name).any()}
    return RiskMetrics(rows=len(rows), paying_share=round(float(paid.mean()), 4), auc=_auc(paid, scores),
                       brier=round(float(brier_score_loss(paid, scores)), 4), by_bucket=by_bucket)


def fit_risk(splits: dict[str, pd.DataFrame], fit_on: str,
             today: dt.date | None = None) -> RiskModel:
    """Fit :data:`FEATURES` on the rows of split ``fit_on``; measure the score on every split.

    The fit is scikit-learn's default ``LogisticRegression`` (lbfgs, a light L2
    penalty that 24,000 rows make negligible), which is deterministic: the same
    rows give the same coefficients. Coefficients are rounded to 6 significant
    digits before measuring, so the metrics are those of the numbers stored.
    """
    from sklearn.linear_model import LogisticRegression

    rows = splits[fit_on]
    design = RiskModel(description="", intercept=0.0, features=FEATURES, bands=BANDS,
                       fitted_on=fit_on).design(risk_accounts(rows))
    fit = LogisticRegression(max_iter=1000).fit(design, paid_next_month(rows))
    today = today or dt.date.today()
    model = RiskModel(
        description=(
            "Probabilidad de que la cuenta esté al corriente en el siguiente estado de cuenta. "
            "Regresión logística (scikit-learn) con pendientes separadas para las cuentas al corriente "
            f"y las atrasadas, ajustada el {today.isoformat()} con el conjunto "
            f"UCI id 350, partición «{fit_on}» ({len(rows)} cuentas): cuentas de julio de 2005 con su "
            "historial de abril a junio, objetivo «código de estado de agosto de 0 o menos». "
            "Ver docs/modelo.md, «Puntaje de riesgo»."
        ),
        intercept=_six_digits(fit.intercept_[0]),
        features=tuple(feature.model_copy(update={"coefficient": _six_digits(value)})
                       for feature, value in zip(FEATURES, fit.coef_[0], strict=True)),
        bands=BANDS,
        fitted_on=fit_on,
    )
    return model.model_copy(update={"metrics": {name: measure_risk(model, split_rows)
                                                for name, split_rows in splits.items()}})
