"""Carrying out a strategy action on one account: rules first, then the contact.

Every attempt is checked against the account's jurisdiction before it happens;
a blocked attempt is logged and counted and never executed. Calls and visits
also need a free agent on shift; an attempt nobody could take is logged as
lost to capacity.
"""

from __future__ import annotations

import math

from simulator.buckets import bucket_index
from simulator.compliance import ALLOWED, Attempt, ContactHistory
from simulator.engine.contact_log import ContactLog
from simulator.engine.context import POLICY_LIMIT_RULES
from simulator.engine.conversation import converse
from simulator.engine.staff import MINUTES_PER_DAY, StaffPool
from simulator.negotiation.outcomes import ContactOutcome
from simulator.parameters import ChannelParameters
from simulator.strategies.schema import Action

__all__ = ["NOT_ENFORCED", "NO_STAFF", "action_ready", "log_attempt", "make_contact", "patience",
           "perform_action"]

#: ``rule_id`` of an attempt lost because no agent was on shift or free in time.
NO_STAFF = "sin_personal"
#: ``rule_id`` of an executed attempt when compliance enforcement is switched off.
NOT_ENFORCED = "sin_control"

_NO_HISTORY = ContactHistory()  # what the guard sees for an account never contacted (never written)
_CONSENTED, _TO_THIRD_PARTY, _ALLOWED, _EXECUTED, _REACHED, _CONVERSATION = (
    ContactLog.flag(name) for name in (
        "consented", "to_third_party", "allowed", "executed", "reached", "conversation"))


def perform_action(account, number: int) -> bool:
    """Run action ``number`` of the account's segment now.

    Returns True when a call is still under way (waiting for an agent or
    talking); the account is then told with ``account.call_over()``.
    """
    ready = action_ready(account, number)
    if ready is None:
        return False
    action, channel = ready
    if channel.resource is None:
        make_contact(account, action, channel)
        return False
    return _staffed_contact(account, action, channel)


def action_ready(account, number: int) -> tuple[Action, ChannelParameters] | None:
    """Action ``number`` and its channel when it goes ahead now; None when a stop
    condition holds, the account is in another bucket or a limit of the strategy
    stops it (that attempt is logged)."""
    now = account.ctx.env.now
    schedule = account.profile.schedule
    if _stopped(account, schedule.stops[number], now):
        return None
    if not schedule.in_bucket[number][bucket_index(account.ledger.days_past_due(now))]:
        return None
    action = schedule.actions[number]
    channel = account.ctx.parameters.channels[action.channel]
    limit = _policy_limit(account, channel, now)
    if limit is not None:
        log_attempt(account, action, limit, executed=False)
        return None
    return action, channel


def _stopped(account, stops: tuple[bool, bool, bool, bool], now: float) -> bool:
    """Whether a stop condition of the action holds (``stops`` as ``ActionSchedule.stops``)."""
    paid, promised, disputed, handed_over = stops
    return (
        (paid and account.ledger.amount_due() <= 0.0)
        or (promised and bool(account.promises))
        or (disputed and now < account.disputed_until)
        or (handed_over and account.handed_over)
    )


def _policy_limit(account, channel: ChannelParameters, now: float) -> str | None:
    """The strategy's own cap this contact would exceed, if any."""
    limits = account.profile.segment.limits
    weekly = limits.contacts_per_week
    if (weekly is not None and channel.contact_class != "none"
            and account.contacts_last_week(now) >= weekly):
        return POLICY_LIMIT_RULES[0]
    budget = limits.budget_per_account_mxn
    if budget is not None and account.cost + channel.cost_mxn > budget:
        return POLICY_LIMIT_RULES[1]
    return None


def _staffed_contact(account, action: Action, channel: ChannelParameters) -> bool:
    """A call or visit: an agent on shift now, or a wait for one until the deadline."""
    env = account.ctx.env
    pool = account.ctx.staff[channel.resource]
    shift_end = pool.shift_end(env.now)
    if shift_end is None:
        log_attempt(account, action, NO_STAFF, executed=False)
        return False
    call = pool.take(patience(action, shift_end, env.now))
    if call is None:
        return _staffed_talk(account, action, channel, pool, shift_end)

    def answered(event) -> None:  # everybody was busy: an agent came, or the deadline passed
        if not event.value:
            log_attempt(account, action, NO_STAFF, executed=False)
        if not (event.value and _staffed_talk(account, action, channel, pool, shift_end)):
            account.call_over()

    call.callbacks.append(answered)
    return True


