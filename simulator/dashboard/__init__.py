"""The manager dashboard: load a portfolio, pick two strategies, compare, take the report.

::

    from simulator.dashboard import tablero_app
    tablero_app()            # in a notebook; ``python -m simulator dashboard`` serves it with Voila

The state and actions are plain Python (:mod:`.inputs`, :mod:`.job`,
:mod:`.results`) so tests drive them without a browser; :mod:`.app` only
builds the widgets. See ``docs/tablero.md``.
"""

from simulator.dashboard.app import StrategyPicker, TableroApp, tablero_app
from simulator.dashboard.inputs import (
    MAX_UPLOAD_BYTES,
    demo_portfolio,
    edit_strategy,
    lever_values,
    portfolio_from_upload,
    strategy_from_upload,
    strategy_library,
    with_jurisdiction,
)
from simulator.dashboard.job import ComparisonJob, Countdown, JobState
from simulator.dashboard.results import ResultView, build_results
from simulator.dashboard.serve import DEFAULT_PORT, serve, voila_command

__all__ = [
    "DEFAULT_PORT",
    "MAX_UPLOAD_BYTES",
    "ComparisonJob",
    "Countdown",
    "JobState",
    "ResultView",
    "StrategyPicker",
    "TableroApp",
    "build_results",
    "demo_portfolio",
    "edit_strategy",
    "lever_values",
    "portfolio_from_upload",
    "serve",
    "strategy_from_upload",
    "strategy_library",
    "tablero_app",
    "voila_command",
    "with_jurisdiction",
]
