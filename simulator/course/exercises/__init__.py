"""Exercises with automatic, Spanish feedback, and the build of their student notebooks.

An exercise is found by id (``get_exercise("negociacion.ancla")``); its
``check(answer)`` returns a :class:`Feedback` and never raises, so a notebook
with blank or wrong answers still runs to the end. ``hint()`` gives hints in
turn. Builders make the common kinds (:func:`numeric`, :func:`choice`,
:func:`date_answer`, :func:`function`, :func:`policy`, :func:`roleplay`,
:func:`strategy_design`); :func:`track_progress`
saves every check to the trainee's progress. ``python -m simulator.course.exercises build``
writes the student notebooks from the sources with solutions (see ``docs/ejercicios.md``).
"""

from simulator.course.exercises.answers import AnswerError
from simulator.course.exercises.catalog import all_exercises, exam_items, get_exercise, summary
from simulator.course.exercises.exercise import Exercise, results
from simulator.course.exercises.feedback import Feedback, Text
from simulator.course.exercises.kinds import choice, date_answer, function, numeric
from simulator.course.exercises.policy import policy
from simulator.course.exercises.registry import register
from simulator.course.exercises.roleplay import roleplay
from simulator.course.exercises.strategy_design import DesignGoals, strategy_design
from simulator.course.exercises.tracking import track_progress

__all__ = [
    "AnswerError",
    "DesignGoals",
    "Exercise",
    "Feedback",
    "Text",
    "all_exercises",
    "choice",
    "date_answer",
    "exam_items",
    "function",
    "get_exercise",
    "numeric",
    "policy",
    "register",
    "results",
    "roleplay",
    "strategy_design",
    "summary",
    "track_progress",
]
