"""Every exercise of the course, by id, and a summary of how a session went.

Every module of :mod:`simulator.course.exercises.topics` is imported on first
lookup, so a trainer's gradebook (or a test) can list all exercises without
opening any notebook.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from simulator.course.exercises import topics
from simulator.course.exercises.answers import AnswerError
from simulator.course.exercises.exam import ExamItem
from simulator.course.exercises.exercise import Exercise, results
from simulator.course.exercises.feedback import Text
from simulator.course.exercises.registry import EXERCISES

__all__ = ["all_exercises", "exam_items", "get_exercise", "summary"]


def _load() -> None:
    for module in pkgutil.iter_modules(topics.__path__, topics.__name__ + "."):
        import_module(module.name)


def all_exercises(topic: str | None = None) -> dict[str, Exercise]:
    """Registered exercises by id, in the order they were defined; optionally one topic's."""
    _load()
    return {key: item for key, item in EXERCISES.items() if topic is None or item.topic == topic}


def exam_items(track: str | None = None) -> tuple[ExamItem, ...]:
    """The final exam's sections in the order they were defined: the exam of ``track``
    (:mod:`simulator.course.tracks`), or every item (the complete exam) when None."""
    return tuple(item for item in all_exercises().values()
                 if isinstance(item, ExamItem) and item.in_exam_of(track))


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id.

    Raises:
        AnswerError: no such exercise (a typo in the notebook); the message lists the topic's ids.
    """
    _load()
    if exercise_id not in EXERCISES:
        topic = exercise_id.split(".", 1)[0]
        known = ", ".join(key for key in EXERCISES if key.startswith(topic + ".")) or ", ".join(EXERCISES)
        raise AnswerError(f"no existe el ejercicio {exercise_id!r}; los disponibles son: {known}")
    return EXERCISES[exercise_id]


def summary(topic: str) -> Text:
    """A Markdown table of the topic's exercises and how each went in this session."""
    done, exercises = results(), all_exercises(topic)
    rows = ["| Ejercicio | Resultado |", "|---|---|"]
    for key, item in exercises.items():
        state = "sin revisar" if key not in done else "correcto" if done[key].correct else "pendiente"
        rows.append(f"| {item.title} | {state} |")
    passed = sum(1 for key in exercises if key in done and done[key].correct)
    return Text(f"**{passed} de {len(exercises)} ejercicios correctos.**\n\n" + "\n".join(rows))
