"""Show a matplotlib figure in a notebook with alt text, the way the report shows its plots.

A plain ``plt.show()`` gives a screen reader nothing to say, and a figure drawn
without pyplot (the report's) shows only its ``repr``; this draws either as an
``<img>`` with a Spanish description.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from IPython.display import HTML, display
from matplotlib.figure import Figure

from simulator.plots import img_tag, png_bytes

__all__ = ["show_figure"]


def show_figure(figure: Figure, alt: str) -> None:
    """Display ``figure`` with ``alt`` as its description; a pyplot figure is closed so it shows once."""
    display(HTML(img_tag(png_bytes(figure), alt)))
    plt.close(figure)
