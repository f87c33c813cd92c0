"""One colour-blind-safe palette and the figure helpers every plot of the course uses.

Learners and managers with red-green colour blindness must tell the lines and
bars apart, so no plot picks its own colours: strategies take Okabe and Ito's
palette, a flagged item (a weak topic) is vermillion against blue, and ordered
states (paid to late) go from blue to red. Every figure a learner sees is an
``<img>`` with a Spanish ``alt`` text (see :func:`img_tag`).
"""

from __future__ import annotations

import base64
import io
from html import escape

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["FLAGGED", "NEUTRAL", "OKABE_ITO", "ORDERED", "REFERENCE", "img_tag", "new_figure", "png_bytes"]

#: Okabe and Ito's palette, told apart with any common colour blindness: one colour per series.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: An ordinary item and a flagged one (blue, vermillion), e.g. the trainer's weak topics.
NEUTRAL, FLAGGED = OKABE_ITO[0], OKABE_ITO[5]
#: Reference lines (a threshold, a target), grey so they never read as a series.
REFERENCE = "#7f7f7f"
#: Ordered states from good to bad: ColorBrewer's RdBu, blue to red, then grey for the lost.
ORDERED = ("#2166ac", "#4393c3", "#92c5de", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#4d4d4d")

_DPI = 110


def new_figure(width: float, height: float) -> Figure:
    """A figure on its own Agg canvas: no pyplot, no global state, no display needed."""
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI)
    return buffer.getvalue()


def img_tag(png: bytes, alt: str) -> str:
    """An inline ``<img>`` of PNG bytes with the alt text a screen reader says instead of the plot."""
    data = base64.b64encode(png).decode("ascii")
    return f"<img src=\"data:image/png;base64,{data}\" alt=\"{escape(alt)}\">"
