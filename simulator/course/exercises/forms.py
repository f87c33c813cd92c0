"""How a learner gives an exercise's answer, so that a widget can draw the right control for it.

An agent answers with widgets (a list of options, a field for an amount or a
date, a box for a message, a call played on screen); only the manager's
exercises are answered with code (a function, a policy, a strategy in YAML).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PLAN_FIELDS", "AnswerForm"]


class AnswerForm(StrEnum):
    """The control an answer is given with."""

    CHOICE = "choice"  # one or several lettered options
    NUMBER = "number"  # an amount or a count, typed as a collector says it ("1,850")
    DATE = "date"  # a date, typed as "13/03/2026" or "el viernes"
    TEXT = "text"  # sentences the learner writes (an SMS)
    MATCHING = "matching"  # one code for each of several cases
    CALL = "call"  # a call played in the role-play widget
    PLAN = "plan"  # a payment plan: payments, amount, first date, days between payments
    CODE = "code"  # Python or YAML: the manager's track only


#: The fields of a payment plan, as (key of the answer, label, example), in the order a widget shows them.
PLAN_FIELDS = (("pagos", "Número de pagos", "p. ej. 3"),
               ("monto", "Monto de cada pago", "p. ej. 1,200"),
               ("primera_fecha", "Fecha del primer pago", "p. ej. 20/03/2026 o el viernes"),
               ("cada_dias", "Días entre pagos", "p. ej. 30"))
