"""One account that sleeps, on a SimPy timeout, until its next event.

The agenda of an account is a handful of "next time" sources (statement, due
date, strategy actions, promise dates, write-off). Each loop takes the
earliest, draws whether a payment comes first from the exact repayment
intensity, and sleeps until whichever happens. Nothing polls day by day.

A portfolio holds up to millions of these objects and every turn runs the
loop below, so the class uses ``__slots__``, creates its random streams and
contact history only when first needed, and reads fixed attributes from a
:class:`~simulator.engine.profile.Profile` shared with similar accounts.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any

from simulator.behaviour.intensity import Intensity
from simulator.compliance import Attempt, ContactHistory
from simulator.engine.contact import perform_action
from simulator.engine.context import RunContext
from simulator.engine.ledger import Ledger
from simulator.engine.profile import Profile
from simulator.negotiation.outcomes import PromiseKind
from simulator.parameters import PersonaParameters
from simulator.random_streams import RunStream, Stream

__all__ = ["Account", "AccountStatus", "Promise"]

_AFTER = 1e-7  # days; "strictly after now" for recurring events
_CENT = 0.005
_INF = math.inf
_STALE = object()  # agenda cache key that matches no state: recompute
_STATEMENT, _DUE, _WRITE_OFF, _PROMISE, _ACTION = range(5)  # agenda sources, by tie priority


class AccountStatus(StrEnum):
    """Where an account stands; every status but ``ABIERTA`` ends its life in the run.

    The values are those of the account table's ``status_end`` column (an
    account still open at the horizon ends the run ``abierta``).
    """

    ABIERTA = "abierta"
    PAGADA = "pagada"  # the whole balance paid
    LIQUIDADA = "liquidada"  # a settlement kept: the rest forgiven
    CASTIGADA = "castigada"  # written off after ``write_off_days_past_due``


_OPEN = AccountStatus.ABIERTA


class Promise:
    """A dated amount the debtor agreed to pay (a promise, a plan instalment or a settlement payment).

    ``trust`` scales the debtor's honesty (below 1 for an evasion taken as a
    promise); it is 1 for the portfolio's own rule and comes from a negotiated
    agreement otherwise. Several plan payments between two paydays share the
    debtor's money through the pay period's budget (``Account._budget_left``).
    ``reserve`` is money beyond that budget the debtor brings to this payment:
    its share of savings and borrowing for a settlement, 0 otherwise.
    """

    __slots__ = ("due", "amount", "kind", "record", "trust", "reserve")

    def __init__(self, due: float, amount: float, kind: PromiseKind, record: list,
                 trust: float = 1.0, reserve: float = 0.0) -> None:
        self.due = due
        self.amount = amount
        self.kind = kind
        self.record = record
        self.trust = trust
        self.reserve = reserve


class Account:
    """State and process of one debtor's account in one replication."""

    __slots__ = (
        "ctx", "index", "account_id", "profile", "paydays", "billing_day", "persona_name",
        "persona", "capacity", "ledger", "intensity", "history", "fatigue", "_fatigue_at", "_payments",
        "_contacts",
        "_outcomes", "promises",
        "disputed_until", "commission_rate", "status", "collected", "cost", "complaint_cost",
        "discount", "written_off", "sold", "billed", "complaints", "handed_over", "_mass", "_fired",
        "_due_key", "_due_agenda", "_late_key", "_late_agenda", "_payday_at", "start_balance",
        "start_dpd", "start_arrears", "next_due", "last_due", "next_statement", "_source",
        "_argument", "_call_started", "_budget", "_spent", "_period_end",
    )

    def __init__(self, ctx: RunContext, index: int, account_id: str, profile: Profile,
                 paydays: list[int], billing_day: int, balance_mxn: float, instalment_mxn: float,
                 days_past_due: int, persona: str, capacity_mxn: float):
        self.ctx = ctx
        self.index = index
        self.account_id = account_id
        self.profile = profile
        self.paydays = paydays  # sorted simulation days, shared by accounts with the same cycle
        self.billing_day = billing_day
        self.persona_name = persona
        self.persona: PersonaParameters = ctx.parameters.personas[persona]
        self.capacity = capacity_mxn
        self.ledger = Ledger(balance_mxn, instalment_mxn)
        self.intensity = Intensity(self.persona.floor_per_day, self.persona.decay_per_day)
        self.history: ContactHistory | None = None  # created by the first executed contact
        self.fatigue = 0.0  # load of earlier attempts at ``_fatigue_at`` (see ContactFatigue)
        self._fatigue_at = 0.0
        self._payments: Stream | None = None
        self._contacts: Stream | None = None
        self._outcomes: Stream | None = None
        self.promises: list[Promise] = []
        self.disputed_until = -_INF
        self.commission_rate = 0.0
        self.status = _OPEN
        self.collected = self.cost = self.complaint_cost = 0.0
        self.discount = self.written_off = self.sold = self.billed = 0.0
        self.complaints = 0
        self.handed_over = False
        self._mass: float | None = None
        self._fired: tuple[float, ...] | list[float] = profile.initial_fired  # copied on first firing
        self._due_key: object = _STALE
        self._due_agenda = (_INF, -1)
        self._late_key: object = _STALE
        self._late_agenda = (_INF, -1)
        self._payday_at = -_INF
        self._budget: float | None = None  # capacity of the current pay period, drawn when needed
        self._spent = 0.0  # paid since the last payday
        self._period_end = -_INF
        self._open_initial_bills(days_past_due)
        self.start_balance = balance_mxn
        self.start_dpd = float(days_past_due)
        self.start_arrears = self.ledger.amount_due()
        first_due = ctx.calendar.next_month_day(-1, billing_day)
        self.next_due = first_due
        self.last_due = first_due - 30.0
        self.next_statement = max(0.0, first_due - ctx.parameters.statement_lead_days)
        self._source, self._call_started = _STATEMENT, 0.0
        self._argument: Any = None  # the agenda event's promise or action number

    @property
    def segment(self):
        """The strategy segment the account follows for the whole replication."""
        return self.profile.segment

    @property
    def payments(self) -> Stream:
        """Stream for payment times and amounts, created on first use."""
        if self._payments is None:
            self._payments = self.ctx.streams.stream(RunStream.PAYMENTS, self.index)
        return self._payments

    @property
    def contacts(self) -> Stream:
        """Stream for whether a contact reaches the debtor, created on first use."""
        if self._contacts is None:
            self._contacts = self.ctx.streams.stream(RunStream.CONTACTS, self.index)
        return self._contacts

    @property
    def outcomes(self) -> Stream:
        """Stream for conversation outcomes, created on first use (most accounts never talk)."""
        if self._outcomes is None:
            self._outcomes = self.ctx.streams.stream(RunStream.OUTCOMES, self.index)
        return self._outcomes

    def _open_initial_bills(self, days_past_due: int) -> None:
        due = -float(days_past_due)
        while days_past_due > 0 and due <= 0.0:
            self.ledger.bill(due)
            due += 30.0

    # ----------------------------------------------------------------- process
    def turn(self) -> None:
        """Take the account's next event: run it now if it is due, else sleep until it.

        Accounts are driven by callbacks on SimPy timeouts rather than by a SimPy
        process each: every event costs one timeout and no generator resume, and
        the order of events is the one a process per account gives (that process
        is :func:`simulator.engine.reference.account_process`). Paydays
        only raise the intensity, so they are folded into the exact payment draw
        between two events instead of being events themselves.
        """
        ctx = self.ctx
        env = ctx.env
        while self.status is _OPEN:
            now = env.now
            when, source, argument = self._next_event(now)
            paid_at = self._payment_before(now, when)
            if paid_at == _INF and when == _INF:
                break
            ctx.events += 1
            if paid_at < when:
                env.timeout(paid_at - now).callbacks.append(self._payment_turn)
                return
            self._source, self._argument = source, argument
            if when > now:
                env.timeout(when - now).callbacks.append(self._agenda_turn)
                return
            if self._handle():
                return
        self._payments = self._contacts = self._outcomes = None  # an ended account draws no more

    def _payment_turn(self, _event) -> None:
        self._spontaneous_payment()
        self.turn()

    def _agenda_turn(self, _event) -> None:
        if not self._handle():
            self.turn()

    def _handle(self) -> bool:
        """Run the agenda event taken by :meth:`turn`; True while a call it started
        is still under way (the call then ends with :meth:`call_over`)."""
        if _HANDLERS[self._source](self, self._argument):
            self._call_started = self.ctx.env.now
            return True
        return False

    def call_over(self) -> None:
        """A call that waited for an agent or took time is over: time ran
        meanwhile, so a payment may have fallen due during it."""
        if self._drift(self._call_started, self.ctx.env.now) < _INF:
            self._spontaneous_payment()
        self.turn()

    def _payment_before(self, now: float, when: float) -> float:
        """Time of the spontaneous payment that comes before ``when``, or ``inf``.

        The payment is one exponential draw used up by the intensity; it is
        drawn when something is owed and kept across events until it is used.
        """
        if self.ledger.amount_due() <= 0.0:
            self._mass = None  # nothing owed: the next bill starts a fresh draw
            if when == _INF:
                return _INF
        elif self._mass is None:
            self._mass = self.payments.exponential()
        return self._drift(now, when)

    def _drift(self, start: float, end: float) -> float:
        """Let time run from ``start`` to ``end``: decay the intensity, add payday
        jumps, use up the exponential draw. Returns the payment time if the draw
        runs out first (the state is then at that time), else ``inf``."""
        intensity = self.intensity
        mass = self._mass
        if mass is None:
            intensity.advance(end - start)
            return _INF
        t = start
        while True:
            if self._payday_at <= t:
                self._payday_at = self.next_payday(t + _AFTER)
            stop = min(end, self._payday_at)
            span = stop - t
            expected = intensity.integral(span)
            if expected >= mass:  # the draw runs out in this piece: a payment
                wait = intensity.time_to(mass, span)
                if wait < span:
                    intensity.advance(wait)
                    self._mass = None
                    return t + wait
            if span == _INF:
                self._mass = mass
                return _INF
            mass -= expected
            intensity.advance(span)
            t = stop
            if stop >= end:
                self._mass = mass
                return _INF
            intensity.jump(self.persona.jump_payday_per_day)

    def _next_event(self, now: float) -> tuple[float, int, Any]:
        """Earliest ``(time, source, argument)`` of the agenda; ties go to the
        lower source (statement, due date, write-off, promise, action)."""
        best, source, argument = self.next_statement, _STATEMENT, None
        if self.next_due < best:
            best, source = self.next_due, _DUE
        first_due = self.ledger.aging_from()
        if first_due is not None and first_due <= now:
            write_off = first_due + self.ctx.parameters.write_off_days_past_due
            if write_off < best:
                best, source = max(write_off, now), _WRITE_OFF
        for promise in self.promises:
            if promise.due < best:
                best, source, argument = promise.due, _PROMISE, promise
        # Each half of the action agenda only moves with its dates or when one of its actions fires.
        schedule = self.profile.schedule
        # Keys are compared by identity: ``first_due`` is the same float object while the oldest
        # bill (or convenio payment) stands, and a recomputation for an equal new one gives the same answer.
        if first_due is not self._due_key:  # ``_due`` also clears this key: it moves the due dates
            self._due_key = first_due
            self._due_agenda = schedule.next_due_firing(self.index, self._fired, now, first_due,
                                                        self.last_due, self.next_due)
        if first_due is not self._late_key:
            self._late_key = first_due
            self._late_agenda = schedule.next_late_firing(self.index, self._fired, now, first_due)
        when, number = self._due_agenda
        late_when, late_number = self._late_agenda
        if late_when < when:  # ties go to the due-anchored half, as in ``next_firing``
            when, number = late_when, late_number
        if when < best:
            return when, _ACTION, number
        return best, source, argument

    # ---------------------------------------------------------------- agenda
    def next_payday(self, now: float) -> float:
        """Time of the next payday at or after ``now``."""
        hour = self.ctx.payday_hour
        after = math.floor(now) - 1 if now % 1.0 <= hour else math.floor(now)
        paydays = self.paydays
        position = bisect.bisect_right(paydays, after)
        return (paydays[position] if position < len(paydays) else _INF) + hour

    def due_days(self, after: float) -> Iterator[float]:
        """Due days of the regular instalments after ``after``, in order: the billed ones, then
        one a month on the billing day (what a convenio must pay on top of the arrears)."""
        last = after
        for due, _ in self.ledger.bills:
            if due > after:
                yield due
            last = max(last, due)
        calendar = self.ctx.calendar
        day = self.next_due if self.next_due > last else calendar.next_month_day(int(last), self.billing_day)
        while day < _INF:
            yield day
            day = calendar.next_month_day(int(day), self.billing_day)

    def instalments_due_by(self, last: float) -> int:
        """How many regular instalments fall due after what a collector asks for now and by ``last``
        (what a convenio ending at ``last`` must carry on top of the arrears)."""
        after = self.ledger.asked_until(self.ctx.env.now)
        return sum(1 for _ in itertools.takewhile(lambda day: day <= last, self.due_days(after)))

    def is_near_payday(self, t: float) -> bool:
        """True when ``t`` is within the payday window of some payday."""
        window = self.ctx.parameters.payday_window_days
        return self.next_payday(t - window) <= t + window

    # -------------------------------------------------------------- handlers
    def _statement(self, _):
        self.billed += self.ledger.bill(self.next_due)
        self.intensity.jump(self.persona.jump_statement_per_day)
        self.next_statement = _INF

    def _due(self, _):
        self._due_key = _STALE
        self.last_due = self.next_due
        self.next_due = self.ctx.calendar.next_month_day(int(self.next_due), self.billing_day)
        self.next_statement = max(self.ctx.env.now,
                                  self.next_due - self.ctx.parameters.statement_lead_days)

    def _write_off(self, _):
        limit = self.ctx.parameters.write_off_days_past_due - _AFTER
        if self.ledger.days_past_due(self.ctx.env.now) >= limit:
            self.written_off = self.ledger.forgive()
            self.sold = self.written_off * self.ctx.parameters.write_off_sale_price
            self.status = AccountStatus.CASTIGADA
            self.promises.clear()

    def _spontaneous_payment(self):
        """Pay all or part of what is due, at most once per pay period.

        A debtor pays out of one payday's money once: a later urge in the same
        period (a reminder, a call) passes without a payment and spends the
        prompts so far. Paying everything is rarer the more overdue
        instalments it clears. A partial payment covers whole instalments,
        oldest first and at least the oldest one, as card holders pay the
        minimum or more; so falling behind means paying nothing, as in the
        repayment data (docs/modelo.md, «Pago espontáneo»).
        """
        persona, stream, params = self.persona, self.payments, self.ctx.parameters
        self._pay_period()
        if self._spent > 0.0:
            self.intensity.answer(0.0)
            return
        affordable = min(self.ledger.amount_due(), self._budget_left(stream))
        if not stream.bernoulli(persona.full_payment_probability * self._clearing_chance(affordable)):
            low, high = params.partial_payment_range
            share = affordable * (low + (high - low) * stream.uniform())
            affordable = min(affordable, self.ledger.whole_bills(share))
        self.receive(affordable)

    def _clearing_chance(self, amount_mxn: float) -> float:
        """Factor on the chance of paying ``amount_mxn`` in full:
        ``full_payment_arrears_factor`` for each overdue instalment past the first
        that it clears, since gathering several months at once is rarer than
        paying one (docs/modelo.md, «Pago espontáneo»)."""
        factor = self.ctx.parameters.full_payment_arrears_factor
        if factor == 1.0:
            return 1.0
        return factor ** max(0, self.ledger.overdue_cleared(amount_mxn, self.ctx.env.now) - 1)

    def _promise_due(self, promise: Promise):
        self.promises.remove(promise)
        params, stream = self.ctx.parameters, self.outcomes
        available = self._budget_left(stream)
        if not self.is_near_payday(promise.due):
            available *= params.off_payday_capacity_factor
        available += promise.reserve
        honest = stream.bernoulli(self.persona.honesty * promise.trust)
        kept = honest and available >= promise.amount
        paid = promise.amount if kept else (available * params.broken_promise_payment if honest else 0.0)
        paid = self.receive(paid)
        promise.record[6], promise.record[7] = kept, paid
        if not kept:  # a broken payment voids the plan or settlement it belongs to
            self.promises = [p for p in self.promises if p.kind == PromiseKind.PROMESA]
            self.ledger.break_agreement()
        elif promise.kind == PromiseKind.QUITA and self.status is _OPEN and not any(
                p.kind == PromiseKind.QUITA for p in self.promises):
            self.discount += self.ledger.forgive()  # the settlement's last payment: the rest is forgiven
            self.status = AccountStatus.LIQUIDADA

    def _act(self, number: int):
        self._mark_fired(number)
        return perform_action(self, number)

    def _mark_fired(self, number: int) -> None:
        """Note that action ``number`` fires now, so the agenda looks past it."""
        if isinstance(self._fired, tuple):
            self._fired = list(self._fired)
        self._fired[number] = self.ctx.env.now
        if self.profile.schedule.due_anchored[number]:
            self._due_key = _STALE
        else:
            self._late_key = _STALE

    # ---------------------------------------------------------------- money
    def _pay_period(self) -> None:
        """Start a new pay period once a payday has passed: nothing spent, budget not drawn."""
        now = self.ctx.env.now
        if now >= self._period_end:
            self._period_end = self.next_payday(now + _AFTER)
            self._spent = 0.0
            self._budget = None

    def _budget_left(self, stream: Stream) -> float:
        """Money the debtor still has in the current pay period (payday to payday).

        The period's budget is one capacity draw, taken at its first payment
        occasion; every payment of the period (the spontaneous one and the
        promises that fall due) comes out of it, so promises kept in one month
        cannot add up to more than the debtor has (docs/modelo.md).
        """
        self._pay_period()
        if self._budget is None:
            self._budget = self.capacity * stream.lognormal(self.ctx.parameters.capacity_noise)
        return max(0.0, self._budget - self._spent)

    def receive(self, amount_mxn: float) -> float:
        """Book a payment (if above the minimum), spent from the pay period's budget;
        returns what was applied."""
        if amount_mxn < self.ctx.parameters.minimum_payment_mxn:
            return 0.0
        applied = self.ledger.pay(amount_mxn)
        self._pay_period()
        self._spent += applied
        self.collected += applied
        self.ctx.collected_by_day[int(self.ctx.env.now)] += applied
        self.cost += applied * self.commission_rate
        self.intensity.answer(self.persona.jump_payment_per_day)
        if self.ledger.settled:
            self.status = AccountStatus.PAGADA
            self.promises.clear()
        return applied

    def add_promise(self, due: float, amount: float, kind: PromiseKind, trust: float = 1.0,
                    reserve: float = 0.0) -> None:
        """Record a promise, plan instalment or settlement payment falling due at ``due``
        (``trust`` and ``reserve`` as in :class:`Promise`)."""
        record = [self.account_id, self.ctx.env.now, due, amount, self.capacity, kind, None, 0.0]
        self.ctx.promises.append(record)
        self.promises.append(Promise(due, amount, kind, record, trust, reserve))

    # ------------------------------------------------------- what others do to it
    def add_convenio(self, payments: list[tuple[float, float]]) -> None:
        """Book a payment plan (``(due, amount)`` pairs). One that, kept, leaves the account current
        (it pays what is owed now and the instalments that fall due by its last payment) re-ages the
        account while it runs, as lenders do; a plan for the arrears alone does not."""
        for due, amount in payments:
            self.add_promise(due, amount, PromiseKind.PLAN)
        ledger = self.ledger
        owed_now = ledger.arrears(self.ctx.env.now) or ledger.amount_due()
        falling_due = ledger.instalment * self.instalments_due_by(payments[-1][0])
        current_at_end = min(ledger.balance, owed_now + falling_due)
        if sum(amount for _, amount in payments) >= current_at_end - _CENT:
            ledger.agree(payments)

    def charge(self, cost_mxn: float) -> None:
        """Add the cost of a contact made on the account."""
        self.cost += cost_mxn

    def complain(self, cost_mxn: float) -> None:
        """Count a complaint and what handling it costs."""
        self.complaints += 1
        self.complaint_cost += cost_mxn

    def dispute(self, until: float) -> None:
        """The debtor disputes the debt: contacts that stop on a dispute pause until ``until``."""
        self.disputed_until = until

    def hand_over(self, commission_rate: float) -> None:
        """The account goes to an agency (or legal) that takes ``commission_rate`` of every
        later payment; the highest rate of the hand-overs so far applies."""
        self.handed_over = True
        self.commission_rate = max(self.commission_rate, commission_rate)

    def contact_load(self, now: float) -> float:
        """The fatigue load of earlier attempts now, each faded by its age."""
        if self.fatigue == 0.0:
            return 0.0
        recovery = self.ctx.parameters.contact_fatigue.recovery_days
        return self.fatigue * math.exp((self._fatigue_at - now) / recovery)

    def tire(self, now: float, load: float) -> None:
        """Add an attempt made now to the fatigue ``load`` it met."""
        self.fatigue, self._fatigue_at = load + 1.0, now

    def record_contact(self, attempt: Attempt, conversation: bool) -> None:
        """Remember an executed contact for the rules (the first one creates the history)."""
        if self.history is None:
            self.history = ContactHistory()
        self.history.record(attempt, conversation)

    def promise_date(self) -> float:
        """When the collector asks the debtor to pay, per the strategy."""
        now = self.ctx.env.now
        if self.profile.negotiation.promise_date == "inmediata":
            return math.floor(now) + 1.0 + self.ctx.parameters.promise_hour / 24.0
        return self.payday_promise_date(now + 1.0)

    def payday_promise_date(self, t: float) -> float:
        """Afternoon of the first payday at or after ``t``."""
        return math.floor(self.next_payday(t)) + self.ctx.parameters.promise_hour / 24.0

    def contacts_last_week(self, now: float) -> int:
        """Executed contacts in the last 7 days (drives complaints from over-contact)."""
        return 0 if self.history is None else self.history.count_since(now - 7.0)


#: Handler of each agenda source, indexed like ``_STATEMENT`` ... ``_ACTION`` (a
#: class-level table: bound methods per account would cost memory in every process).
_HANDLERS: tuple[Callable[[Account, Any], bool], ...] = (
    Account._statement, Account._due, Account._write_off, Account._promise_due, Account._act)
