"""Champion against challengers on common random numbers.

Every strategy runs on the same portfolio, seed and replications, so each
replication meets the same debtors with the same luck. The difference of a KPI
is then taken replication by replication (paired), which removes the shared
noise; the unpaired (Welch) interval is kept beside it to show how much
narrower pairing makes the answer.

Both intervals only cover simulation noise. With plausible worlds (parameter
sets drawn from priors, see :mod:`simulator.experiments.priors`) every strategy
also runs on each world, on the same debtors and streams, and each difference
gets the spread of its per-world value: how much the answer depends on the
assumptions (:func:`world_summary`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from simulator.errors import StrategyError
from simulator.experiments.kpis import HIGHER_IS_BETTER, KPI_NAMES, summary_json
from simulator.experiments.run_cache import RunCache, run_key
from simulator.experiments.runner import RunResult, run_strategy
from simulator.experiments.settings import IN_PROCESS, Execution, RunSettings
from simulator.intervals import mean_ci95, spread95, welch_ci95
from simulator.parameters import ModelParameters
from simulator.strategies.schema import Strategy

if TYPE_CHECKING:
    from simulator.experiments.stopping import Stopping
    from simulator.negotiation.registry import PolicyRegistry

__all__ = ["CONTROL_NAME", "INTERVAL_MEANINGS", "Comparison", "break_even_complaint_cost",
           "compare_strategies", "comparison_of", "control_strategy", "world_summary"]

#: Name of the built-in no-contact arm that measures self-cure.
CONTROL_NAME = "sin_gestion"

#: What each interval of a difference measures, as the JSON and the reports say it.
INTERVAL_MEANINGS = {
    "ci95": "ruido de simulación: con los parámetros del archivo, dónde está la diferencia promedio "
            "si se corrieran muchas más réplicas",
    "worlds.ci95": "mundos plausibles: entre qué valores cae la diferencia en 95 % de los mundos "
                   "sorteados de las distribuciones a priori (percentiles 2.5 y 97.5)",
    "worlds.share_challenger_wins": "parte de los mundos plausibles en que la retadora es mejor que "
                                    "la campeona en el indicador (null si ni más ni menos es mejor)",
}


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
    #: One row per world, challenger and KPI: the world's mean paired ``difference``; None without worlds.
    world_differences: pd.DataFrame | None = None
    #: One row per challenger and KPI: :func:`world_summary` of its ``world_differences``.
    worlds: pd.DataFrame | None = None
    #: Per challenger, :func:`break_even_complaint_cost` (None when both strategies draw the same complaints).
    break_even_complaint_cost: dict[str, float | None] = dataclasses.field(default_factory=dict)
    #: How an adaptive comparison stopped (:mod:`simulator.experiments.adaptive`); None with a fixed count.
    stopping: Stopping | None = None

    def to_json_dict(self) -> dict:
        """The ``compare --json`` object (see docs/comparar.md)."""
        differences = {
            name: summary_json(self.paired[self.paired["strategy"] == name].drop(columns="strategy"))
            for name in self.runs if name != self.champion
        }
        output: dict[str, object] = {
            "champion": self.champion,
            "strategies": {name: {"kpis": summary_json(run.summary)} for name, run in self.runs.items()},
            "differences": differences,
            "break_even_complaint_cost_mxn": {
                name: None if cost is None else round(cost, 2)
                for name, cost in self.break_even_complaint_cost.items()},
        }
        if self.stopping is not None:
            output["replications"] = self.stopping.replications
            output["stopped_because"] = self.stopping.stopped_because
            output["precision"] = self.stopping.to_json_dict()
        if self.worlds is not None and self.world_differences is not None:
            columns = ["strategy", "kpi", "ci95_low", "ci95_high", "share_challenger_wins"]
            for strategy, kpi, low, high, share in self.worlds[columns].itertuples(index=False, name=None):
                differences[strategy][kpi]["worlds"] = {
                    "ci95": [round(float(low), 10), round(float(high), 10)],
                    "share_challenger_wins": None if math.isnan(share) else round(float(share), 10)}
            output["worlds"] = int(self.world_differences["world"].nunique())
            output["intervals"] = INTERVAL_MEANINGS
        return output


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


def break_even_complaint_cost(challenger: RunResult, champion: RunResult,
                              complaint_cost: float) -> float | None:
    """The cost per complaint at which the challenger's net recovery equals the champion's.

    The net recovery difference is linear in that cost, ``A - c * dN`` with
    ``dN`` the extra complaints (mean over paired replications), so the answer is
    ``c + difference / dN`` at the run's own cost ``c``. No published figure
    anchors the cost of a complaint: this says how much the verdict leans on it.
    With more complaints the challenger nets more while a complaint costs less
    than this; with fewer, while it costs more. None when ``dN`` is 0.
    """
    ours, theirs = challenger.per_replication, champion.per_replication
    net = float((ours["net_recovery"] - theirs["net_recovery"]).mean())
    extra_per_1000 = float((ours["complaints_per_1000"] - theirs["complaints_per_1000"]).mean())
    extra = extra_per_1000 * challenger.accounts / 1000.0
    return None if extra == 0.0 else complaint_cost + net / extra


def world_summary(differences: Sequence[float], higher_is_better: bool | None) -> tuple[float, float, float]:
    """Spread of one difference across plausible worlds, and the share of worlds the challenger wins.

    The interval is the 2.5 and 97.5 percentiles of the per-world mean
    differences, not a t-interval of their mean: the question is how far the
    answer moves when the assumptions move within their priors, and a t-interval
    would shrink towards zero width as worlds are added while that spread does
    not. Every world runs on the run's seed, so worlds share their luck as
    strategies do within a world: the spread is what the assumptions move, and
    the noise interval stays beside it for the luck.

    The challenger wins a world when its difference is strictly in the KPI's
    better direction (a tie is not a win); with no better direction the share is NaN.

    Returns:
        ``(low, high, share_challenger_wins)``.
    """
    values = pd.Series(differences, dtype=float)
    low, high = spread95(values)
    if higher_is_better is None:
        return low, high, math.nan
    wins = values > 0 if higher_is_better else values < 0
    return low, high, float(wins.mean())


def _world_table(differences: pd.DataFrame) -> pd.DataFrame:
    rows = [(strategy, kpi, *world_summary(group.tolist(), HIGHER_IS_BETTER[str(kpi)]))
            for (strategy, kpi), group in differences.groupby(["strategy", "kpi"], sort=False)["difference"]]
    return pd.DataFrame(rows, columns=["strategy", "kpi", "ci95_low", "ci95_high", "share_challenger_wins"])


def _mean_differences(runs: dict[str, RunResult], champion: str, world: int) -> list[tuple]:
    base = runs[champion].per_replication
    return [(world, name, kpi, float((run.per_replication[kpi] - base[kpi]).mean()))
            for name, run in runs.items() if name != champion for kpi in KPI_NAMES]


@dataclass
class _Runner:
    """Runs every strategy on one parameter set at a time, through the cache, counting progress
    over the whole comparison."""

    portfolio: pd.DataFrame
    strategies: Sequence[Strategy]
    execution: Execution
    cache: RunCache | None
    policies: PolicyRegistry | None
    progress: Callable[[int, int], None] | None
    total: int
    done: int = 0

    def _step(self, offset: int, count: int, _total: int) -> None:
        if self.progress is not None:
            self.progress(offset + count, self.total)

    def run(self, parameters: ModelParameters,
            settings: RunSettings) -> tuple[dict[str, RunResult], list[str]]:
        """Every strategy's run on ``parameters``, and the names of those taken from the cache."""
        runs, reused = {}, []
        for strategy in self.strategies:
            step = functools.partial(self._step, self.done)
            key = None if self.cache is None else run_key(self.portfolio, strategy, parameters, settings)
            run = None if self.cache is None or key is None else self.cache.get(key)
            if run is not None:
                reused.append(strategy.name)
                step(settings.replications, settings.replications)
            else:
                run = run_strategy(self.portfolio, strategy, parameters, settings, self.execution,
                                   progress=step, policies=self.policies)
                if self.cache is not None and key is not None:
                    self.cache.put(key, run)
            self.done += settings.replications
            runs[strategy.name] = run
        return runs, reused


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
    worlds: Sequence[ModelParameters] = (),
) -> Comparison:
    """Run every strategy with the same ``settings`` (common random numbers); the first is the champion.

    With a ``cache``, a strategy already run on the same inputs is taken from
    it (its replications count as done at once) and every new run is stored;
    not when ``policies`` trusts folders, whose files may change between runs.
    ``execution`` and ``policies`` are passed to
    :func:`~simulator.experiments.runner.run_strategy`.

    With ``worlds`` (see :func:`~simulator.experiments.priors.draw_worlds`),
    every strategy also runs on each world with the same ``settings`` (tables
    not kept), so within a world all strategies meet the same debtors and
    streams; the comparison then carries ``world_differences`` and ``worlds``.

    Raises:
        StrategyError: when two strategies share a name (results would be ambiguous).
    """
    names = [strategy.name for strategy in strategies]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise StrategyError(f"dos estrategias tienen el mismo nombre: {', '.join(repeated)}; "
                            "cambie 'nombre' en una de ellas", field="nombre")
    if policies is not None and policies.folders:
        cache = None
    total = (1 + len(worlds)) * len(strategies) * settings.replications
    runner = _Runner(portfolio, strategies, execution, cache, policies, progress, total)
    runs, reused = runner.run(parameters, settings)
    champion = strategies[0].name
    comparison = comparison_of(runs, champion, parameters, tuple(reused))
    if worlds:
        world_settings = dataclasses.replace(settings, keep_tables=False)
        rows = [row for number, world in enumerate(worlds)
                for row in _mean_differences(runner.run(world, world_settings)[0], champion, number)]
        comparison.world_differences = pd.DataFrame(rows, columns=["world", "strategy", "kpi", "difference"])
        comparison.worlds = _world_table(comparison.world_differences)
    return comparison


def comparison_of(runs: dict[str, RunResult], champion: str, parameters: ModelParameters,
                  reused: tuple[str, ...] = ()) -> Comparison:
    """The paired and unpaired differences and break-even complaint costs of ``runs`` against ``champion``."""
    comparison = Comparison(champion, runs, _differences(runs, champion, paired=True),
                            _differences(runs, champion, paired=False), reused)
    comparison.break_even_complaint_cost = {
        name: break_even_complaint_cost(run, runs[champion], parameters.complaint_cost_mxn)
        for name, run in runs.items() if name != champion}
    return comparison
