"""What a student's sequence of offers did, said in Spanish after the call.

Every sentence is derived from the facts of the finished call (:func:`call_facts`):
the moves and the debtor's replies, and, now that the call is over, the debtor's
hidden money and limits. It says whether the student listened first, which
concessions it actually made and how big (on what each offer asks beyond the
regular instalments that fall due in its term, :func:`~.convenio.beyond_due`,
so that a convenio of the overdue is not read as asking more than paying the
overdue now), each offer against the money the
debtor had on its payment date, the agreement against what the debtor could
have paid (the money left on the table) and whether, kept, it leaves the account
current, the dates against the debtor's
paydays, who ended the call and why, and the offers against the ladder taught in the course
(:mod:`.ladder_review`). A sentence whose fact does not hold is
never said: ``tests/test_negotiation_debrief.py`` checks that over thousands of calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from simulator.negotiation.convenio import ask_change, asks_only_what_is_due, owed_by, standing
from simulator.negotiation.debtor import Debtor
from simulator.negotiation.ladder_review import ladder_lines
from simulator.negotiation.model import (
    ReplyKind,
    availability,
    burden,
    keep_probability,
)
from simulator.negotiation.offers import (
    Abono,
    Aceptar,
    Escuchar,
    Liquidacion,
    Plan,
    payments,
    total_mxn,
)
from simulator.negotiation.session import Negotiation, NegotiationEnding
from simulator.negotiation.texts import describe, pesos, times

__all__ = ["LEFT_ON_TABLE", "LOW_KEEP", "CallFacts", "HeardOffer", "call_facts", "debrief_lines"]

#: Below this probability of being kept, an agreement counts as pushed too far.
LOW_KEEP = 0.5
#: An abono below this share of the most the debtor would have given that day left money on the table.
LEFT_ON_TABLE = 0.8


@dataclass(frozen=True)
class HeardOffer:
    """An offer the debtor heard: what it asked in all, its first payment and the money at hand that day."""

    offer: Abono | Liquidacion | Plan
    total_mxn: float
    first_mxn: float
    money_mxn: float
    near_payday: bool


@dataclass(frozen=True)
class CallFacts:
    """The facts a debrief may state about one finished call."""

    listened_first: bool
    heard: tuple[HeardOffer, ...]
    concessions: tuple[float, ...]  # each a lower ask beyond what falls due, as a share of the offer before
    raises: int  # offers that asked more beyond what falls due than the one before
    raises_to_settle: int  # of those, moves from a payment or a plan to settling the balance
    refused_by_supervisor: int
    ending: NegotiationEnding
    rounds: int
    took_counter: bool  # the agreement is the debtor's proposal, taken with Aceptar
    out_of_patience: bool
    felt_unfair: bool
    fair_pace: float  # the concession per offer this debtor reads as normal haggling


def call_facts(negotiation: Negotiation) -> CallFacts:
    """The facts of a finished call, read from its moves, replies and the debtor's hidden state."""
    debtor = negotiation.debtor
    heard = tuple(_heard(debtor, turn.offer) for turn in negotiation.history
                  if isinstance(turn.offer, Abono | Liquidacion | Plan)
                  and turn.reply.kind != ReplyKind.SUPERVISOR)  # refused offers never reached the debtor
    account = debtor.account
    steps = [(before, after, ask_change(account, before.offer, after.offer, account.business_days))
             for before, after in zip(heard, heard[1:], strict=False)]
    raised = [(before, after) for before, after, change in steps if change > 0]
    moves = [turn.offer for turn in negotiation.history]
    return CallFacts(
        listened_first=bool(moves) and isinstance(moves[0], Escuchar),
        heard=heard,
        concessions=tuple(-change / before.total_mxn for before, _, change in steps if change < 0),
        raises=len(raised),
        raises_to_settle=sum(isinstance(after.offer, Liquidacion)
                             and not isinstance(before.offer, Liquidacion) for before, after in raised),
        refused_by_supervisor=negotiation.violations,
        ending=negotiation.ending or NegotiationEnding.SIN_TIEMPO,
        rounds=negotiation.rounds,
        took_counter=negotiation.agreement is not None and isinstance(moves[-1], Aceptar),
        out_of_patience=negotiation.mind.patience <= 0.0,
        felt_unfair=negotiation.mind.fairness < debtor.model.hang_up_fairness,
        fair_pace=debtor.model.fair_pace,
    )


