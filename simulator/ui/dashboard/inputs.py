"""What the dashboard runs: the portfolio, the strategies and the levers edited on the page.

Uploaded files go through the same loaders as the command line, so a broken
file gives the same Spanish message naming row or line and column or key;
only the file name is the one the manager uploaded, not a temporary path.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from simulator.buckets import BUCKET_NAMES
from simulator.content import load_content, shown_name, upload_name_problem
from simulator.errors import CobranzaError, PortfolioError, StrategyError
from simulator.experiments.sweep import apply_lever
from simulator.paths import dataset
from simulator.portfolio import load_portfolio, portfolio_from_bytes
from simulator.strategies import Strategy, load_strategy
from simulator.strategies.edits import channels_used, keep_channels, shift_late_actions
from simulator.strategies.library import strategy_library

__all__ = [
    "DISCOUNT_LEVERS",
    "EDITABLE_LEVERS",
    "MAX_UPLOAD_BYTES",
    "demo_portfolio",
    "edit_strategy",
    "lever_values",
    "portfolio_from_upload",
    "strategy_from_upload",
    "strategy_library",
    "with_jurisdiction",
]

#: Largest file the page accepts; bigger portfolios run from the command line.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
#: Lever names of :data:`simulator.experiments.sweep.LEVERS` for the maximum discount of each bucket.
DISCOUNT_LEVERS = tuple(f"quita_maxima.{bucket}" for bucket in BUCKET_NAMES)
#: The levers the page edits, by their :mod:`simulator.experiments.sweep` names.
EDITABLE_LEVERS = ("agentes", "contactos_por_semana", *DISCOUNT_LEVERS)
#: Differences below this are the page's rounding to whole percentages, not edits.
_TOLERANCE = 0.005


def demo_portfolio() -> pd.DataFrame:
    """The course's synthetic portfolio (5,000 accounts)."""
    return load_portfolio(dataset("portfolios", "demo.csv"))


def _check_upload(name: str, data: bytes, error_type: type[CobranzaError]) -> None:
    """Refuse files over the page's limit or with a name no person chose."""
    problem = upload_name_problem(name)
    if problem is not None:
        raise error_type(f"{problem}; cambie el nombre del archivo (por ejemplo, a cartera.csv o "
                         "estrategia.yaml) y súbalo de nuevo")
    if len(data) > MAX_UPLOAD_BYTES:
        raise error_type(f"el archivo pesa {len(data) / 2**20:.1f} MB y el límite del tablero es "
                         f"{MAX_UPLOAD_BYTES // 2**20} MB; use una muestra o la línea de comandos "
                         "(python -m simulator compare)", file=shown_name(name))


def _from_upload(name: str, data: bytes, load: Callable[[Path], object],
                 error_type: type[CobranzaError]):
    """Load uploaded bytes with ``load``, refusing files over the page's limit."""
    _check_upload(name, data, error_type)
    return load_content(load, data, name)


def portfolio_from_upload(name: str, data: bytes,
                          columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A validated portfolio from an uploaded CSV or Excel workbook, by the command line's rules.

    Args:
        columns: file header -> schema column, from the page's column step.

    Raises:
        MissingColumnsError: required columns no header matched (the page then asks).
        PortfolioError: too big, or the first problem with its row and column.
    """
    _check_upload(name, data, PortfolioError)
    return portfolio_from_bytes(data, shown_name(name), columns)


def strategy_from_upload(name: str, data: bytes) -> Strategy:
    """A validated strategy from an uploaded YAML file.

    The page trusts no folder: an upload may name only the shipped negotiation
    policies, and anything else is refused by name, without importing it.

    Raises:
        StrategyError: too big, or the first problem with its line and key.
    """
    return _from_upload(name, data, load_strategy, StrategyError)


def lever_values(strategy: Strategy) -> dict[str, int | float | None]:
    """The strategy's own value of every editable lever (no discount allowed is 0)."""
    discounts = strategy.negotiation.max_discount
    return {
        "agentes": strategy.resources.agents,
        "contactos_por_semana": strategy.limits.contacts_per_week,
        **{lever: discounts.get(bucket, 0.0) for lever, bucket in zip(DISCOUNT_LEVERS, BUCKET_NAMES,
                                                                        strict=True)},
    }


def _changed(old, new) -> bool:
    if old is None or new is None:
        return old is not new
    return not math.isclose(old, new, abs_tol=_TOLERANCE)


def _shown(value) -> str:
    return "sin tope" if value is None else f"{value:g}"


def edit_strategy(strategy: Strategy, values: Mapping[str, int | float | None], *,
                  channels: tuple[str, ...] | None = None, shift_days: int = 0) -> Strategy:
    """The strategy with the levers that differ from its own, validated like a file.

    An unedited strategy comes back as it is, so its name and numbers match the
    command line; an edited one is named after its edits, e.g.
    ``escalonada[agentes=20, quita_maxima.90+=0.4, sin sms, desfase=+7]``, so
    two variants of the same file can be compared.

    Args:
        values: lever name -> value, for the levers of :data:`EDITABLE_LEVERS`.
        channels: the channels to keep (None keeps them all); the channel mix.
        shift_days: days to move every action timed from the default; the timing.

    Raises:
        StrategyError: a value outside what the strategy schema allows.
    """
    own = lever_values(strategy)
    edits = {lever: value for lever, value in values.items() if _changed(own[lever], value)}
    kept = channels_used(strategy) if channels is None else channels
    dropped = [channel for channel in channels_used(strategy) if channel not in kept]
    if not edits and not dropped and not shift_days:
        return strategy
    edited = strategy
    for lever, value in edits.items():
        edited = apply_lever(edited, lever, value)
    if dropped:
        edited = keep_channels(edited, kept)
    if shift_days:
        edited = shift_late_actions(edited, shift_days)
    label = ", ".join([*(f"{lever}={_shown(value)}" for lever, value in edits.items()),
                       *(f"sin {channel}" for channel in dropped),
                       *([f"desfase={shift_days:+d}"] if shift_days else [])])
    return edited.model_copy(update={"name": f"{strategy.name}[{label}]"})


def with_jurisdiction(portfolio: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """The portfolio with every account under ``code``'s contact rules (``None``: as loaded)."""
    return portfolio if code is None else portfolio.assign(jurisdiction=code)
