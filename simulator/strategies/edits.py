"""Edits of a strategy's schedule that a manager makes without writing YAML: channel mix and timing.

Each edit touches the top-level actions and every segment's, and returns a
strategy validated like a file, so an edit can never produce something the
loader would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from simulator.strategies.schema import Strategy

__all__ = ["channels_used", "keep_channels", "shift_late_actions"]

#: Latest day an action may fire, as the schema allows.
_LAST_DAY = 365


def channels_used(strategy: Strategy) -> tuple[str, ...]:
    """The channels the strategy's actions use, in the order they first appear."""
    actions = [*strategy.actions, *(action for segment in strategy.segments for action in segment.actions)]
    return tuple(dict.fromkeys(action.channel for action in actions))


def _edited(strategy: Strategy, edit: Callable[[list[dict]], list[dict]]) -> Strategy:
    data = strategy.model_dump(by_alias=True, mode="json")
    data["acciones"] = edit(data["acciones"])
    for segment in data["segmentos"]:
        segment["acciones"] = edit(segment["acciones"])
    return Strategy.model_validate(data)


def keep_channels(strategy: Strategy, channels: Iterable[str]) -> Strategy:
    """The strategy with only the actions on ``channels`` (e.g. without calls, to price them)."""
    kept = set(channels)
    return _edited(strategy, lambda actions: [action for action in actions if action["canal"] in kept])


def _shifted(action: dict, days: int) -> dict:
    """A late-anchored action moved ``days`` later (earlier if negative), kept within days 1-365."""
    if action["desde"] != "atraso":
        return action
    first = min(max(1, action["dia"] + days), _LAST_DAY)
    moved = {**action, "dia": first}
    if action.get("hasta_dia") is not None:
        moved["hasta_dia"] = min(max(first, action["hasta_dia"] + days), _LAST_DAY)
    return moved


def shift_late_actions(strategy: Strategy, days: int) -> Strategy:
    """Every action timed from the default ``days`` later (or earlier); reminders before the due date stay.

    It answers "what if we started calling a week later?": the first and last
    day of each late-stage action move together, never before day 1.
    """
    return _edited(strategy, lambda actions: [_shifted(action, days) for action in actions])
