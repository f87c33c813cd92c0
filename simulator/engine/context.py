"""What every account process of one replication shares: clock, rules, staff, logs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import simpy

from simulator.calendar import Calendar
from simulator.engine.contact_log import CONTACT_COLUMNS, ContactLog
from simulator.engine.staff import StaffPool
from simulator.negotiation.portfolio_calls import PortfolioNegotiator
from simulator.parameters import ModelParameters, StaffPoolName
from simulator.random_streams import StreamSource
from simulator.strategies.schema import Strategy

__all__ = ["CONTACT_COLUMNS", "POLICY_LIMIT_RULES", "PROMISE_COLUMNS", "RunContext"]

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
    staff: dict[StaffPoolName, StaffPool]
    enforce_compliance: bool
    horizon_days: float
    seed: int
    replication: int
    accounts: int
    events: int = 0
    #: Runs the named negotiation policies; None when no segment names one.
    negotiator: PortfolioNegotiator | None = None
    contacts: ContactLog = field(init=False)
    promises: list[list] = field(default_factory=list)
    collected_by_day: list[float] = field(init=False)
    streams: StreamSource = field(init=False)
    payday_hour: float = field(init=False)

    def __post_init__(self) -> None:
        self.contacts = ContactLog(self.parameters)
        self.collected_by_day = [0.0] * math.ceil(self.horizon_days)
        self.streams = StreamSource(self.seed, self.replication, self.accounts)
        self.payday_hour = self.parameters.payday_hour / 24.0
