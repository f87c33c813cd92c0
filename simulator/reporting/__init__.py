"""The ``compare --out`` report: an HTML page with the KPI tables and plots, plus the CSVs behind them.

::

    from simulator.reporting import write_report

    index = write_report(comparison, "reporte")   # reporte/index.html, *.csv, *.png

See ``docs/reporte.md`` for every file and plot.
"""

from simulator.reporting.figures import PLOTS, Plot
from simulator.reporting.numbers import (
    format_difference,
    format_difference_interval,
    format_interval,
    format_value,
    kpi_kind,
)
from simulator.reporting.page import render_page
from simulator.reporting.tables import report_tables
from simulator.reporting.write import INDEX_NAME, ReportError, prepare_out_dir, write_report

__all__ = [
    "INDEX_NAME",
    "PLOTS",
    "Plot",
    "ReportError",
    "format_difference",
    "format_difference_interval",
    "format_interval",
    "format_value",
    "kpi_kind",
    "prepare_out_dir",
    "render_page",
    "report_tables",
    "write_report",
]
