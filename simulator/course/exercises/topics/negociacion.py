"""Negotiation exercises, part 1: anchor, promise date, payment plan, supervisor's limits.

The anchor is practised on a case of the learner's own (:mod:`~simulator.course.exercises.anchor_case`),
so its answer cannot be recalled from a classmate or from the exam; the other
cases are small and fixed. Where the engine already knows the answer (what the supervisor refuses, why)
the exercise asks it rather than restating it, so the course and the engine
cannot disagree. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt

from simulator.course.exercises.anchor_case import (
    TOLERANCE,
    AnchorCase,
    opening_ask,
    practice_case,
    statement,
)
from simulator.course.exercises.answers import AnswerError, as_date, as_number, refused, shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.course.exercises.forms import PLAN_FIELDS, AnswerForm
from simulator.course.exercises.kinds import choice, date_answer, numeric
from simulator.course.exercises.per_learner import PerLearner
from simulator.course.exercises.registry import register
from simulator.negotiation.business_days import business_days
from simulator.negotiation.limits import PolicyLimits
from simulator.negotiation.offers import Abono, Liquidacion, Plan, resolve_dates
from simulator.negotiation.texts import describe
from simulator.spanish_input import format_pesos

__all__ = ["MARTA", "TODAY"]

#: Date of every call in the fixed cases: a Monday.
TODAY = dt.date(2026, 3, 9)
#: Marta's account: paid every fortnight on the 13th and the 28th.
MARTA = {"saldo": 14_600.0, "vencido": 3_400.0, "puede_por_quincena": 900.0,
         "limites": PolicyLimits(max_discount_pct=0.0, min_first_payment_mxn=300.0, max_plan_payments=4)}
_PAYDAY = dt.date(2026, 3, 13)
_MX = business_days("MX")  # the cases are Mexican accounts: payments fall due on its business days
#: Marta's payday or one or two days after, on a business day: only Friday 13 (a weekend follows).
_NEAR_PAYDAY = tuple(day for day in (_PAYDAY + dt.timedelta(days=shift) for shift in range(3))
                     if _MX.is_open(day))


def _anchor(case: AnchorCase) -> Exercise:
    """The anchor exercise on ``case``: the why and the known mistakes carry its own numbers."""
    anchor, step, times = opening_ask(case), case.step, case.concessions
    asks = [anchor * (1.0 - step) ** count for count in range(times + 1)]
    share = f"{round(100 * step)} %"
    mistakes = (
        (case.goal_mxn, "abrir en la meta no deja margen: a la primera concesión queda por debajo."),
        (case.offer_mxn, "es lo que el deudor ofreció; abrir ahí es aceptar su primera cifra."),
        (case.overdue_mxn, "lo vencido ya se lo recordó y le dijo que todo junto no puede; ahora se trata "
                           "del abono de su día de cobro."),
        (case.goal_mxn * (1.0 + step * times), f"sumó {share} de la meta por cada concesión; cada concesión "
                                               f"es {share} de lo último que pidió, que es más que la meta."),
        (case.goal_mxn * (1.0 + step) ** times,
         f"multiplicó por {1.0 + step:.2f}; para que al quitar {share} quede lo que busca hay que dividir "
         f"entre {1.0 - step:.2f}."),
        (case.goal_mxn / (1.0 - step * times), f"quitó {round(100 * step * times)} % de una sola vez; son "
                                               f"pasos de {share}, uno sobre el otro."))
    return numeric(
        "negociacion.ancla", "Ejercicio 1. El ancla", statement(case), anchor,
        tolerance=TOLERANCE,
        why=(f"Abrir en unos {format_pesos(anchor)} deja lugar para {times} concesiones de {share} "
             f"({' → '.join(format_pesos(ask) for ask in asks)}) y cerrar en la meta. El deudor ve que usted "
             "cede, corresponde, y la meta no se toca."),
        hints=("Trabaje hacia atrás: ¿cuánto pidió justo antes de cerrar en la meta, si en esa concesión "
               "bajó el porcentaje de lo último que pidió?",
               "Si después de bajar 10 % queda la meta, antes pedía meta ÷ 0.90. Repita una vez por cada "
               "concesión.",
               "Ancla = meta ÷ (1 − paso) ÷ (1 − paso)..., una división por cada concesión."),
        mistakes=tuple((wrong, message) for wrong, message in mistakes if abs(wrong - anchor) > TOLERANCE),
    )


register(PerLearner("negociacion.ancla", practice_case, _anchor))

register(date_answer(
    "negociacion.fecha", "Ejercicio 2. La fecha de la promesa",
    "Hoy es **lunes 9 de marzo de 2026**. Marta cobra **cada quincena, los días 13 y 28**. Usted le pide "
    "una fecha para su abono y responde: «la próxima semana le deposito algo».\n\n"
    "¿Qué fecha le propone? Escríbala como 20/03/2026 o como «el viernes».",
    today=TODAY, accepted=_NEAR_PAYDAY,
    why=("es su día de cobro, y un día hábil: el dinero ya llegó y todavía no se ha ido en otros gastos. "
         "Una fecha concreta atada a su ingreso convierte la evasiva en una promesa."),
    hints=("¿Cuándo tendrá Marta dinero en la mano?",
           "Las promesas que se cumplen caen el día de pago o muy poco después.",
           "Su próximo día de cobro es el viernes 13 de marzo."),
    mistakes={
        dt.date(2026, 3, 14): "el sábado no es día hábil: en México el pago se pacta de lunes a viernes. Su "
                              "día de cobro, el viernes 13, sí lo es.",
        dt.date(2026, 3, 15): "el domingo no es día hábil: el pago se pacta en día hábil, y su día de cobro, "
                              "el viernes 13, lo es.",
        dt.date(2026, 3, 16): "«la próxima semana» es la evasiva de Marta; el lunes 16 es feriado y, además, "
                              "ya pasaron tres días desde que cobró: el dinero suele haberse ido.",
        dt.date(2026, 3, 28): "es la segunda quincena: tendrá dinero el 13 y, si la promesa queda para "
                              "el 28, lo de esta quincena se irá en otra cosa.",
        TODAY: "hoy Marta está a media quincena y tiene la mitad o menos de lo que tendrá al cobrar.",
        dt.date(2026, 3, 12): "un día antes de cobrar todavía no tiene el dinero.",
    },
))


def _typed_plan(fields: dict) -> Plan:
    """The plan typed in the widget's fields (see :data:`PLAN_FIELDS`), read as a collector writes them."""
    missing = [label for key, label, _ in PLAN_FIELDS if not str(fields.get(key, "")).strip()]
    if missing:
        raise AnswerError(f"faltan campos del plan: {', '.join(missing)}")
    payments, every = as_number(fields["pagos"]), as_number(fields["cada_dias"])
    if payments != int(payments) or every != int(every) or payments < 1 or every < 1:
        raise AnswerError("el número de pagos y los días entre pagos son números enteros, de 1 en adelante")
    first = as_date(fields["primera_fecha"], TODAY)
    return Plan(int(payments), as_number(fields["monto"]), first, int(every))


