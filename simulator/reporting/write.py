"""Writing the report folder: CSV tables, PNG plots and ``index.html``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from simulator.experiments.compare import Comparison
from simulator.output_paths import OutputError, make_writable_folder, os_reason
from simulator.plots import png_bytes
from simulator.reporting.figures import PLOTS
from simulator.reporting.page import render_page
from simulator.reporting.tables import report_tables
from simulator.safe_text import spreadsheet_safe

__all__ = ["INDEX_NAME", "ReportError", "prepare_out_dir", "write_report"]

INDEX_NAME = "index.html"

class ReportError(OutputError):
    """The report folder cannot be created or written."""


def _failure(folder: Path, error: OSError) -> ReportError:
    reason = os_reason(error)
    where = f" ({error.filename})" if error.filename and str(error.filename) != str(folder) else ""
    return ReportError(f"no se pudo crear la carpeta del reporte o escribir en ella: {reason}{where}; "
                       "elija otra carpeta con --out", file=str(folder))


def prepare_out_dir(out_dir: str | Path) -> Path:
    """Create ``out_dir`` (and its parents) if needed and check it can be written.

    Called before a long simulation so a bad ``--out`` fails at once.

    Raises:
        ReportError: with a Spanish message naming the folder.
    """
    folder = Path(out_dir)
    try:
        make_writable_folder(folder)
    except OSError as error:
        raise _failure(folder, error) from None
    return folder


def write_report(comparison: Comparison, out_dir: str | Path, *,
                 descriptions: Mapping[str, str] | None = None) -> Path:
    """Write the HTML report, its PNG plots and CSV tables into ``out_dir``.

    Existing files of an earlier report in the same folder are replaced.

    Args:
        comparison: the result of :func:`simulator.experiments.compare.compare_strategies`.
        out_dir: folder to write into; created if missing.
        descriptions: strategy descriptions by name, shown in the page (escaped).

    Returns:
        The path of ``index.html``.

    Raises:
        ReportError: when the folder cannot be created or written.
    """
    folder = prepare_out_dir(out_dir)
    try:
        for file_name, table in report_tables(comparison).items():
            # With a BOM, Excel on Windows reads the accents of the Spanish labels; strategy
            # names are text a spreadsheet must not run as formulas.
            spreadsheet_safe(table).to_csv(folder / file_name, index=False, encoding="utf-8-sig")
        images = {plot.file_name: png_bytes(plot.draw(comparison)) for plot in PLOTS}
        for file_name, data in images.items():
            (folder / file_name).write_bytes(data)
        index = folder / INDEX_NAME
        index.write_text(render_page(comparison, images, descriptions), encoding="utf-8")
    except OSError as error:
        raise _failure(folder, error) from None
    return index