def _heard(debtor: Debtor, offer: Abono | Liquidacion | Plan) -> HeardOffer:
    account = debtor.account
    date, amount = payments(offer, account.balance_mxn, account.business_days)[0]
    return HeardOffer(offer, total_mxn(offer, account.balance_mxn), amount,
                      availability(debtor, offer, date), debtor.near_payday(date))


def debrief_lines(negotiation: Negotiation) -> list[str]:
    """Spanish sentences, most important first, each one true of this call."""
    facts = call_facts(negotiation)
    lines = _listening(negotiation, facts)
    if facts.refused_by_supervisor:
        refused = times(facts.refused_by_supervisor, "oferta", "ofertas")
        lines.append(f"El supervisor rechazó {refused} fuera de la política: cada una es una falta de "
                     "cumplimiento. Revise los límites antes de ofrecer.")
    if facts.heard:
        lines += _offers(negotiation.debtor, facts)
    if negotiation.agreement is not None:
        lines += _agreement(negotiation, facts)
    else:
        lines.append(_no_agreement(negotiation, facts))
    lines += ladder_lines(negotiation)
    debtor = negotiation.debtor
    lines.append(f"Lo que no se veía: en su día de cobro tenía unos {pesos(debtor.capacity_mxn)} y lejos de "
                 f"él unos {pesos(debtor.available(_far_from_payday(debtor)))} "
                 f"(persona: {debtor.persona.replace('_', ' ')}).")
    return lines


def _listening(negotiation: Negotiation, facts: CallFacts) -> list[str]:
    if facts.listened_first:
        reply = negotiation.history[0].reply
        if reply.counter is None:
            return ["Dejó hablar primero al deudor, pero no ofreció nada concreto."]
        what = describe(reply.counter, negotiation.debtor.account.balance_mxn)
        return [f"Dejó hablar primero al deudor: antes de proponer supo que ofrecía {what}"
                + (", una evasiva." if reply.evasive else ".")]
    if negotiation.history and isinstance(negotiation.history[0].offer, Abono | Liquidacion | Plan):
        return ["Propuso antes de escuchar: una pregunta abierta al inicio le habría dado la cifra del "
                "deudor y su buena disposición."]
    return []


def _offers(debtor: Debtor, facts: CallFacts) -> list[str]:
    limits, first, count = debtor.account.limits, facts.heard[0], len(facts.heard)
    lines = []
    if isinstance(first.offer, Liquidacion) and first.offer.discount_pct >= limits.max_discount_pct > 0:
        lines.append("Ofreció la quita máxima al inicio: el deudor la tomó como nuevo punto de partida y ya "
                     "no quedó margen para ceder.")
    if burden(debtor, first.offer) >= debtor.model.outrage * debtor.reservation:
        asked = (f"Su primera oferta pedía {pesos(first.first_mxn)}, "
                 f"{_share(first.first_mxn, first.money_mxn)} el deudor tenía ese día")
        if asks_only_what_is_due(debtor.account, first.offer, debtor.account.business_days):
            lines.append(f"{asked}. Pedir lo que se debe es legítimo, pero tan lejos de su dinero no movió "
                         "lo que estaba dispuesto a dar: baje pronto al convenio que sí puede cumplir.")
        else:
            lines.append(f"{asked}: mucho más de lo que estaba dispuesto a dar, y la sintió injusta. Un "
                         "ancla sirve si es un poco mayor que la meta, no si es inalcanzable.")
    if count > 1:
        lines += _concessions(facts)
    above = [item for item in facts.heard if item.first_mxn > item.money_mxn]
    if above:
        worst = max(above, key=lambda item: item.first_mxn / item.money_mxn)
        lines.append(f"{_of(len(above), count)} pidió más de lo que el deudor tenía el día del pago; la más "
                     f"alta, {pesos(worst.first_mxn)} cuando tenía {pesos(worst.money_mxn)}.")
    else:
        lines.append(f"{_of(count, count)} pidió un monto que cabía en lo que el deudor tenía el día del "
                     "pago.")
    off = sum(not item.near_payday for item in facts.heard)
    if off:
        lines.append(f"{_of(off, count)} puso el primer pago lejos de un día de cobro del deudor, cuando "
                     "tiene menos dinero.")
    return lines


