"""Thin front-ends over the engines (notebook widgets, the Voila dashboard): they draw, engines decide.

Exports are imported on first use, so that the command line can start the
dashboard's server without loading ipywidgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.lazy import lazy_exports

if TYPE_CHECKING:
    from simulator.ui.account_life import AccountLife, account_life, life_html
    from simulator.ui.answer import ExerciseWidget
    from simulator.ui.figures import show_figure
    from simulator.ui.negotiation import NegotiationWidget
    from simulator.ui.review import ReviewWidget
    from simulator.ui.roleplay import RolePlayWidget, course_call, roleplay_app

_EXPORTS = {
    "AccountLife": "simulator.ui.account_life",
    "ExerciseWidget": "simulator.ui.answer",
    "account_life": "simulator.ui.account_life",
    "life_html": "simulator.ui.account_life",
    "NegotiationWidget": "simulator.ui.negotiation",
    "ReviewWidget": "simulator.ui.review",
    "RolePlayWidget": "simulator.ui.roleplay",
    "course_call": "simulator.ui.roleplay",
    "roleplay_app": "simulator.ui.roleplay",
    "show_figure": "simulator.ui.figures",
}

__all__ = ["AccountLife", "ExerciseWidget", "NegotiationWidget", "ReviewWidget", "RolePlayWidget",
           "account_life",
           "course_call", "life_html", "roleplay_app", "show_figure"]

__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
