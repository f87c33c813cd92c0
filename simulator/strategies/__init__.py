"""Strategies as data: the YAML schema and its loader."""

from simulator.strategies.loader import load_strategy
from simulator.strategies.schema import (
    CHANNEL_LABELS,
    CHANNEL_NAMES,
    Action,
    Negotiation,
    Resources,
    StopCondition,
    Strategy,
)

__all__ = [
    "CHANNEL_LABELS",
    "CHANNEL_NAMES",
    "Action",
    "Negotiation",
    "Resources",
    "StopCondition",
    "Strategy",
    "load_strategy",
]
