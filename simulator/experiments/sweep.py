"""Sensitivity: one strategy run again for each value of one lever.

Levers come from a closed list (no paths into arbitrary fields, no code), and
every value runs on the same seed, so differences between values are not luck.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from pydantic import ValidationError

from simulator.errors import StrategyError
from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import IN_PROCESS, Execution, RunSettings
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy
from simulator.yaml_lines import spanish_message

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["LEVERS", "MAX_SWEEP_VALUES", "apply_lever", "parse_lever", "sweep_strategy"]

#: Lever name -> path of YAML keys in a strategy file (``{tramo}`` is filled in).
LEVERS = {
    "agentes": ("recursos", "agentes"),
    "visitadores": ("recursos", "visitadores"),
    "plan_max_pagos": ("negociacion", "plan_max_pagos"),
    "pago_minimo_aceptable_mxn": ("negociacion", "pago_minimo_aceptable_mxn"),
    "contactos_por_semana": ("limites", "contactos_por_semana"),
    "presupuesto_por_cuenta_mxn": ("limites", "presupuesto_por_cuenta_mxn"),
    "quita_maxima": ("negociacion", "quita_maxima", "{tramo}"),
}


#: Most values one sweep may try: each is a full run, and a grid is read before any of them.
MAX_SWEEP_VALUES = 200


def parse_lever(text: str) -> tuple[str, list[float]]:
    """``agentes=5:40:5`` (start:stop:step, stop included) or ``quita_maxima.90+=0,0.2,0.4``.

    Raises:
        StrategyError: an unknown lever, values that are not numbers, or more than
            :data:`MAX_SWEEP_VALUES` values (refused before the grid is built).
    """
    name, sep, values = text.partition("=")
    base = name.split(".", 1)[0]
    if not sep or base not in LEVERS or (base == "quita_maxima") != ("." in name):
        raise StrategyError(f"palanca no válida {text!r}; use NOMBRE=INICIO:FIN:PASO o NOMBRE=A,B,C "
                            f"con NOMBRE en: {', '.join(LEVERS)} (quita_maxima.TRAMO)", field="--param")
    try:
        if ":" in values:
            start, stop, step = (float(part) for part in values.split(":"))
            if not step > 0 or not stop >= start:  # also refuses nan
                raise ValueError
            _check_count((stop - start) / step + 1, text)
            grid = list(np.arange(start, stop + step / 2, step))
        else:
            _check_count(values.count(",") + 1, text)
            grid = [float(part) for part in values.split(",")]
    except ValueError:
        raise StrategyError(f"valores no válidos en {text!r}: se esperaban números como 5:40:5 "
                            "o 0,0.2,0.4", field="--param") from None
    return name, [int(v) if float(v).is_integer() else float(v) for v in grid]


def _check_count(count: float, text: str) -> None:
    if count > MAX_SWEEP_VALUES:
        shown = "infinitos" if count == float("inf") else f"{int(count):,}"
        raise StrategyError(f"{text!r} pide {shown} valores; una sensibilidad admite a lo más "
                            f"{MAX_SWEEP_VALUES}: use un paso más grande", field="--param")


def apply_lever(strategy: Strategy, name: str, value: float) -> Strategy:
    """A copy of ``strategy`` with one lever set, validated like a file.

    Levers set the strategy's top-level policy; segments that override it keep
    their own values.
    """
    base, _, bucket = name.partition(".")
    data = strategy.model_dump(by_alias=True, mode="json")
    node = data
    path = [part.format(tramo=bucket) for part in LEVERS[base]]
    for key in path[:-1]:
        if node.get(key) is None:
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    data["nombre"] = f"{strategy.name}[{name}={value}]"
    try:
        return Strategy.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise StrategyError(f"{name}={value}: {spanish_message(first)}", field="--param") from None


def sweep_strategy(portfolio: pd.DataFrame, strategy: Strategy, parameters: ModelParameters,
                   lever: str, values: list[float], settings: RunSettings,
                   execution: Execution = IN_PROCESS, *,
                   progress: Callable[[int, int], None] | None = None,
                   policies: PolicyRegistry | None = None) -> pd.DataFrame:
    """Tidy table: one row per (value, KPI) with mean and 95% interval.

    Every value runs with the same ``settings``, ``execution`` and ``policies``
    (see :func:`~simulator.experiments.runner.run_strategy`); only the lever changes.
    """
    frames = []
    for number, value in enumerate(values):
        result = run_strategy(portfolio, apply_lever(strategy, lever, value), parameters, settings,
                              execution, policies=policies)
        frames.append(result.summary.assign(lever=lever, value=value))
        if progress is not None:
            progress(number + 1, len(values))
    table = pd.concat(frames, ignore_index=True)
    return table[["lever", "value", "kpi", "mean", "ci95_low", "ci95_high"]]
