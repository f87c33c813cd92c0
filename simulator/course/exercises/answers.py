"""Read a student's answer as the kind of value an exercise expects.

Learners type ``"1,850"``, ``1850``, ``"b, d"`` or ``"13/03/2026"``; all of them
should reach the judge as the same number, letters or date. Anything that is
not such a value raises :class:`AnswerError` with a Spanish message saying what
was received and what to write instead; the kinds turn it into feedback.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re

from simulator.course.exercises.feedback import Feedback
from simulator.errors import CobranzaError
from simulator.spanish_input import parse_amount, parse_date

__all__ = ["AnswerError", "as_date", "as_letters", "as_number", "refused", "shown"]


class AnswerError(CobranzaError):
    """An answer that is not the kind of value the exercise asks for."""


def refused(error: AnswerError) -> Feedback:
    """The feedback for an answer that could not be read: the error's message as a sentence."""
    message = error.message[:1].upper() + error.message[1:]
    return Feedback(False, message if message.endswith((".", "?", "!")) else message + ".", readable=False)


def shown(value: object) -> str:
    """A short rendering of an answer to quote back to the student."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: object) -> str:
    names = {list: "una lista", tuple: "una tupla", dict: "un diccionario", set: "un conjunto",
             bool: "un valor lógico (True/False)"}
    return names.get(type(value), f"un valor de tipo {type(value).__name__}")


def as_number(value: object, example: str = "1850") -> float:
    """A finite number from a number or from text such as ``"$1,850.00"``."""
    if isinstance(value, str):
        try:
            return float(parse_amount(value))
        except CobranzaError as error:
            raise AnswerError(f"no se pudo leer un número en {shown(value)}: {error.message}") from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise AnswerError(f"se esperaba un número (por ejemplo `{example}`) y se recibió {_kind(value)}: "
                          f"{shown(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise AnswerError(f"se esperaba un número finito y se recibió {shown(value)}")
    return number


def as_letters(value: object, options: str) -> set[str]:
    """The option letters in ``"b"``, ``"B)"``, ``"b, d"``, ``"bd"`` or ``["b", "d"]``."""
    if isinstance(value, list | tuple | set | frozenset):
        items = [item for item in value if isinstance(item, str)]
        if len(items) != len(value):
            raise AnswerError(f"escriba solo letras entre comillas, p. ej. \"b\"; se recibió {shown(value)}")
        value = ",".join(items)
    if not isinstance(value, str):
        raise AnswerError(f"se esperaba una letra entre comillas, p. ej. \"b\", y se recibió {_kind(value)}: "
                          f"{shown(value)}")
    letters = "".join(word for word in re.findall(r"[a-z]+", value.lower()) if word != "y")  # "b y d"
    unknown = sorted(set(letters) - set(options))
    if unknown or not letters:
        raise AnswerError(f"las opciones son {', '.join(options)}; no se reconoce {shown(value)}")
    return set(letters)


def as_date(value: object, today: dt.date) -> dt.date:
    """A calendar date from a ``datetime.date`` or text such as ``"13/03/2026"`` or ``"el viernes"``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value, today)
        except CobranzaError as error:
            raise AnswerError(f"no se pudo leer una fecha en {shown(value)}: {error.message}") from None
    raise AnswerError(f"se esperaba una fecha, p. ej. `datetime.date(2026, 3, 13)` o \"13/03/2026\", y se "
                      f"recibió {_kind(value)}: {shown(value)}")