def patience(action: Action, shift_end: float, now: float) -> float:
    """Days a call begun at ``now`` waits for an agent: until the shift or the
    action's window ends, whichever comes first."""
    return max(0.0, min(shift_end, math.floor(now) + action.window[1] / 24.0) - now)


def _staffed_talk(account, action: Action, channel: ChannelParameters, pool: StaffPool,
                  shift_end: float) -> bool:
    """The contact with an agent assigned; True while the agent stays busy with it."""
    minutes = make_contact(account, action, channel)
    if minutes <= 0.0:
        pool.release()
        return False
    env = account.ctx.env
    pool.book(env.now, minutes, shift_end)

    def hang_up(_event) -> None:
        pool.release()
        account.call_over()

    env.timeout(minutes / MINUTES_PER_DAY).callbacks.append(hang_up)
    return True


def _attempt(account, action: Action, channel: ChannelParameters) -> Attempt:
    return Attempt(
        time_days=account.ctx.env.now,
        channel=action.channel,
        contact_class=channel.contact_class,
        consented=account.profile.consented[action.channel],
        to_third_party=action.to_third_party,
    )


def make_contact(account, action: Action, channel: ChannelParameters) -> float:
    """Execute one attempt if the rules allow it; returns staff minutes used."""
    ctx = account.ctx
    ruled = channel.contact_class != "none"  # no rule reads the others: no attempt to describe
    attempt = _attempt(account, action, channel) if ruled else None
    rule = ALLOWED if ctx.enforce_compliance else NOT_ENFORCED
    if ctx.enforce_compliance and ruled:
        history = _NO_HISTORY if account.history is None else account.history
        decision = account.profile.guard.check(history, attempt)
        if not decision.allowed:
            log_attempt(account, action, decision.rule_id, executed=False)
            return 0.0
    account.charge(channel.cost_mxn)
    has_data = account.profile.has_data[action.channel]
    fatigue = ctx.parameters.contact_fatigue
    load = account.contact_load(ctx.env.now) if ruled else 0.0
    reach = channel.reach_probability
    if channel.conversation:
        reach *= account.persona.answer_probability * fatigue.answer_factor(load)
    reached = has_data and not action.to_third_party and account.contacts.bernoulli(reach)
    outcome: ContactOutcome | None = None
    if reached:
        _push(account, channel.effect_per_day * account.persona.response_to(action.channel),
              fatigue.effect_factor(load))
        if channel.conversation:
            outcome = converse(account)
    elif action.to_third_party and has_data:
        outcome = ContactOutcome.TERCEROS
    elif channel.conversation and has_data and account.contacts.bernoulli(
        channel.third_party_probability
    ):
        outcome = ContactOutcome.CONTESTO_TERCERO
    if channel.handover:
        account.hand_over(channel.commission_rate)
    conversation = reached and channel.conversation
    if ruled:
        account.record_contact(attempt, conversation)
        account.tire(ctx.env.now, load)
    log_attempt(account, action, rule, executed=True, reached=reached, conversation=conversation,
                outcome=outcome)
    return channel.connected_minutes if conversation else channel.attempt_minutes


def _push(account, effect_per_day: float, factor: float) -> None:
    """A reached contact's push to pay, shrunk by fatigue; past saturation it takes that share of the
    urge already there instead."""
    if factor >= 0.0:
        account.intensity.jump(effect_per_day * factor)
    else:
        account.intensity.push_back(min(1.0, -factor))


def log_attempt(account, action: Action, rule_id: str, *, executed: bool, reached: bool = False,
                conversation: bool = False, outcome: ContactOutcome | None = None) -> None:
    """Append one attempt, made now, to the run's contact log (see ``CONTACT_COLUMNS``)."""
    allowed = executed or rule_id == NO_STAFF or rule_id in POLICY_LIMIT_RULES
    flags = (account.profile.consented[action.channel] * _CONSENTED
             + action.to_third_party * _TO_THIRD_PARTY
             + allowed * _ALLOWED + executed * _EXECUTED + reached * _REACHED
             + conversation * _CONVERSATION)
    account.ctx.contacts.add(account.index, account.ctx.env.now, action.channel, rule_id, outcome or "",
                             flags)
