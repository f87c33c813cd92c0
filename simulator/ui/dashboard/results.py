"""What the page shows after a run: KPI tables, plots and the report to download.

Everything is an HTML string, so the widgets only hold text and tests read it
without a browser. The tables are the report's own sections and the report is
written by :func:`~simulator.reporting.write_report` into a temporary folder; the
page shows that folder's plots and offers the folder as a ZIP, so the page and
the file taken to the meeting cannot disagree.
"""

from __future__ import annotations

import base64
import io
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

from simulator.experiments.compare import Comparison
from simulator.plots import img_tag
from simulator.reporting import INDEX_NAME, PLOTS, write_report
from simulator.reporting.page import difference_section, kpi_section

__all__ = ["HTML_REPORT_NAME", "ZIP_REPORT_NAME", "ResultView", "build_results", "data_link", "result_tables"]

HTML_REPORT_NAME = "reporte_cobranza.html"
ZIP_REPORT_NAME = "reporte_cobranza.zip"

#: The report's table style, scoped to the results so it never restyles the page's widgets.
_STYLE = """<style>
.tablero-resultados table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
.tablero-resultados th, .tablero-resultados td { border: 1px solid #d5d5d5; padding: .3rem .55rem;
  vertical-align: top; }
.tablero-resultados th { background: #f3f5f7; text-align: left; }
.tablero-resultados td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.tablero-resultados .ic { display: block; color: #666; font-size: .8rem; }
.tablero-resultados .champion { background: #fff8e1; }
.tablero-resultados .yes { color: #1b5e20; font-weight: 600; }
.tablero-resultados .no { color: #777; }
.tablero-resultados .note { background: #f6f8fa; border-left: 4px solid #8aa4c8; padding: .5rem .8rem; }
.tablero-resultados figure { margin: 1rem 0 1.6rem; }
.tablero-resultados figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
.tablero-resultados figcaption { color: #444; font-size: .9rem; }
</style>"""


@dataclass(frozen=True)
class ResultView:
    """The three result panels of the page, as HTML, plus the files behind the downloads."""

    tables_html: str
    figures_html: str
    downloads_html: str
    report_html: bytes
    report_zip: bytes


def data_link(data: bytes, file_name: str, mime: str, text: str) -> str:
    """An anchor that downloads ``data`` as ``file_name`` without a server round trip."""
    payload = base64.b64encode(data).decode("ascii")
    return (f"<a class='tablero-descarga' download='{escape(file_name)}' "
            f"href='data:{mime};base64,{payload}'>{escape(text)}</a>")


def _figure(number: int, caption: str, alt: str, png: bytes) -> str:
    return (f"<figure>{img_tag(png, alt)}"
            f"<figcaption><strong>Figura {number}.</strong> {escape(caption)}</figcaption></figure>")


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"reporte_cobranza/{path.name}")
    return buffer.getvalue()


def result_tables(comparison: Comparison) -> str:
    """The KPI and difference tables alone: what the page shows of a first stage while it refines it."""
    return (f"{_STYLE}<div class='tablero-resultados'>{kpi_section(comparison)}"
            f"{difference_section(comparison)}</div>")


def build_results(comparison: Comparison, descriptions: Mapping[str, str] | None = None) -> ResultView:
    """Tables, plots and downloads of one comparison.

    Args:
        descriptions: strategy descriptions by name, shown in the report.
    """
    with tempfile.TemporaryDirectory(prefix="tablero_reporte_") as folder:
        index = write_report(comparison, folder, descriptions=descriptions)
        report_html = index.read_bytes()
        images = {plot.file_name: (Path(folder) / plot.file_name).read_bytes() for plot in PLOTS}
        report_zip = _zip(Path(folder))
    figures = "".join(_figure(number, plot.caption, plot.alt, images[plot.file_name])
                      for number, plot in enumerate(PLOTS, start=1))
    downloads = (
        "<p>" + data_link(report_html, HTML_REPORT_NAME, "text/html", "Descargar el reporte (HTML)")
        + " · " + data_link(report_zip, ZIP_REPORT_NAME, "application/zip",
                            "Descargar el reporte con las tablas CSV (ZIP)")
        + f"</p><p style='color:#555'>El ZIP trae <code>{INDEX_NAME}</code>, las gráficas en PNG y "
        "las tablas en CSV (se abren en Excel); el HTML solo es la página, con las gráficas dentro.</p>"
    )
    return ResultView(
        tables_html=result_tables(comparison),
        figures_html=f"<div class='tablero-resultados'>{figures}</div>",
        downloads_html=downloads,
        report_html=report_html,
        report_zip=report_zip,
    )
