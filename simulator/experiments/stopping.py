"""What "precise enough" means for a comparison, and how an adaptive one stopped
(the rule itself is in :mod:`simulator.experiments.adaptive`)."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from simulator.experiments.kpis import KPI_NAMES
from simulator.experiments.settings import MAX_REPLICATIONS, SettingsError

__all__ = ["PRECISION_REACHED", "REPLICATION_CAP", "Precision", "Stopping"]

#: ``stopped_because`` when every challenger's interval is as narrow as asked.
PRECISION_REACHED = "precision"
#: ``stopped_because`` when the precision would need more than the maximum of replications.
REPLICATION_CAP = "maximo"


@dataclass(frozen=True, kw_only=True)
class Precision:
    """What "precise enough" means for a comparison.

    Attributes:
        kpi: the KPI whose paired differences must be that precise.
        half_width: widest accepted half-width of their 95 % interval, in the KPI's
            units (the default, 0.005 of recovery, is half a percentage point).
        first_stage: replications of the first stage (3 or more: the spread of 2 is too rough).
        maximum: most replications in all, whatever the precision asks.
    """

    kpi: str = "recovery_rate"
    half_width: float = 0.005
    first_stage: int = 5
    maximum: int = 100

    def __post_init__(self) -> None:
        if self.kpi not in KPI_NAMES:
            raise SettingsError(f"no es un indicador: {self.kpi!r}; use uno de {', '.join(KPI_NAMES)}",
                                field="kpi")
        if (isinstance(self.half_width, bool) or not isinstance(self.half_width, numbers.Real)
                or not math.isfinite(self.half_width) or self.half_width <= 0):
            raise SettingsError(f"debe ser un número mayor que 0, se recibió {self.half_width!r}",
                                field="half_width")
        for name, low in (("first_stage", 3), ("maximum", self.first_stage)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) \
                    or not low <= value <= MAX_REPLICATIONS:
                raise SettingsError(f"debe ser un entero entre {low} y {MAX_REPLICATIONS:,}, "
                                    f"se recibió {value!r}", field=name)


@dataclass(frozen=True)
class Stopping:
    """How an adaptive comparison ended: the replications it took, why it stopped there and each
    challenger's two-stage interval ``(mean, low, high)`` for the precision's KPI."""

    precision: Precision
    replications: int
    stopped_because: str
    intervals: dict[str, tuple[float, float, float]]

    def to_json_dict(self) -> dict:
        """The ``precision`` object of ``compare --json`` (see docs/comparar.md)."""
        return {
            "kpi": self.precision.kpi,
            "half_width": self.precision.half_width,
            "first_stage": self.precision.first_stage,
            "maximum": self.precision.maximum,
            "two_stage_ci95": {name: [round(low, 10), round(high, 10)]
                               for name, (_, low, high) in self.intervals.items()},
        }
