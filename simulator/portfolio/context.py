"""What every account process of one replication shares: clock, rules, staff, logs."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import simpy

from simulator.calendar import Calendar
from simulator.compliance import ContactGuard
from simulator.parameters import ModelParameters
from simulator.portfolio.schedule import ActionSchedule
from simulator.portfolio.staff import StaffPool
from simulator.random_streams import StreamSource
from simulator.strategies.schema import Segment, Strategy

__all__ = ["CONTACT_COLUMNS", "POLICY_LIMIT_RULES", "PROMISE_COLUMNS", "RunContext"]

#: Columns of the contact log (one row per attempted contact).
CONTACT_COLUMNS = (
    "account_id", "time_days", "channel", "contact_class", "consented", "to_third_party",
    "identified", "threatening", "allowed", "rule_id", "executed", "reached",
    "conversation", "outcome", "cost_mxn",
)
#: ``rule_id`` values of attempts the strategy's own limits stopped (not the law).
POLICY_LIMIT_RULES = ("limite_semanal", "presupuesto_agotado")
#: Columns of the promise log (one row per promise, plan instalment or settlement).
PROMISE_COLUMNS = (
    "account_id", "made_days", "due_days", "amount_mxn", "capacity_mxn", "kind", "kept", "paid_mxn",
)


@dataclass
class RunContext:
    """Shared state of one replication; accounts read it and append to its logs."""

    env: simpy.Environment
    calendar: Calendar
    parameters: ModelParameters
    strategy: Strategy
    staff: dict[str, StaffPool]
    guards: dict[str, ContactGuard]
    segments: tuple[Segment, ...]
    schedules: tuple[ActionSchedule, ...]
    enforce_compliance: bool
    horizon_days: float
    seed: int
    replication: int
    events: int = 0
    contacts: list[tuple] = field(default_factory=list)
    promises: list[list] = field(default_factory=list)
    collected_by_day: np.ndarray = field(init=False)
    streams: StreamSource = field(init=False)

    def __post_init__(self) -> None:
        self.collected_by_day = np.zeros(int(np.ceil(self.horizon_days)))
        self.streams = StreamSource(self.seed, self.replication)
