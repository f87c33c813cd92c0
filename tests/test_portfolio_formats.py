"""A manager's own export is read right or refused clearly: numbers, headers, encodings, .xlsx."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.errors import PortfolioError
from simulator.portfolio import load_portfolio

HEADER = ["account_id", "balance_mxn", "days_past_due", "instalment_mxn", "income_cycle", "payday",
          "billing_day", "phone_valid", "whatsapp_opt_in", "email_valid", "address_valid",
          "jurisdiction"]
ROW = ["C1", "1000.50", "0", "100", "quincenal", "15", "5", "1", "1", "1", "1", "MX"]


def rows_with(balances: list[str], instalments: list[str]) -> list[list[str]]:
    """One account per balance, the rest of the row as in ROW."""
    rows = []
    for index, (balance, instalment) in enumerate(zip(balances, instalments, strict=True)):
        row = list(ROW)
        row[0], row[1], row[3] = f"C{index + 1}", balance, instalment
        rows.append(row)
    return rows


def csv_bytes(rows: list[list[str]], header=HEADER, sep=",", encoding="utf-8") -> bytes:
    def cell(value: str) -> str:
        return f'"{value}"' if sep in value else value

    lines = [sep.join(cell(v) for v in row) for row in [header, *rows]]
    return ("\n".join(lines) + "\n").encode(encoding)


def load_bytes(tmp_path: Path, data: bytes, name: str = "cartera.csv", **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return load_portfolio(path, **kwargs)


def refusal(tmp_path: Path, data: bytes, name: str = "cartera.csv", **kwargs) -> PortfolioError:
    with pytest.raises(PortfolioError) as info:
        load_bytes(tmp_path, data, name, **kwargs)
    assert name in str(info.value)
    return info.value


# --- numbers: one convention per file -----------------------------------------------------------


def test_semicolon_file_with_us_numbers_is_read_exactly(tmp_path):
    """The review's file: ``63,629.53`` was read as 63.62953 while ``187.17`` stayed."""
    rows = rows_with(["63,629.53", "5427.93"], ["3181.48", "187.17"])
    frame = load_bytes(tmp_path, csv_bytes(rows, sep=";"))
    assert frame["balance_mxn"].tolist() == [63629.53, 5427.93]
    assert frame["instalment_mxn"].tolist() == [3181.48, 187.17]


def test_file_mixing_conventions_names_the_odd_cell(tmp_path):
    rows = rows_with(["63,629.53", "5427,93", "18,000.00"], ["3181.48", "187.17", "900.50"])
    error = refusal(tmp_path, csv_bytes(rows, sep=";"))
    assert (error.row, error.field) == (3, "balance_mxn")
    assert "'5427,93'" in error.message and "coma decimal" in error.message
    assert "fila 2" in error.message and "punto decimal y sin separador de miles" in error.message


def test_file_whose_only_separators_are_ambiguous_is_refused(tmp_path):
    rows = rows_with(["1.500", "2.750"], ["100", "250"])
    error = refusal(tmp_path, csv_bytes(rows, sep=";"))
    assert (error.row, error.field) == (2, "balance_mxn")
    assert "'1.500'" in error.message and "1.5 o 1500" in error.message


@pytest.mark.parametrize(("decimal", "expected"), [(",", [1500.0, 2750.0]), (".", [1.5, 2.75])])
def test_mapping_file_can_declare_the_decimal_separator(tmp_path, decimal, expected):
    (tmp_path / "mapa.yaml").write_text(f"separador_decimal: '{decimal}'\n", encoding="utf-8")
    data = csv_bytes(rows_with(["1.500", "2.750"], ["1", "2"]), sep=";")
    frame = load_bytes(tmp_path, data, columns=tmp_path / "mapa.yaml")
    assert frame["balance_mxn"].tolist() == expected
    data = csv_bytes(rows_with(["1.500", "187.17"], ["1", "2"]), sep=";")
    if decimal == ",":
        error = refusal(tmp_path, data, columns=tmp_path / "mapa.yaml")
        assert (error.row, error.field) == (3, "balance_mxn")
        assert "el archivo de columnas declara coma decimal" in error.message


