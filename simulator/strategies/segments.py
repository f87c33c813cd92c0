"""Which segment of a strategy each account belongs to.

Segments are fixed at the start of a run from portfolio columns (balance band,
product, contact data...) and from the risk score, computed once for the whole
portfolio when some condition uses it. Conditions come from a closed
vocabulary, so a strategy file can never run code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.errors import StrategyError
from simulator.risk_score import RiskModel
from simulator.strategies.schema import Condition, Segment

__all__ = ["assign_segments"]


def assign_segments(portfolio: pd.DataFrame, segments: tuple[Segment, ...],
                    file: str | None = None, risk: RiskModel | None = None) -> np.ndarray:
    """Index of the first segment each account meets (the last one is the catch-all).

    Args:
        risk: the parameters' risk score, needed only when a condition uses it.

    Raises:
        StrategyError: a condition names a column the portfolio lacks, compares
            numbers against a text column, or uses the risk score when the
            parameters have none.
    """
    scores = _scores(portfolio, segments, file, risk)
    chosen = np.full(len(portfolio), len(segments) - 1)
    free = np.ones(len(portfolio), dtype=bool)
    for number, segment in enumerate(segments[:-1]):
        members = free.copy()
        for index, condition in enumerate(segment.conditions):
            if condition.on_risk:
                assert scores is not None and risk is not None  # else _scores raised
                members &= _risk_holds(condition, scores, risk)
            else:
                field = f"segmentos[{number + 1}].condiciones[{index + 1}]"
                members &= _holds(portfolio, condition, segment.name, field, file)
        chosen[members] = number
        free &= ~members
    return chosen


def _scores(portfolio: pd.DataFrame, segments: tuple[Segment, ...], file: str | None,
            risk: RiskModel | None) -> np.ndarray | None:
    """Every account's risk score, computed once; None when no condition uses it."""
    for number, segment in enumerate(segments):
        for index, condition in enumerate(segment.conditions):
            if not condition.on_risk:
                continue
            key = _risk_key(condition)
            if risk is None:
                raise StrategyError(
                    f"el segmento '{segment.name}' usa el puntaje de riesgo, pero el archivo de "
                    "parámetros no tiene la sección 'risk'; use los parámetros del paquete o un "
                    "archivo de `python -m simulator calibrate`", file=file,
                    field=f"segmentos[{number + 1}].condiciones[{index + 1}].{key}")
            missing = [name for name in risk.columns if name not in portfolio.columns]
            if missing:
                lacking = (f"la columna {missing[0]}, y la cartera no la tiene; agréguela"
                           if len(missing) == 1 else
                           f"las columnas {', '.join(missing)}, y la cartera no las tiene; agréguelas")
                raise StrategyError(
                    f"el segmento '{segment.name}' usa el puntaje de riesgo, que lee {lacking} a la "
                    "cartera (ver docs/cartera.md, «Columnas opcionales») o segmente sin 'riesgo'", file=file,
                    field=f"segmentos[{number + 1}].condiciones[{index + 1}].{key}")
            return risk.score(portfolio)
    return None


def _risk_key(condition: Condition) -> str:
    """The key of a risk condition, for the error's field."""
    return ("riesgo" if condition.risk_bands is not None else "probabilidad_pago_min"
            if condition.min_probability is not None else "probabilidad_pago_max")


def _risk_holds(condition: Condition, scores: np.ndarray, risk: RiskModel) -> np.ndarray:
    if condition.risk_bands is not None:
        return np.isin(risk.band(scores), condition.risk_bands)
    low = -np.inf if condition.min_probability is None else condition.min_probability
    high = np.inf if condition.max_probability is None else condition.max_probability
    return (scores >= low) & (scores < high)


def _holds(portfolio: pd.DataFrame, condition: Condition, segment: str, field: str,
           file: str | None) -> np.ndarray:
    if condition.column not in portfolio.columns:
        raise StrategyError(
            f"el segmento '{segment}' usa la columna '{condition.column}', que la cartera no tiene; "
            f"columnas disponibles: {', '.join(portfolio.columns)}", file=file,
            field=f"{field}.columna")
    column = portfolio[condition.column]
    operator, value = condition.operator, condition.value
    if operator in ("menor_que", "mayor_o_igual"):
        numbers = pd.to_numeric(column, errors="coerce")
        if numbers.isna().any():
            raise StrategyError(
                f"el segmento '{segment}' compara '{condition.column}' con un número, pero la "
                "columna tiene valores que no son números", file=file, field=f"{field}.{operator}")
        return (numbers < value if operator == "menor_que" else numbers >= value).to_numpy()
    values = value if operator == "en" else (value,)
    matches = column.isin(_like(column, values)).to_numpy()
    return ~matches if operator == "distinto" else matches


def _like(column: pd.Series, values) -> list:
    """Values converted to the column's kind, so that ``igual: 1`` matches ``True``
    in a yes/no column and ``igual: 25`` matches the text "25" in a text column."""
    if pd.api.types.is_bool_dtype(column):
        return [bool(v) for v in values]
    if pd.api.types.is_numeric_dtype(column):
        return [v for v in values if not isinstance(v, str)]
    return [str(v) for v in values]
