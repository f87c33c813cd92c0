"""The CSV tables behind the report: the comparison's tidy tables with a ``strategy`` column.

Each table is the concatenation, in the comparison's order (champion first),
of one :class:`~simulator.experiments.runner.RunResult` table per strategy, so a reader
can filter by ``strategy`` and find exactly the numbers of the run.
"""

from __future__ import annotations

import pandas as pd

from simulator.experiments.compare import Comparison
from simulator.experiments.kpis import KPI_LABELS

__all__ = ["DIFFERENCE_METHODS", "RUN_TABLES", "difference_table", "kpi_table", "report_tables"]

#: CSV file name -> ``RunResult`` attribute it is made from.
RUN_TABLES = {
    "por_replica.csv": "per_replication",
    "cobranza_diaria.csv": "daily",
    "tramos_semanales.csv": "bucket_history",
    "canales.csv": "channels",
    "por_tramo_inicial.csv": "buckets",
    "ocupacion_diaria.csv": "utilisation",
}
#: Value of the ``method`` column in ``diferencias.csv`` -> ``Comparison`` attribute.
DIFFERENCE_METHODS = {"pareada": "paired", "welch": "unpaired"}


def _stack(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One table with a leading ``strategy`` column; strategies with no rows add nothing."""
    tagged = [frame.assign(strategy=name)[["strategy", *frame.columns]] for name, frame in frames.items()]
    filled = [frame for frame in tagged if len(frame)]
    return pd.concat(filled, ignore_index=True) if filled else tagged[0].reset_index(drop=True)


def _labelled(table: pd.DataFrame) -> pd.DataFrame:
    """Insert the Spanish ``label`` of each KPI right after the ``kpi`` column."""
    table = table.copy()
    table.insert(table.columns.get_loc("kpi") + 1, "label", table["kpi"].map(KPI_LABELS))
    return table


def kpi_table(comparison: Comparison) -> pd.DataFrame:
    """``kpis.csv``: strategy, kpi, label, mean, ci95_low, ci95_high."""
    return _labelled(_stack({name: run.summary for name, run in comparison.runs.items()}))


def difference_table(comparison: Comparison) -> pd.DataFrame:
    """``diferencias.csv``: each challenger minus the champion, paired and Welch.

    Columns: strategy, champion, method (``pareada`` or ``welch``), kpi, label,
    mean, ci95_low, ci95_high.
    """
    columns = ["strategy", "champion", "method", "kpi", "mean", "ci95_low", "ci95_high"]
    frames = [
        getattr(comparison, attribute).assign(champion=comparison.champion, method=method)[columns]
        for method, attribute in DIFFERENCE_METHODS.items()
    ]
    return _labelled(pd.concat(frames, ignore_index=True))


def report_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """Every CSV of the report, by file name."""
    tables = {"kpis.csv": kpi_table(comparison), "diferencias.csv": difference_table(comparison)}
    for file_name, attribute in RUN_TABLES.items():
        tables[file_name] = _stack({name: getattr(run, attribute) for name, run in comparison.runs.items()})
    return tables
