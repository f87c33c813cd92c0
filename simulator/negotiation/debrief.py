"""What a student's sequence of offers did, said in Spanish after the call.

The debrief reads the finished negotiation (moves, the debtor's replies and,
now that the call is over, the debtor's hidden capacity) and names the habits
the course teaches: listen first, anchor a little high and concede slowly, do
not open with the maximum discount, close on a payday, never take an evasion as
a promise, never push a promise the debtor cannot keep.
"""

from __future__ import annotations

from simulator.negotiation.model import FAIR_PACE, OUTRAGE, ReplyKind, burden, keep_probability
from simulator.negotiation.offers import Abono, Escuchar, Liquidacion, Plan, payments
from simulator.negotiation.session import Negotiation, NegotiationEnding
from simulator.negotiation.texts import describe

__all__ = ["LOW_KEEP", "debrief_lines"]

#: Below this probability of being kept, an agreement counts as pushed too far.
LOW_KEEP = 0.5


def debrief_lines(negotiation: Negotiation) -> list[str]:
    """Spanish sentences, most important first, about how the call was handled."""
    debtor = negotiation.debtor
    moves = [turn.offer for turn in negotiation.history]
    offers = [turn.offer for turn in negotiation.history   # refused offers never reached the debtor
              if isinstance(turn.offer, Abono | Liquidacion | Plan)
              and turn.reply.kind != ReplyKind.SUPERVISOR]
    lines = []
    if moves and isinstance(moves[0], Escuchar):
        lines.append("Dejó hablar primero al deudor: supo cuánto decía poder pagar antes de proponer.")
    elif offers:
        lines.append("Propuso antes de escuchar: una pregunta abierta al inicio le habría dado la cifra "
                     "del deudor y su buena disposición.")
    if negotiation.violations:
        lines.append(f"El supervisor rechazó {negotiation.violations} oferta(s) fuera de la política: "
                     "cada una es una falta de cumplimiento. Revise los límites antes de ofrecer.")
    if offers:
        lines.extend(_anchor_and_pace(negotiation, offers))
    agreement = negotiation.agreement
    if agreement is not None:
        lines.extend(_agreement(negotiation, agreement))
    elif negotiation.ending == NegotiationEnding.COLGO:
        lines.append("El deudor colgó: las ofertas muy por encima de lo que puede pagar, o subir la "
                     "exigencia, agotan su paciencia.")
    else:
        lines.append("La llamada terminó sin acuerdo: un abono pequeño pero concreto vale más que nada.")
    lines.append(f"Lo que no se veía: podía pagar unos ${debtor.capacity_mxn:,.0f} en su día de pago "
                 f"(persona: {debtor.persona.replace('_', ' ')}).")
    return lines


def _anchor_and_pace(negotiation: Negotiation, offers: list) -> list[str]:
    debtor, limits = negotiation.debtor, negotiation.debtor.account.limits
    lines = []
    first = offers[0]
    if isinstance(first, Liquidacion) and first.discount_pct >= limits.max_discount_pct > 0:
        lines.append("Ofreció la quita máxima al inicio: el deudor la tomó como nuevo punto de partida y "
                     "ya no quedó margen para ceder.")
    first_burden = burden(debtor, first)
    if first_burden >= OUTRAGE * debtor.reservation:
        lines.append("Su primera oferta estuvo tan lejos de lo posible que el deudor la sintió injusta: un "
                     "ancla sirve si es un poco mayor que la meta, no si es inalcanzable.")
    asks = [sum(amount for _, amount in payments(offer, debtor.account.balance_mxn)) for offer in offers]
    if len(asks) > 1 and asks[0] > 0:
        pace = (asks[0] - asks[-1]) / asks[0] / (len(asks) - 1)
        if pace > FAIR_PACE:
            lines.append(f"Cedió rápido (un {100 * pace:.0f} % por oferta): el deudor lo leyó como señal "
                         "de que había más margen y pidió más.")
        elif any(later > earlier for earlier, later in zip(asks, asks[1:], strict=False)):
            lines.append("Subió su exigencia a mitad de la llamada: eso resta confianza.")
        else:
            lines.append("Cedió poco a poco, como se recomienda: cada concesión tuvo un motivo.")
    return lines


def _agreement(negotiation: Negotiation, agreement) -> list[str]:
    debtor = negotiation.debtor
    lines = [f"Acuerdo: {describe(agreement, debtor.account.balance_mxn)}."]
    if negotiation.agreement_evasive:
        lines.append("Aceptó una evasiva como promesa: sin monto y fecha firmes casi nunca se cumple.")
    dates = [date for date, _ in payments(agreement, debtor.account.balance_mxn)]
    if not debtor.near_payday(dates[0]):
        lines.append("El primer pago no cae en su día de ingreso: ese día tendrá menos dinero.")
    kept = keep_probability(debtor, agreement, negotiation.agreement_evasive)
    if kept < LOW_KEEP:
        lines.append(f"El acuerdo supera lo que puede pagar: solo se cumpliría con probabilidad "
                     f"{100 * kept:.0f} %. Una promesa menor que se cumple vale más.")
    else:
        lines.append(f"Es un acuerdo cumplible: probabilidad de cumplirse {100 * kept:.0f} %.")
    return lines
