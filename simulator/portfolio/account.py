"""One account as a SimPy process that sleeps until its next event.

The agenda of an account is a handful of "next time" sources (statement, due
date, payday, strategy actions, promise dates, write-off). Each loop takes the
earliest, draws whether a payment comes first from the exact repayment
intensity, and sleeps until whichever happens. Nothing polls day by day.
"""

from __future__ import annotations

import math
from typing import Any

from simulator.behaviour.intensity import Intensity
from simulator.compliance import ContactHistory
from simulator.parameters import PersonaParameters
from simulator.portfolio.contact import perform_action
from simulator.portfolio.context import RunContext
from simulator.portfolio.ledger import Ledger
from simulator.random_streams import Stream

__all__ = ["Account", "Promise"]

_AFTER = 1e-7  # days; "strictly after now" for recurring events


class Promise:
    """A dated amount the debtor agreed to pay (a promise, a plan instalment or a settlement)."""

    __slots__ = ("due", "amount", "kind", "record")

    def __init__(self, due: float, amount: float, kind: str, record: list) -> None:
        self.due = due
        self.amount = amount
        self.kind = kind
        self.record = record


class Account:
    """State and process of one debtor's account in one replication."""

    def __init__(self, ctx: RunContext, index: int, row: Any, persona: str, capacity_mxn: float,
                 segment: int = 0):
        self.ctx = ctx
        self.index = index
        self.account_id = row.account_id
        self.row = row
        self.segment_index = segment
        self.segment = ctx.segments[segment]
        self.persona_name = persona
        self.persona: PersonaParameters = ctx.parameters.personas[persona]
        self.capacity = capacity_mxn
        self.ledger = Ledger(row.balance_mxn, row.instalment_mxn)
        self.intensity = Intensity(self.persona.floor_per_day, self.persona.decay_per_day)
        self.history = ContactHistory()
        self.payments = ctx.streams.stream("payments", index)
        self.contacts = ctx.streams.stream("contacts", index)
        self._outcomes: Stream | None = None
        self.promises: list[Promise] = []
        self.disputed_until = -math.inf
        self.commission_rate = 0.0
        self.closed = ""
        self.collected = self.cost = self.complaint_cost = 0.0
        self.discount = self.written_off = self.billed = 0.0
        self.complaints = 0
        self.handed_over = False
        self.recent_contacts: list[float] = []
        self._mass: float | None = None
        # An action that needs contact data the account lacks never fires for it.
        self._fired = [
            math.inf if action.only_with_data and not ctx.parameters.channels[action.channel].has_data(row)
            else -math.inf
            for action in self.segment.actions
        ]
        self._agenda_key: tuple | None = None
        self._agenda = (math.inf, -1)
        self._payday_at = -math.inf
        self._open_initial_bills(row.days_past_due)
        self.start_balance = row.balance_mxn
        self.start_dpd = float(row.days_past_due)
        self.start_arrears = self.ledger.amount_due()
        first_due = ctx.calendar.next_month_day(-1, row.billing_day)
        self.next_due = first_due
        self.last_due = first_due - 30.0
        self.next_statement = max(0.0, first_due - ctx.parameters.statement_lead_days)

    @property
    def outcomes(self) -> Stream:
        """Stream for conversation outcomes, created on first use (most accounts never talk)."""
        if self._outcomes is None:
            ctx = self.ctx
            self._outcomes = ctx.streams.stream("outcomes", self.index)
        return self._outcomes

    def _open_initial_bills(self, days_past_due: int) -> None:
        due = -float(days_past_due)
        while days_past_due > 0 and due <= 0.0:
            self.ledger.bill(due)
            due += 30.0

    # ----------------------------------------------------------------- process
    def run(self):
        """The SimPy process: one loop turn per event of this account.

        Paydays only raise the intensity, so they are folded into the exact
        payment draw between two events instead of being events themselves.
        """
        env = self.ctx.env
        while not self.closed:
            now = env.now
            when, handler, argument = self._next_event(now)
            if self.ledger.amount_due() <= 0.0:
                self._mass = None  # nothing owed: the next bill starts a fresh draw
                if when == math.inf:
                    return
            elif self._mass is None:
                self._mass = self.payments.exponential()
            paid_at = self._drift(now, when)
            if paid_at == math.inf and when == math.inf:
                return
            self.ctx.events += 1
            if paid_at < when:
                yield env.timeout(paid_at - now)
                self._spontaneous_payment()
                continue
            if when > now:
                yield env.timeout(when - now)
            outcome = handler(argument)
            if outcome is not None:
                started = env.now
                yield from outcome  # a call waiting for an agent takes time
                if self._drift(started, env.now) < math.inf:
                    self._spontaneous_payment()

    def _drift(self, start: float, end: float) -> float:
        """Let time run from ``start`` to ``end``: decay the intensity, add payday
        jumps, use up the exponential draw. Returns the payment time if the draw
        runs out first (the state is then at that time), else ``inf``."""
        intensity = self.intensity
        if self._mass is None:
            intensity.advance(end - start)
            return math.inf
        t = start
        while True:
            if self._payday_at <= t:
                self._payday_at = self.next_payday(t + _AFTER)
            stop = min(end, self._payday_at)
            span = stop - t
            wait = intensity.time_to(self._mass, span)
            if wait < span:
                intensity.advance(wait)
                self._mass = None
                return t + wait
            if span == math.inf:
                return math.inf
            self._mass -= intensity.integral(span)
            intensity.advance(span)
            t = stop
            if stop >= end:
                return math.inf
            intensity.jump(self.persona.jump_payday_per_day)

    def _next_event(self, now: float):
        params = self.ctx.parameters
        best = (self.next_statement, self._statement, None)
        if self.next_due < best[0]:
            best = (self.next_due, self._due, None)
        oldest = self.ledger.oldest_due(now)
        if oldest is not None:
            write_off = oldest + params.write_off_days_past_due
            if write_off < best[0]:
                best = (max(write_off, now), self._write_off, None)
        for promise in self.promises:
            if promise.due < best[0]:
                best = (promise.due, self._promise_due, promise)
        when, number = self._next_action(now)
        if when < best[0]:
            best = (when, self._act, number)
        return best

    def _next_action(self, now: float) -> tuple[float, int]:
        """Next strategy action, cached until the account's dates change or one fires."""
        bills = self.ledger.bills
        key = (bills[0][0] if bills else None, self.last_due, self.next_due)
        if key != self._agenda_key:
            self._agenda_key = key
            schedule = self.ctx.schedules[self.segment_index]
            self._agenda = schedule.next_firing(self.index, self._fired, now, *key)
        return self._agenda

    # ---------------------------------------------------------------- agenda
    def next_payday(self, now: float) -> float:
        """Time of the next payday at or after ``now``."""
        calendar, row = self.ctx.calendar, self.row
        hour = self.ctx.parameters.payday_hour / 24.0
        after = math.floor(now) - 1 if now % 1.0 <= hour else math.floor(now)
        if row.income_cycle == "semanal":
            day = calendar.next_weekday(after, row.payday)
        elif row.income_cycle == "quincenal":
            day = min(calendar.next_month_day(after, row.payday),
                      calendar.next_month_day(after, row.payday + 15))
        else:
            day = calendar.next_month_day(after, row.payday)
        return day + hour

    def is_near_payday(self, t: float) -> bool:
        """True when ``t`` is within the payday window of some payday."""
        window = self.ctx.parameters.payday_window_days
        return self.next_payday(t - window) <= t + window

    # -------------------------------------------------------------- handlers
    def _statement(self, _):
        self.billed += self.ledger.bill(self.next_due)
        self.intensity.jump(self.persona.jump_statement_per_day)
        self.next_statement = math.inf

    def _due(self, _):
        calendar = self.ctx.calendar
        self.last_due = self.next_due
        self.next_due = calendar.next_month_day(int(self.next_due), self.row.billing_day)
        self.next_statement = max(self.ctx.env.now, self.next_due - self.ctx.parameters.statement_lead_days)

    def _write_off(self, _):
        limit = self.ctx.parameters.write_off_days_past_due - _AFTER
        if self.ledger.days_past_due(self.ctx.env.now) >= limit:
            self.written_off = self.ledger.forgive()
            self.closed = "castigada"
            self.promises.clear()

    def _spontaneous_payment(self):
        persona, stream, params = self.persona, self.payments, self.ctx.parameters
        affordable = min(self.ledger.amount_due(),
                         self.capacity * stream.lognormal(params.capacity_noise))
        if not stream.bernoulli(persona.full_payment_probability):
            low, high = params.partial_payment_range
            affordable *= low + (high - low) * stream.uniform()
        self.receive(affordable)

    def _promise_due(self, promise: Promise):
        self.promises.remove(promise)
        params, stream = self.ctx.parameters, self.outcomes
        available = self.capacity * stream.lognormal(params.capacity_noise)
        if not self.is_near_payday(promise.due):
            available *= params.off_payday_capacity_factor
        if promise.kind == "quita":
            available += self.capacity * self.persona.savings_months
        honest = stream.bernoulli(self.persona.honesty)
        kept = honest and available >= promise.amount
        paid = promise.amount if kept else (available * params.broken_promise_payment if honest else 0.0)
        paid = self.receive(paid)
        promise.record[6], promise.record[7] = kept, paid
        if kept and promise.kind == "quita" and not self.closed:
            self.discount += self.ledger.forgive()
            self.closed = "liquidada"
        if not kept:
            self.promises = [p for p in self.promises if p.kind != "plan"]

    def _act(self, number: int):
        self._fired[number] = self.ctx.env.now
        self._agenda_key = None
        return perform_action(self, self.segment.actions[number])

    # ---------------------------------------------------------------- money
    def receive(self, amount_mxn: float) -> float:
        """Book a payment (if above the minimum); returns what was applied."""
        if amount_mxn < self.ctx.parameters.minimum_payment_mxn:
            return 0.0
        applied = self.ledger.pay(amount_mxn)
        self.collected += applied
        self.ctx.collected_by_day[int(self.ctx.env.now)] += applied
        self.cost += applied * self.commission_rate
        self.intensity.jump(self.persona.jump_payment_per_day)
        if self.ledger.settled:
            self.closed = "pagada"
            self.promises.clear()
        return applied

    def add_promise(self, due: float, amount: float, kind: str) -> None:
        """Record a promise, plan instalment or settlement falling due at ``due``."""
        record = [self.account_id, self.ctx.env.now, due, amount, self.capacity, kind, None, 0.0]
        self.ctx.promises.append(record)
        self.promises.append(Promise(due, amount, kind, record))

    def promise_date(self) -> float:
        """When the collector asks the debtor to pay, per the strategy."""
        now = self.ctx.env.now
        if self.segment.negotiation.promise_date == "inmediata":
            return math.floor(now) + 1.0 + self.ctx.parameters.promise_hour / 24.0
        return self.payday_promise_date(now + 1.0)

    def payday_promise_date(self, t: float) -> float:
        """Afternoon of the first payday at or after ``t``."""
        return math.floor(self.next_payday(t)) + self.ctx.parameters.promise_hour / 24.0

    def contacts_last_week(self, now: float) -> int:
        """Executed contacts in the last 7 days (drives complaints from over-contact)."""
        self.recent_contacts = [t for t in self.recent_contacts if t > now - 7.0]
        return len(self.recent_contacts)