def _concessions(facts: CallFacts) -> list[str]:
    """Concessions and raises on what each offer asks beyond the regular instalments of its term:
    a convenio of the overdue asks as much as paying it now, only later."""
    lines = []
    beyond = "además de las cuotas que vencen mientras tanto"
    if facts.concessions:
        mean = sum(facts.concessions) / len(facts.concessions)
        pace = ("pasos grandes, que el deudor lee como señal de que hay más margen" if mean > facts.fair_pace
                else "pasos pequeños, que invitan al deudor a moverse también")
        count = times(len(facts.concessions), "vez", "veces")
        lines.append(f"Cedió {count} en el monto (lo que pedía {beyond}), en promedio el {100 * mean:.0f} % "
                     f"de su oferta anterior: {pace}.")
    elif not facts.raises:
        longer = any(isinstance(item.offer, Plan) and item.offer.instalments > 1 for item in facts.heard)
        lines.append(f"No cedió en el monto: en sus {len(facts.heard)} ofertas pidió lo mismo {beyond}"
                     + (" (lo que cambió fue el plazo: un convenio cobra lo mismo en más pagos)." if longer
                        else "."))
    if facts.raises:
        settle = (f" ({times(facts.raises_to_settle, 'vez', 'veces')} al pasar a liquidar todo el saldo, "
                  "aunque con quita)" if facts.raises_to_settle else "")
        lines.append(f"Subió su exigencia {times(facts.raises, 'vez', 'veces')} a mitad de la llamada: pidió "
                     f"más que en la oferta anterior {beyond}{settle}, y eso resta confianza.")
    return lines


def _agreement(negotiation: Negotiation, facts: CallFacts) -> list[str]:
    debtor, agreement = negotiation.debtor, negotiation.agreement
    assert agreement is not None
    who = "Usted aceptó la propuesta del deudor" if facts.took_counter else "El deudor aceptó su oferta"
    lines = [f"Acuerdo: {describe(agreement, debtor.account.balance_mxn)}. {who}."]
    if negotiation.agreement_evasive:
        lines.append("Aceptó una evasiva como promesa: sin monto y fecha firmes casi nunca se cumple.")
    schedule = payments(agreement, debtor.account.balance_mxn, debtor.account.business_days)
    off = sum(not debtor.near_payday(date) for date, _ in schedule)
    if isinstance(agreement, Plan) and len(schedule) > 1 and off:
        lines.append(f"{off} de los {len(schedule)} pagos del plan caen lejos de un día de cobro: esos días "
                     "tendrá menos dinero.")
    elif off:
        lines.append("El pago no cae cerca de su día de cobro: ese día tendrá menos dinero.")
    short = [(date, amount, availability(debtor, agreement, date)) for date, amount in schedule
             if amount > availability(debtor, agreement, date)]
    lines.append(_against_money(negotiation, schedule, short))
    lines.append(_standing_line(debtor, agreement))
    kept = keep_probability(debtor, agreement, negotiation.agreement_evasive)
    if kept >= LOW_KEEP:
        lines.append(f"Es un acuerdo cumplible: probabilidad de cumplirse {100 * kept:.0f} %.")
    elif short:
        lines.append(f"Solo se cumpliría con probabilidad {100 * kept:.0f} %: pide más de lo que tendrá. Una "
                     "promesa menor que se cumple vale más.")
    elif negotiation.agreement_evasive:
        lines.append(f"Solo se cumpliría con probabilidad {100 * kept:.0f} %, por ser una evasiva.")
    else:
        lines.append(f"Solo se cumpliría con probabilidad {100 * kept:.0f} %: aunque el monto cabe en su "
                     "dinero, este deudor suele no cumplir.")
    return lines