def test_declared_decimal_separator_is_validated_with_its_line(tmp_path):
    (tmp_path / "mapa.yaml").write_text("columnas:\n  Saldo: balance_mxn\nseparador_decimal: ';'\n",
                                        encoding="utf-8")
    with pytest.raises(PortfolioError) as info:
        load_bytes(tmp_path, csv_bytes(rows_with(["1.5"], ["1"])), columns=tmp_path / "mapa.yaml")
    assert (info.value.line, info.value.field) == (3, "separador_decimal")
    assert "mapa.yaml" in str(info.value)


def test_one_unambiguous_cell_decides_the_whole_file(tmp_path):
    rows = rows_with(["1.500", "2.750,25"], ["100", "250"])
    frame = load_bytes(tmp_path, csv_bytes(rows, sep=";"))
    assert frame["balance_mxn"].tolist() == [1500.0, 2750.25]


def write_amount(cents: int, decimal: str, grouped: bool, whole: bool) -> str:
    """``cents`` as a spreadsheet writes it: decimal point or comma, with or without thousands."""
    thousands = "," if decimal == "." else "."
    units, rest = divmod(cents, 100)
    digits = f"{units:,}".replace(",", thousands) if grouped else str(units)
    return digits if whole else f"{digits}{decimal}{rest:02d}"


amounts = st.lists(st.tuples(st.integers(1, 10**11), st.integers(1, 10**11), st.booleans()),
                   min_size=2, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts, st.sampled_from(".,"), st.booleans(), st.sampled_from(",;\t"))
def test_amounts_in_either_convention_read_back_exactly(values, decimal, grouped, sep):
    # Every first amount shows its cents, so the file always shows its convention.
    cells, expected = [], []
    for index, (a, b, whole) in enumerate(values):
        balance, instalment = max(a, b), min(a, b)
        whole = whole and index > 0
        if whole:
            balance, instalment = balance - balance % 100 + 100, instalment - instalment % 100 + 100
        cells.append([write_amount(c, decimal, grouped, whole) for c in (balance, instalment)])
        expected.append((balance / 100, instalment / 100))
    rows = rows_with([c[0] for c in cells], [c[1] for c in cells])
    with tempfile.TemporaryDirectory() as folder:
        frame = load_bytes(Path(folder), csv_bytes(rows, sep=sep))
    assert list(zip(frame["balance_mxn"], frame["instalment_mxn"], strict=True)) == expected


@settings(max_examples=200, deadline=None)
@given(amounts, st.sampled_from(".,"), st.booleans(), st.sampled_from(",;"), st.data())
def test_a_cell_in_the_other_convention_is_refused_where_it_is(values, decimal, grouped, sep, data):
    other = "," if decimal == "." else "."
    rows = rows_with(*zip(*[[write_amount(c, decimal, grouped, False) for c in (max(a, b), min(a, b))]
                            for a, b, _ in values], strict=True))
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from((1, 3)))
    cents = data.draw(st.integers(1, 10**11).filter(lambda c: c % 10 != 0))  # shows 2 decimals
    rows[row][column] = write_amount(cents, other, grouped, False)
    with tempfile.TemporaryDirectory() as folder, pytest.raises(PortfolioError) as info:
        load_bytes(Path(folder), csv_bytes(rows, sep=sep))
    assert (info.value.row, info.value.field) == (row + 2, HEADER[column])
    assert "Todos los números de un archivo deben escribirse igual" in info.value.message


# --- the instalment cannot exceed the balance ---------------------------------------------------


def test_instalment_larger_than_balance_is_refused(tmp_path):
    rows = rows_with(["1000.50", "2500.00"], ["100", "25000.00"])
    error = refusal(tmp_path, csv_bytes(rows))
    assert (error.row, error.field) == (3, "instalment_mxn")
    assert "mayor que el saldo" in error.message and "25000.00" in error.message


# --- headers: Spanish and English aliases, a mapping file -------------------------------------

SPANISH = ["Cuenta", "Saldo", "Días de atraso", "cuota", "Ciclo de ingreso", "día de cobro",
           "Día de vencimiento", "Teléfono válido", "WhatsApp", "correo_valido", "Domicilio válido",
           "País"]


