"""The learner's offers judged against the ladder for the account, said after the call.

Three judgements, each from the facts of the call (:func:`ladder_facts`): the
opening against what brings the account current on its date; each step between
two offers against the ladder's rungs (rungs skipped, concessions made when the
debtor had proposed nothing new); and the agreement against the rungs and
against a proposal of at least the minimum that leaves the account current
(:func:`~simulator.negotiation.convenio.standing`), or, without an agreement, the
rungs never offered.
``tests/test_negotiation_debrief.py`` checks every sentence against the call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulator.negotiation.convenio import ask_change, convenio, owed_by, standing
from simulator.negotiation.ladder import RUNG_NAMES, ladder, rung
from simulator.negotiation.model import ReplyKind
from simulator.negotiation.offers import Abono, Liquidacion, Plan, payments, resolve_dates
from simulator.negotiation.session import Negotiation
from simulator.negotiation.texts import describe, pesos, times

__all__ = ["LadderFacts", "LadderStep", "ladder_facts", "ladder_lines", "ladder_score"]

_PESO = 1.0  # amounts are said in round pesos

Ask = Abono | Liquidacion | Plan


@dataclass(frozen=True)
class LadderStep:
    """Two offers the debtor heard one after the other, against the ladder."""

    before: Ask
    after: Ask
    skipped: tuple[Ask, ...]  # ladder rungs strictly between the two offers' rungs
    concession: bool  # a later rung, or the same rung asking less beyond what falls due in its term
    news: bool  # after hearing ``before`` the debtor proposed something it had not proposed yet
    proposal_mxn: float | None  # first payment of the debtor's last concrete proposal before ``after``
    said_less: bool  # that proposal asked less than every skipped rung's first payment


@dataclass(frozen=True)
class LadderFacts:
    """What the ladder judgement may state about one finished call."""

    rungs: tuple[Ask, ...]
    opening: Ask | None
    opening_date: dt.date | None
    opening_mxn: float
    opening_due_mxn: float  # what brings the account current on the opening's first payment date
    steps: tuple[LadderStep, ...]
    agreed: bool
    agreement_is_rung: bool
    agreement_current: bool
    agreement_minimum: bool
    untried: tuple[Ask, ...]  # rungs never offered, nor passed over because the debtor had proposed less


def ladder_facts(negotiation: Negotiation) -> LadderFacts:
    """The ladder for the call's account and the learner's heard offers against it."""
    account = negotiation.debtor.account
    days = account.business_days
    rungs = tuple(resolve_dates(step, account.today, days) for step in ladder(negotiation.state))
    heard = [(index, turn.offer) for index, turn in enumerate(negotiation.history)
             if isinstance(turn.offer, Abono | Liquidacion | Plan)
             and turn.reply.kind != ReplyKind.SUPERVISOR]
    steps = tuple(_step(negotiation, rungs, first, second)
                  for first, second in zip(heard, heard[1:], strict=False))
    opening, date, amount, due = None, None, 0.0, 0.0
    if heard:
        opening = heard[0][1]
        date, amount = payments(opening, account.balance_mxn, days)[0]
        due = owed_by(account, date)
    agreement = negotiation.agreement
    is_rung = current = minimum = False
    if agreement is not None:
        is_rung = _is_rung(agreement, rungs, negotiation)
        current = standing(account, agreement, days).current
        first = payments(agreement, account.balance_mxn, days)[0][1]
        minimum = first >= account.limits.min_first_payment_mxn
    passed = {rung(skipped) for step in steps if step.said_less for skipped in step.skipped}
    untried = tuple(step for step in rungs if rung(step) not in passed
                    and all(rung(offer) != rung(step) for _, offer in heard))
    return LadderFacts(rungs, opening, date, amount, due, steps, agreement is not None, is_rung, current,
                       minimum, untried)


def _step(negotiation: Negotiation, rungs: tuple[Ask, ...], first: tuple[int, Ask],
          second: tuple[int, Ask]) -> LadderStep:
    (start, before), (end, after) = first, second
    history, account = negotiation.history, negotiation.debtor.account
    skipped = tuple(step for step in rungs if rung(before) < rung(step) < rung(after))
    concession = rung(after) > rung(before) or (
        rung(after) == rung(before) and ask_change(account, before, after, account.business_days) < 0)
    known = {turn.reply.counter for turn in history[:start] if turn.reply.counter is not None}
    news = any(turn.reply.counter is not None and not turn.reply.evasive and turn.reply.counter not in known
               for turn in history[start:end])
    said = [turn.reply.counter for turn in history[:end]
            if turn.reply.counter is not None and not turn.reply.evasive]
    proposal = (payments(said[-1], account.balance_mxn, account.business_days)[0][1]
                if said and isinstance(said[-1], Abono | Liquidacion | Plan) else None)
    said_less = bool(skipped) and proposal is not None and all(
        proposal < payments(step, account.balance_mxn, account.business_days)[0][1] for step in skipped)
    return LadderStep(before, after, skipped, concession, news, proposal, said_less)


def _is_rung(agreement: Ask, rungs: tuple[Ask, ...], negotiation: Negotiation) -> bool:
    """The agreement is one of the ladder's rungs: the payment that brings the account current on
    its date, a convenio of one of the ladder's lengths on its own dates, or a settlement within the
    discount the ladder offers."""
    account = negotiation.debtor.account
    if isinstance(agreement, Liquidacion):
        return any(isinstance(step, Liquidacion) and agreement.discount_pct <= step.discount_pct + 1e-9
                   for step in rungs)
    if rung(agreement) == 0:
        date, amount = payments(agreement, account.balance_mxn, account.business_days)[0]
        return abs(amount - owed_by(account, date)) <= _PESO
    assert isinstance(agreement, Plan)
    due = convenio(account, agreement.instalments, agreement.first_date, agreement.every_days,
                   account.business_days)
    return (any(isinstance(step, Plan) and step.instalments == agreement.instalments for step in rungs)
            and abs(agreement.amount_mxn - due.amount_mxn) <= _PESO)


def ladder_score(facts: LadderFacts) -> float | None:
    """«Seguimiento de la escalera», 0-100: the share of the judgements that apply to the call
    which the debrief says were met (the opening asked what brings the account current, no rung
    skipped without the debtor having proposed less, no concession with nothing new from the
    debtor, an agreement that is a rung or a current-leaving one of at least the minimum, and
    without one, no rung left unoffered); None when none applies (no offer heard and no agreement)."""
    met: list[bool] = []
    if facts.opening is not None:
        met.append(rung(facts.opening) == 0 and abs(facts.opening_mxn - facts.opening_due_mxn) <= _PESO)
    if facts.steps:
        met.append(not any(step.skipped and not step.said_less for step in facts.steps))
    if any(step.concession for step in facts.steps):
        met.append(all(step.news for step in facts.steps if step.concession))
    if facts.agreed:
        met.append(facts.agreement_is_rung or (facts.agreement_current and facts.agreement_minimum))
    elif facts.opening is not None:
        met.append(not facts.untried)
    return 100.0 * sum(met) / len(met) if met else None


def ladder_lines(negotiation: Negotiation) -> list[str]:
    """Spanish sentences on the opening, the steps and the close against the ladder, each true of the call."""
    facts = ladder_facts(negotiation)
    balance = negotiation.debtor.account.balance_mxn
    lines = []
    if facts.opening is not None:
        lines.append(_opening(facts, balance))
    lines += _steps(facts, balance)
    if negotiation.agreement is not None:
        lines.append(_close(facts, negotiation.debtor.account.limits.min_first_payment_mxn, balance))
    elif facts.opening is not None and facts.untried:
        lines.append(f"La llamada terminó sin acuerdo y {_left(facts.untried, balance)}.")
    return lines


def _opening(facts: LadderFacts, balance_mxn: float) -> str:
    assert facts.opening is not None and facts.opening_date is not None
    amount, due, day = facts.opening_mxn, facts.opening_due_mxn, f"{facts.opening_date:%d/%m}"
    level = rung(facts.opening)
    if level > 0:
        skipped = [step for step in facts.rungs if rung(step) < level]
        jumped = times(len(skipped), "escalón", "escalones")
        return (f"Abrió con {RUNG_NAMES[level]} y se saltó {jumped} de la escalera: antes venía "
                f"{_listed(skipped, balance_mxn)}. El primer escalón es pedir lo que pone la cuenta al "
                "corriente.")
    if abs(amount - due) <= _PESO:
        return (f"Abrió con lo que pone la cuenta al corriente el {day} ({pesos(due)}): el primer escalón "
                "de la escalera.")
    if amount < due:
        return (f"Abrió pidiendo {pesos(amount)}, {pesos(due - amount)} menos de lo que pone la cuenta al "
                f"corriente el {day} ({pesos(due)}): aunque lo pagara, la cuenta seguiría con "
                f"{pesos(due - amount)} vencidos. El primer escalón es pedir lo que la pone al corriente.")
    return (f"Abrió pidiendo {pesos(amount)}, más de lo que se debe al {day} ({pesos(due)}: lo vencido más "
            "las cuotas que vencen para entonces). El primer escalón es lo que pone la cuenta al corriente, "
            "no más.")


def _steps(facts: LadderFacts, balance_mxn: float) -> list[str]:
    lines = []
    jumps = [step for step in facts.steps if step.skipped and not step.said_less]
    if jumps:
        said = "; ".join(f"de {RUNG_NAMES[rung(step.before)]} pasó directo a {RUNG_NAMES[rung(step.after)]} "
                         f"sin ofrecer {_listed(step.skipped, balance_mxn)}" for step in jumps)
        lines.append(f"Se saltó escalones {times(len(jumps), 'vez', 'veces')}: {said}. Baje un escalón a la "
                     "vez: cada uno es una salida que el deudor todavía puede tomar.")
    for step in facts.steps:
        if step.said_less:
            assert step.proposal_mxn is not None
            lines.append(f"Pasó directo a {RUNG_NAMES[rung(step.after)]} sin ofrecer "
                         f"{_listed(step.skipped, balance_mxn)}, porque el deudor ya había propuesto "
                         f"menos ({pesos(step.proposal_mxn)}): saltar un escalón que no alcanza ahorra una "
                         "negativa.")
    if not any(step.skipped for step in facts.steps) and any(
            rung(step.after) > rung(step.before) for step in facts.steps):
        lines.append("Después de abrir, bajó por la escalera sin saltarse escalones.")
    concessions = [step for step in facts.steps if step.concession]
    quiet = sum(not step.news for step in concessions)
    if quiet:
        lines.append(f"Hizo {times(quiet, 'concesión', 'concesiones')} sin que el deudor hubiera propuesto "
                     "nada nuevo (solo dijo que no o repitió lo que ya había ofrecido): antes de ceder, "
                     "pregúntele cuánto puede pagar y cuándo.")
    elif concessions:
        lines.append("Cada concesión llegó después de una propuesta nueva del deudor.")
    return lines


def _close(facts: LadderFacts, minimum_mxn: float, balance_mxn: float) -> str:
    if facts.agreement_is_rung:
        return "El acuerdo es un escalón de la escalera."
    if facts.agreement_current and facts.agreement_minimum:
        return ("El acuerdo no es un escalón de la escalera, pero paga al menos el mínimo y, si se cumple, "
                "deja la cuenta al corriente: un buen cierre.")
    why = (" su primer pago no llega al mínimo de " + pesos(minimum_mxn) if not facts.agreement_minimum
             else ", aunque se cumpla, la cuenta seguiría atrasada")
    if facts.untried:
        return f"El acuerdo no es un escalón de la escalera y{why}; {_left(facts.untried, balance_mxn)}."
    return (f"El acuerdo no es un escalón de la escalera y{why}; como ya había recorrido la "
            "escalera, tomarlo fue mejor que quedarse sin nada.")


def _left(untried: tuple[Ask, ...], balance_mxn: float) -> str:
    """``quedaban 2 escalones sin ofrecer: …``."""
    left = "quedaba" if len(untried) == 1 else "quedaban"
    count = times(len(untried), "escalón", "escalones")
    return f"{left} {count} sin ofrecer: {_listed(untried, balance_mxn)}"


def _listed(steps, balance_mxn: float) -> str:
    return "; ".join(describe(step, balance_mxn) for step in steps)
