"""One negotiation: the collector moves, the supervisor checks, the debtor answers.

A :class:`Negotiation` is pure Python and deterministic: everything random was
drawn with the debtor, so the same debtor meets every policy in the same way.
The collector sees :attr:`Negotiation.state`, never the hidden capacity or
reservation. An offer outside company policy never reaches the debtor: the
supervisor refuses it, the round is spent and a compliance violation is counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from simulator.negotiation.business_days import BusinessDays
from simulator.negotiation.convenio import asks_only_what_is_due
from simulator.negotiation.debtor import Debtor
from simulator.negotiation.limits import PolicyLimits
from simulator.negotiation.model import Mind, ReplyKind, burden, counter_offer
from simulator.negotiation.offers import (
    OFFER_TYPES,
    Abono,
    Aceptar,
    Escuchar,
    Liquidacion,
    NegotiationError,
    Offer,
    Plan,
    Terminar,
    resolve_dates,
)
from simulator.negotiation.texts import DebtorVoice, collector_line

__all__ = ["ENDINGS", "MAX_ROUNDS", "Negotiation", "NegotiationEnding", "NegotiationState", "Reply", "Turn"]

#: A call that reaches this many rounds without an agreement ends there.
MAX_ROUNDS = 8


class NegotiationEnding(StrEnum):
    """How a negotiation ended."""

    ACUERDO = "acuerdo"
    COLGO = "colgo"  # the debtor hung up
    TERMINADA = "terminada"  # the collector said goodbye
    SIN_TIEMPO = "sin_tiempo"  # ``max_rounds`` without an agreement


#: The label a learner reads for each ending.
ENDINGS = {NegotiationEnding.ACUERDO: "Acuerdo de pago", NegotiationEnding.COLGO: "El deudor colgó",
           NegotiationEnding.TERMINADA: "El gestor terminó",
           NegotiationEnding.SIN_TIEMPO: "Se acabó el tiempo de la llamada"}


@dataclass(frozen=True)
class Reply:
    """The answer to one move.

    Attributes:
        kind: who answered and how (see :class:`ReplyKind`).
        text: what was said, in Spanish.
        counter: the debtor's proposal, if it made one (accept it with ``Aceptar()``).
        evasive: the proposal is an evasion (a vague promise), not a commitment.
    """

    kind: ReplyKind
    text: str
    counter: Offer | None = None
    evasive: bool = False


@dataclass(frozen=True)
class Turn:
    """One round: the collector's move (dates resolved) and the answer."""

    round: int
    offer: Offer
    reply: Reply


@dataclass(frozen=True)
class NegotiationState:
    """What the collector knows when choosing its next move.

    ``paydays`` are the debtor's next paydays (today included if it is one);
    ``next_due`` is when the next regular instalment falls due (one every 30 days after
    it) and ``business_days`` the days a payment may fall due on, as a convenio needs them
    (:func:`~simulator.negotiation.convenio.convenio`); ``last_counter`` is the debtor's
    standing proposal, if any.
    """

    round: int
    max_rounds: int
    today: dt.date
    balance_mxn: float
    overdue_mxn: float
    instalment_mxn: float
    days_past_due: int
    next_due: dt.date
    bucket: str
    income_cycle: str
    paydays: tuple[dt.date, ...]
    business_days: BusinessDays
    limits: PolicyLimits
    history: tuple[Turn, ...]
    last_counter: Offer | None
    last_counter_evasive: bool
    last_reply: Reply | None


