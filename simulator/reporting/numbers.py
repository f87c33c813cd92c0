"""Numbers as a manager in Mexico reads them: ``$1,234,567.89``, ``51.3 %``.

The kind of a KPI is decided from its name, so a new KPI is formatted without
touching this module as long as its name follows the convention:

- ends in ``_rate`` or ``_utilization``: a share, shown as a percentage with one
  decimal; a difference of two shares is shown in percentage points (``pp``)
  with two decimals;
- starts with ``cost_per_``: pesos per peso, four decimals;
- ends in ``_amount``, ``_total`` or ``_mxn``, or starts with ``net_``: pesos,
  ``$`` and two decimals;
- anything else (counts, contacts per account, complaints per 1,000): two
  decimals.

Thousands are separated with a comma and decimals with a point (Mexican usage);
negative numbers carry a true minus sign (−).
"""

from __future__ import annotations

import math

__all__ = [
    "format_difference",
    "format_difference_interval",
    "format_interval",
    "format_value",
    "kpi_kind",
    "money_axis_label",
    "money_tick_labels",
]

_MINUS = "\u2212"
_DECIMALS = {"percent": 1, "money": 2, "ratio": 4, "number": 2}
_MISSING = "—"


def kpi_kind(kpi: str) -> str:
    """``"percent"``, ``"money"``, ``"ratio"`` or ``"number"`` (see the module rule)."""
    if kpi.endswith(("_rate", "_utilization")):
        return "percent"
    if kpi.startswith("cost_per_"):
        return "ratio"
    if kpi.endswith(("_amount", "_total", "_mxn")) or kpi.startswith("net_"):
        return "money"
    return "number"


def _signed(value: float, decimals: int, prefix: str = "", suffix: str = "",
            plus: bool = False) -> str:
    """``value`` with thousands commas; the sign goes before ``prefix`` ($)."""
    if value is None or not math.isfinite(value):
        return _MISSING
    value = round(float(value), decimals)
    if value == 0.0:
        value = 0.0  # no "−0.00"
    sign = _MINUS if value < 0 else ("+" if plus and value > 0 else "")
    return f"{sign}{prefix}{abs(value):,.{decimals}f}{suffix}"


def format_value(kpi: str, value: float) -> str:
    """One KPI value, e.g. ``format_value("recovery_rate", 0.513) == "51.3 %"``."""
    kind = kpi_kind(kpi)
    if kind == "percent":
        return _signed(100.0 * value, _DECIMALS[kind], suffix=" %")
    if kind == "money":
        return _signed(value, _DECIMALS[kind], prefix="$")
    return _signed(value, _DECIMALS[kind])


def format_interval(kpi: str, low: float, high: float) -> str:
    """A 95 % interval of a KPI, ``[low, high]``."""
    return f"[{format_value(kpi, low)}, {format_value(kpi, high)}]"


def format_difference(kpi: str, value: float) -> str:
    """A signed difference: pesos, percentage points for shares, plain otherwise."""
    kind = kpi_kind(kpi)
    if kind == "percent":
        return _signed(100.0 * value, 2, suffix=" pp", plus=True)
    if kind == "money":
        return _signed(value, _DECIMALS[kind], prefix="$", plus=True)
    return _signed(value, _DECIMALS[kind], plus=True)


def format_difference_interval(kpi: str, low: float, high: float) -> str:
    """A 95 % interval of a difference, ``[low, high]`` with signs."""
    return f"[{format_difference(kpi, low)}, {format_difference(kpi, high)}]"


def _money_scale(value: float) -> tuple[float, int, str]:
    """Divisor, decimals and suffix of a short peso label."""
    size = abs(value)
    if size >= 1e6:
        return 1e6, 1, " M"
    if size >= 1e3:
        return 1e3, 0, " mil"
    return 1.0, 0, ""


def money_axis_label(value: float, extra_decimals: int = 0) -> str:
    """Short peso labels for plot axes: ``$1.5 M``, ``$250 mil``, ``$80``.

    Args:
        extra_decimals: decimals beyond those, for ticks closer together than they show.
    """
    scale, decimals, suffix = _money_scale(value)
    return _signed(value / scale, decimals + extra_decimals, prefix="$", suffix=suffix)


def _shown_exactly(value: float, extra_decimals: int) -> bool:
    scale, decimals, _ = _money_scale(value)
    return math.isclose(round(value / scale, decimals + extra_decimals), value / scale, abs_tol=1e-9)


def money_tick_labels(values: list[float]) -> list[str]:
    """:func:`money_axis_label` of every tick, with the fewest extra decimals (up to 3) that print
    each tick exactly, so that no two read the same: ticks at $3.25 M and $3.30 M would both read
    ``$3.3 M`` with one decimal.
    """
    extra = next((extra for extra in range(3) if all(_shown_exactly(value, extra) for value in values)), 3)
    return [money_axis_label(value, extra) for value in values]
