"""Load a strategy YAML file into a validated :class:`Strategy`."""

from __future__ import annotations

from pathlib import Path

from simulator.errors import StrategyError
from simulator.strategies.schema import Strategy, yaml_keys
from simulator.yaml_lines import load_located_yaml, validate_located

__all__ = ["load_strategy"]


def load_strategy(path: str | Path) -> Strategy:
    """Read and validate a strategy.

    Raises:
        StrategyError: naming file, line and key of the first problem, in Spanish.
    """
    located = load_located_yaml(path, StrategyError)
    strategy = validate_located(Strategy, located, StrategyError, str(path), yaml_keys())
    strategy._source_file = str(path)
    return strategy
