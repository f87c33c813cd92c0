"""The anchoring case: one taught by example, a fresh one per learner to practise, another for the exam.

A learner who has seen the answer to a case can recall it; only a case they have
not seen tests whether they can work it out. The teaching example (Jorge's call
in notebook 05) keeps its numbers. Practice and the exam draw theirs from seeded
generators keyed by the learner, as the exam's other items are: the same learner
always gets the same case, so a first attempt cannot be re-rolled into an easier
one. The exam's case is one of :data:`EXAM_CASES`, chosen like any exam variant;
the practice case is redrawn while its answer is close enough to that exam case's
for one to be recalled as the other. :func:`opening_ask` is the rule the practice
teaches and the exam grades with.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import numpy as np

from simulator.course.exercises.exam import variant_index
from simulator.course.exercises.options import learner_seed
from simulator.negotiation.business_days import business_days
from simulator.random_streams import CourseStream, seeded_generator
from simulator.spanish_input import format_date, format_pesos

__all__ = ["EXAM_CASES", "EXAM_ID", "EXAM_POOL", "PRACTICE_ID", "TAUGHT_AMOUNTS", "TOLERANCE", "AnchorCase",
           "draw_case", "exam_case", "opening_ask", "practice_case", "recallable", "statement"]

#: The practice exercise and the exam item that use these cases.
PRACTICE_ID, EXAM_ID = "negociacion.ancla", "evaluacion.negociacion"
#: An answer this close to the anchor is right: on the phone people say round amounts.
TOLERANCE = 15.0
#: What a learner can recall from the teaching example, Jorge's call in notebook 05
#: (``datasets/dialogues/negociacion_abono.yaml``): ask 2,000, close near 1,700, never under 1,500.
TAUGHT_AMOUNTS = (2_000.0, 1_700.0, 1_500.0)
#: How many exam cases learners are spread over, and the seed they are drawn from.
EXAM_POOL, _EXAM_SEED = 40, 2026_0309

_MX = business_days("MX")  # the course's accounts are Mexican: payments fall due on its business days
_FIRST_CALL = dt.date(2026, 3, 2)
_NAMES = ("Ramiro Ortega", "Leticia Vargas", "Ernesto Lozano", "Guadalupe Ríos", "Fernando Aguilar",
          "Silvia Navarro", "Gustavo Peña", "Adriana Cárdenas", "Héctor Juárez", "Mónica Salgado",
          "Raúl Cordero", "Patricia Ibarra", "Alfredo Mejía", "Verónica Fuentes", "Octavio Rangel",
          "Claudia Montes")
_STEPS = (0.05, 0.08, 0.10)
_CONCESSIONS = (2, 3)
_TIMES = {2: "dos veces", 3: "tres veces"}


@dataclass(frozen=True)
class AnchorCase:
    """A debtor who cannot bring the account current at once and the abono the collector aims at."""

    debtor: str
    balance_mxn: float
    overdue_mxn: float
    days_past_due: int
    offer_mxn: float  # what the debtor offers for today, before being heard
    goal_mxn: float  # what the debtor can leave on payday: the collector's real goal
    today: dt.date
    payday: dt.date  # the debtor's next payday, a business day after today
    concessions: int
    step: float  # each concession gives up this share of the last ask


def opening_ask(case: AnchorCase) -> float:
    """The anchor that lands on the goal after ``concessions`` cuts of ``step`` of the last ask."""
    return case.goal_mxn / (1.0 - case.step) ** case.concessions


def _round_to(value: float, step: int) -> float:
    return float(max(step, step * round(value / step)))


def draw_case(generator: np.random.Generator) -> AnchorCase:
    """A case from ``generator``: amounts, overdue, the debtor's offer; call and payday on business days."""
    concessions, step = int(generator.choice(_CONCESSIONS)), float(generator.choice(_STEPS))
    goal = 50.0 * int(generator.integers(16, 71))  # 800 to 3,500 pesos
    offer = _round_to(goal * generator.uniform(0.2, 0.4), 50)
    overdue = round(goal / (1.0 - step) ** concessions * generator.uniform(1.4, 3.0), 2)
    balance = round(overdue * generator.uniform(2.5, 5.0), 2)
    today = _MX.roll(_FIRST_CALL + dt.timedelta(days=int(generator.integers(0, 240))))
    payday = _MX.roll(today + dt.timedelta(days=int(generator.integers(2, 11))))
    return AnchorCase(str(generator.choice(_NAMES)), balance, overdue, int(generator.integers(31, 90)), offer,
                      goal, today, payday, concessions, step)


def recallable(case: AnchorCase, seen: tuple[float, ...]) -> bool:
    """Whether an answer recalled from ``seen`` amounts could pass for this case's anchor."""
    return any(abs(opening_ask(case) - amount) <= 2 * TOLERANCE for amount in seen)


def _first_unseen(seed: int, key: int, seen: tuple[float, ...]) -> AnchorCase:
    """The first case drawn under ``seed`` whose answer cannot be recalled from ``seen``."""
    drawn = (draw_case(seeded_generator(seed, CourseStream.ANCHOR_CASE, key, draw))
             for draw in itertools.count())
    return next(case for case in drawn if not recallable(case, seen))


#: The exam's cases; none can be answered with an amount from the teaching example.
EXAM_CASES = tuple(_first_unseen(_EXAM_SEED, index, TAUGHT_AMOUNTS) for index in range(EXAM_POOL))


def exam_case(trainee: str | None) -> AnchorCase:
    """The exam case of ``trainee``, chosen as every exam variant is (see :func:`variant_index`)."""
    return EXAM_CASES[variant_index(trainee, EXAM_ID, len(EXAM_CASES))]


def practice_case(trainee: str | None) -> AnchorCase:
    """The practice case of ``trainee``: always the same one, answerable neither from the teaching
    example nor as their exam case."""
    seen = (*TAUGHT_AMOUNTS, opening_ask(exam_case(trainee)))
    return _first_unseen(learner_seed(trainee, PRACTICE_ID), 0, seen)


def statement(case: AnchorCase, answer: str | None = None) -> str:
    """The case told to the learner, asking for the anchor in the variable ``answer`` (None: in a widget)."""
    offer, overdue, goal, balance, tolerance = map(format_pesos, (
        case.offer_mxn, case.overdue_mxn, case.goal_mxn, case.balance_mxn, TOLERANCE))
    return (f"Hoy es {format_date(case.today)}. {case.debtor} tiene {case.days_past_due} días de atraso, "
            f"un saldo de {balance} y **{overdue} vencidos**. Cuando usted le recordó lo "
            f"vencido, le contestó que todo junto no puede y ofreció {offer} para hoy. Usted dejó que le "
            f"contara: cobra el **{format_date(case.payday)}** y, por lo que sabe de su ingreso, su **meta "
            f"real** es un abono de **{goal}** ese día. Piensa ceder **{_TIMES[case.concessions]}** durante "
            f"la llamada y, en cada concesión, bajar **{round(100 * case.step)} % de lo último que pidió**, "
            "para cerrar justo en la meta.\n\n"
            "¿Con qué monto abre la negociación (el ancla)? Escriba los pesos"
            f"{f' en `{answer}`' if answer else ''}; se acepta una "
            f"diferencia de hasta {tolerance}, porque en la llamada se habla en cantidades redondas.")