class Negotiation:
    """A negotiation with one simulated debtor; call :meth:`respond` until :attr:`finished`."""

    def __init__(self, debtor: Debtor, max_rounds: int = MAX_ROUNDS) -> None:
        self.debtor = debtor
        self.max_rounds = max_rounds
        self.mind = Mind(debtor)
        self.voice = DebtorVoice(debtor.persona, debtor.account)
        self.rounds = 0
        self.history: list[Turn] = []
        self.violations = 0
        self.ending: NegotiationEnding | None = None
        self.agreement: Abono | Liquidacion | Plan | None = None
        self.agreement_evasive = False
        self._counter: Offer | None = None
        self._counter_evasive = False
        self._spoke = False

    @property
    def finished(self) -> bool:
        """True once there is an agreement, a hang-up, a goodbye or no time left."""
        return self.ending is not None

    @property
    def state(self) -> NegotiationState:
        """The collector's view (never the debtor's hidden traits)."""
        account = self.debtor.account
        return NegotiationState(
            round=self.rounds, max_rounds=self.max_rounds, today=account.today,
            balance_mxn=account.balance_mxn, overdue_mxn=account.overdue_mxn,
            instalment_mxn=account.instalment_mxn, days_past_due=account.days_past_due,
            next_due=account.next_due, bucket=account.bucket, income_cycle=account.income_cycle,
            paydays=account.paydays, business_days=account.business_days, limits=account.limits,
            history=tuple(self.history), last_counter=self._counter,
            last_counter_evasive=self._counter_evasive,
            last_reply=self.history[-1].reply if self.history else None,
        )

    def respond(self, offer: Offer) -> Reply:
        """Play one move and return the answer.

        Raises:
            NegotiationError: the negotiation is over, or ``offer`` is not a move.
        """
        if self.finished:
            raise NegotiationError("la negociación ya terminó; no hay más rondas")
        if not isinstance(offer, OFFER_TYPES):
            raise NegotiationError(
                f"se esperaba una jugada (Escuchar, Abono, Liquidacion, Plan, Aceptar o Terminar); "
                f"se recibió {offer!r} ({type(offer).__name__})")
        account = self.debtor.account
        offer = resolve_dates(offer, account.today, account.business_days)
        if isinstance(offer, Terminar):
            self.ending = NegotiationEnding.TERMINADA
            return self._record(offer, Reply(ReplyKind.FIN, "Está bien, hasta luego."))
        self.rounds += 1
        if isinstance(offer, Escuchar):
            reply = self._listen()
        elif isinstance(offer, Aceptar):
            reply = self._accept_counter()
        else:
            reply = self._consider(offer)
        if not self.finished and self.rounds >= self.max_rounds:
            self.ending = NegotiationEnding.SIN_TIEMPO
        return self._record(offer, reply)

    def transcript(self) -> list[tuple[str, str]]:
        """``(speaker, text)`` lines: ``gestor``, ``deudor`` or ``supervisor``."""
        lines = []
        for turn in self.history:
            lines.append(("gestor", collector_line(turn.offer, self.debtor.account.balance_mxn)))
            lines.append(("supervisor" if turn.reply.kind in (ReplyKind.SUPERVISOR, ReplyKind.INVALIDA)
                          else "deudor",
                          turn.reply.text))
        return lines

    # ------------------------------------------------------------------ moves
    def _record(self, offer: Offer, reply: Reply) -> Reply:
        self.history.append(Turn(self.rounds, offer, reply))
        return reply

    def _speak(self, kind: ReplyKind, offer: Offer | None, level: float) -> Reply:
        """A counter at ``level`` (the first thing an evasive debtor says is an evasion)."""
        evasive = self.debtor.evasive and not self._spoke
        self._spoke = True
        countering = kind == ReplyKind.CONTRAOFERTA
        counter = counter_offer(self.debtor, offer, level, evasive) if countering else None
        if countering and (counter is None or _first_amount(counter, self.debtor)
                                       < self.debtor.parameters.minimum_payment_mxn):
            kind, counter, evasive = ReplyKind.RECHAZA, None, False
        self._counter, self._counter_evasive = counter, evasive and counter is not None
        text = self._say(kind, counter, evasive=self._counter_evasive, opening=offer is None)
        return Reply(kind, text, counter, self._counter_evasive)

    def _say(self, kind: ReplyKind, counter: Offer | None = None, **how: bool) -> str:
        return self.voice.line(kind, counter, turn=self.rounds, fairness=self.mind.fairness, **how)

    def _listen(self) -> Reply:
        self.mind.listen()
        if self._counter is not None:
            return Reply(ReplyKind.CONTRAOFERTA,
                         self._say(ReplyKind.CONTRAOFERTA, self._counter, evasive=self._counter_evasive,
                                   opening=True, repeat=True),
                         self._counter, self._counter_evasive)
        return self._speak(ReplyKind.CONTRAOFERTA, None, self.mind.counter_level)

    def _accept_counter(self) -> Reply:
        counter = self._counter
        if counter is None:
            return Reply(ReplyKind.INVALIDA, "No hay una propuesta del deudor que aceptar.")
        refusal = self._refusal(counter)
        if refusal is not None:
            return refusal
        self.agreement, self.agreement_evasive = counter, self._counter_evasive
        self.ending = NegotiationEnding.ACUERDO
        return Reply(ReplyKind.ACEPTA, "Perfecto, así quedamos.")

    def _consider(self, offer: Abono | Liquidacion | Plan) -> Reply:
        refusal = self._refusal(offer)
        if refusal is not None:
            return refusal
        account = self.debtor.account
        decision = self.mind.hear(burden(self.debtor, offer),
                                  due=asks_only_what_is_due(account, offer, account.business_days))
        if decision == ReplyKind.ACEPTA:
            self.agreement, self.agreement_evasive, self.ending = offer, False, NegotiationEnding.ACUERDO
            self._spoke = True
        elif decision == ReplyKind.CUELGA:
            self.ending = NegotiationEnding.COLGO
        if decision != ReplyKind.CONTRAOFERTA:
            return Reply(decision, self._say(decision))
        return self._speak(ReplyKind.CONTRAOFERTA, offer, self.mind.counter_level)

    def _refusal(self, offer: Offer) -> Reply | None:
        account = self.debtor.account
        reason = account.limits.refusal(offer, account.today, account.balance_mxn, account.business_days)
        if reason is None:
            return None
        self.violations += 1
        return Reply(ReplyKind.SUPERVISOR, "Supervisor: no se autoriza; " + reason)


def _first_amount(offer: Offer, debtor: Debtor) -> float:
    if isinstance(offer, Liquidacion):
        return debtor.account.balance_mxn * (1.0 - offer.discount_pct / 100.0)
    return offer.amount_mxn
