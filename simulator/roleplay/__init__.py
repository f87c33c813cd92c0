"""Role-play calls: scenario schema, dialogue engine, scoring and linter (no widgets here)."""

from simulator.roleplay.engine import LEVELS, MAX_TURNS, ChoiceView, Line, Move, RolePlay
from simulator.roleplay.lint import lint_file, lint_paths
from simulator.roleplay.loader import DEFAULT_LIBRARY, load_library, load_scenario
from simulator.roleplay.schema import Scenario
from simulator.roleplay.scoring import PASS_MARK, WEIGHTS, Debrief, debrief
from simulator.roleplay.techniques import AXES, ENDINGS, PERSONAS, TECHNIQUES

__all__ = [
    "AXES",
    "ChoiceView",
    "DEFAULT_LIBRARY",
    "Debrief",
    "ENDINGS",
    "LEVELS",
    "Line",
    "MAX_TURNS",
    "Move",
    "PASS_MARK",
    "PERSONAS",
    "RolePlay",
    "Scenario",
    "TECHNIQUES",
    "WEIGHTS",
    "debrief",
    "lint_file",
    "lint_paths",
    "load_library",
    "load_scenario",
]
