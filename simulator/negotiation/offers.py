"""What a collector can say in a negotiation, as small immutable values.

A student's policy returns one of these each round. They are plain frozen
dataclasses (not pydantic) so that building one in a tight loop is cheap and a
bad value is refused at once, in Spanish, where the student wrote it. Dates are
a :class:`datetime.date` or a whole number of days from the day of the call
(``0`` = today); the session turns the latter into dates before judging them, and
moves a date that is not a business day to the next one (:mod:`.business_days`).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from dataclasses import dataclass, replace

from simulator.errors import NegotiationError
from simulator.negotiation.business_days import BusinessDays

__all__ = [
    "OFFER_TYPES",
    "Abono",
    "Aceptar",
    "DateLike",
    "Escuchar",
    "Liquidacion",
    "Offer",
    "Plan",
    "Terminar",
    "payments",
    "resolve_dates",
    "total_mxn",
]

DateLike = dt.date | int


def _check_amount(value, what: str) -> None:
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(float(value)) or value <= 0):
        raise NegotiationError(f"{what} debe ser un número de pesos mayor que 0; se recibió {value!r}")


def _check_date(value, what: str) -> None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 0:
        return
    raise NegotiationError(f"{what} debe ser una fecha (datetime.date) o un número entero de días "
                           f"desde hoy (0 = hoy); se recibió {value!r}")


def _check_count(value, what: str, low: int) -> None:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < low:
        raise NegotiationError(f"{what} debe ser un número entero de {low} o más; se recibió {value!r}")


@dataclass(frozen=True)
class Escuchar:
    """Ask an open question and let the debtor speak first (it states what it can pay)."""


@dataclass(frozen=True)
class Abono:
    """A single payment of ``amount_mxn`` pesos on ``date`` (``0`` = today: "amount now")."""

    amount_mxn: float
    date: DateLike = 0

    def __post_init__(self) -> None:
        _check_amount(self.amount_mxn, "Abono.amount_mxn")
        _check_date(self.date, "Abono.date")


@dataclass(frozen=True)
class Liquidacion:
    """Settle the whole balance with a discount (``discount_pct`` in percent, 0-90) on ``date``."""

    discount_pct: float
    date: DateLike = 0

    def __post_init__(self) -> None:
        value = self.discount_pct
        if (isinstance(value, bool) or not isinstance(value, numbers.Real)
                or not math.isfinite(float(value)) or not 0.0 <= value < 100.0):
            raise NegotiationError("Liquidacion.discount_pct es un porcentaje de 0 a menos de 100 "
                                   f"(25 = 25 %); se recibió {value!r}")
        _check_date(self.date, "Liquidacion.date")


@dataclass(frozen=True)
class Plan:
    """``instalments`` payments of ``amount_mxn`` each, the first on ``first_date``,
    then one every ``every_days`` days."""

    instalments: int
    amount_mxn: float
    first_date: DateLike = 0
    every_days: int = 30

    def __post_init__(self) -> None:
        _check_count(self.instalments, "Plan.instalments", 1)
        _check_amount(self.amount_mxn, "Plan.amount_mxn")
        _check_date(self.first_date, "Plan.first_date")
        _check_count(self.every_days, "Plan.every_days", 1)


@dataclass(frozen=True)
class Aceptar:
    """Accept the debtor's last counter-offer as it stands."""


@dataclass(frozen=True)
class Terminar:
    """End the call without an agreement."""


Offer = Escuchar | Abono | Liquidacion | Plan | Aceptar | Terminar
#: What a policy may return; anything else is reported as a broken policy.
OFFER_TYPES = (Escuchar, Abono, Liquidacion, Plan, Aceptar, Terminar)


def _on(value: DateLike, today: dt.date, days: BusinessDays) -> dt.date:
    date = value if isinstance(value, dt.date) else today + dt.timedelta(days=int(value))
    return days.roll(date) if date >= today else date  # a past date stays past: the supervisor refuses it


def resolve_dates(offer: Offer, today: dt.date, days: BusinessDays) -> Offer:
    """The same offer with every date a calendar date (day offsets counted from ``today``) on a
    business day of ``days`` (the next one when it falls on a closed day)."""
    if isinstance(offer, Abono | Liquidacion):
        return replace(offer, date=_on(offer.date, today, days))
    if isinstance(offer, Plan):
        return replace(offer, first_date=_on(offer.first_date, today, days))
    return offer


def payments(offer: Abono | Liquidacion | Plan, balance_mxn: float,
             days: BusinessDays) -> list[tuple[dt.date, float]]:
    """``(date, pesos)`` of every payment an offer asks for; dates must be resolved. A plan's
    instalment that would fall on a closed day of ``days`` falls due on the next business day."""
    if isinstance(offer, Abono):
        return [(offer.date, float(offer.amount_mxn))]
    if isinstance(offer, Liquidacion):
        return [(offer.date, total_mxn(offer, balance_mxn))]
    step = dt.timedelta(days=int(offer.every_days))
    return [(days.roll(offer.first_date + number * step), float(offer.amount_mxn))
            for number in range(int(offer.instalments))]


def total_mxn(offer: Abono | Liquidacion | Plan, balance_mxn: float) -> float:
    """Pesos an offer asks for in all."""
    if isinstance(offer, Liquidacion):
        return balance_mxn * (1.0 - offer.discount_pct / 100.0)
    count = offer.instalments if isinstance(offer, Plan) else 1
    return float(offer.amount_mxn) * int(count)
