"""The manager dashboard: load a portfolio, pick two strategies, compare, take the report.

::

    from simulator.dashboard import tablero_app
    tablero_app()            # in a notebook; ``python -m simulator dashboard`` serves it with Voila

The state and actions are plain Python (:mod:`.inputs`, :mod:`.job`,
:mod:`.results`) so tests drive them without a browser; :mod:`.app` only
builds the widgets. See ``docs/tablero.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.lazy import lazy_exports

if TYPE_CHECKING:
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

#: Public name -> its module; the widgets (ipywidgets, matplotlib) load only when used.
_EXPORTS = {
    "StrategyPicker": "simulator.dashboard.app",
    "TableroApp": "simulator.dashboard.app",
    "tablero_app": "simulator.dashboard.app",
    "MAX_UPLOAD_BYTES": "simulator.dashboard.inputs",
    "demo_portfolio": "simulator.dashboard.inputs",
    "edit_strategy": "simulator.dashboard.inputs",
    "lever_values": "simulator.dashboard.inputs",
    "portfolio_from_upload": "simulator.dashboard.inputs",
    "strategy_from_upload": "simulator.dashboard.inputs",
    "strategy_library": "simulator.dashboard.inputs",
    "with_jurisdiction": "simulator.dashboard.inputs",
    "ComparisonJob": "simulator.dashboard.job",
    "Countdown": "simulator.dashboard.job",
    "JobState": "simulator.dashboard.job",
    "ResultView": "simulator.dashboard.results",
    "build_results": "simulator.dashboard.results",
    "DEFAULT_PORT": "simulator.dashboard.serve",
    "serve": "simulator.dashboard.serve",
    "voila_command": "simulator.dashboard.serve",
}

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

__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
