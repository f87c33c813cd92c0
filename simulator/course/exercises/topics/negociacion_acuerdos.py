"""Negotiation exercises, part 3: kinds of agreement, what a settlement costs, a convenio that fits.

The company limits come from the default strategy (``escalonada.yaml``) through
the same :class:`~simulator.negotiation.limits.PolicyLimits` the simulated
debtors use, so the discount and plan length in the cases are the ones the
supervisor in the negotiation engine would authorise. The Spanish texts are
course content (CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register
from simulator.negotiation.business_days import business_days
from simulator.negotiation.convenio import convenio, standing
from simulator.negotiation.limits import PolicyLimits
from simulator.negotiation.offers import Liquidacion, Plan
from simulator.negotiation.texts import describe
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.strategies import load_strategy

__all__ = ["limits_for"]


def limits_for(bucket: str) -> PolicyLimits:
    """What the default strategy lets a collector offer an account in ``bucket``."""
    rules = load_strategy(dataset("strategies", "escalonada.yaml")).negotiation
    return PolicyLimits.from_rules(rules, bucket, load_parameters().minimum_payment_mxn)


register(choice(
    "negociacion.tipo_acuerdo", "Ejercicio 6. ¿Qué tipo de acuerdo le conviene?",
    "Doña Rosa tiene **150 días de atraso** en su tarjeta y un saldo de **$18,400**. Su sueldo mensual ya "
    "se le va completo en renta y comida, pero el **viernes 18 de diciembre** recibe su **aguinaldo, unos "
    "$15,000**. Dice: «quiero cerrar esto de una vez, ya no quiero estar pagando cada mes».\n\n"
    "¿Qué tipo de acuerdo le propone?",
    {"a": "Un plan de 12 pagos mensuales iguales que cubra todo el saldo, empezando el mes que entra.",
     "b": "Una liquidación con quita: un solo pago, con el descuento autorizado, el día que cobra su "
          "aguinaldo.",
     "c": "Una reestructura: un crédito nuevo a 36 meses por todo el saldo, con mensualidades más "
          "bajas.",
     "d": "Una consolidación: juntar esta tarjeta con sus otras deudas en un solo préstamo nuevo, a "
          "mayor plazo.",
     "e": "Una promesa de abono de $500 para su próxima quincena, y después vemos cómo sigue el resto."},
    "b",
    why={"a": "su sueldo mensual ya no alcanza: un plan que no cabe en el ingreso es una promesa rota por "
              "adelantado. Además, ella pidió terminar, no pagar cada mes.",
         "b": "tiene una suma grande en una fecha conocida y quiere cerrar: la liquidación con quita "
              "cierra la cuenta con un solo pago, y la empresa recupera hoy lo que quizá nunca cobraría en "
              "12 meses.",
         "c": "una reestructura sirve a quien tiene un ingreso estable que alcanza para una mensualidad "
              "menor; a Rosa no le queda nada al mes, y le dejaría tres años de pagos que no quiere.",
         "d": "consolidar es juntar varias deudas en un préstamo nuevo, con otra institución o con la misma; "
              "no lo decide el gestor en una llamada y no usa el aguinaldo que ella ya tiene en puerta.",
         "e": "un abono pequeño deja la cuenta vencida y desperdicia el aguinaldo, que es justo lo que "
              "puede cerrar la deuda."},
    hints=("¿Rosa tiene un ingreso mensual que le sobre, o una suma grande en una fecha?",
           "Quien tiene una suma de una vez y quiere terminar es el caso típico de una liquidación."),
))

_ROSA_BALANCE = 18_400.0
_ROSA_LIMITS = limits_for("90+")
_ROSA_OPEN, _ROSA_CLOSE = 15.0, 20.0
_ROSA_DAY = dt.date(2026, 12, 18)
_ROSA_PAYS = _ROSA_BALANCE * (1.0 - _ROSA_CLOSE / 100.0)
_ROSA_WORDS = describe(Liquidacion(_ROSA_CLOSE, _ROSA_DAY), _ROSA_BALANCE)

register(numeric(
    "negociacion.quita", "Ejercicio 7. Cuánto paga con la quita",
    f"Para cuentas de más de 90 días la empresa autoriza una quita de **hasta "
    f"{_ROSA_LIMITS.max_discount_pct:g} %**. Con doña Rosa (saldo **${_ROSA_BALANCE:,.0f}**, aguinaldo de "
    f"unos $15,000) usted no abre con la quita máxima: abre con **{_ROSA_OPEN:g} %**, para tener de dónde "
    f"ceder. Rosa responde que con eso no le alcanza, y usted concede hasta **{_ROSA_CLOSE:g} %**, que ella "
    "acepta.\n\n"
    "¿Cuántos pesos paga Rosa para liquidar su cuenta?",
    _ROSA_PAYS, tolerance=1.0,
    why=(f"Queda así: {_ROSA_WORDS}. Cabe en su aguinaldo, y usted guardó "
         f"{_ROSA_LIMITS.max_discount_pct - _ROSA_CLOSE:g} puntos de quita que no hizo falta regalar."),
    hints=("La quita se descuenta del saldo: Rosa paga el saldo menos el descuento.",
           f"Con {_ROSA_CLOSE:g} % de quita, Rosa paga el {100 - _ROSA_CLOSE:g} % del saldo.",
           f"{_ROSA_BALANCE:,.0f} × {1 - _ROSA_CLOSE / 100:.2f}."),
    mistakes=((_ROSA_BALANCE * _ROSA_CLOSE / 100.0, "ese es el descuento, lo que la empresa deja de cobrar; "
                                                    "se pide lo que Rosa paga."),
              (_ROSA_BALANCE * (1.0 - _ROSA_LIMITS.max_discount_pct / 100.0),
               "usó la quita máxima; Rosa aceptó con la concesión a "
               f"{_ROSA_CLOSE:g} %, sin llegar al tope."),
              (_ROSA_BALANCE * (1.0 - _ROSA_OPEN / 100.0), "esa era su oferta inicial, que Rosa no aceptó."),
              (_ROSA_BALANCE * (1.0 + _ROSA_CLOSE / 100.0), "sumó el porcentaje; la quita se resta.")),
))

_AURELIO = SimpleNamespace(balance_mxn=14_000.0, overdue_mxn=3_000.0, instalment_mxn=1_000.0,
                           next_due=dt.date(2026, 3, 20))
_AURELIO_CAN, _AURELIO_FIRST, _AURELIO_EVERY = 1_400.0, dt.date(2026, 3, 13), 15
_AURELIO_LIMITS = limits_for("61-90")
_AURELIO_DAYS = business_days("MX")
_AURELIO_FITS = [convenio(_AURELIO, count, _AURELIO_FIRST, _AURELIO_EVERY, _AURELIO_DAYS)
                 for count in range(1, _AURELIO_LIMITS.max_plan_payments + 1)]
_AURELIO_PLAN = next(plan for plan in _AURELIO_FITS if plan.amount_mxn <= _AURELIO_CAN)
_AURELIO_PAYMENTS, _AURELIO_EACH = _AURELIO_PLAN.instalments, _AURELIO_PLAN.amount_mxn
_AURELIO_HALF = _AURELIO.instalment_mxn / 2.0
_AURELIO_SPLIT = Plan(_AURELIO_PAYMENTS, _AURELIO.overdue_mxn / _AURELIO_PAYMENTS, _AURELIO_FIRST,
                      _AURELIO_EVERY)
_AURELIO_SPLIT_LEFT = standing(_AURELIO, _AURELIO_SPLIT, _AURELIO_DAYS).overdue_left_mxn
_AURELIO_FEWER = _AURELIO_FITS[_AURELIO_PAYMENTS - 2].amount_mxn

register(numeric(
    "negociacion.cuota_plan", "Ejercicio 8. Un convenio que quepa y deje la cuenta al corriente",
    f"Don Aurelio tiene 70 días de atraso y debe **${_AURELIO.overdue_mxn:,.0f} vencidos**. Su mensualidad "
    f"normal es de **${_AURELIO.instalment_mxn:,.0f}** y la siguiente vence el viernes 20 de marzo. Cobra "
    f"cada quincena y, después de escucharlo, usted sabe que puede dar **hasta ${_AURELIO_CAN:,.0f} por "
    "quincena**; la próxima cae el viernes 13 de marzo de 2026. Para su tramo la empresa autoriza convenios "
    f"de **hasta {_AURELIO_LIMITS.max_plan_payments} pagos**.\n\n"
    "Usted arma un **convenio** quincenal de pagos iguales: cada pago lleva la parte de la mensualidad que "
    "corresponde a una quincena **más** una parte igual de lo vencido, para que al terminar la cuenta quede "
    "al corriente. Con el **menor número de pagos** que quepan en lo que él puede, ¿de cuántos pesos es "
    "cada pago?",
    _AURELIO_EACH, tolerance=1.0,
    why=(f"Cada quincena le toca la mitad de la mensualidad, ${_AURELIO_HALF:,.0f}. Con "
         f"{_AURELIO_PAYMENTS - 1} pagos serían ${_AURELIO_FEWER:,.0f}, más de lo que puede; con "
         f"{_AURELIO_PAYMENTS}, ${_AURELIO_HALF:,.0f} + ${_AURELIO.overdue_mxn:,.0f} ÷ {_AURELIO_PAYMENTS} = "
         f"${_AURELIO_EACH:,.0f}. Es {describe(_AURELIO_PLAN, _AURELIO.balance_mxn)}: cabe en su quincena, "
         "está dentro del límite de la empresa y, cumplido, deja la cuenta al corriente."),
    hints=(f"¿Qué parte de una mensualidad de ${_AURELIO.instalment_mxn:,.0f} cae en cada quincena?",
           f"Cada pago = ${_AURELIO_HALF:,.0f} + lo vencido ÷ número de pagos. Pruebe con 1, 2, 3... pagos "
           f"hasta que quepa en ${_AURELIO_CAN:,.0f}.",
           f"Con {_AURELIO_PAYMENTS} pagos: {_AURELIO_HALF:,.0f} + {_AURELIO.overdue_mxn:,.0f} ÷ "
           f"{_AURELIO_PAYMENTS}."),
    mistakes=((_AURELIO_SPLIT.amount_mxn,
               "así solo reparte lo vencido: mientras paga siguen venciendo sus mensualidades y, al "
               f"terminar, la cuenta vuelve a quedar con ${_AURELIO_SPLIT_LEFT:,.0f} vencidos."),
              (_AURELIO_CAN, "es lo más que él puede, no lo que el convenio necesita: pídale la cuota "
                             "justa."),
              (_AURELIO_FEWER, f"con {_AURELIO_PAYMENTS - 1} pagos cada uno pasa de los ${_AURELIO_CAN:,.0f} "
                               "que puede: es un convenio forzado."),
              (_AURELIO.instalment_mxn + _AURELIO_SPLIT.amount_mxn,
               "sumó la mensualidad completa a cada pago quincenal: en una quincena solo vence la mitad.")),
))
