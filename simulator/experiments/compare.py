"""Champion against challengers on common random numbers.

Every strategy runs on the same portfolio, seed and replications, so each
replication meets the same debtors with the same luck. The difference of a KPI
is then taken replication by replication (paired), which removes the shared
noise; the unpaired (Welch) interval is kept beside it to show how much
narrower pairing makes the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from simulator.errors import StrategyError
from simulator.experiments.kpis import KPI_NAMES, summary_json
from simulator.experiments.run_cache import RunCache, run_key
from simulator.experiments.runner import RunResult, run_strategy
from simulator.experiments.settings import IN_PROCESS, Execution, RunSettings
from simulator.intervals import mean_ci95, welch_ci95
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["CONTROL_NAME", "Comparison", "compare_strategies", "control_strategy"]

#: Name of the built-in no-contact arm that measures self-cure.
CONTROL_NAME = "sin_gestion"


def control_strategy() -> Strategy:
    """A strategy with no staff and no actions: what the portfolio does on its own."""
    return Strategy.model_validate({
        "nombre": CONTROL_NAME,
        "descripcion": "Grupo de control sin ninguna gestión: mide la autorregularización.",
        "recursos": {"agentes": 0, "visitadores": 0},
        "acciones": [],
    })


@dataclass
class Comparison:
    """Runs of every strategy plus paired and unpaired differences to the champion.

    ``reused`` names the strategies whose run came from a :class:`RunCache`
    instead of being simulated again (same inputs, so the same numbers).
    """

    champion: str
    runs: dict[str, RunResult]
    paired: pd.DataFrame
    unpaired: pd.DataFrame
    reused: tuple[str, ...] = ()

    def to_json_dict(self) -> dict:
        """The ``compare --json`` object (see docs/comparar.md)."""
        return {
            "champion": self.champion,
            "strategies": {name: {"kpis": summary_json(run.summary)} for name, run in self.runs.items()},
            "differences": {
                name: summary_json(self.paired[self.paired["strategy"] == name].drop(columns="strategy"))
                for name in self.runs if name != self.champion
            },
        }


def _differences(runs: dict[str, RunResult], champion: str, paired: bool) -> pd.DataFrame:
    base = runs[champion].per_replication
    rows = []
    for name, run in runs.items():
        if name == champion:
            continue
        for kpi in KPI_NAMES:
            if paired:
                low_high = mean_ci95(run.per_replication[kpi] - base[kpi])
            else:
                low_high = welch_ci95(run.per_replication[kpi], base[kpi])
            rows.append((name, kpi, *low_high))
    return pd.DataFrame(rows, columns=["strategy", "kpi", "mean", "ci95_low", "ci95_high"])


def compare_strategies(
    portfolio: pd.DataFrame,
    strategies: Sequence[Strategy],
    parameters: ModelParameters,
    settings: RunSettings,
    execution: Execution = IN_PROCESS,
    *,
    progress: Callable[[int, int], None] | None = None,
    cache: RunCache | None = None,
    policies: PolicyRegistry | None = None,
) -> Comparison:
    """Run every strategy with the same ``settings`` (common random numbers); the first is the champion.

    With a ``cache``, a strategy already run on the same inputs is taken from
    it (its replications count as done at once) and every new run is stored;
    not when ``policies`` trusts folders, whose files may change between runs.
    ``execution`` and ``policies`` are passed to
    :func:`~simulator.experiments.runner.run_strategy`.

    Raises:
        StrategyError: when two strategies share a name (results would be ambiguous).
    """
    names = [strategy.name for strategy in strategies]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise StrategyError(f"dos estrategias tienen el mismo nombre: {', '.join(repeated)}; "
                            "cambie 'nombre' en una de ellas", field="nombre")
    replications = settings.replications
    total = len(strategies) * replications
    if policies is not None and policies.folders:
        cache = None
    runs, reused = {}, []
    for number, strategy in enumerate(strategies):
        def step(done: int, _total: int, offset: int = number * replications) -> None:
            if progress is not None:
                progress(offset + done, total)

        key = None if cache is None else run_key(portfolio, strategy, parameters, settings)
        run = None if cache is None or key is None else cache.get(key)
        if run is not None:
            reused.append(strategy.name)
            step(replications, replications)
        else:
            run = run_strategy(portfolio, strategy, parameters, settings, execution, progress=step,
                               policies=policies)
            if cache is not None and key is not None:
                cache.put(key, run)
        runs[strategy.name] = run
    champion = strategies[0].name
    return Comparison(champion, runs, _differences(runs, champion, paired=True),
                      _differences(runs, champion, paired=False), tuple(reused))
