"""The debrief never contradicts the call: every statement is checked against the facts it claims.

Thousands of negotiations (the reference policies and seeded random offer sequences)
are played; each debrief line that makes a checkable claim (how many concessions
and how big, each offer against the money the debtor had that day, the agreement
against what the debtor could have given, dates against paydays, who ended the call
and why, the probability it is kept, the capacity revealed) is compared with facts
recomputed here from the moves, the replies and the debtor's hidden state, not read
from the debrief's own code. A contradiction is reported with its kind.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter

import numpy as np
import pytest
from negotiation_sweep import REFERENCE_POLICIES, played

from simulator.negotiation import Abono, Aceptar, Escuchar, Liquidacion, Plan
from simulator.negotiation.debrief import LEFT_ON_TABLE, debrief_lines
from simulator.negotiation.ladder import ladder
from simulator.negotiation.model import burden, keep_probability
from simulator.negotiation.session import NegotiationEnding

_OFFERS = (Abono, Liquidacion, Plan)
_PESOS = r"\$([\d,]+(?:\.\d+)?)"
_DAY = r"(\d\d/\d\d)"
_CYCLE = {"semanal": 7, "quincenal": 15, "mensual": 30}


def _dates(offer, account):
    if not isinstance(offer, Plan):
        return [offer.date]
    dates = []
    for number in range(offer.instalments):
        day = offer.first_date + dt.timedelta(days=number * offer.every_days)
        while not account.business_days.is_open(day):
            day += dt.timedelta(days=1)
        dates.append(day)
    return dates


def _amounts(offer, balance):
    if isinstance(offer, Liquidacion):
        return [balance * (1.0 - offer.discount_pct / 100.0)]
    return [offer.amount_mxn] * (offer.instalments if isinstance(offer, Plan) else 1)


def _money(debtor, offer, date):
    """Money at hand for one payment of ``offer`` on ``date`` (savings for a settlement; a plan
    paid more often than the debtor is paid gets its share of the paycheck)."""
    money = debtor.available(date)
    if isinstance(offer, Liquidacion):
        return money + debtor.savings_mxn
    if isinstance(offer, Plan) and offer.instalments > 1:
        return money * min(1.0, offer.every_days / _CYCLE[debtor.account.income_cycle])
    return money


def _owed_at_end(account, agreement, dates) -> float:
    """Overdue plus the regular instalments (every 30 days from ``next_due``) due by the last payment."""
    fallen = sum(1 for day in range(0, 400, 30) if account.next_due + dt.timedelta(days=day) <= dates[-1])
    return min(account.balance_mxn, account.overdue_mxn + account.instalment_mxn * fallen)


def _beyond_due(account, offer) -> float:
    """What ``offer`` asks beyond the regular instalments of its term (those due by its last payment;
    for a plan at least each period's instalment, prorated); negative when it asks less than those."""
    dates = _dates(offer, account)
    regular = _owed_at_end(account, offer, dates) - account.overdue_mxn
    if isinstance(offer, Plan):
        periods = offer.instalments * account.instalment_mxn * min(1.0, offer.every_days / 30)
        regular = min(account.balance_mxn - account.overdue_mxn, max(regular, periods))
    return sum(_amounts(offer, account.balance_mxn)) - regular


def _ask_moves(account, heard) -> list[float]:
    """For each two offers heard in a row, how much more (> 0) or less (< 0) the second asked beyond
    what falls due in its term; 0 within a convenio's rounding (under 10 pesos a payment)."""
    moves = []
    for before, after in zip(heard, heard[1:], strict=False):
        change = _beyond_due(account, after) - _beyond_due(account, before)
        payments = max(len(_dates(before, account)), len(_dates(after, account)))
        moves.append(change if abs(change) >= 10.0 * payments else 0.0)
    return moves


def _due(account, offer) -> bool:
    """The offer asks no more than what is due on its dates (a convenio's instalment for a plan)."""
    if isinstance(offer, Abono):
        return offer.amount_mxn <= _owed_at_end(account, offer, [offer.date]) + 1.0
    if isinstance(offer, Plan):
        share = (account.overdue_mxn / offer.instalments
                 + account.instalment_mxn * min(1.0, offer.every_days / 30))
        owed = _owed_at_end(account, offer, _dates(offer, account)) / offer.instalments
        return offer.amount_mxn <= math.ceil(max(share, owed) / 10.0) * 10.0 + 1.0
    return False


def _convenio_mxn(account, plan) -> float:
    """The instalment of a convenio of ``plan``'s shape: the regular instalment of its period plus
    an equal share of the overdue, enough to pay all due by its last payment, in tens up."""
    share = account.overdue_mxn / plan.instalments + account.instalment_mxn * min(1.0, plan.every_days / 30)
    owed = _owed_at_end(account, plan, _dates(plan, account)) / plan.instalments
    return min(math.ceil(max(share, owed) / 10.0) * 10.0,
               math.floor(account.balance_mxn / plan.instalments * 100.0) / 100.0)


def _level(offer) -> int:
    """0 one payment, 1 a plan of two, 2 a longer plan, 3 a settlement."""
    if isinstance(offer, Liquidacion):
        return 3
    if isinstance(offer, Plan) and offer.instalments > 1:
        return 1 if offer.instalments == 2 else 2
    return 0


def _ladder_contradictions(negotiation, lines) -> list[tuple[str, str]]:
    """The ladder judgement (opening, steps, close) against facts recomputed here."""
    account, history = negotiation.debtor.account, negotiation.history
    balance = account.balance_mxn
    rungs = ladder(negotiation.state)
    heard = [(index, turn.offer) for index, turn in enumerate(history)
             if isinstance(turn.offer, _OFFERS) and turn.reply.kind != "supervisor"]
    first_pay = [_amounts(offer, balance)[0] for _, offer in heard]
    moves = _ask_moves(account, [offer for _, offer in heard])
    jumps, reasoned, climbed, concessions, quiet, passed = 0, 0, False, 0, 0, set()
    for ((start, before), (end, after)), move in zip(zip(heard, heard[1:], strict=False), moves, strict=True):
        skipped = [step for step in rungs if _level(before) < _level(step) < _level(after)]
        said = [turn.reply.counter for turn in history[:end]
                if turn.reply.counter is not None and not turn.reply.evasive]
        if skipped and said and all(_amounts(said[-1], balance)[0] < _amounts(step, balance)[0]
                                    for step in skipped):
            reasoned += 1
            passed |= {_level(step) for step in skipped}
        elif skipped:
            jumps += 1
        climbed |= _level(after) > _level(before)
        if _level(after) > _level(before) or (_level(after) == _level(before) and move < 0):
            concessions += 1
            known = {turn.reply.counter for turn in history[:start] if turn.reply.counter is not None}
            quiet += not any(turn.reply.counter is not None and not turn.reply.evasive
                             and turn.reply.counter not in known for turn in history[start:end])
    found: list[tuple[str, str]] = []

    def wrong(kind: str, line: str, holds: bool) -> None:
        if not holds:
            found.append((kind, line))

    if heard:
        opening = heard[0][1]
        day = _dates(opening, account)[0]
        owed = _owed_at_end(account, opening, [day])
    for line in lines:
        if match := re.match("Abrió con lo que pone la cuenta al corriente el " + _DAY + r" \(" + _PESOS,
                             line):
            wrong("apertura", line, bool(heard) and _level(opening) == 0 and abs(first_pay[0] - owed) <= 1.0
                  and match[1] == f"{day:%d/%m}" and _near(_number(match[2]), owed))
        if match := re.match(r"Abrió pidiendo " + _PESOS + ", " + _PESOS + " menos .* el " + _DAY + r" \("
                             + _PESOS, line):
            wrong("apertura", line, bool(heard) and _level(opening) == 0 and first_pay[0] < owed - 1.0
                  and _near(_number(match[1]), first_pay[0]) and _near(_number(match[2]), owed - first_pay[0])
                  and match[3] == f"{day:%d/%m}" and _near(_number(match[4]), owed))
        if match := re.match(r"Abrió pidiendo " + _PESOS + ", más de lo que se debe", line):
            wrong("apertura", line, bool(heard) and _level(opening) == 0 and first_pay[0] > owed + 1.0)
        if match := re.match(r"Abrió con .* se saltó (\d+) escal", line):
            wrong("apertura", line, bool(heard) and _level(opening) > 0 and int(match[1]) == sum(
                _level(step) < _level(opening) for step in rungs))
        if match := re.match(r"Se saltó escalones (\d+) ve", line):
            wrong("escalones saltados", line, int(match[1]) == jumps)
        if "sin saltarse escalones" in line:
            wrong("escalones saltados", line, jumps == reasoned == 0 and climbed)
        if match := re.match(r"Hizo (\d+) concesi", line):
            wrong("concesión sin nada nuevo", line, int(match[1]) == quiet)
        if line.startswith("Cada concesión llegó después"):
            wrong("concesión sin nada nuevo", line, concessions > 0 and quiet == 0)
    said = "\n".join(lines)
    if heard and not any(line.startswith("Abrió") for line in lines):
        found.append(("omite la apertura", said))
    if jumps and "Se saltó escalones" not in said:
        found.append(("omite los escalones saltados", said))
    if said.count("Pasó directo a") != reasoned:
        found.append(("escalones saltados con razón", said))
    if quiet and "sin que el deudor hubiera propuesto nada nuevo" not in said:
        found.append(("omite la concesión sin nada nuevo", said))
    untried = sum(_level(step) not in passed and all(_level(offer) != _level(step) for _, offer in heard)
                  for step in rungs)
    for line in lines:
        if match := re.search(r"quedaban? (\d+) escal", line):
            wrong("escalones sin ofrecer", line, int(match[1]) == untried)
    agreement = negotiation.agreement
    if agreement is None:
        for line in lines:
            if line.startswith("La llamada terminó sin acuerdo y quedaba"):
                wrong("escalones sin ofrecer", line, bool(heard) and untried > 0)
        if heard and untried and "sin acuerdo y quedaba" not in said:
            found.append(("omite los escalones sin ofrecer", said))
        return found
    dates, amounts = _dates(agreement, account), _amounts(agreement, balance)
    left = _owed_at_end(account, agreement, dates) - sum(amounts)
    current = isinstance(agreement, Liquidacion) or left <= 1.0
    minimum = amounts[0] >= account.limits.min_first_payment_mxn
    if isinstance(agreement, Liquidacion):
        is_rung = any(isinstance(step, Liquidacion) and agreement.discount_pct <= step.discount_pct
                      for step in rungs)
    elif _level(agreement) == 0:
        is_rung = abs(amounts[0] - _owed_at_end(account, agreement, dates[:1])) <= 1.0
    else:
        is_rung = (any(isinstance(step, Plan) and step.instalments == agreement.instalments for step in rungs)
                   and abs(agreement.amount_mxn - _convenio_mxn(account, agreement)) <= 1.0)
    for line in lines:
        if line.startswith("El acuerdo es un escalón"):
            wrong("cierre", line, is_rung)
        if line.startswith("El acuerdo no es un escalón"):
            wrong("cierre", line, not is_rung)
            if "paga al menos el mínimo" in line:
                wrong("cierre", line, current and minimum)
            if "seguiría atrasada" in line:
                wrong("cierre", line, minimum and not current)
            if "no llega al mínimo" in line:
                wrong("cierre", line, not minimum)
            if "ya había recorrido la escalera" in line:
                wrong("cierre", line, untried == 0)
    if "escalón de la escalera." not in said and "no es un escalón de la escalera" not in said:
        found.append(("omite el cierre contra la escalera", said))
    return found


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _near(claimed: float, actual: float) -> bool:
    return abs(claimed - actual) <= 1.0  # pesos and percentages are said rounded


def contradictions(negotiation) -> list[tuple[str, str]]:
    """``(kind, line)`` for every debrief line that contradicts the call's facts, and every fact
    the debrief must say but did not (kind ``omite ...``)."""
    debtor, account = negotiation.debtor, negotiation.debtor.account
    history = negotiation.history
    moves = [turn.offer for turn in history]
    heard = [turn.offer for turn in history
             if isinstance(turn.offer, _OFFERS) and turn.reply.kind != "supervisor"]
    totals = [sum(_amounts(offer, account.balance_mxn)) for offer in heard]
    changes = _ask_moves(account, heard)
    steps = [-change / before for before, change in zip(totals, changes, strict=False) if change < 0]
    raises = sum(change > 0 for change in changes)
    settle_raises = sum(change > 0 and isinstance(after, Liquidacion) and not isinstance(before, Liquidacion)
                        for change, before, after in zip(changes, heard, heard[1:], strict=False))
    fair_pace = debtor.model.fair_pace
    above = [offer for offer in heard
             if _amounts(offer, account.balance_mxn)[0] > _money(debtor, offer, _dates(offer, account)[0])]
    agreement, ending = negotiation.agreement, negotiation.ending
    lines = debrief_lines(negotiation)
    found: list[tuple[str, str]] = []

    def wrong(kind: str, line: str, holds: bool) -> None:
        if not holds:
            found.append((kind, line))

    for line in lines:
        if line.startswith("Dejó hablar primero"):
            wrong("escuchó", line, bool(moves) and isinstance(moves[0], Escuchar))
        if line.startswith("Propuso antes de escuchar"):
            wrong("escuchó", line, bool(moves) and isinstance(moves[0], _OFFERS))
        if match := re.search(r"rechazó (\d+) oferta", line):
            wrong("supervisor", line, int(match[1]) == negotiation.violations)
        if line.startswith("Cedió"):
            wrong("concesiones", line, bool(steps))
            if match := re.match(r"Cedió (\d+) ve", line):
                wrong("concesiones", line, int(match[1]) == len(steps))
            if match := re.search(r"en promedio el (\d+) % de su oferta anterior", line):
                wrong("tamaño de las concesiones", line, bool(steps) and _near(int(match[1]),
                                                                                100 * np.mean(steps)))
            if "poco a poco" in line or "pasos pequeños" in line:
                wrong("tamaño de las concesiones", line, bool(steps) and np.mean(steps) <= fair_pace)
            if "rápido" in line or "pasos grandes" in line:
                wrong("tamaño de las concesiones", line, bool(steps) and np.mean(steps) > fair_pace)
        if line.startswith("No cedió"):
            wrong("concesiones", line, not steps and not raises)
            if "cambió fue el plazo" in line:
                wrong("concesiones", line, any(isinstance(offer, Plan) and offer.instalments > 1
                                               for offer in heard))
        if line.startswith("Subió su exigencia"):
            wrong("subió la exigencia", line, raises > 0)
            if match := re.search(r"exigencia (\d+) ve", line):
                wrong("subió la exigencia", line, int(match[1]) == raises)
            match = re.search(r"\((\d+) ve\w+ al pasar a liquidar", line)
            wrong("subió la exigencia", line, int(match[1] if match else 0) == settle_raises)
        if match := re.match(r"En (?:(\d+) de sus (\d+)|sus (\d+)|su) ofertas? pidió más", line):
            wrong("ofertas contra el dinero", line, int(match[1] or match[3] or 1) == len(above))
        if "cabía en lo que el deudor tenía" in line:
            wrong("ofertas contra el dinero", line, not above)
        if "colgó" in line:
            wrong("quién terminó", line, ending == NegotiationEnding.COLGO)
            if "por encima de lo que puede pagar" in line:  # the hang-up blamed on offers over its money
                wrong("por qué colgó", line, bool(heard) and (heard[-1] in above or raises > 0))
            if "injustamente" in line:
                wrong("por qué colgó", line, negotiation.mind.fairness < debtor.model.hang_up_fairness)
            if "paciencia" in line and "agotan" not in line:
                wrong("por qué colgó", line, negotiation.mind.patience <= 0)
            if match := re.search(r"ronda (\d+)", line):
                wrong("quién terminó", line, int(match[1]) == negotiation.rounds)
        if "terminó sin acuerdo" in line or "terminó la llamada" in line:
            wrong("quién terminó", line, agreement is None)
        if line.startswith("Usted terminó"):
            wrong("quién terminó", line, ending == NegotiationEnding.TERMINADA)
        if line.startswith("Se acabó el tiempo"):
            wrong("quién terminó", line, ending == NegotiationEnding.SIN_TIEMPO)
        if line.startswith("Acuerdo:"):
            wrong("quién terminó", line, agreement is not None)
            if "Usted aceptó la propuesta" in line:
                wrong("quién terminó", line, isinstance(moves[-1], Aceptar))
            if "El deudor aceptó su oferta" in line:
                wrong("quién terminó", line, isinstance(moves[-1], _OFFERS))
        if "quita máxima al inicio" in line:
            wrong("quita máxima", line, bool(heard) and isinstance(heard[0], Liquidacion)
                  and heard[0].discount_pct >= account.limits.max_discount_pct > 0)
        if line.startswith("Su primera oferta"):
            wrong("primera oferta", line,
                  bool(heard) and burden(debtor, heard[0]) >= debtor.model.outrage * debtor.reservation)
        if "la sintió injusta" in line:
            wrong("primera oferta", line, not _due(account, heard[0]) or debtor.model.due_offence > 0.0)
        if match := re.search(r"(?:podía pagar unos|en su día de cobro tenía unos) " + _PESOS, line):
            wrong("capacidad revelada", line, _near(_number(match[1]), debtor.capacity_mxn))
        if agreement is None:
            continue
        dates = _dates(agreement, account)
        amounts = _amounts(agreement, account.balance_mxn)
        money = [_money(debtor, agreement, date) for date, _ in zip(dates, amounts, strict=True)]
        short = [amount > cash for amount, cash in zip(amounts, money, strict=True)]
        if re.search(r"no cae (?:en|cerca de) su día de (?:ingreso|cobro)", line):
            wrong("fecha contra el día de cobro", line, not debtor.near_payday(dates[0]))
        if match := re.match(r"(\d+) de los (\d+) pagos del plan caen lejos", line):
            wrong("fecha contra el día de cobro", line,
                  int(match[1]) == sum(not debtor.near_payday(date) for date in dates))
        if match := re.search(r"probabilidad(?: de cumplirse)? (\d+) %", line):
            kept = keep_probability(debtor, agreement, negotiation.agreement_evasive)
            wrong("probabilidad de cumplir", line, _near(int(match[1]), 100 * kept))
        if any(claim in line for claim in ("supera lo que puede pagar", "pasa de lo que el deudor tendrá",
                                           "pide más de lo que tendrá")):
            wrong("acuerdo contra el dinero", line, any(short))
        if match := re.search(r"quedarán " + _PESOS + " vencidos", line):
            left = _owed_at_end(account, agreement, dates) - sum(amounts)
            wrong("al corriente", line, not isinstance(agreement, Liquidacion) and left > 1.0
                  and _near(_number(match[1]), left))
        if "deja la cuenta al corriente" in line:
            wrong("al corriente", line, _owed_at_end(account, agreement, dates) - sum(amounts) <= 1.0)
        if match := re.search(r"quedaron " + _PESOS + " sobre la mesa", line):
            room = min(_owed_at_end(account, agreement, dates[:1]), money[0] * min(1.0, debtor.reservation))
            wrong("dinero sobre la mesa", line, isinstance(agreement, Abono)
                  and _near(_number(match[1]), room - amounts[0]))
    said = "\n".join(lines)
    if steps and not any(line.startswith("Cedió") for line in lines):
        found.append(("omite las concesiones", said))
    if raises and "Subió su exigencia" not in said:
        found.append(("omite que subió la exigencia", said))
    if agreement is not None:
        if not any(claim in said for claim in ("al corriente", "seguirá atrasada", "cierra todo el saldo")):
            found.append(("omite si queda al corriente", said))
        first = _dates(agreement, account)[0]
        if not debtor.near_payday(first) and "lejos de un día de cobro" not in said and "no cae" not in said:
            found.append(("omite la fecha lejos del día de cobro", said))
        if isinstance(agreement, Abono) and not negotiation.agreement_evasive:
            cash = _money(debtor, agreement, agreement.date)
            owed = _owed_at_end(account, agreement, [agreement.date])
            room = min(owed, cash * min(1.0, debtor.reservation))
            if agreement.amount_mxn < LEFT_ON_TABLE * room and "sobre la mesa" not in said:
                found.append(("omite el dinero sobre la mesa", said))
    return found + _ladder_contradictions(negotiation, lines)


def sweep(seeds, count: int, random_runs: int) -> tuple[int, Counter, list]:
    """Contradictions by kind over every call of :func:`played`, with a few examples."""
    calls, kinds, examples = 0, Counter(), []
    for seed, debtor, negotiation in played(seeds, count, random_runs):
        calls += 1
        for kind, line in contradictions(negotiation):
            kinds[kind] += 1
            if len(examples) < 5:
                examples.append((seed, debtor.index, kind, line))
    return calls, kinds, examples


def test_no_debrief_statement_contradicts_the_call():
    calls, kinds, examples = sweep((1, 2), 300, 4)
    assert calls == 2 * 300 * (len(REFERENCE_POLICIES) + 4)
    assert not kinds, f"{sum(kinds.values())} contradicciones en {calls} llamadas: {dict(kinds)}; {examples}"


@pytest.mark.slow
def test_no_debrief_statement_contradicts_the_call_over_thousands_of_calls():
    calls, kinds, examples = sweep((3, 4, 5, 6), 500, 5)
    assert calls == 4 * 500 * (len(REFERENCE_POLICIES) + 5)
    assert not kinds, f"{sum(kinds.values())} contradicciones en {calls} llamadas: {dict(kinds)}; {examples}"
