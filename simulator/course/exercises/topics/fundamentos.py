"""Fundamentals exercises: buckets by days past due and roll rates.

The bucket answers come from :mod:`simulator.buckets`, so the course and the
engine cannot disagree. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register

_DAYS_LATE = 45
_ROLL_FROM, _ROLL_TO = 800, 120


def bucket_name(dias_atraso: float) -> str:
    """Bucket label of an account ``dias_atraso`` days late, as the engine places it."""
    return BUCKET_NAMES[bucket_index(dias_atraso)]


_LETTERS = dict(zip("abcde", BUCKET_NAMES, strict=True))
_RIGHT = next(letter for letter, name in _LETTERS.items() if name == bucket_name(_DAYS_LATE))

register(choice(
    "fundamentos.tramo", "Ejercicio 1. ¿En qué tramo está?",
    f"La cuenta de la señora Rocío tiene **{_DAYS_LATE} días de atraso**. ¿En qué tramo de cartera la "
    "coloca el sistema?",
    {letter: f"`{name}`" for letter, name in _LETTERS.items()}, _RIGHT,
    why={letter: (f"con {_DAYS_LATE} días la cuenta ya pasó los 30 días y no llega a 60: tramo `{name}`."
                  if letter == _RIGHT else
                  f"el tramo `{name}` no incluye {_DAYS_LATE} días de atraso; compare con los límites "
                  "0, 30, 60 y 90 días.")
         for letter, name in _LETTERS.items()},
    hints=("Los tramos se cortan a los 30, 60 y 90 días de atraso.",
           f"{_DAYS_LATE} es mayor que 30 y menor que 60."),
))

register(numeric(
    "fundamentos.roll_rate", "Ejercicio 2. La tasa de rodamiento",
    f"Al inicio del mes había **{_ROLL_FROM} cuentas** en el tramo 1-30. Al cierre, **{_ROLL_TO}** de "
    "ellas pasaron al tramo 31-60. ¿Cuál es la tasa de rodamiento (roll rate) de 1-30 a 31-60, en "
    "porcentaje? Escriba solo el número (por ejemplo 12.5 para 12.5 %).",
    100.0 * _ROLL_TO / _ROLL_FROM, tolerance=0.1,
    why=("la tasa de rodamiento es la parte de las cuentas de un tramo que al mes siguiente cae al tramo "
         "peor: 120 de 800 son 15 %."),
    hints=("Divida las cuentas que rodaron entre las que había al inicio en el tramo 1-30.",
           "Multiplique por 100 para pasar a porcentaje."),
    mistakes=((_ROLL_TO / _ROLL_FROM, "le faltó multiplicar por 100: se pide el porcentaje."),
              (100.0 * _ROLL_TO / (_ROLL_FROM - _ROLL_TO), "dividió entre las cuentas que se quedaron; "
               "hay que dividir entre todas las que había al inicio.")),
    fmt=lambda value: f"{value:g} %",
))
