"""Files a sensitivity sweep leaves behind: the table and one figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from simulator.experiments.kpis import KPI_LABELS
from simulator.output_paths import prepare_folder, writing
from simulator.safe_text import spreadsheet_safe

__all__ = ["PLOTTED_KPIS", "write_sweep"]

PLOTTED_KPIS = ("recovery_rate", "net_recovery", "cost_total", "complaints_per_1000")


def write_sweep(table: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    """Write ``sensibilidad.csv`` and ``sensibilidad.png`` into ``out_dir``."""
    folder = prepare_folder(out_dir, "--out")
    csv_path, png_path = folder / "sensibilidad.csv", folder / "sensibilidad.png"
    with writing(folder, "--out"):
        spreadsheet_safe(table).to_csv(csv_path, index=False)
        _figure(table).savefig(png_path, dpi=110)
    return [csv_path, png_path]


def _figure(table: pd.DataFrame) -> Figure:
    lever = table["lever"].iloc[0]
    figure = Figure(figsize=(10, 7), layout="constrained")
    for axes, kpi in zip(figure.subplots(2, 2).flat, PLOTTED_KPIS, strict=True):
        rows = table[table["kpi"] == kpi]
        axes.errorbar(rows["value"], rows["mean"],
                      yerr=[rows["mean"] - rows["ci95_low"], rows["ci95_high"] - rows["mean"]],
                      marker="o", capsize=3)
        axes.set_title(KPI_LABELS[kpi], fontsize=9)
        axes.set_xlabel(lever)
        axes.grid(alpha=0.3)
    figure.suptitle(f"Sensibilidad a {lever} (media e IC 95 %)")
    return figure