def _judge_plan(answer: object) -> Feedback:
    limits, owed = MARTA["limites"], MARTA["vencido"]
    if isinstance(answer, dict):
        try:
            answer = _typed_plan(answer)
        except AnswerError as error:
            return refused(error)
    if isinstance(answer, Abono | Liquidacion):
        return Feedback(False, f"Propuso {type(answer).__name__}; aquí se pide un plan de varios pagos.")
    if not isinstance(answer, Plan):
        return Feedback(False, "Se esperaba un plan: número de pagos, monto de cada pago, fecha del primero "
                               f"y días entre pagos; se recibió {shown(answer)}.")
    plan = resolve_dates(answer, TODAY, _MX)
    reason = limits.refusal(plan, TODAY, MARTA["saldo"], _MX)
    if reason is not None:
        return Feedback(False, f"El supervisor lo rechaza: {reason}")
    if plan.amount_mxn > MARTA["puede_por_quincena"]:
        return Feedback(False, f"Cada pago de ${plan.amount_mxn:,.2f} pasa de los $900 que Marta dijo poder "
                               "pagar por quincena: es un plan forzado, y un plan forzado se rompe.")
    if plan.instalments > 1 and plan.every_days < 15:
        return Feedback(False, f"Pagos cada {plan.every_days} días son más seguidos que su ingreso (cada 15 "
                               "días): algunos caerían cuando ya no tiene dinero.")
    if plan.first_date not in _NEAR_PAYDAY:
        return Feedback(False, f"El primer pago cae el {plan.first_date:%d/%m/%Y}; póngalo en su día de "
                               "cobro, el viernes 13 de marzo, que es día hábil.")
    total = plan.instalments * plan.amount_mxn
    if total < owed - 0.01:
        return Feedback(False, f"El plan suma ${total:,.2f} y no cubre los ${owed:,.2f} vencidos.")
    words = describe(plan, MARTA["saldo"])
    return Feedback(True, f"{words[:1].upper()}{words[1:]}: suma ${total:,.2f}, cubre lo vencido, cada "
                          "pago cabe en su quincena, empieza el día que cobra y respeta los límites de la "
                          "empresa.")


