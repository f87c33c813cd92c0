"""Simulated debtors for the negotiation engine, drawn like the portfolio's.

The account (balance, days past due, instalment, income cycle and payday) comes
from :func:`~simulator.portfolio.generate.generate_portfolio`, keeping only late
accounts; persona and capacity to pay per pay period come from
:func:`~simulator.behaviour.traits.draw_latent_traits`, and the segment's
negotiation limits from the strategy. Only then are the few traits that exist
only in a conversation drawn (reservation, opening aspiration, sense of
fairness, patience, whether the opening answer is an evasion). Everything
comes from one ``SeedSequence``: the same seed gives the same debtors, in the
same order, to every policy, so policies can be compared debtor by debtor.
The call falls on a moment the compliance pack of the account's jurisdiction
allows, and payments on its business days (:mod:`.business_days`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from simulator.behaviour.paydays import is_payday
from simulator.behaviour.traits import draw_latent_traits
from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.compliance import DEFAULT_PACK
from simulator.negotiation.business_days import BusinessDays, business_days, call_moments
from simulator.negotiation.convenio import REGULAR_EVERY_DAYS
from simulator.negotiation.debtor_model import DEFAULT_MODEL, DebtorModel
from simulator.negotiation.limits import PolicyLimits
from simulator.parameters import ModelParameters, load_parameters
from simulator.paths import dataset
from simulator.portfolio.generate import generate_portfolio
from simulator.random_streams import SeedStream, seeded_generator
from simulator.strategies import Strategy, load_strategy
from simulator.strategies.segments import assign_segments

__all__ = ["DEFAULT_STRATEGY", "FIRST_CALL_DATE", "SHOWN_PAYDAYS", "TRAIT_DRAWS", "Account", "Debtor",
           "debtor_from_draws", "draw_debtors", "upcoming_paydays", "with_model"]

#: Strategy whose ``negociacion`` limits apply when none is given.
DEFAULT_STRATEGY = dataset("strategies", "escalonada.yaml")
#: Calls happen at a lawful moment of the 28 days starting here (a Monday).
FIRST_CALL_DATE = dt.date(2026, 3, 2)
_CALL_WINDOW_DAYS = 28
#: Paydays listed in the collector's view.
SHOWN_PAYDAYS = 6
#: Uniforms behind one debtor's conversation-only traits (see :func:`debtor_from_draws`).
TRAIT_DRAWS = 7
_LONGEST_ROLL = 7  # days a payday on closed days (a weekend and holidays) can move forward
_LATE_SHARE = 0.55  # a little under the demo portfolio's share of late accounts


@dataclass(frozen=True)
class Account:
    """What the collector knows before the call (never the debtor's hidden traits).

    ``today`` and ``call_time`` say when the call happens; a payment falls due only on
    one of ``business_days``. ``next_due`` is the day the next regular instalment falls
    due (not part of ``overdue_mxn``; one every 30 days after it, see :mod:`.convenio`).
    """

    account_id: str
    balance_mxn: float
    overdue_mxn: float
    instalment_mxn: float
    days_past_due: int
    next_due: dt.date
    bucket: str
    income_cycle: str
    payday: int
    today: dt.date
    call_time: dt.time
    paydays: tuple[dt.date, ...]
    limits: PolicyLimits
    business_days: BusinessDays


@dataclass(frozen=True)
class Debtor:
    """One simulated debtor: the public account and the hidden traits that drive its answers.

    Attributes:
        capacity_mxn: money it can spare on a payday (one pay period), as in the portfolio model.
        savings_mxn: extra money it can raise for a settlement (``savings_months`` x capacity).
        reservation: the largest burden (amount / money available that day, see
            :mod:`simulator.negotiation.model`) it will ever agree to.
        aspiration: the burden it volunteers when asked; never above ``min(reservation, 1)``.
        threshold: the burden it would accept before any anchor: its aspiration, or for
            one who overpromises (to end the call) 60-100 % of its reservation.
        fairness: starting sense of being treated fairly, 0 to 1.
        patience: refusals it tolerates before hanging up.
        evasive: its opening answer is an evasion (a vague promise, not a commitment).
        model: how it bargains (the constants of :mod:`simulator.negotiation.model`).
        trait_draws: the uniforms behind its conversation-only traits, kept so the same
            person can be met under another debtor model (:func:`with_model`).
    """

    index: int
    account: Account
    persona: str
    capacity_mxn: float
    savings_mxn: float
    reservation: float
    aspiration: float
    threshold: float
    fairness: float
    patience: float
    overpromiser: bool
    evasive: bool
    honesty: float
    settlement_acceptance: float
    parameters: ModelParameters
    model: DebtorModel
    trait_draws: tuple[float, ...]

    def near_payday(self, date: dt.date) -> bool:
        """True within the model's payday window (``payday_window_days``) of some payday, and on
        the business day a payday that fell on a closed day moved to (its money arrives then)."""
        window = int(math.floor(self.parameters.payday_window_days))
        cycle, payday = self.account.income_cycle, self.account.payday
        if any(is_payday(date + dt.timedelta(days=shift), cycle, payday)
               for shift in range(-window, window + 1)):
            return True
        closed, day = self.account.business_days, date - dt.timedelta(days=1)
        while not closed.is_open(day) and (date - day).days <= _LONGEST_ROLL:
            if is_payday(day, cycle, payday):
                return True
            day -= dt.timedelta(days=1)
        return False

    def available(self, date: dt.date) -> float:
        """Money at hand on ``date``: the capacity near a payday, a fraction of it otherwise."""
        factor = 1.0 if self.near_payday(date) else self.parameters.off_payday_capacity_factor
        return self.capacity_mxn * factor


def upcoming_paydays(today: dt.date, cycle: str, payday: int) -> tuple[dt.date, ...]:
    """The next paydays from ``today`` (included), as listed in the collector's view."""
    found, day = [], today
    while len(found) < SHOWN_PAYDAYS:
        if is_payday(day, cycle, payday):
            found.append(day)
        day += dt.timedelta(days=1)
    return tuple(found)


def _late_accounts(count: int, seed: int, jurisdiction: str):
    size = math.ceil(count / _LATE_SHARE) + 20
    while True:
        portfolio = generate_portfolio(size, seed, jurisdiction)
        late = portfolio[portfolio["days_past_due"] > 0]
        if len(late) >= count:
            return late.head(count).reset_index(drop=True)
        size *= 2


def draw_debtors(count: int, seed: int, *, parameters: ModelParameters | None = None,
                 strategy: Strategy | None = None, jurisdiction: str = DEFAULT_PACK) -> list[Debtor]:
    """``count`` late-paying debtors, the same ones for the same seed.

    Args:
        parameters: behaviour parameters (the packaged ones when None).
        strategy: whose ``negociacion`` limits apply (``escalonada`` when None).
        jurisdiction: the accounts' compliance pack, which sets when calls and payments may happen.
    """
    parameters = parameters or load_parameters()
    strategy = strategy or load_strategy(DEFAULT_STRATEGY)
    accounts = _late_accounts(count, seed, jurisdiction)
    personas, capacities = draw_latent_traits(accounts, parameters, seed, 0)
    segments = strategy.resolved_segments()
    chosen = assign_segments(accounts, segments, strategy.source_file, parameters.risk)
    rng = seeded_generator(seed, SeedStream.PRACTICE_TRAITS)
    draws = rng.random((count, TRAIT_DRAWS))
    moments = {code: call_moments(code, FIRST_CALL_DATE, _CALL_WINDOW_DAYS)
               for code in accounts["jurisdiction"].unique()}
    debtors = []
    for index, row in enumerate(accounts.itertuples(index=False)):
        bucket = BUCKET_NAMES[bucket_index(row.days_past_due)]
        lawful = moments[row.jurisdiction]
        called = lawful[int(draws[index, 5] * len(lawful))]
        today = called.date()
        late_bills = math.ceil(row.days_past_due / REGULAR_EVERY_DAYS)
        account = Account(
            account_id=row.account_id, balance_mxn=float(row.balance_mxn),
            overdue_mxn=round(min(row.balance_mxn, row.instalment_mxn * late_bills), 2),
            instalment_mxn=float(row.instalment_mxn), days_past_due=int(row.days_past_due),
            next_due=today + dt.timedelta(days=REGULAR_EVERY_DAYS * late_bills - int(row.days_past_due)),
            bucket=bucket,
            income_cycle=row.income_cycle, payday=int(row.payday), today=today, call_time=called.time(),
            paydays=upcoming_paydays(today, row.income_cycle, int(row.payday)),
            limits=PolicyLimits.from_rules(segments[chosen[index]].negotiation, bucket,
                                           parameters.minimum_payment_mxn),
            business_days=business_days(row.jurisdiction),
        )
        debtors.append(debtor_from_draws(index, account, personas[index], float(capacities[index]),
                               draws[index], parameters))
    return debtors


def debtor_from_draws(index: int, account: Account, persona_name: str, capacity: float, u,
                      parameters: ModelParameters, model: DebtorModel = DEFAULT_MODEL) -> Debtor:
    """A debtor whose conversation-only traits come from ``TRAIT_DRAWS`` independent uniforms
    ``u`` (``u[5]`` is only used by :func:`draw_debtors`, for the call's moment) and from
    ``model`` (its opening ask and patience).

    Equations in ``docs/negociacion.md``: willingness is the persona's weight of a
    promise, friction its weight of a dispute or complaint.
    """
    persona = parameters.personas[persona_name]
    weights = persona.outcome_weights
    total = sum(weights.values()) or 1.0
    willingness = weights.get("promise", 0.0) / total
    friction = (weights.get("dispute", 0.0) + weights.get("complaint", 0.0)) / total
    overpromiser = bool(u[0] < persona.overpromise_probability)
    if overpromiser:
        reservation = 1.2 + 0.8 * u[1]  # signs more than it has, to end the call
    else:
        reservation = (0.4 + 0.6 * willingness) * (0.6 + 0.4 * u[1])
    opening = model.aspiration_low + model.aspiration_span * u[2]
    return Debtor(
        index=index, account=account, persona=persona_name, capacity_mxn=capacity,
        savings_mxn=capacity * persona.savings_months, reservation=float(reservation),
        aspiration=float(opening * min(reservation, 1.0)),
        threshold=float((0.6 + 0.4 * u[2] if overpromiser else opening) * reservation),
        fairness=float(np.clip(0.5 + 0.4 * u[3] - 0.5 * friction, 0.1, 1.0)),
        patience=float(model.patience_low + math.floor(4 * u[4])), overpromiser=overpromiser,
        evasive=bool(u[6] >= persona.honesty),
        honesty=persona.honesty, settlement_acceptance=persona.settlement_acceptance,
        parameters=parameters, model=model, trait_draws=tuple(float(draw) for draw in u),
    )


def with_model(debtor: Debtor, model: DebtorModel) -> Debtor:
    """The same person (account, persona, capacity and draws) bargaining as ``model`` says."""
    return debtor_from_draws(debtor.index, debtor.account, debtor.persona, debtor.capacity_mxn,
                             debtor.trait_draws, debtor.parameters, model)
