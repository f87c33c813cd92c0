"""The portfolio model as the textbook draws it: every account is a SimPy process.

The engine drives each account with callbacks hung on SimPy timeouts
(:meth:`~simulator.engine.account.Account.turn`): that is fast, but one
account's life ends up split across several callbacks. Here the same life is
one generator per account that sleeps with ``yield env.timeout(...)``, waits in
the queue for an agent with ``yield`` and talks for as long as the call lasts.

The reference decides nothing by itself. It calls the account's own methods
(the underscored ones are the engine's internals, shared on purpose so that no
rule exists twice), draws from the same random streams in the same order and
schedules the same SimPy events in the same order, so it gives exactly the
engine's tables (``tests/test_reference_model.py``). Read it and run it on a
few accounts; the engine stays the one that runs, as exact and a little
cheaper: about 5 % less time and 14 % less memory, a process and a suspended
frame fewer per account (``benchmarks/bench_reference.py``).
"""

from __future__ import annotations

import math
from collections.abc import Generator

import simpy

from simulator.engine.account import _ACTION, _HANDLERS, Account, AccountStatus
from simulator.engine.contact import NO_STAFF, action_ready, log_attempt, make_contact, patience
from simulator.engine.simulation import Simulation
from simulator.engine.staff import MINUTES_PER_DAY, StaffPool
from simulator.parameters import ChannelParameters
from simulator.strategies.schema import Action

__all__ = ["ReferenceSimulation", "account_process", "call", "strategy_action"]

#: A SimPy process body: yields events, is sent their values, returns whether time passed.
Steps = Generator[simpy.Event, object, bool]


class ReferenceSimulation(Simulation):
    """A :class:`~simulator.engine.simulation.Simulation` whose accounts each run
    as a SimPy process: same set-up, same result tables, only the running differs."""

    def _open(self, history: list[tuple]):
        env = self.ctx.env
        for account in self.accounts:
            env.process(account_process(env, account))
        # A new process starts ahead of every timeout: all accounts take their first
        # step, in portfolio order, before the first snapshot, as in the engine.
        yield env.timeout(0.0)
        yield from self._watch(history)


def account_process(env: simpy.Environment, account: Account) -> Generator[simpy.Event, object, None]:
    """The life of one account: sleep until the next thing happens, do it, again.

    The next thing is the earliest event of the account's agenda (statement,
    due date, write-off, promise date, strategy action), unless the debtor pays
    on their own before it. The process ends when the account closes (paid,
    settled or written off) or when nothing can happen to it any more.
    """
    while account.status is AccountStatus.ABIERTA:
        now = env.now
        when, source, argument = account._next_event(now)
        paid_at = account._payment_before(now, when)  # inf when no payment comes first
        if paid_at == when == math.inf:
            return
        account.ctx.events += 1
        if paid_at < when:
            yield env.timeout(paid_at - now)
            account._spontaneous_payment()
            continue
        if when > now:
            yield env.timeout(when - now)
        if source != _ACTION:
            _HANDLERS[source](account, argument)  # statement, due date, write-off or promise date
            continue
        started = env.now
        if (yield from strategy_action(env, account, argument)):
            # The call took time: the debtor's own payment may have fallen due meanwhile.
            if account._drift(started, env.now) < math.inf:
                account._spontaneous_payment()


def strategy_action(env: simpy.Environment, account: Account, number: int) -> Steps:
    """Action ``number`` of the account's strategy: stop conditions, bucket and
    the strategy's limits first, then the contact (the law's check is inside it).

    Returns True when the action took time: a call or visit that queued or talked.
    """
    account._mark_fired(number)
    ready = action_ready(account, number)
    if ready is None:
        return False
    action, channel = ready
    if channel.resource is None:  # an SMS, an e-mail, a letter: no agent, no time
        make_contact(account, action, channel)
        return False
    return (yield from call(env, account, action, channel, account.ctx.staff[channel.resource]))


def call(env: simpy.Environment, account: Account, action: Action, channel: ChannelParameters,
         team: StaffPool) -> Steps:
    """A call or visit: an agent of the team on shift, then the talk.

    The team works like a ``simpy.Resource`` whose requests give up at a
    deadline (see :mod:`simulator.engine.staff`): a call waits for a free
    agent until the shift or the action's window ends; one nobody took is lost.
    Returns True when the call took time: it queued or talked.
    """
    shift_end = team.shift_end(env.now)
    if shift_end is None:  # nobody is working now
        log_attempt(account, action, NO_STAFF, executed=False)
        return False
    queued = team.take(patience(action, shift_end, env.now))  # None: an agent was free
    if queued is not None and not (yield queued):  # the deadline came before an agent
        log_attempt(account, action, NO_STAFF, executed=False)
        return True
    minutes = make_contact(account, action, channel)  # 0 when the rules block it
    if minutes <= 0.0:
        team.release()
        return queued is not None
    team.book(env.now, minutes, shift_end)
    yield env.timeout(minutes / MINUTES_PER_DAY)
    team.release()
    return True
