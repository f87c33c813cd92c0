"""How big a live champion/challenger test must be to see a simulated win.

The simulation gives the expected difference per account and the spread of
account outcomes; the classic two-sample formula then says how many accounts
a live split (say 90 % champion, 10 % challenger) needs to detect that
difference with the chosen power, at the simulated horizon.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import stats

from simulator.errors import CobranzaError
from simulator.experiments.compare import Comparison
from simulator.experiments.kpis import current_at_end

__all__ = ["METRICS", "LiveTestPlan", "plan_live_test"]

#: Per-account outcomes a live test can measure, with their Spanish names.
METRICS = {
    "collected_mxn": "monto cobrado por cuenta (MXN)",
    "cured": "cuenta vencida que queda al corriente (sí/no)",
}
#: The portfolio KPI whose paired interval bounds each metric's simulated effect.
_KPI_OF = {"collected_mxn": "collected_amount", "cured": "cure_rate"}


@dataclass(frozen=True)
class LiveTestPlan:
    """Sample size of a live test, with what it was derived from."""

    metric: str
    champion: str
    challenger: str
    days: int
    effect: float
    effect_ci95: tuple[float, float]
    sd_champion: float
    sd_challenger: float
    challenger_share: float
    alpha: float
    power: float
    accounts_needed: int | None
    challenger_accounts: int | None

    def to_json_dict(self) -> dict:
        """Plain numbers for ``--json`` (rounded so that output is stable)."""
        def clean(value):
            if isinstance(value, float):
                return round(value, 10)
            return [clean(item) for item in value] if isinstance(value, tuple) else value

        return {key: clean(value) for key, value in asdict(self).items()}


def _outcome(accounts: pd.DataFrame, metric: str) -> pd.Series:
    if metric == "collected_mxn":
        return accounts["collected_mxn"]
    late = accounts[accounts["days_past_due_start"] > 0]
    return current_at_end(late).astype(float)


def plan_live_test(comparison: Comparison, challenger: str, *, metric: str = "collected_mxn",
                   challenger_share: float = 0.1, alpha: float = 0.05, power: float = 0.8) -> LiveTestPlan:
    """Accounts a live split needs to detect the simulated difference.

    Requires a comparison run with ``RunSettings(keep_tables=True)`` (account tables).
    ``accounts_needed`` is None when the simulation shows no difference.

    Raises:
        CobranzaError: tables not kept, or fewer than 2 accounts (late ones for
            ``cured``) to measure the spread.
    """
    if not comparison.runs[challenger].settings.keep_tables:
        raise CobranzaError("la prueba mide la variación cuenta por cuenta: corra la comparación con "
                            "RunSettings(keep_tables=True)", field="keep_tables")
    def pooled(name: str) -> np.ndarray:
        tables = comparison.runs[name].tables
        return pd.concat([_outcome(table.accounts, metric) for table in tables]).to_numpy(float)

    champion_values, challenger_values = pooled(comparison.champion), pooled(challenger)
    fewest = min(champion_values.size, challenger_values.size)
    if fewest < 2:  # no spread from one account: numpy would warn and return nan
        late = " vencidas al inicio" if metric == "cured" else ""
        raise CobranzaError(f"la prueba necesita al menos 2 cuentas{late} en la simulación para medir "
                            f"su variación; hay {fewest}: use una cartera más grande")
    effect = float(challenger_values.mean() - champion_values.mean())
    sd_a, sd_b = float(champion_values.std(ddof=1)), float(challenger_values.std(ddof=1))
    z = stats.norm.ppf(1.0 - alpha / 2.0) + stats.norm.ppf(power)
    spread = sd_a**2 / (1.0 - challenger_share) + sd_b**2 / challenger_share
    needed = None if effect == 0.0 else math.ceil(z**2 * spread / effect**2)
    paired = comparison.paired
    row = paired[(paired["strategy"] == challenger) & (paired["kpi"] == _KPI_OF[metric])].iloc[0]
    low, high = float(row["ci95_low"]), float(row["ci95_high"])
    scale = comparison.runs[challenger].accounts if metric == "collected_mxn" else 1.0
    return LiveTestPlan(
        metric=metric, champion=comparison.champion, challenger=challenger,
        days=comparison.runs[challenger].settings.days, effect=effect,
        effect_ci95=(low / scale, high / scale),
        sd_champion=sd_a, sd_challenger=sd_b,
        challenger_share=challenger_share, alpha=alpha, power=power, accounts_needed=needed,
        challenger_accounts=None if needed is None else math.ceil(needed * challenger_share),
    )