def test_spanish_headers_are_recognised(tmp_path):
    frame = load_bytes(tmp_path, csv_bytes(rows_with(["1000.50"], ["100"]), header=SPANISH))
    assert list(frame.columns) == HEADER
    assert frame["balance_mxn"].tolist() == [1000.5]


def test_english_aliases_like_country_are_recognised(tmp_path):
    header = ["account", "balance", "days_overdue", "installment", "pay_frequency", "pay_day",
              "due_day", "valid_phone", "whatsapp_optin", "valid_email", "valid_address", "country"]
    frame = load_bytes(tmp_path, csv_bytes(rows_with(["1000.50"], ["100"]), header=header))
    assert list(frame.columns) == HEADER


def test_errors_name_the_header_as_written_in_the_file(tmp_path):
    error = refusal(tmp_path, csv_bytes(rows_with(["mil"], ["100"]), header=SPANISH))
    assert (error.row, error.field) == (2, "Saldo")


def test_a_header_is_suggested_for_one_missing_column_only(tmp_path):
    header = ["account_id", "saldos", *HEADER[2:3], "cuotas_mes", *HEADER[4:]]
    error = refusal(tmp_path, csv_bytes(rows_with(["1000.50"], ["100"]), header=header))
    assert error.field == "balance_mxn"
    suggested = [part.split("'")[1] for part in error.message.split("¿es ")[1:]]
    assert "saldos" in suggested and len(suggested) == len(set(suggested))


def test_saldo_mxn_is_not_suggested_for_a_second_column(tmp_path):
    header = ["account_id", "saldo_mxn", *HEADER[2:3], "otra", *HEADER[4:]]
    error = refusal(tmp_path, csv_bytes(rows_with(["1000.50"], ["100"]), header=header))
    assert error.field == "instalment_mxn"
    assert "saldo_mxn" not in error.message.split("Encabezados")[0]


def test_two_aliases_of_one_column_are_refused(tmp_path):
    header = [*HEADER, "saldo"]
    rows = [row + ["5"] for row in rows_with(["1000.50"], ["100"])]
    assert load_bytes(tmp_path, csv_bytes(rows, header=header))["saldo"].tolist() == ["5"]
    header = ["account_id", "Saldo", *HEADER[2:], "saldo total"]
    error = refusal(tmp_path, csv_bytes(rows, header=header))
    assert (error.row, error.field) == (1, "saldo total")
    assert "'Saldo'" in error.message and "--columnas" in error.message
    header = ["account_id", "Saldo", *HEADER[2:], "deuda", "balance_mxn"]  # the schema name wins
    frame = load_bytes(tmp_path, csv_bytes([row[:-1] + ["7", "5000"] for row in rows], header=header))
    assert (frame["Saldo"].tolist(), frame["balance_mxn"].tolist()) == (["1000.50"], [5000.0])


def test_column_map_from_python(tmp_path):
    header = ["Folio interno", "Importe", *HEADER[2:]]
    data = csv_bytes(rows_with(["1000.50"], ["100"]), header=header)
    frame = load_bytes(tmp_path, data, columns={"folio interno": "account_id", "Importe": "balance_mxn"})
    assert list(frame.columns) == HEADER


MAP = "# encabezado de la cartera: columna del simulador\ncolumnas:\n  Folio interno: account_id\n"


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    (MAP + "  Importe: balance\n", 4, "columnas.Importe", "valor no permitido 'balance'"),
    (MAP + "  Importe: account_id\n", 4, "columnas.Importe", "ya está asignada"),
    (MAP + "  Importe: balance_mxn\n  Otra: payday\n", 5, "columnas.Otra", "'Otra' no está"),
    ("columna:\n  Importe: balance_mxn\n", 1, "columna", "¿quiso decir 'columnas'?"),
])
def test_mapping_file_errors_name_file_line_and_field(tmp_path, text, line, field, words):
    header = ["Folio interno", "Importe", *HEADER[2:]]
    (tmp_path / "mapa.yaml").write_text(text, encoding="utf-8")
    data = csv_bytes(rows_with(["1000.50"], ["100"]), header=header)
    with pytest.raises(PortfolioError) as info:
        load_bytes(tmp_path, data, columns=tmp_path / "mapa.yaml")
    error = info.value
    assert "mapa.yaml" in str(error)
    assert (error.line, error.field) == (line, field)
    assert words in error.message


