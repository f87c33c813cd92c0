"""What accounts with the same fixed attributes share: one object, not one per account.

An account's segment, country and contact data never change during a run, and
a portfolio has only a few dozen combinations of them. Each combination is
worked out once (which channels have their datum, the guard of the country,
the initial state of the strategy's actions) and every account with it points
to the same :class:`Profile`; likewise every account with the same pay cycle
and payday shares one list of paydays. This keeps the per-account state small
for large portfolios.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simulator.behaviour.paydays import payday_days
from simulator.calendar import Calendar
from simulator.compliance import ContactGuard
from simulator.engine.schedule import ActionSchedule
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Negotiation, Segment

__all__ = ["Profile", "assign_paydays", "assign_profiles"]

_NOT_YET = -math.inf  # an action that has not fired yet
_NEVER = math.inf  # an action that can never fire for the account


class Profile:
    """Fixed attributes shared by a group of accounts of one run.

    Attributes:
        has_data: channel name -> the account has the datum the channel needs.
        consented: channel name -> the contact is consented (no consent needed,
            or the datum was given).
        initial_fired: start value of the accounts' "last firing" per action;
            actions needing data the account lacks never fire.
    """

    __slots__ = ("jurisdiction", "guard", "has_data", "consented", "segment", "negotiation", "schedule",
                 "initial_fired")

    def __init__(self, jurisdiction: str, guard: ContactGuard, has_data: dict[str, bool],
                 parameters: ModelParameters, segment: Segment, schedule: ActionSchedule) -> None:
        self.jurisdiction = jurisdiction
        self.guard = guard
        self.has_data = has_data
        self.consented = {name: not channel.consent_required or has_data[name]
                          for name, channel in parameters.channels.items()}
        self.segment = segment
        if segment.negotiation is None:
            raise ValueError(f"segment {segment.name!r} has no negotiation terms: pass "
                             "Strategy.resolved_segments(), which fills them in")
        self.negotiation: Negotiation = segment.negotiation
        self.schedule = schedule
        self.initial_fired = tuple(
            _NEVER if action.only_with_data and not has_data[action.channel] else _NOT_YET
            for action in segment.actions
        )


def assign_profiles(portfolio: pd.DataFrame, membership: np.ndarray, parameters: ModelParameters,
                    guards: dict[str, ContactGuard], segments: tuple[Segment, ...],
                    schedules: tuple[ActionSchedule, ...]) -> list[Profile]:
    """The shared profile of every account, in portfolio order."""
    fields = sorted({channel.requires for channel in parameters.channels.values()
                     if channel.requires is not None})
    columns = [portfolio[name].tolist() for name in ("jurisdiction", *fields)]
    cache: dict[tuple, Profile] = {}
    profiles = []
    for segment_number, jurisdiction, *flags in zip(membership.tolist(), *columns, strict=True):
        key = (segment_number, jurisdiction, *(bool(flag) for flag in flags))
        profile = cache.get(key)
        if profile is None:
            data = dict(zip(fields, key[2:], strict=True))
            has_data = {name: channel.requires is None or data[channel.requires]
                        for name, channel in parameters.channels.items()}
            profile = cache[key] = Profile(jurisdiction, guards[jurisdiction], has_data, parameters,
                                           segments[segment_number], schedules[segment_number])
        profiles.append(profile)
    return profiles


def assign_paydays(portfolio: pd.DataFrame, calendar: Calendar) -> list[list[int]]:
    """The payday list of every account, in portfolio order; one list object
    per pay cycle and payday, shared by the accounts that have them."""
    shared: dict[tuple[str, int], list[int]] = {}
    return [shared.get(key) or shared.setdefault(key, payday_days(calendar, *key))
            for key in zip(portfolio["income_cycle"].tolist(), portfolio["payday"].tolist(),
                           strict=True)]
