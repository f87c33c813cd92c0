"""A negotiation policy written by the student, judged against a reference policy.

The policy plays the same simulated debtors as the reference (same seed), and
passes when its expected recovery per account beats the reference's with a 95 %
paired interval above zero, without a single offer refused by the supervisor.
The check stops at the first debtor the policy fails on and quotes the engine's
message, so a broken policy costs one time limit, not one per debtor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from simulator.course.exercises.answers import shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.errors import NegotiationError
from simulator.negotiation.debtor import draw_debtors
from simulator.negotiation.evaluation import Evaluation, evaluate, paired_difference, play
from simulator.negotiation.model import ReplyKind
from simulator.negotiation.scoring import score

__all__ = ["policy"]

_METRIC = "expected_recovery_per_account"


@cache
def _debtors(count: int, seed: int) -> tuple:
    return tuple(draw_debtors(count, seed))


def _supervisor_note(negotiation) -> str | None:
    for turn in negotiation.history:
        if turn.reply.kind == ReplyKind.SUPERVISOR:
            return turn.reply.text
    return None


def policy(id: str, title: str, statement: str, *, reference: Callable, debtors: int, seed: int,
           hints: tuple[str, ...], timeout: float = 1.0) -> Exercise:
    """A policy that must beat ``reference`` on ``debtors`` simulated debtors drawn with ``seed``.

    Args:
        reference: the policy to beat (e.g. ``aceptar_primera``).
        debtors: how many debtors; a few hundred keep the check within seconds.
        timeout: seconds the policy may take per debtor.
    """
    name = getattr(reference, "__name__", "referencia")

    def judge(answer: object) -> Feedback:
        if not callable(answer):
            return Feedback(False, "Se esperaba una función `def politica(state): ...` que devuelva "
                                   f"una jugada; se recibió {shown(answer)}.")
        people = _debtors(debtors, seed)
        scores = []
        for debtor in people:
            try:
                negotiation = play(answer, debtor, timeout)
            except NegotiationError as error:
                return Feedback(False, f"Su política falló con el {error.message}")
            note = _supervisor_note(negotiation)
            if note is not None:
                return Feedback(False, f"Con el deudor {debtor.index} el supervisor rechazó una oferta "
                                       f"({note}). Una política que rompe los límites de la empresa no "
                                       "se aprueba.")
            scores.append(score(negotiation))
        yours = Evaluation("estudiante", scores)
        base = evaluate(reference, list(people), name=name)
        mine, theirs = (result.summary()[_METRIC]["mean"] for result in (yours, base))
        diff = paired_difference(yours, base, _METRIC)
        low, high = diff["ci95"]
        numbers = (f"Su política recupera ${mine:,.2f} por cuenta y `{name}` ${theirs:,.2f}: diferencia "
                   f"{diff['mean']:+,.2f} (IC 95 %: {low:+,.2f} a {high:+,.2f}) con {debtors} deudores.")
        details = {"recuperacion": mine, "referencia": theirs, "diferencia": diff["mean"],
                   "ic95": [low, high]}
        if low > 0.0:
            return Feedback(True, numbers + " La ventaja es clara: el intervalo queda arriba de cero.",
                            details=details)
        verdict = ("Gana en promedio, pero el intervalo incluye el cero: todavía no es una ventaja "
                   "demostrada." if diff["mean"] > 0 else f"Todavía no le gana a `{name}`.")
        return Feedback(False, f"{numbers} {verdict}", details=details)

    return Exercise(id, title, statement, judge, hints)