register(Exercise(
    "negociacion.plan", "Ejercicio 3. Un plan que se pueda cumplir",
    "Marta quiere ponerse al corriente. Debe **$3,400 vencidos** (saldo total $14,600), cobra los días "
    "**13 y 28** y dijo que puede dar **hasta $900 por quincena**. Límites de la empresa para su cuenta: "
    "plan de **4 pagos como máximo**, pago mínimo **$300**, primer pago dentro de 31 días y pagos cada 7 a "
    "31 días.\n\n"
    "Hoy es lunes 9 de marzo de 2026. Proponga un plan (número de pagos, monto de cada pago, fecha del "
    "primero y días entre pagos) que cubra lo vencido, con pagos que quepan en su quincena, no más "
    "seguidos que su ingreso, y el primero en su día de cobro.",
    _judge_plan,
    hints=("Reparta $3,400 en pagos de $900 o menos: ¿cuántos necesita, sin pasar de 4?",
           "Con 4 pagos, cada uno es $3,400 ÷ 4. La primera fecha: el viernes 13 de marzo.",
           "Por ejemplo: 4 pagos de $850, el primero el viernes 13 de marzo y los demás cada 15 días."),
    form=AnswerForm.PLAN,
))

_ERNESTO_BALANCE = 22_000.0
_ERNESTO_LIMITS = PolicyLimits(max_discount_pct=15.0, min_first_payment_mxn=500.0, max_plan_payments=6)
_OFFERS = {
    "a": Liquidacion(12.0, _PAYDAY),
    "b": Liquidacion(20.0, _PAYDAY),
    "c": Plan(8, 2_750.0, _PAYDAY, 15),
    "d": Abono(400.0, _PAYDAY),
    "e": Plan(6, 1_200.0, dt.date(2026, 3, 28), 15),
    "f": Abono(2_000.0, dt.date(2026, 4, 20)),
}
_REASONS = {key: _ERNESTO_LIMITS.refusal(offer, TODAY, _ERNESTO_BALANCE, _MX)
            for key, offer in _OFFERS.items()}

register(choice(
    "negociacion.supervisor", "Ejercicio 4. Lo que el supervisor no autoriza",
    "Ernesto tiene 75 días de atraso (tramo 61-90) y un saldo de **$22,000**. Para su tramo la empresa "
    "autoriza una quita de **hasta 15 %**, un pago mínimo de **$500**, planes de **hasta 6 pagos**, el "
    "primer pago dentro de **31 días** y pagos cada 7 a 31 días. Hoy es lunes 9 de marzo de 2026.\n\n"
    "¿Cuáles de estas ofertas **rechazaría el supervisor**?",
    {key: describe(offer, _ERNESTO_BALANCE)[:1].upper() + describe(offer, _ERNESTO_BALANCE)[1:]
     for key, offer in _OFFERS.items()},
    "".join(key for key, reason in _REASONS.items() if reason is not None),
    why={key: (f"el supervisor la rechaza: {reason}" if reason else
               "esa oferta sí está dentro de los límites y el supervisor la autoriza.")
         for key, reason in _REASONS.items()},
    hints=("Revise cada oferta contra cada límite: quita, pago mínimo, número de pagos, fecha del "
           "primer pago.",
           "Hay cuatro ofertas fuera de política; una quita y una fecha están entre ellas."),
    multiple=True,
))