def test_mapping_file_through_the_command_line(tmp_path, cli):
    header = ["Folio interno", "Importe", *HEADER[2:]]
    rows = rows_with([f"{1000 + i}.50" for i in range(20)], ["100"] * 20)
    (tmp_path / "cartera.csv").write_bytes(csv_bytes(rows, header=header))
    (tmp_path / "mapa.yaml").write_text(MAP + "  Importe: balance_mxn\n", encoding="utf-8")
    args = ["run", "--portfolio", str(tmp_path / "cartera.csv"), "--strategy",
            "datasets/strategies/escalonada.yaml", "--days", "5", "--replications", "1", "--json"]
    missing = cli(*args)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "Faltan las columnas obligatorias 'account_id'" in missing.stderr
    assert "'Folio interno', 'Importe'" in missing.stderr and "--columnas" in missing.stderr
    done = cli(*args, "--columnas", str(tmp_path / "mapa.yaml"))
    assert done.returncode == 0, done.stderr
    assert '"accounts": 20' in done.stdout


def test_every_command_that_reads_a_portfolio_takes_a_column_map():
    import argparse

    from simulator.cli.main import build_parser

    commands = next(action for action in build_parser()._actions
                    if isinstance(action, argparse._SubParsersAction)).choices
    options = {name: {flag for action in command._actions for flag in action.option_strings}
               for name, command in commands.items()}
    readers = sorted(name for name, flags in options.items() if "--portfolio" in flags)
    assert readers == ["compare", "plan-test", "run", "sweep"]
    assert all("--columnas" in options[name] for name in readers)


# --- encodings and files that are not CSV ---------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_bom_files_are_read(tmp_path, encoding):
    rows = rows_with(["1000.50", "2000.75"], ["100", "200"])
    rows[0][0] = "Cuenta-ñ"
    frame = load_bytes(tmp_path, csv_bytes(rows, header=SPANISH, sep="\t", encoding=encoding))
    assert frame["account_id"].tolist() == ["Cuenta-ñ", "C2"]
    assert frame["balance_mxn"].tolist() == [1000.5, 2000.75]


def test_old_xls_and_other_zips_are_named_as_such(tmp_path):
    error = refusal(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "Excel 97-2003 (.xls)" in error.message
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "LibreOffice (.ods)" in refusal(tmp_path, buffer.getvalue()).message
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("notas.txt", "hola")
    assert "no un libro de Excel" in refusal(tmp_path, buffer.getvalue()).message
    assert "dañado" in refusal(tmp_path, b"PK\x03\x04" + bytes(50)).message


# --- Excel workbooks ------------------------------------------------------------------------------


def workbook(rows: list[list], header=HEADER, sheet="Cartera") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet
    for row in [header, *rows]:
        page.append(row)
    return book


def xlsx_bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def typed_rows() -> list[list]:
    return [["C1", 63629.53, 0, 3181.48, "mensual", 30, 4, True, 1, "sí", 0, "MX"],
            ["C2", 1000.125, 45, 187.17, "quincenal", 15, 28, False, 0, "no", 1, "co"],
            ["C3", "18.500,50", 10, "950,25", "semanal", 4, 1, 1, 1, 1, 1, "MX"]]


def test_xlsx_first_sheet_is_read_with_exact_numbers(tmp_path):
    book = workbook(typed_rows(), header=SPANISH)
    book.create_sheet("Notas").append(["no", "se", "lee"])
    frame = load_bytes(tmp_path, xlsx_bytes(book), name="cartera.xlsx")
    assert list(frame.columns) == HEADER
    # typed numbers are exact (1000.125 is not taken for 1,000,125); text numbers follow the file
    assert frame["balance_mxn"].tolist() == [63629.53, 1000.125, 18500.5]
    assert frame["instalment_mxn"].tolist() == [3181.48, 187.17, 950.25]
    assert frame["phone_valid"].tolist() == [True, False, True]
    assert frame["jurisdiction"].tolist() == ["MX", "CO", "MX"]


def test_xlsx_given_a_csv_name_is_read_by_its_content(tmp_path):
    frame = load_bytes(tmp_path, xlsx_bytes(workbook(typed_rows()[:2])), name="cartera.csv")
    assert frame["account_id"].tolist() == ["C1", "C2"]


def test_xlsx_errors_name_sheet_row_and_column(tmp_path):
    rows = typed_rows()
    rows[1][2] = 400
    rows.insert(1, [None] * len(HEADER))  # a blank sheet row 3 is skipped but still counted
    error = refusal(tmp_path, xlsx_bytes(workbook(rows, header=SPANISH, sheet="Mayo")), "c.xlsx")
    assert (error.sheet, error.row, error.field) == ("Mayo", 4, "Días de atraso")
    assert "hoja 'Mayo', fila 4, campo 'Días de atraso'" in str(error)


def test_formula_without_saved_value_names_its_cell(tmp_path):
    rows = typed_rows()
    rows[2][3] = "=B4/10"
    error = refusal(tmp_path, xlsx_bytes(workbook(rows)), "c.xlsx")  # openpyxl saves no value
    assert (error.sheet, error.row, error.field) == ("Cartera", 4, "instalment_mxn")
    assert "La celda D4 tiene la fórmula =B4/10" in error.message


def test_formula_with_saved_value_reads_the_value(tmp_path):
    data = xlsx_bytes(workbook(typed_rows()))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'<c r="D2" t="n"><v>3181.48</v></c>',
                                        b'<c r="D2"><f>B2/20</f><v>3181.48</v></c>')
    assert b"<f>B2/20</f>" in parts[sheet]
    frame = load_bytes(tmp_path, _zip(parts), name="c.xlsx")
    assert frame["instalment_mxn"].iloc[0] == 3181.48


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


