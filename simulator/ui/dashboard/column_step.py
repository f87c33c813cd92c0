"""The dashboard's column step: when an upload lacks required columns, say which header is which.

A manager's export may call the balance ``Importe pendiente``, a name no alias
guesses. Instead of sending them to edit the file, the page shows one dropdown
per missing column, offering the file's unmatched headers, and loads the same
bytes again with that mapping; the mapping is also shown as the YAML that
``--columnas`` takes, so the command line can reuse it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from simulator.errors import CobranzaError
from simulator.experiments.labels import COLUMN_LABELS
from simulator.portfolio.columns import MissingColumnsError
from simulator.portfolio.schema import COLUMNS
from simulator.ui.dashboard.inputs import portfolio_from_upload
from simulator.ui.status import note

__all__ = ["ColumnStep"]

_RULES = {column.name: column.rule for column in COLUMNS}
_NONE = "— elija un encabezado —"


class ColumnStep:
    """Dropdowns for the missing columns of one upload, and a button that loads it with them.

    Args:
        name: the uploaded file's name.
        data: its bytes.
        error: the loader's refusal, with the missing columns and free headers.
        on_loaded: called with the portfolio and the file name once it loads.
    """

    def __init__(self, name: str, data: bytes, error: MissingColumnsError,
                 on_loaded: Callable[[pd.DataFrame, str], None]) -> None:
        self.name, self.data, self.on_loaded = name, data, on_loaded
        options = [(_NONE, None), *((header, header) for header in error.headers)]
        self.choices = {column: widgets.Dropdown(options=options, value=None,
                                                 description=COLUMN_LABELS[column], tooltip=_RULES[column],
                                                 style={"description_width": "10rem"},
                                                 layout=widgets.Layout(width="30rem"))
                        for column in error.missing}
        self.apply = widgets.Button(description="Usar estas columnas", button_style="primary")
        self.message = widgets.HTML()
        self.apply.on_click(lambda _: self.submit())
        self.view = widgets.VBox([
            widgets.HTML(f"<p>A <b>{html.escape(name)}</b> le faltan columnas que el simulador "
                         "necesita. Elija qué encabezado del archivo es cada una:</p>"),
            *self.choices.values(), self.apply, self.message])
        self.view.add_class("tablero-columnas")

    def submit(self) -> pd.DataFrame | None:
        """Load the upload with the chosen headers (what the button does)."""
        chosen = {column: box.value for column, box in self.choices.items()}
        empty = [column for column, header in chosen.items() if header is None]
        if empty:
            self.message.value = note("Falta elegir el encabezado de: "
                                      f"{', '.join(COLUMN_LABELS[column] for column in empty)}.", error=True)
            return None
        headers = list(chosen.values())
        twice = sorted({header for header in headers if headers.count(header) > 1})
        if twice:
            self.message.value = note(f"El encabezado '{twice[0]}' está elegido para dos columnas; "
                                      "cada columna necesita el suyo.", error=True)
            return None
        try:
            portfolio = portfolio_from_upload(self.name, self.data,
                                              columns={h: c for c, h in chosen.items()})
        except CobranzaError as error:
            self.message.value = note(f"Con estas columnas la cartera no se cargó: {error}", error=True)
            return None
        lines = "\n".join(f"  {json.dumps(header, ensure_ascii=False)}: {column}"
                          for column, header in chosen.items())
        self.message.value = (note(f"Cartera cargada: {len(portfolio):,} cuentas.") +
                              "<p>Para usar el mismo archivo en la línea de comandos, guarde esto "
                              "como <code>mapa.yaml</code> y agregue <code>--columnas mapa.yaml"
                              f"</code>:</p><pre>columnas:\n{html.escape(lines)}</pre>")
        self.on_loaded(portfolio, self.name)
        return portfolio
