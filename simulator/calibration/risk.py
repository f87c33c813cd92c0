"""Fit the risk score on UCI rows: a logistic regression (scikit-learn), stored as plain numbers.

Target: the account is current at the next statement, i.e. the May status code
(``PAY_5``) is 0 or less. A late account that caught up and a current one that
kept paying at least the minimum both count. Features are read from the April
accounts that :func:`~simulator.calibration.portfolio.holder_accounts` builds,
so the fit sees exactly the columns a manager's portfolio has (see
:data:`FEATURES`). The fitted model is a :class:`~simulator.risk_score.RiskModel`:
scoring it needs numpy only.

scikit-learn is imported inside the functions that use it: the CLI loads this
module for every command, and only ``calibrate`` and ``validate`` need it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from simulator.calibration.data import STATUS_COLUMNS, state_of_status
from simulator.calibration.portfolio import holder_accounts
from simulator.risk_score import RiskBands, RiskFeature, RiskMetrics, RiskModel

__all__ = ["BANDS", "FEATURES", "fit_risk", "measure_risk", "paid_next_month"]

#: The terms of the score, coefficients to be fitted: late at all, instalments
#: behind (whole months of arrears, so 31-60 days sits between the 1-30 and
#: 61-90 levels the data has), and the size of the balance.
FEATURES = (
    RiskFeature(name="late", column="days_past_due", transform="greater_than", value=0.0,
                coefficient=0.0),
    RiskFeature(name="months_late", column="days_past_due", transform="ceil_divide", value=30.0,
                coefficient=0.0),
    RiskFeature(name="log_balance", column="balance_mxn", transform="log", coefficient=0.0),
)
#: Probability-of-paying cut-offs: ``alto`` below 25 % (more likely to stay late
#: than to pay), ``bajo`` from 75 % on.
BANDS = RiskBands(high_below=0.25, low_from=0.75)


def paid_next_month(rows: pd.DataFrame) -> np.ndarray:
    """True where the month after the April snapshot (May) is coded current."""
    return state_of_status(rows[STATUS_COLUMNS[1]].to_numpy()) == 0


def _six_digits(value: float) -> float:
    return float(f"{value:.6g}")


def measure_risk(model: RiskModel, rows: pd.DataFrame) -> RiskMetrics:
    """AUC and Brier score of ``model`` on UCI ``rows`` (AUC is None with one outcome only)."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    scores = model.score(holder_accounts(rows))
    paid = paid_next_month(rows)
    auc = roc_auc_score(paid, scores) if 0 < paid.sum() < len(paid) else None
    return RiskMetrics(rows=len(rows), paying_share=round(float(paid.mean()), 4),
                       auc=None if auc is None else round(float(auc), 4),
                       brier=round(float(brier_score_loss(paid, scores)), 4))


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
                       fitted_on=fit_on).design(holder_accounts(rows))
    fit = LogisticRegression(max_iter=1000).fit(design, paid_next_month(rows))
    today = today or dt.date.today()
    model = RiskModel(
        description=(
            "Probabilidad de que la cuenta esté al corriente en el siguiente estado de cuenta. "
            f"Regresión logística (scikit-learn) ajustada el {today.isoformat()} con el conjunto "
            f"UCI id 350, partición «{fit_on}» ({len(rows)} cuentas): cuentas de abril de 2005, "
            "objetivo «código de estado de mayo de 0 o menos». Ver docs/modelo.md, «Puntaje de "
            "riesgo»."
        ),
        intercept=_six_digits(fit.intercept_[0]),
        features=tuple(feature.model_copy(update={"coefficient": _six_digits(value)})
                       for feature, value in zip(FEATURES, fit.coef_[0], strict=True)),
        bands=BANDS,
        fitted_on=fit_on,
    )
    return model.model_copy(update={"metrics": {name: measure_risk(model, split_rows)
                                                for name, split_rows in splits.items()}})
