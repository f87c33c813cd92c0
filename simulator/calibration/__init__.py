"""Calibration and validation of the behaviour model on real data (UCI id 350).

One concern per module: ``data`` (the CSV as observed monthly transitions and
payment ratios), ``portfolio`` (accounts built from its rows), ``simulate``
(simulated states read at each statement), ``multipliers`` (the global knobs
that are fitted), ``fit`` (objective and search), ``risk`` (the risk score, a
logistic regression), ``baseline`` (the calibration split's Markov chain that
validation compares the simulator with) and ``report`` (JSON record, table and
parameter file); the ``calibrate`` and ``validate`` subcommands are in
``simulator/cli/calibration.py``. See docs/modelo.md, «Calibración con datos
reales», «Validación contra una línea base» and «Puntaje de riesgo».
"""

from simulator.calibration.baseline import MarkovBaseline, markov_baseline
from simulator.calibration.data import (
    STATES,
    CalibrationError,
    Observed,
    load_uci,
    observe,
    pooled,
    select_split,
)
from simulator.calibration.fit import FitResult, fit_multipliers, objective
from simulator.calibration.multipliers import Multipliers, apply_multipliers
from simulator.calibration.portfolio import build_portfolio
from simulator.calibration.report import comparison, write_parameters
from simulator.calibration.risk import fit_risk, measure_risk
from simulator.calibration.simulate import simulate, simulate_one

__all__ = [
    "STATES",
    "CalibrationError",
    "FitResult",
    "MarkovBaseline",
    "Multipliers",
    "Observed",
    "apply_multipliers",
    "build_portfolio",
    "comparison",
    "fit_multipliers",
    "fit_risk",
    "load_uci",
    "markov_baseline",
    "measure_risk",
    "objective",
    "observe",
    "pooled",
    "select_split",
    "simulate",
    "simulate_one",
    "write_parameters",
]