def _standing_line(debtor: Debtor, agreement: Abono | Liquidacion | Plan) -> str:
    """Whether the agreement, kept, leaves the account current: the regular instalments keep falling due."""
    account = debtor.account
    left = standing(account, agreement, account.business_days)
    if isinstance(agreement, Liquidacion):
        return "Si se cumple, cierra todo el saldo."
    if left.current:
        return "Si se cumple, deja la cuenta al corriente al último pago."
    return (f"Aunque se cumpla, la cuenta seguirá atrasada: al último pago quedarán "
            f"{pesos(left.overdue_left_mxn)} vencidos, porque mientras tanto vencen cuotas nuevas. Un "
            "convenio cobra en cada pago la cuota normal más una parte de lo vencido.")


def _against_money(negotiation: Negotiation, schedule, short) -> str:
    """The agreement against the money the debtor had: over it, or what was left on the table (up to
    what brings the account current on the abono's date, regular instalments fallen due included)."""
    debtor, agreement = negotiation.debtor, negotiation.agreement
    if short:
        date, amount, money = short[0]
        many = f" ({len(short)} de sus {len(schedule)} pagos)" if len(schedule) > 1 else ""
        return (f"Lo acordado pasa de lo que el deudor tendrá{many}: {pesos(amount)} el "
                f"{date:%d/%m} cuando tendrá {pesos(money)}.")
    if isinstance(agreement, Liquidacion):
        forgiven = debtor.account.balance_mxn - schedule[0][1]
        return (f"Cabe en lo que el deudor puede juntar; la quita perdona {pesos(forgiven)} del saldo."
                if forgiven > 0 else "Cabe en lo que el deudor puede juntar, sin quita.")
    if isinstance(agreement, Abono):
        date, amount = schedule[0]
        money = availability(debtor, agreement, date)
        room = min(owed_by(debtor.account, date), money * min(1.0, debtor.reservation))
        if amount < LEFT_ON_TABLE * room:
            return (f"Ese día el deudor tenía {pesos(money)} y habría llegado a dar hasta {pesos(room)} "
                    f"(sin pasar de lo que pone la cuenta al corriente ese día); acordó {pesos(amount)}: "
                    f"quedaron {pesos(room - amount)} sobre la mesa.")
        return (f"Lo acordado está cerca de lo más que el deudor habría llegado a dar ese día "
                f"({pesos(room)}, sin pasar de lo que pone la cuenta al corriente ese día).")
    return "Cada pago del plan cabe en lo que el deudor tendrá ese día."


def _no_agreement(negotiation: Negotiation, facts: CallFacts) -> str:
    if facts.ending == NegotiationEnding.COLGO:
        refused = sum(turn.reply.kind in (ReplyKind.CONTRAOFERTA, ReplyKind.RECHAZA, ReplyKind.CUELGA)
                      for turn in negotiation.history if isinstance(turn.offer, Abono | Liquidacion | Plan))
        reasons = []
        if facts.felt_unfair:
            reasons.append("se sintió tratado injustamente")
        if facts.out_of_patience:
            offers = times(refused, "oferta", "ofertas")
            reasons.append(f"se le acabó la paciencia tras {offers} que no aceptó")
        return f"El deudor colgó en la ronda {facts.rounds}: {' y '.join(reasons)}."
    if facts.ending == NegotiationEnding.TERMINADA:
        return (f"Usted terminó la llamada sin acuerdo en la ronda {facts.rounds}: un abono pequeño pero "
                "concreto vale más que nada.")
    return f"Se acabó el tiempo: {facts.rounds} rondas sin acuerdo."


def _far_from_payday(debtor: Debtor) -> dt.date:
    """A date the debtor is not near a payday (the call's day when it is not)."""
    day = debtor.account.today
    while debtor.near_payday(day):
        day += dt.timedelta(days=1)
    return day



def _share(part: float, whole: float) -> str:
    return f"{part / whole:.1f} veces lo que" if part > whole else f"el {100 * part / whole:.0f} % de lo que"



def _of(part: int, whole: int) -> str:
    """``En su oferta`` / ``En 3 de sus 5 ofertas`` / ``En sus 5 ofertas``, to start a sentence."""
    if whole == 1:
        return "En su oferta"
    return f"En sus {whole} ofertas" if part == whole else f"En {part} de sus {whole} ofertas"
