"""What the collector and the debtor say, in neutral Latin-American Spanish.

The engine decides; these functions only put the decision into words, so the
wording can be improved without touching the model. Amounts and dates are
written as the role-play writes them (``$1,700.00``, ``sábado 14 de marzo de 2026``).
"""

from __future__ import annotations

from decimal import Decimal

from simulator.negotiation.model import ReplyKind
from simulator.negotiation.offers import Abono, Aceptar, Escuchar, Liquidacion, Offer, Plan, Terminar
from simulator.spanish_input import format_amount, format_date

__all__ = ["collector_line", "debtor_line", "describe"]

_ANGRY = {"enojado", "resistente"}
_EVASIVE = {"evasivo"}


def _money(value: float) -> str:
    return format_amount(Decimal(str(round(value, 2))))


def describe(offer: Offer, balance_mxn: float) -> str:
    """An offer in words, e.g. ``un abono de $1,700.00 el sábado 14 de marzo de 2026``."""
    if isinstance(offer, Abono):
        return f"un abono de {_money(offer.amount_mxn)} el {format_date(offer.date)}"
    if isinstance(offer, Liquidacion):
        amount = balance_mxn * (1.0 - offer.discount_pct / 100.0)
        return (f"liquidar con {offer.discount_pct:g} % de descuento: {_money(amount)} "
                f"el {format_date(offer.date)}")
    if isinstance(offer, Plan):
        return (f"un plan de {offer.instalments} pago(s) de {_money(offer.amount_mxn)}, el primero el "
                f"{format_date(offer.first_date)} y luego cada {offer.every_days} días")
    return type(offer).__name__


def collector_line(offer: Offer, balance_mxn: float) -> str:
    """The collector's words for a move."""
    if isinstance(offer, Escuchar):
        return "Cuénteme, ¿cómo está su situación y qué puede hacer para ponerse al corriente?"
    if isinstance(offer, Aceptar):
        return "De acuerdo, tomo su propuesta."
    if isinstance(offer, Terminar):
        return "Gracias por su tiempo; quedo pendiente de su llamada."
    return f"Le propongo {describe(offer, balance_mxn)}."


def debtor_line(kind: ReplyKind, persona: str, counter: Offer | None, balance_mxn: float,
                evasive: bool = False, opening: bool = False) -> str:
    """The debtor's answer: ``acepta``, ``contraoferta``, ``rechaza`` or ``cuelga``."""
    if kind == ReplyKind.ACEPTA:
        return "Está bien, así lo hacemos." if persona not in _ANGRY else "Ya, está bien. Así quedamos."
    if kind == ReplyKind.CUELGA:
        if persona in _ANGRY:
            return "¡Ya le dije que no puedo! No me vuelva a llamar. (cuelga)"
        return "Mire, ahorita no puedo seguir hablando. (cuelga)"
    if kind == ReplyKind.RECHAZA or counter is None:
        return "Ahorita no tengo nada, de verdad. No le puedo prometer nada."
    if evasive:
        return (f"Sí, sí... la próxima semana le deposito algo, unos {_money(counter.amount_mxn)}, "
                "cuando pueda.")
    proposal = describe(counter, balance_mxn)
    if opening:
        return f"La verdad ando corto. Lo que sí puedo es {proposal}."
    if persona in _EVASIVE:
        return f"Eso está muy difícil... Déjeme ver... podría ser {proposal}."
    if persona in _ANGRY:
        return f"No, eso no. Lo más que le doy es {proposal}."
    return f"Eso no me alcanza. Lo que sí podría es {proposal}."
