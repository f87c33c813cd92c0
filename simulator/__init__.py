"""Cobranza: a SimPy portfolio simulator for a Spanish-first collections course.

The public API fits on one page::

    from simulator import RunSettings, dataset, load_parameters, load_portfolio, load_strategy, run_strategy

    portfolio = load_portfolio(dataset("portfolios", "demo.csv"))
    strategy = load_strategy(dataset("strategies", "escalonada.yaml"))
    settings = RunSettings(days=180, seed=7, replications=3)
    result = run_strategy(portfolio, strategy, load_parameters(), settings)
    result.summary        # one row per KPI: mean and 95% interval

``RunSettings`` says what to run; an optional ``Execution(workers=2)`` after it
says where, and never changes the numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.lazy import lazy_exports

if TYPE_CHECKING:
    from simulator.buckets import BUCKET_NAMES
    from simulator.engine.simulation import Replication, ReplicationResult, Simulation
    from simulator.errors import (
        CobranzaError,
        ComplianceError,
        ParametersError,
        PortfolioError,
        StrategyError,
    )
    from simulator.experiments.kpis import KPI_LABELS, KPI_NAMES
    from simulator.experiments.labels import COLUMN_LABELS, spanish_table
    from simulator.experiments.runner import RunResult, run_strategy
    from simulator.experiments.settings import Execution, RunSettings
    from simulator.parameters import load_parameters
    from simulator.paths import dataset
    from simulator.portfolio import load_portfolio
    from simulator.strategies import Strategy, load_strategy

#: Public name -> the module that defines it. Imported on first use, so that
#: ``import simulator.buckets`` (or the command line's help) does not pay for
#: SimPy, SciPy and pandas.
_EXPORTS = {
    "BUCKET_NAMES": "simulator.buckets",
    "CobranzaError": "simulator.errors",
    "ComplianceError": "simulator.errors",
    "ParametersError": "simulator.errors",
    "PortfolioError": "simulator.errors",
    "StrategyError": "simulator.errors",
    "KPI_LABELS": "simulator.experiments.kpis",
    "KPI_NAMES": "simulator.experiments.kpis",
    "COLUMN_LABELS": "simulator.experiments.labels",
    "spanish_table": "simulator.experiments.labels",
    "load_parameters": "simulator.parameters",
    "dataset": "simulator.paths",
    "load_portfolio": "simulator.portfolio",
    "Replication": "simulator.engine.simulation",
    "ReplicationResult": "simulator.engine.simulation",
    "Simulation": "simulator.engine.simulation",
    "RunResult": "simulator.experiments.runner",
    "run_strategy": "simulator.experiments.runner",
    "Execution": "simulator.experiments.settings",
    "RunSettings": "simulator.experiments.settings",
    "Strategy": "simulator.strategies",
    "load_strategy": "simulator.strategies",
}

__all__ = [
    "BUCKET_NAMES",
    "COLUMN_LABELS",
    "KPI_LABELS",
    "KPI_NAMES",
    "CobranzaError",
    "ComplianceError",
    "Execution",
    "ParametersError",
    "PortfolioError",
    "Replication",
    "ReplicationResult",
    "RunResult",
    "RunSettings",
    "Simulation",
    "Strategy",
    "StrategyError",
    "dataset",
    "load_parameters",
    "load_portfolio",
    "load_strategy",
    "run_strategy",
    "spanish_table",
]


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
