"""Load a strategy YAML file into a validated :class:`Strategy`."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from simulator.errors import StrategyError
from simulator.strategies.policy_names import check_shipped
from simulator.strategies.schema import Strategy, yaml_keys
from simulator.yaml_lines import load_located_yaml, validate_located

__all__ = ["PolicyNames", "load_strategy"]


class PolicyNames(Protocol):
    """What may be named in ``negociacion.politica`` (a negotiation registry is one)."""

    def check(self, name: str) -> None:
        """Raise a :class:`~simulator.errors.CobranzaError` for a name that cannot be used."""


def load_strategy(path: str | Path, policies: PolicyNames | None = None) -> Strategy:
    """Read and validate a strategy; reading it never imports a policy.

    Args:
        policies: the negotiation policies the strategy may name; by default only
            the shipped ones (a policy of the user's own needs its folder trusted).

    Raises:
        StrategyError: naming file, line and key of the first problem, in Spanish.
    """
    located = load_located_yaml(path, StrategyError)
    strategy = validate_located(Strategy, located, StrategyError, str(path), yaml_keys(),
                                context={"check_policy": policies.check if policies else check_shipped})
    strategy._source_file = str(path)
    return strategy
