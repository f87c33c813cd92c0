"""Load a strategy YAML file into a validated :class:`Strategy`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simulator.errors import StrategyError
from simulator.strategies.schema import Strategy, yaml_keys
from simulator.yaml_lines import load_located_yaml, validate_located

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["load_strategy"]


def load_strategy(path: str | Path, policies: PolicyRegistry | None = None) -> Strategy:
    """Read and validate a strategy; reading it never imports a policy.

    Args:
        policies: the negotiation policies the strategy may name; by default only
            the shipped ones (a policy of the user's own needs its folder trusted).

    Raises:
        StrategyError: naming file, line and key of the first problem, in Spanish.
    """
    # Imported here: the negotiation package reads strategies to draw its debtors.
    from simulator.negotiation.registry import PolicyRegistry

    located = load_located_yaml(path, StrategyError)
    strategy = validate_located(Strategy, located, StrategyError, str(path), yaml_keys(),
                                context={"policies": policies or PolicyRegistry()})
    strategy._source_file = str(path)
    return strategy
