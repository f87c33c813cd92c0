"""Which days a debtor is paid: the one pay-cycle rule of the portfolio and the negotiation.

The repayment intensity jumps on paydays and a debtor has more money near one,
in the portfolio model and in the negotiation practice alike, so both read
their paydays from :func:`is_payday`: the portfolio as a list of simulation
days (:func:`payday_days`), the negotiation date by date.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from simulator.calendar import Calendar, IncomeCycle

__all__ = ["CYCLE_DAYS", "is_payday", "payday_days"]

#: Days between two paydays of each income cycle.
CYCLE_DAYS: dict[str, int] = {IncomeCycle.SEMANAL: 7, IncomeCycle.QUINCENAL: 15, IncomeCycle.MENSUAL: 30}


def is_payday(date: dt.date, cycle: str, payday: int) -> bool:
    """True when ``date`` is a payday; days past a short month's end fall on its last day.

    ``semanal``: weekday ``payday`` (0 = Monday); ``quincenal``: days ``payday``
    and ``payday + 15`` of each month; ``mensual``: day ``payday``.
    """
    if cycle == IncomeCycle.SEMANAL:
        return date.weekday() == payday
    last = month_calendar.monthrange(date.year, date.month)[1]
    if cycle == IncomeCycle.QUINCENAL:
        return date.day in (min(payday, last), min(payday + 15, last))
    return date.day == min(payday, last)


def payday_days(calendar: Calendar, cycle: str, payday: int) -> list[int]:
    """Every payday within the calendar's span, as simulation days in order."""
    return [day for day in range(calendar.span_days + 1)
            if is_payday(calendar.start + dt.timedelta(days=day), cycle, payday)]
