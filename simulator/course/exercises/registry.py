"""Where exercises register themselves, by id, when their topic module is imported.

Topic modules import :func:`register`; looking exercises up (which first
imports every topic) is :mod:`simulator.course.exercises.catalog`'s job, so
that the registry never imports the topics that import it.
"""

from __future__ import annotations

from simulator.course.exercises.exercise import Exercise

__all__ = ["EXERCISES", "register"]

#: Registered exercises by id, in the order they were defined.
EXERCISES: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise; two exercises with the same id are an author's mistake."""
    if exercise.id in EXERCISES:
        raise ValueError(f"ya existe un ejercicio con id {exercise.id!r}")
    EXERCISES[exercise.id] = exercise
    return exercise
