"""Builders for the common kinds of exercise: a number, a choice, a date, a function.

Each builder returns an :class:`~simulator.course.exercises.exercise.Exercise` whose
judge explains a wrong answer instead of only rejecting it: a known mistake
(``mistakes``) gets its own message, any other answer is told how it misses
(too high, not an option, a date already past, the case where a function fails), except a
number in exam mode, which is only right or wrong.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable

from simulator.course.exercises.answers import AnswerError, as_date, as_number, refused, shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.course.exercises.forms import AnswerForm
from simulator.course.exercises.options import ChoiceExercise
from simulator.negotiation.guard import PolicyTimeout, deadline
from simulator.spanish_input import format_date

__all__ = ["choice", "date_answer", "function", "numeric"]


def _pesos(value: float) -> str:
    return f"${value:,.2f}"


def _settled(value):
    """A right answer given as is, or as a function that works it out on the first check.

    The lazy form lets an answer come from a simulation without running it each
    time the registry is imported.
    """
    return value() if callable(value) else value


def numeric(id: str, title: str, statement: str, expected: float | Callable[[], float], *, tolerance: float,
            why: str, hints: tuple[str, ...], mistakes: tuple[tuple[float, str], ...] = (),
            fmt: Callable[[float], str] = _pesos, exam: bool = False) -> Exercise:
    """A number right within ``tolerance`` (same units as ``expected``; pesos by default).

    ``expected`` may be a function without arguments, called on the first check (cache it).
    In practice a wrong number is told a known mistake or whether it is too high or too
    low; with ``exam`` it is only told wrong, so an exam answer cannot be found by halving.
    """

    def judge(answer: object) -> Feedback:
        try:
            value = as_number(answer)
        except AnswerError as error:
            return refused(error)
        expected_now = _settled(expected)
        if abs(value - expected_now) <= tolerance:
            return Feedback(True, why, details={"respuesta": value})
        if exam:
            return Feedback(False, f"Su respuesta, {fmt(value)}, no es la correcta.",
                            details={"respuesta": value})
        for wrong, message in mistakes:
            if abs(value - wrong) <= tolerance:
                return Feedback(False, f"Su respuesta, {fmt(value)}, tiene un error conocido: {message}",
                                details={"respuesta": value})
        side = "alta" if value > expected_now else "baja"
        return Feedback(False, f"Su respuesta, {fmt(value)}, es demasiado {side}.",
                        details={"respuesta": value})

    return Exercise(id, title, statement, judge, hints, form=AnswerForm.NUMBER)


def choice(id: str, title: str, statement: str, options: dict[str, str], correct: str | Callable[[], str],
           *, why: dict[str, str], hints: tuple[str, ...], multiple: bool = False) -> ChoiceExercise:
    """One option (or, with ``multiple``, every right option) among lettered ones, shown shuffled.

    Args:
        options: key -> text of the option; listed below the statement in an order drawn
            per learner and attempt (see :mod:`~simulator.course.exercises.options`).
        correct: the right key(s), e.g. ``"b"`` or ``"bd"``, or a function without
            arguments that returns them, called on each check (cache it).
        why: key -> why that option is right or wrong, told (with its shown letter) when it is chosen.
    """
    return ChoiceExercise(id, title, statement, options, correct, why=why, hints=hints, multiple=multiple)


def date_answer(id: str, title: str, statement: str, *, today: dt.date, accepted: tuple[dt.date, ...],
                why: str, hints: tuple[str, ...], mistakes: dict[dt.date, str] | None = None) -> Exercise:
    """A date among ``accepted``; text is read as a collector says it, relative to ``today``."""
    mistakes = mistakes or {}

    def judge(answer: object) -> Feedback:
        try:
            day = as_date(answer, today)
        except AnswerError as error:
            return refused(error)
        said = format_date(day)
        if day in accepted:
            return Feedback(True, f"El {said}: {why}", details={"respuesta": day.isoformat()})
        if day in mistakes:
            return Feedback(False, f"El {said} no conviene: {mistakes[day]}")
        if day < today:
            return Feedback(False, f"El {said} ya pasó: la llamada es el {format_date(today)}.")
        side = "antes" if day < min(accepted) else "después"
        return Feedback(False, f"El {said} no es la mejor fecha: la que buscamos cae {side}.")

    return Exercise(id, title, statement, judge, hints, form=AnswerForm.DATE)


def function(id: str, title: str, statement: str, *, reference: Callable, cases: tuple[tuple, ...], why: str,
             hints: tuple[str, ...], mistakes: tuple[tuple[Callable, str], ...] = (), tolerance: float = 0.01,
             timeout: float = 2.0) -> Exercise:
    """A student-written function that must return what ``reference`` returns on every case.

    Args:
        cases: argument tuples the function is called with, in order; the first
            case it gets wrong is the one quoted back.
        mistakes: wrong reference functions with the message for a student whose
            function agrees with one of them on every case.
        timeout: seconds allowed per call, so a function stuck in a loop is stopped.
    """
    names = tuple(inspect.signature(reference).parameters)

    def call(student: Callable, args: tuple) -> float:
        where = ", ".join(f"{name}={value!r}" for name, value in zip(names, args, strict=True))
        try:
            with deadline(timeout) as check:
                result = student(*args)
                check()
        except PolicyTimeout:
            raise AnswerError(f"con {where} su función no terminó en {timeout:g} s "
                              "(¿un ciclo sin fin?)") from None
        except (Exception, SystemExit) as error:
            raise AnswerError(f"con {where} su función falló con {type(error).__name__}: {error}") from None
        if result is None:
            raise AnswerError(f"con {where} su función devolvió None: ¿le falta la línea `return`?")
        try:
            return as_number(result)
        except AnswerError as error:
            raise AnswerError(f"con {where} su función debe devolver un número: {error.message}") from None

    def judge(answer: object) -> Feedback:
        if not callable(answer):
            return Feedback(False, "Se esperaba una función (escrita con `def`) y se recibió "
                                   f"{shown(answer)}.")
        try:
            got = [call(answer, args) for args in cases]
        except AnswerError as error:
            return refused(error)
        wanted = [reference(*args) for args in cases]
        wrong = [i for i, (a, b) in enumerate(zip(got, wanted, strict=True)) if abs(a - b) > tolerance]
        if not wrong:
            return Feedback(True, why)
        for mistaken, message in mistakes:
            if all(abs(a - mistaken(*args)) <= tolerance for a, args in zip(got, cases, strict=True)):
                return Feedback(False, f"Su función tiene un error conocido: {message}")
        first = wrong[0]
        where = ", ".join(f"{name}={value!r}" for name, value in zip(names, cases[first], strict=True))
        return Feedback(False, f"Con {where} su función devolvió {got[first]:,.2f} y se esperaba "
                               f"{wanted[first]:,.2f} ({len(wrong)} de {len(cases)} casos no coinciden).")

    return Exercise(id, title, statement, judge, hints)
