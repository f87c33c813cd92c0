"""A named negotiation policy talking with the portfolio's debtors.

When a strategy segment names ``negociacion.politica``, a right-party contact
that reaches the negotiation step runs a real :class:`Negotiation` between that
policy and a debtor built from the account as it stands that day (balance,
arrears, days past due, pay cycle) and from its hidden traits (persona,
capacity). The conversation-only traits (reservation, aspiration, fairness,
patience, evasion) come from the account's own ``negotiation`` stream, so the
same account meets every policy, and every shard layout, as the same person.

The agreement becomes the portfolio's commitments; whether they are kept is
decided later by the portfolio's promise model, told only what the negotiation
model also knows: a plan paid more often than the debtor is paid shares each
paycheck, and an evasion taken as a promise is kept less often. A policy that
fails on a call (error, nonsense, time limit) is counted for the account and
the call ends as a refusal.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable

import pandas as pd

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.errors import NegotiationError
from simulator.negotiation.business_days import EVERY_DAY
from simulator.negotiation.convenio import REGULAR_EVERY_DAYS
from simulator.negotiation.debtor import (
    SHOWN_PAYDAYS,
    TRAIT_DRAWS,
    Account,
    debtor_from_draws,
)
from simulator.negotiation.evaluation import DEFAULT_TIMEOUT, play
from simulator.negotiation.limits import PolicyLimits
from simulator.negotiation.offers import Abono, Liquidacion, Plan, payments
from simulator.negotiation.outcomes import ContactOutcome, PromiseKind
from simulator.negotiation.registry import PolicyRegistry
from simulator.random_streams import RunStream
from simulator.strategies.schema import Segment

__all__ = ["CALL_TIMEOUT", "PortfolioNegotiator"]

#: Seconds a policy may take for one whole call (as ``negotiate evaluate`` allows per debtor).
CALL_TIMEOUT = DEFAULT_TIMEOUT


class PortfolioNegotiator:
    """The named policies of one replication and what they failed on.

    Args:
        segments: the strategy's resolved segments; those naming a policy get it.
        portfolio: the whole portfolio (pay cycle and payday of every row).
        policies: where the named policies come from; only the shipped ones when
            not given. A user's file is imported here, in the process that runs
            the replication, never where the strategy was read.

    Attributes:
        failures: account index -> calls the policy failed on.
    """

    def __init__(self, segments: tuple[Segment, ...], portfolio: pd.DataFrame,
                 policies: PolicyRegistry | None = None) -> None:
        registry = policies or PolicyRegistry()
        self.policies: dict[str, Callable] = {
            segment.name: registry.resolve(segment.negotiation.policy)
            for segment in segments if segment.negotiation.policy
        }
        self.cycles = portfolio["income_cycle"].tolist()
        self.paydays = portfolio["payday"].tolist()
        self.failures: dict[int, int] = {}

    def negotiate(self, account, now: float) -> ContactOutcome:
        """Play the segment's policy against ``account``'s debtor; books the agreement and
        returns the contact outcome (``promesa``, ``promesa_evasiva``, ``quita``, ``plan``,
        ``negativa`` or ``sin_adeudo``)."""
        ctx, ledger, params = account.ctx, account.ledger, account.ctx.parameters
        owed = ledger.arrears(now) or ledger.amount_due()
        if owed < params.minimum_payment_mxn:
            return ContactOutcome.SIN_ADEUDO
        days_late = ledger.days_past_due(now)
        bucket = BUCKET_NAMES[bucket_index(days_late)]
        today = ctx.calendar.date(now)
        cycle, payday = self.cycles[account.index], int(self.paydays[account.index])
        rules = account.segment.negotiation
        seen = Account(
            account_id=account.account_id, balance_mxn=ledger.balance, overdue_mxn=round(owed, 2),
            instalment_mxn=ledger.instalment, days_past_due=int(days_late),
            next_due=ctx.calendar.date(next(account.due_days(ledger.asked_until(now)),
                                            now + REGULAR_EVERY_DAYS)), bucket=bucket,
            income_cycle=cycle, payday=payday, today=today,
            call_time=(dt.datetime.min + dt.timedelta(hours=ctx.calendar.hour(now))).time(),
            paydays=_upcoming_paydays(account, today),
            limits=PolicyLimits.from_rules(rules, bucket, params.minimum_payment_mxn),
            business_days=EVERY_DAY,
        )
        stream = ctx.streams.stream(RunStream.NEGOTIATION, account.index)
        debtor = debtor_from_draws(account.index, seen, account.persona_name, account.capacity,
                                   [stream.uniform() for _ in range(TRAIT_DRAWS)], params)
        try:
            negotiation = play(self.policies[account.segment.name], debtor, CALL_TIMEOUT)
        except NegotiationError:
            self.failures[account.index] = self.failures.get(account.index, 0) + 1
            return ContactOutcome.NEGATIVA
        agreement = negotiation.agreement
        if agreement is None:
            return ContactOutcome.NEGATIVA
        return _book(account, now, agreement, negotiation.agreement_evasive, debtor.model.evasion_keep)


def _upcoming_paydays(account, today) -> tuple:
    """The collector's list of paydays, read from the account's own payday days."""
    calendar = account.ctx.calendar
    first = bisect.bisect_left(account.paydays, calendar.day_index(today))
    return tuple(calendar.date(day) for day in account.paydays[first:first + SHOWN_PAYDAYS])


def _book(account, now: float, agreement: Abono | Liquidacion | Plan, evasive: bool,
          evasion_keep: float) -> ContactOutcome:
    """Turn an agreement into the account's dated commitments; returns the contact's outcome.

    An evasion taken as a promise is trusted ``evasion_keep`` as much (the debtor model's).
    """
    calendar, hour = account.ctx.calendar, account.ctx.parameters.promise_hour / 24.0
    schedule = payments(agreement, account.ledger.balance, EVERY_DAY)

    def due(date) -> float:
        return max(now, calendar.day_index(date) + hour)

    if isinstance(agreement, Liquidacion):
        date, amount = schedule[0]
        account.add_promise(due(date), amount, PromiseKind.QUITA,
                            reserve=account.capacity * account.persona.savings_months)
        return ContactOutcome.QUITA
    if isinstance(agreement, Plan) and agreement.instalments > 1:
        account.add_convenio([(due(date), amount) for date, amount in schedule])
        return ContactOutcome.PLAN
    date, amount = schedule[0]
    account.add_promise(due(date), amount, PromiseKind.PROMESA, trust=evasion_keep if evasive else 1.0)
    return ContactOutcome.PROMESA_EVASIVA if evasive else ContactOutcome.PROMESA
