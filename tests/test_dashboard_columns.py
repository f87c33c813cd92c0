"""The dashboard reads uploads with the command line's loader, and asks for unmatched columns."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import openpyxl
import pytest

from simulator.errors import PortfolioError
from simulator.portfolio import load_portfolio
from simulator.ui.dashboard import TableroApp, portfolio_from_upload

HEADER = ["Folio interno", "Importe pendiente", "Días de atraso", "cuota", "Ciclo de ingreso",
          "día de cobro", "Día de vencimiento", "Teléfono válido", "WhatsApp", "correo_valido",
          "Domicilio válido", "País", "producto"]
ROWS = [["C1", 1000.5, 0, 100, "quincenal", 15, 5, 1, 1, 1, 1, "MX", "tarjeta"],
        ["C2", 25000, 45, 2500.25, "mensual", 30, 28, 0, 0, 1, 0, "MX", "auto"]]


def xlsx(header=HEADER, rows=ROWS) -> bytes:
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(widget, name: str, data: bytes) -> None:
    """What the browser sends when a file is chosen in a FileUpload (ipywidgets 8)."""
    widget.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                     "last_modified": dt.datetime(2026, 1, 5, tzinfo=dt.UTC)},)


def test_upload_reads_xlsx_and_aliases_like_the_command_line():
    header = ["cuenta", "saldo", *HEADER[2:]]
    frame = portfolio_from_upload("C:\\carteras\\mayo.xlsx", xlsx(header))
    assert frame["balance_mxn"].tolist() == [1000.5, 25000.0]
    assert frame["producto"].tolist() == ["tarjeta", "auto"]
    with pytest.raises(PortfolioError) as info:
        portfolio_from_upload("C:\\carteras\\mayo.xlsx", xlsx(header, [ROWS[0][:2] + ["x"] + ROWS[0][3:]]))
    assert str(info.value).startswith("mayo.xlsx, hoja 'Sheet', fila 2, campo 'Días de atraso'")


@pytest.fixture()
def page() -> TableroApp:
    return TableroApp()


def test_column_step_asks_for_the_missing_columns_and_loads_with_them(page, tmp_path):
    upload(page.portfolio_upload, "mayo.xlsx", xlsx())
    assert "le faltan columnas (account_id, balance_mxn)" in page.portfolio_status.value
    assert page.portfolio_name == "cartera de demostración"
    (step,) = page.column_step.children
    boxes = [child for child in step.children if hasattr(child, "options")]
    assert [box.description for box in boxes] == ["cuenta", "saldo (MXN)"]
    assert [label for label, _ in boxes[0].options] == ["— elija un encabezado —", "Folio interno",
                                                        "Importe pendiente", "producto"]
    button = next(child for child in step.children if getattr(child, "description", "") ==
                  "Usar estas columnas")
    message = step.children[-1]

    button.click()
    assert "Falta elegir el encabezado de: cuenta, saldo (MXN)" in message.value
    boxes[0].value = boxes[1].value = "Folio interno"
    button.click()
    assert "'Folio interno' está elegido para dos columnas" in html.unescape(message.value)
    boxes[1].value = "producto"
    button.click()
    assert "Con estas columnas la cartera no se cargó" in message.value
    assert "campo &#x27;producto&#x27;" in message.value and page.portfolio_name != "mayo.xlsx"

    boxes[1].value = "Importe pendiente"
    button.click()
    assert "Cartera cargada: 2 cuentas" in message.value
    assert page.portfolio_name == "mayo.xlsx" and "mayo.xlsx, 2 cuentas" in page.portfolio_status.value
    assert page.portfolio["balance_mxn"].tolist() == [1000.5, 25000.0]

    # the YAML shown on the page is a mapping file the command line accepts
    yaml_text = html.unescape(re.search(r"<pre>(.*)</pre>", message.value, re.S).group(1))
    (tmp_path / "mapa.yaml").write_text(yaml_text, encoding="utf-8")
    (tmp_path / "mayo.xlsx").write_bytes(xlsx())
    assert load_portfolio(tmp_path / "mayo.xlsx", columns=tmp_path / "mapa.yaml").equals(page.portfolio)

    upload(page.portfolio_upload, "otra.xlsx", xlsx(["cuenta", "saldo", *HEADER[2:]]))
    assert page.column_step.children == () and page.portfolio_name == "otra.xlsx"
