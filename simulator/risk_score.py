"""Risk score of each account: the probability that it is current at its next statement.

A late account that catches up and a current one that keeps paying both count
as "paying". The score is a logistic of a linear predictor over a few named
transforms of portfolio columns: the required arrears and balance, and the
optional repayment-history columns (credit limit, months late in the previous
statements, months with no use) that rank accounts within a delinquency
bucket. A term may hold for current or for late accounts only, so current and
late accounts get their own slopes (a piecewise logistic). Scoring a
portfolio is plain numpy; the coefficients are data in the parameter file
(section ``risk``), fitted by ``python -m simulator calibrate`` (see
``simulator/calibration/risk.py``).
Strategies segment accounts by the score or by its named band (``bajo``,
``medio``, ``alto``), fixed once from the input portfolio.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["RISK_BANDS", "RISK_COLUMNS", "TRANSFORMS", "BucketMetrics", "RiskBands", "RiskFeature",
           "RiskMetrics", "RiskModel"]

#: Band names, from the lowest risk (most likely to pay) to the highest.
RISK_BANDS = ("bajo", "medio", "alto")
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Split = Literal["calibration", "validation"]
#: Portfolio columns a feature may read: required ones, then the optional history columns.
RISK_COLUMNS = ("balance_mxn", "days_past_due", "instalment_mxn", "credit_limit_mxn", "months_late_3m",
                "months_no_use_3m")
#: Which accounts a term counts for: every one, or only current (no arrears) or late ones.
Among = Literal["all", "current", "late"]


def _log(values: np.ndarray, _: float | None) -> np.ndarray:
    return np.log(np.maximum(values, 1.0))


def _linear(values: np.ndarray, _: float | None) -> np.ndarray:
    return values


def _greater_than(values: np.ndarray, threshold: float | None) -> np.ndarray:
    return (values > threshold).astype(float)


def _ceil_divide(values: np.ndarray, step: float | None) -> np.ndarray:
    return np.ceil(values / step)


def _capped(values: np.ndarray, cap: float | None) -> np.ndarray:
    return np.clip(values, None, cap)


#: The closed vocabulary of feature transforms (a parameter file never runs code):
#: ``log`` is ln(max(x, 1)); ``linear`` is x itself (a count); ``greater_than`` is 1
#: when x > value, else 0; ``ceil_divide`` is ceil(x / value), e.g. instalments
#: behind from days past due; ``capped`` is min(x, value), e.g. line utilisation
#: counted up to the full limit.
TRANSFORMS: dict[str, Callable[[np.ndarray, float | None], np.ndarray]] = {
    "log": _log, "linear": _linear, "greater_than": _greater_than, "ceil_divide": _ceil_divide,
    "capped": _capped,
}
_NO_VALUE = ("log", "linear")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RiskFeature(_Frozen):
    """One term of the linear predictor: ``coefficient * transform(column / per)``,
    counted only for the accounts ``among`` names (0 for the others).

    ``per`` (optional) divides the column by another one, at least 1, e.g. the
    balance per credit limit (line utilisation). Only numeric portfolio columns
    the loader checks may be read (see :data:`RISK_COLUMNS`), so scoring never
    meets a text value; an optional column a portfolio lacks is refused before
    scoring (:attr:`RiskModel.columns`).
    """

    name: str = Field(min_length=1)
    column: Literal[RISK_COLUMNS]  # type: ignore[valid-type]
    per: Literal[RISK_COLUMNS] | None = None  # type: ignore[valid-type]
    transform: Literal["log", "linear", "greater_than", "ceil_divide", "capped"]
    value: float | None = None
    among: Among = "all"
    coefficient: float

    @model_validator(mode="after")
    def _value_fits_transform(self) -> RiskFeature:
        if self.value is None:
            if self.transform not in _NO_VALUE:
                raise ValueError(f"la transformación '{self.transform}' necesita 'value'")
        elif self.transform in _NO_VALUE:
            raise ValueError(f"la transformación '{self.transform}' no lleva 'value'")
        elif self.transform == "ceil_divide" and self.value <= 0:
            raise ValueError("con 'ceil_divide', 'value' debe ser mayor que 0")
        return self

    @property
    def columns(self) -> set[str]:
        """Portfolio columns the term reads (``days_past_due`` too when ``among`` is not ``all``)."""
        used = {self.column, *([self.per] if self.per else [])}
        return used if self.among == "all" else used | {"days_past_due"}

    def values(self, portfolio: pd.DataFrame) -> np.ndarray:
        """The transformed column, one value per account (0 outside ``among``)."""
        column = portfolio[self.column].to_numpy(dtype=float)
        if self.per is not None:
            column = column / np.maximum(portfolio[self.per].to_numpy(dtype=float), 1.0)
        values = TRANSFORMS[self.transform](column, self.value)
        if self.among == "all":
            return values
        late = portfolio["days_past_due"].to_numpy(dtype=float) > 0
        return np.where(late if self.among == "late" else ~late, values, 0.0)


class RiskBands(_Frozen):
    """Cut-offs on the probability of paying: ``alto`` below ``high_below``,
    ``bajo`` from ``low_from`` on, ``medio`` in between."""

    high_below: Probability
    low_from: Probability

    @model_validator(mode="after")
    def _ordered(self) -> RiskBands:
        if self.low_from < self.high_below:
            raise ValueError(f"low_from ({self.low_from}) no puede ser menor que high_below "
                             f"({self.high_below})")
        return self


class BucketMetrics(_Frozen):
    """How well the score ranks the accounts of one delinquency bucket: what a
    strategy segmenting inside a bucket relies on (None with one outcome only)."""

    rows: int = Field(ge=1)
    paying_share: Probability
    auc: Probability | None


class RiskMetrics(_Frozen):
    """How well the score ranks and how close its probabilities are, on one data
    split, overall and within each delinquency bucket present."""

    rows: int = Field(ge=1)
    paying_share: Probability
    auc: Probability | None
    brier: Probability
    by_bucket: dict[str, BucketMetrics] = {}


class RiskModel(_Frozen):
    """A fitted logistic score with its bands and the record of how it was fitted."""

    description: str
    intercept: float
    features: tuple[RiskFeature, ...] = Field(min_length=1)
    bands: RiskBands
    fitted_on: Split
    metrics: dict[Split, RiskMetrics] = {}

    @model_validator(mode="after")
    def _unique_names(self) -> RiskModel:
        names = [feature.name for feature in self.features]
        if len(set(names)) != len(names):
            raise ValueError(f"los nombres de las variables deben ser distintos: {names}")
        return self

    @property
    def columns(self) -> tuple[str, ...]:
        """Portfolio columns the score reads, in :data:`RISK_COLUMNS` order."""
        used = set().union(*(feature.columns for feature in self.features))
        return tuple(name for name in RISK_COLUMNS if name in used)

    def design(self, portfolio: pd.DataFrame) -> np.ndarray:
        """Accounts x features matrix of transformed columns (what the fit also sees)."""
        return np.column_stack([feature.values(portfolio) for feature in self.features])

    def score(self, portfolio: pd.DataFrame) -> np.ndarray:
        """Probability that each account is current at its next statement, vectorised."""
        coefficients = np.array([feature.coefficient for feature in self.features])
        linear = self.intercept + self.design(portfolio) @ coefficients
        return 0.5 * (1.0 + np.tanh(0.5 * linear))  # the logistic, without overflow

    def band(self, scores: np.ndarray) -> np.ndarray:
        """Band name of each score (object array of :data:`RISK_BANDS` labels)."""
        scores = np.asarray(scores, dtype=float)
        labels = np.full(scores.shape, "medio", dtype=object)
        labels[scores < self.bands.high_below] = "alto"
        labels[scores >= self.bands.low_from] = "bajo"
        return labels
