"""The debrief of a call: rubric scores, goal, pass mark, techniques, best and worst moment.

Each choice rates the axes it touches from -3 to +3; an axis scores the mean
rating mapped onto 0-100. The call's goal (see :mod:`objective`) adds one more
commitment rating and must be met to pass: a friendly call that closes below
the minimum is not a good call. Compliance is different: a breach (a threat, a
disclosure to a third party, a false legal claim, a call out of hours, no
identification, taking cash) sets it to 0 and fails the session whatever the
rest, because a single one can cost a complaint before the regulator.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from decimal import Decimal
from statistics import fmean

from simulator.roleplay.engine import Move, RolePlay
from simulator.roleplay.judge import Judgement
from simulator.roleplay.objective import ObjectiveResult, assess_objective
from simulator.roleplay.techniques import AXES, AXIS_LABELS, ENDINGS, TECHNIQUES
from simulator.spanish_input import Money, format_amount, format_date

__all__ = ["PASS_MARK", "WEIGHTS", "Debrief", "debrief"]

#: Weighted rubric and the overall score needed to pass.
WEIGHTS = {"comunicacion": 0.3, "compromiso": 0.3, "confianza": 0.2, "cumplimiento": 0.2}
PASS_MARK = 70
#: Compliance points lost per point of a negative (non-breach) compliance rating.
_COMPLIANCE_PENALTY = 15
#: The commitment rating the goal adds: reached the ideal, met the minimum, missed.
_GOAL_RATING = {"ideal": 3, "met": 1, "missed": -3}


@dataclass(frozen=True)
class Debrief:
    """Everything the student reads at the end of a call (Spanish texts, English keys)."""

    scenario: str
    difficulty: str
    seed: int
    order_seed: int | None
    ending: str | None
    ending_label: str
    ending_summary: str | None
    promise: dict | None
    objective_met: bool
    objective: dict
    scores: dict[str, int]
    total: int
    passed: bool
    techniques: list[dict]
    best: dict | None
    worst: dict | None
    breaches: list[dict]
    hung_up_by_patience: bool
    transcript: list[dict]
    feedback: list[dict]
    choices: list[dict]
    variant: int = 0

    def to_dict(self) -> dict:
        """Plain data for JSON and for the trainee's progress record."""
        return asdict(self)

    def lines(self) -> list[str]:
        """A short Spanish debrief for the terminal and the widget."""
        verdict = "APROBADA" if self.passed else "NO APROBADA"
        out = [f"Final: {self.ending_label}"]
        if self.promise:
            firm = "firme" if self.promise["firme"] else "no firme"
            out.append(f"Promesa ({firm}): {self.promise['texto']}")
        if self.objective_met:
            reach = "alcanzó el ideal" if self.objective["ideal"] else "alcanzó el mínimo, no el ideal"
            out.append(f"Meta de la llamada: cumplida ({reach}).")
        else:
            out.append("Meta de la llamada: no cumplida. " + " ".join(self.objective["faltas"]))
        out.append(f"Resultado: {self.total}/100 ({verdict}; se aprueba con {PASS_MARK}, "
                   "la meta cumplida y sin faltas)")
        out.append("Puntajes: " + ", ".join(f"{AXIS_LABELS[axis]} {score}"
                                            for axis, score in self.scores.items()))
        if self.techniques:
            out.append("Técnicas usadas: " + ", ".join(t["etiqueta"] for t in self.techniques))
        if self.best:
            out.append(f"Mejor momento (paso {self.best['paso']}): {self.best['retro']}")
        if self.worst and self.worst != self.best:
            out.append(f"Momento a mejorar (paso {self.worst['paso']}): {self.worst['retro']}")
        for breach in self.breaches:
            out.append(f"FALTA de cumplimiento en el paso {breach['paso']}: {breach['etiqueta']}. "
                       f"{breach['leccion']}")
        if self.hung_up_by_patience:
            out.append("El deudor colgó porque su ánimo cayó demasiado: cuide el tono y escuche más.")
        if self.ending_summary:
            out.append(self.ending_summary)
        return out


