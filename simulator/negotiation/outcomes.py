"""What a contact with a portfolio debtor ends in, and what the debtor commits to.

The portfolio's own short conversation (``simulator.engine.conversation``) and a
named policy talking with the same debtor (:mod:`simulator.negotiation.portfolio_calls`)
answer in one vocabulary, so the contact log and the promise log read the same
whichever of the two ran. They live here, below the engine, because both write them.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ContactOutcome", "PromiseKind"]


class PromiseKind(StrEnum):
    """A dated commitment booked on the account (``kind`` of the promise log)."""

    PROMESA = "promesa"  # one payment of an amount the debtor chose or agreed to
    QUITA = "quita"  # a settlement: paid in full, the rest of the balance is forgiven
    PLAN = "plan"  # one instalment of a plan; a broken one cancels the rest


class ContactOutcome(StrEnum):
    """How an executed contact ended (``outcome`` of the contact log; empty when nobody spoke)."""

    PROMESA = "promesa"
    PROMESA_PARCIAL = "promesa_parcial"  # less than asked, what the debtor can pay
    PROMESA_EVASIVA = "promesa_evasiva"  # a vague promise a policy took as one
    QUITA = "quita"
    PLAN = "plan"
    NEGATIVA = "negativa"
    SIN_ADEUDO = "sin_adeudo"  # nothing due worth asking for
    QUEJA = "queja"
    DISPUTA = "disputa"
    TERCEROS = "terceros"  # a message left with a third party, on purpose
    CONTESTO_TERCERO = "contesto_tercero"  # a call answered by someone else
