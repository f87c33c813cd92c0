"""Negotiation exercises, part 2: the big promise or the one that is kept.

The value of a promise is the engine's own rule (amount x probability kept x
time discount at :data:`~simulator.negotiation.scoring.ANNUAL_DISCOUNT_RATE`),
so what the agent weighs is what the simulator scores; the manager's track
writes that rule and a whole negotiation policy as code
(:mod:`~simulator.course.exercises.topics.estrategias_negociacion`). The Spanish
texts are course content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.course.exercises.kinds import choice
from simulator.course.exercises.registry import register
from simulator.course.exercises.topics.negociacion import TODAY
from simulator.negotiation.scoring import ANNUAL_DISCOUNT_RATE
from simulator.spanish_input import format_date

__all__ = ["expected_recovery"]


def expected_recovery(monto_mxn: float, probabilidad: float, dias: int) -> float:
    """What a promise is worth today: amount x probability it is kept x discount for the wait."""
    return monto_mxn * probabilidad * (1.0 + ANNUAL_DISCOUNT_RATE) ** (-dias / 365.0)



_PROMISES = {"a": (3_000.0, 0.35, 19), "b": (1_800.0, 0.80, 4), "c": (2_400.0, 0.50, 19)}
_VALUE = {key: expected_recovery(*promise) for key, promise in _PROMISES.items()}
_BEST = max(_VALUE, key=_VALUE.get)

register(choice(
    "negociacion.comparar_promesas", "Ejercicio 5. ¿La promesa grande o la que se cumple?",
    f"Hoy es {format_date(TODAY)}. Lucía cobra los días 13 y 28 y de cada quincena le quedan unos $1,900 "
    "libres. "
    "En la llamada salen tres promesas posibles. La probabilidad de cumplimiento de cada una viene del "
    "historial de promesas de deudores parecidos. Lo que vale hoy cada una es el monto por esa "
    "probabilidad, y un poco menos por cada día de espera.\n\n"
    "¿Cuál conviene más a la empresa?",
    {"a": "«Sí, sí, le deposito los $3,000 completos el 28» (19 días; se cumple 35 % de las veces: es mucho "
          "más de lo que le queda).",
     "b": "$1,800 el viernes 13, el día que cobra (4 días; se cumple 80 % de las veces).",
     "c": "$2,400 el 28 (19 días; se cumple 50 % de las veces)."},
    _BEST,
    why={key: (f"vale hoy ${value:,.2f}" + (
        ": la más chica de las tres, pero la que se cumple; más vale una promesa a la medida del deudor "
        "que una grande que se rompe." if key == _BEST else
        f", menos que los ${_VALUE[_BEST]:,.2f} de la opción {_BEST}); prometer más de lo que se tiene "
        "baja tanto la probabilidad que el monto grande no lo compensa."))
        for key, value in _VALUE.items()},
    hints=("Multiplique el monto de cada promesa por su probabilidad de cumplirse y compare.",
           "Una promesa de $3,000 que se cumple 35 % de las veces vale, en promedio, unos $1,050 antes del "
           "descuento por tiempo."),
))