def debrief(session: RolePlay) -> Debrief:
    """Score a session; an unfinished one has no ending and cannot pass."""
    node = session.scenario.nodes[session.node]
    ending = node.ending
    ending_points = node.points.rated() if node.points else {}
    breaches = [
        {"paso": move.step, "tecnica": tag, "etiqueta": TECHNIQUES[tag].label,
         "leccion": TECHNIQUES[tag].lesson, "texto": move.text}
        for move in session.moves for tag in move.techniques if TECHNIQUES[tag].kind == "breach"
    ]
    amount, date = _agreed(session, node, ending)
    used = {tag for move in session.moves for tag in move.techniques}
    committed = node.promise is None or node.promise.firm
    money = session.edition.money
    goal = assess_objective(session.scenario, ending, amount, date, used, committed=committed, money=money)
    scores = _axis_scores(session.moves, ending_points, bool(breaches), goal)
    total = round(sum(WEIGHTS[axis] * scores[axis] for axis in AXES))
    return Debrief(
        scenario=session.scenario.id,
        difficulty=session.difficulty,
        seed=session.seed,
        order_seed=session.order_seed,
        ending=ending,
        ending_label=ENDINGS[ending].label if ending else "Llamada sin terminar",
        ending_summary=session.fill(node.summary) if node.summary else None,
        promise=_promise(amount, date, goal, money),
        objective_met=goal.met,
        objective=goal.to_dict(),
        scores=scores,
        total=total,
        passed=total >= PASS_MARK and not breaches and session.finished and goal.met,
        techniques=_techniques(session.moves),
        best=_moment(max(session.moves, key=_weight, default=None)),
        worst=_moment(min(session.moves, key=_weight, default=None)),
        breaches=breaches,
        hung_up_by_patience=session.hung_up_by_patience,
        transcript=[{"quien": line.speaker, "texto": line.text} for line in session.transcript],
        feedback=[_moment(move) for move in session.moves],
        variant=session.variant,
        choices=[{"paso": move.step, "nodo": move.node, "orden_mostrado": list(move.shown),
                  "elegida": move.index, "elegida_en_archivo": move.authored, "entrada": move.typed}
                 | ({} if move.written is None else {"escrito": _written(move.written)})
                 for move in session.moves],
    )


def _written(verdict: Judgement) -> dict:
    """A typed answer as the gradebook keeps it: the words, what the judge marked and where (for review)."""
    return {"texto": verdict.text, "elementos": list(verdict.elements), "faltas": list(verdict.breaches),
            "marcas": [[mark.label, mark.start, mark.end] for mark in verdict.marks]}


def _axis_scores(moves: list[Move], ending_points: dict[str, int], breached: bool,
                 goal: ObjectiveResult) -> dict[str, int]:
    scores = {}
    for axis in AXES:
        ratings = [move.points[axis] for move in moves if axis in move.points]
        if axis in ending_points:
            ratings.append(ending_points[axis])
        if axis == "compromiso":
            ratings.append(_GOAL_RATING["ideal" if goal.ideal else "met" if goal.met else "missed"])
        if axis == "cumplimiento":
            lost = _COMPLIANCE_PENALTY * sum(-rating for rating in ratings if rating < 0)
            scores[axis] = 0 if breached else max(0, 100 - lost)
        else:
            scores[axis] = round(100 * (fmean(ratings) + 3) / 6) if ratings else 50
    return scores


def _agreed(session: RolePlay, node, ending: str | None) -> tuple[Decimal | None, dt.date | None]:
    """The amount and date agreed: what the student typed, else what the script fixed."""
    if not session.scenario.objective.expects_promise(ending):
        return None, None
    scripted = node.promise
    amount = session.promised_amount
    if amount is None and scripted is not None and scripted.amount_mxn is not None:
        amount = Decimal(str(scripted.amount_mxn))
    date = session.promised_date or (scripted.date if scripted is not None else None)
    return amount, date


def _promise(amount: Decimal | None, date: dt.date | None, goal: ObjectiveResult,
             money: Money) -> dict | None:
    if amount is None and date is None:
        return None
    parts = (format_amount(amount, money) if amount is not None else None,
             format_date(date) if date else None)
    return {
        "monto_mxn": float(amount) if amount is not None else None,
        "fecha": date.isoformat() if date else None,
        "texto": " el ".join(part for part in parts if part),
        "firme": bool(goal.firm),
    }


def _techniques(moves: list[Move]) -> list[dict]:
    counts = Counter(tag for move in moves for tag in move.techniques)
    return [{"tecnica": tag, "etiqueta": TECHNIQUES[tag].label, "tipo": TECHNIQUES[tag].kind,
             "veces": count} for tag, count in counts.items()]


def _weight(move: Move) -> int:
    return sum(move.points.values())


def _moment(move: Move | None) -> dict | None:
    if move is None:
        return None
    return {"paso": move.step, "texto": move.text, "tecnicas": list(move.techniques),
            "puntos": dict(move.points), "retro": move.feedback}
