"""The manager dashboard: load a portfolio, pick two strategies, compare, take the report.

::

    from simulator.ui.dashboard import tablero_app
    tablero_app()            # in a notebook; ``python -m simulator dashboard`` serves it with Voila

The state and actions are plain Python (:mod:`.inputs`, :mod:`.job`,
:mod:`.results`) so tests drive them without a browser; :mod:`.app` only
builds the widgets. See ``docs/tablero.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.lazy import lazy_exports

if TYPE_CHECKING:
    from simulator.ui.dashboard.app import StrategyPicker, TableroApp, tablero_app
    from simulator.ui.dashboard.inputs import (
        MAX_UPLOAD_BYTES,
        demo_portfolio,
        edit_strategy,
        lever_values,
        portfolio_from_upload,
        strategy_from_upload,
        strategy_library,
        with_jurisdiction,
    )
    from simulator.ui.dashboard.job import ComparisonJob, Countdown, JobState
    from simulator.ui.dashboard.results import ResultView, build_results
    from simulator.ui.dashboard.serve import DEFAULT_PORT, serve, voila_command

#: Public name -> its module; the widgets (ipywidgets, matplotlib) load only when used.
_EXPORTS = {
    "StrategyPicker": "simulator.ui.dashboard.app",
    "TableroApp": "simulator.ui.dashboard.app",
    "tablero_app": "simulator.ui.dashboard.app",
    "MAX_UPLOAD_BYTES": "simulator.ui.dashboard.inputs",
    "demo_portfolio": "simulator.ui.dashboard.inputs",
    "edit_strategy": "simulator.ui.dashboard.inputs",
    "lever_values": "simulator.ui.dashboard.inputs",
    "portfolio_from_upload": "simulator.ui.dashboard.inputs",
    "strategy_from_upload": "simulator.ui.dashboard.inputs",
    "strategy_library": "simulator.ui.dashboard.inputs",
    "with_jurisdiction": "simulator.ui.dashboard.inputs",
    "ComparisonJob": "simulator.ui.dashboard.job",
    "Countdown": "simulator.ui.dashboard.job",
    "JobState": "simulator.ui.dashboard.job",
    "ResultView": "simulator.ui.dashboard.results",
    "build_results": "simulator.ui.dashboard.results",
    "DEFAULT_PORT": "simulator.ui.dashboard.serve",
    "serve": "simulator.ui.dashboard.serve",
    "voila_command": "simulator.ui.dashboard.serve",
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