def with_dimension(data: bytes, ref: bytes) -> bytes:
    """The workbook with its sheet claiming the cell range ``ref`` (the data stay as they were)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    claimed = parts[sheet].replace(b'<dimension ref="A1:L4" />', b'<dimension ref="' + ref + b'" />')
    assert claimed != parts[sheet]
    parts[sheet] = claimed
    return _zip(parts)


def test_absurd_dimensions_are_refused_before_reading(tmp_path):
    data = with_dimension(xlsx_bytes(workbook(typed_rows())), b"A1:L9000000")
    error = refusal(tmp_path, data, "c.xlsx")
    assert "9,000,000 filas" in error.message and "más de lo que Excel permite" in error.message


def test_a_dimension_smaller_than_the_data_does_not_hide_rows(tmp_path):
    rows = typed_rows()
    rows[2][2] = 400  # the error is in the last row, past the claimed dimension
    error = refusal(tmp_path, with_dimension(xlsx_bytes(workbook(rows)), b"A1:B2"), "c.xlsx")
    assert (error.row, error.field) == (4, "days_past_due")


def test_a_far_row_of_a_tiny_workbook_keeps_no_blank_rows():
    from simulator.portfolio.workbook import read_sheet

    parts = {**VALID_PARTS}
    sheet = "xl/worksheets/sheet1.xml"
    far = b'<row r="1048000"><c r="A1048000" t="inlineStr"><is><t>C9</t></is></c></row>'
    parts[sheet] = parts[sheet].replace(b"</sheetData>", far + b"</sheetData>")
    data = _zip(parts)
    assert len(data) < 10_000
    read = read_sheet(data, "lejos.xlsx")
    assert read.rows.tolist() == [2, 3, 4, 1_048_000] and read.cells.shape == (4, len(HEADER))
    with tempfile.TemporaryDirectory() as folder, pytest.raises(PortfolioError) as info:
        load_bytes(Path(folder), data, name="lejos.xlsx")
    assert (info.value.row, info.value.field) == (1_048_000, "balance_mxn")


def test_too_many_header_columns_are_refused(tmp_path):
    error = refusal(tmp_path, xlsx_bytes(workbook([], header=[f"c{i}" for i in range(300)])), "c.xlsx")
    assert (error.row, "300 columnas") == (1, error.message.split("tiene ")[1][:12])


def test_workbook_size_and_unpacked_size_are_bounded(tmp_path, monkeypatch):
    from simulator.portfolio import workbook as module

    data = xlsx_bytes(workbook(typed_rows()))
    monkeypatch.setattr(module, "MAX_WORKBOOK_BYTES", len(data) - 1)
    assert "el límite es" in refusal(tmp_path, data, "c.xlsx").message
    monkeypatch.undo()
    bomb = _zip({**{name: b"" for name in ("xl/workbook.xml",)}, "xl/relleno.bin": bytes(2**20)})
    monkeypatch.setattr(module, "MAX_UNPACKED_BYTES", 2**19)
    error = refusal(tmp_path, bomb, "c.xlsx")
    assert len(bomb) < 2**13 and "al descomprimirlo" in error.message


# --- property: a damaged workbook loads or raises PortfolioError, never anything else -------------

VALID_XLSX = xlsx_bytes(workbook(typed_rows()))
with zipfile.ZipFile(io.BytesIO(VALID_XLSX)) as _package:
    VALID_PARTS = {name: _package.read(name) for name in _package.namelist()}
XML_JUNK = st.sampled_from([b"<", b">", b"</c>", b"<f>SUM(A1:A9)</f>", b'<c r="ZZZ99999999"><v>1</v></c>',
                            b'<dimension ref="A1:XFD1048577"/>', b"&amp;", b"&lol;", b"\x00", b"\xff",
                            b'<row r="0">', b'<v>1e999</v>', b'<c r="B2" t="s"><v>99</v></c>',
                            b'<c r="A3" t="b"><v>7</v></c>', b'<c r="C2" t="e"><v>#N/A</v></c>'])
XML_JUNK |= st.binary(max_size=8)
workbook_change = st.one_of(
    st.tuples(st.just("xml"), st.sampled_from(sorted(VALID_PARTS)), st.integers(0, 10**6), XML_JUNK),
    st.tuples(st.just("drop"), st.sampled_from(sorted(VALID_PARTS))),
    st.tuples(st.just("bytes"), st.integers(0, len(VALID_XLSX)), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("cut"), st.integers(0, len(VALID_XLSX))),
)


def damage(change) -> bytes:
    kind = change[0]
    if kind == "bytes":
        return VALID_XLSX[:change[1]] + change[2] + VALID_XLSX[change[1]:]
    if kind == "cut":
        return VALID_XLSX[:change[1]]
    parts = dict(VALID_PARTS)
    if kind == "drop":
        del parts[change[1]]
    else:
        _, name, at, junk = change
        at %= len(parts[name]) + 1
        parts[name] = parts[name][:at] + junk + parts[name][at:]
    return _zip(parts)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbook_change)
def test_damaged_workbooks_load_or_raise_portfolio_error(fuzz_cases, change):
    fuzz_cases["cartera Excel (.xlsx)"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dañado.xlsx"
        path.write_bytes(damage(change))
        try:
            frame = load_portfolio(path)
        except PortfolioError as error:
            assert str(path) in str(error) and error.message
            return
    assert frame["balance_mxn"].gt(0).all() and frame["account_id"].is_unique


# --- the documentation stays in step ----------------------------------------------------------------

CARTERA_MD = Path(__file__).resolve().parents[1] / "docs" / "cartera.md"


def test_docs_list_every_alias_of_every_column():
    from simulator.portfolio.columns import ALIASES, header_key

    assert list(ALIASES) == HEADER
    text = CARTERA_MD.read_text(encoding="utf-8").split("### Nombres alternativos")[1]
    text = text.split("### Archivo de columnas")[0]
    for name, aliases in ALIASES.items():
        line = next(line for line in text.splitlines() if line.startswith(f"| `{name}` | `"))
        assert line == f"| `{name}` | " + ", ".join(f"`{a}`" for a in aliases) + " |", name
        assert all(header_key(alias) == alias for alias in aliases)


def test_docs_mapping_example_is_a_valid_mapping_file(tmp_path):
    from simulator.portfolio import load_column_map

    example = CARTERA_MD.read_text(encoding="utf-8").split("```yaml\n")[1].split("```")[0]
    (tmp_path / "mapa.yaml").write_text(example, encoding="utf-8")
    assert load_column_map(tmp_path / "mapa.yaml").columns == {
        "Folio interno": "account_id", "Importe pendiente": "balance_mxn",
        "Fecha de pago (día)": "billing_day"}
