"""Turn what a student typed in the offer form into a move, or say which field is wrong.

The widget only collects text; reading Spanish amounts, dates and percentages
lives here so that it is tested without a browser and shared by every front-end.
"""

from __future__ import annotations

import datetime as dt

from simulator.errors import CobranzaError
from simulator.negotiation.offers import (
    Abono,
    Aceptar,
    Escuchar,
    Liquidacion,
    NegotiationError,
    Offer,
    Plan,
    Terminar,
)
from simulator.spanish_input import parse_amount, parse_date

__all__ = ["MOVES", "offer_from_form"]

#: The moves a student can pick, with the label shown in the form.
MOVES = {
    "escuchar": "Escuchar (pregunta abierta)",
    "abono": "Abono en una fecha",
    "liquidacion": "Liquidación con quita",
    "plan": "Plan de pagos",
    "aceptar": "Aceptar su propuesta",
    "terminar": "Terminar la llamada",
}


def offer_from_form(move: str, today: dt.date, *, amount: str = "", date: str = "", discount: str = "",
                    instalments: str = "", every_days: int = 30) -> Offer:
    """The move the form describes.

    Raises:
        NegotiationError: naming the field (``monto``, ``fecha``, ``quita``, ``pagos``)
            that is empty or unreadable, in Spanish.
    """
    if move not in MOVES:
        raise NegotiationError(f"jugada desconocida {move!r}; opciones: {', '.join(MOVES)}", field="jugada")
    if move == "escuchar":
        return Escuchar()
    if move == "aceptar":
        return Aceptar()
    if move == "terminar":
        return Terminar()
    when = _read(parse_date, date, "fecha", today)
    if move == "abono":
        return Abono(float(_read(parse_amount, amount, "monto")), when)
    if move == "liquidacion":
        percent = float(_read(parse_amount, discount.replace("%", ""), "quita"))
        if percent >= 100:
            raise NegotiationError(f"la quita es un porcentaje menor que 100; se leyó {discount!r}",
                                   field="quita")
        return Liquidacion(percent, when)
    count = _read(parse_amount, instalments, "pagos")
    if count != int(count):
        raise NegotiationError(f"el número de pagos debe ser entero; se leyó {instalments!r}", field="pagos")
    return Plan(int(count), float(_read(parse_amount, amount, "monto")), when, int(every_days))


def _read(parse, text: str, field: str, *args):
    if not str(text).strip():
        raise NegotiationError(f"falta el campo '{field}'", field=field)
    try:
        return parse(text, *args)
    except CobranzaError as error:
        raise NegotiationError(error.message, field=field) from None
