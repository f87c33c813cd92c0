"""Whether a call reached its goal: the ending the scenario asks for and, for money, a firm promise.

A good tone with a weak close is not a good call. The goal is read from what
was agreed: a promise is firm only with an amount, a date and an official
payment channel said during the call; its amount is read against the
scenario's minimum and ideal and the debtor's capacity, its date against his
paydays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from simulator.roleplay.schema import Scenario
from simulator.roleplay.techniques import ENDINGS
from simulator.spanish_input import MXN, Money, format_amount

__all__ = ["OFFICIAL_CHANNEL", "ObjectiveResult", "assess_objective"]

#: The technique that names an official payment channel (reference, branch, app).
OFFICIAL_CHANNEL = "canal_oficial"


@dataclass(frozen=True)
class ObjectiveResult:
    """The goal's verdict and, in Spanish, each reason it was missed.

    Attributes:
        met: the ending is one the goal accepts and every condition holds.
        ideal: met, and the amount (when the goal names one) reached the ideal.
        firm: whether the promise had amount, date and official channel
            (None when the call did not end in a promise).
        misses: one sentence per unmet condition, in the order the student
            should fix them.
    """

    met: bool
    ideal: bool
    firm: bool | None
    misses: tuple[str, ...]

    def to_dict(self) -> dict:
        """Plain data for the debrief's JSON."""
        return {"cumplido": self.met, "ideal": self.ideal, "firme": self.firm, "faltas": list(self.misses)}


def assess_objective(scenario: Scenario, ending: str | None, amount: Decimal | None, date: dt.date | None,
                     techniques: set[str], *, committed: bool = True, money: Money = MXN) -> ObjectiveResult:
    """Read the call's close against ``scenario.objective`` (the ``meta`` block); amounts are
    written in ``money``, the call's country edition's.

    ``committed`` is False when the ending's script marks the debtor's yes as
    not a real commitment (``promesa: {firme: false}``).
    """
    goal = scenario.objective
    if ending not in goal.endings:
        wanted = " o ".join(f"«{ENDINGS[kind].label}»" for kind in goal.endings)
        reached = f"«{ENDINGS[ending].label}»" if ending else "una llamada sin terminar"
        miss = f"La meta pide terminar en {wanted}; la llamada terminó en {reached}."
        return ObjectiveResult(False, False, None, (miss,))
    if not goal.expects_promise(ending):
        return ObjectiveResult(True, True, None, ())
    misses = _firmness_misses(amount, date, techniques, committed)
    firm = not misses
    misses += _amount_misses(scenario, amount, money) + _date_misses(scenario, date)
    ideal_amount = goal.amount_ideal_mxn or goal.amount_min_mxn
    met = not misses
    ideal = met and (ideal_amount is None or float(amount or 0) >= ideal_amount)
    return ObjectiveResult(met, ideal, firm, tuple(misses))


def _firmness_misses(amount: Decimal | None, date: dt.date | None, techniques: set[str],
                     committed: bool) -> list[str]:
    misses = []
    if not committed:
        misses.append("El deudor dijo que sí para terminar la llamada, no se comprometió: una promesa así "
                      "casi nunca se cumple.")
    if amount is None:
        misses.append("La promesa no tiene monto: sin una cifra acordada no hay nada que cumplir.")
    if date is None:
        misses.append("La promesa no tiene fecha: sin un día concreto no se puede dar seguimiento.")
    if OFFICIAL_CHANNEL not in techniques:
        misses.append("No se indicó un canal oficial de pago (referencia, sucursal o aplicación): "
                      "sin él la promesa no es firme.")
    return misses


def _amount_misses(scenario: Scenario, amount: Decimal | None, money: Money) -> list[str]:
    if amount is None:
        return []
    goal, capacity = scenario.objective, scenario.hidden.capacity_mxn
    misses = []
    if goal.amount_min_mxn is not None and float(amount) < goal.amount_min_mxn:
        misses.append(f"El monto acordado ({format_amount(amount, money)}) queda debajo de la meta mínima "
                      f"({format_amount(Decimal(str(goal.amount_min_mxn)), money)}).")
    if float(amount) > capacity:
        misses.append(f"El monto acordado ({format_amount(amount, money)}) pasa de lo que el deudor puede "
                      "pagar: es una promesa que se va a romper.")
    return misses


def _date_misses(scenario: Scenario, date: dt.date | None) -> list[str]:
    if date is None:
        return []
    goal, hidden = scenario.objective, scenario.hidden
    misses = []
    if goal.on_payday and date not in hidden.paydays:
        misses.append("La fecha no cae en un día en que el deudor recibe dinero: ahí la promesa "
                      "tiene más probabilidad de romperse.")
    if goal.date_within_days is not None and (date - scenario.context.call_date).days > goal.date_within_days:
        misses.append(f"La fecha queda a más de {goal.date_within_days} días de la llamada, "
                      "más lejos de lo que pide la meta.")
    return misses
