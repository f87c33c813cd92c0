"""Calibration and validation of the behaviour model on real data (UCI id 350).

One concern per module: ``data`` (the CSV as observed monthly transitions and
payment ratios), ``portfolio`` (accounts built from its rows), ``simulate``
(simulated states read at each statement), ``multipliers`` (the global knobs
that are fitted), ``fit`` (objective and search), ``risk`` (the risk score, a
logistic regression), ``report`` (JSON record, table and parameter file) and
``commands`` (the ``calibrate`` and ``validate`` subcommands). See
docs/modelo.md, «Calibración con datos reales» and «Puntaje de riesgo».
"""

from simulator.calibration.data import (
    STATES,
    CalibrationError,
    Observed,
    load_uci,
    observe,
    select_split,
)
from simulator.calibration.fit import FitResult, fit_multipliers, objective
from simulator.calibration.multipliers import Multipliers, apply_multipliers
from simulator.calibration.portfolio import build_portfolio
from simulator.calibration.report import comparison, write_parameters
from simulator.calibration.risk import fit_risk, measure_risk
from simulator.calibration.simulate import simulate

__all__ = [
    "STATES",
    "CalibrationError",
    "FitResult",
    "Multipliers",
    "Observed",
    "apply_multipliers",
    "build_portfolio",
    "comparison",
    "fit_multipliers",
    "fit_risk",
    "load_uci",
    "measure_risk",
    "objective",
    "observe",
    "select_split",
    "simulate",
    "write_parameters",
]
