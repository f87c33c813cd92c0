"""Portfolio loader: the demo file loads, every bad input gives one located error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.buckets import BUCKET_NAMES, bucket_index
from simulator.errors import PortfolioError
from simulator.portfolio.schema import (
    BUCKETS,
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    bucket_of,
    load_portfolio,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "datasets" / "portfolios" / "demo.csv"
HEADER = list(REQUIRED_COLUMNS) + ["product"]
# Spreadsheet rows 2, 3 and 4 (the header is row 1).
ROWS = [
    ["C1", "1000.50", "0", "100", "quincenal", "15", "5", "1", "1", "1", "1", "MX", "tarjeta"],
    ["C2", "25000", "45", "2500.25", "mensual", "30", "28", "0", "0", "1", "0", "MX", "auto"],
    ["C3", "7000", "179", "350", "semanal", "4", "1", "1", "0", "0", "1", "MX", "nomina"],
]
EXPECTED_DTYPES = {
    "account_id": "str", "balance_mxn": "float64", "days_past_due": "int64",
    "instalment_mxn": "float64", "income_cycle": "str", "payday": "int64",
    "billing_day": "int64", "phone_valid": "bool", "whatsapp_opt_in": "bool",
    "email_valid": "bool", "address_valid": "bool", "jurisdiction": "str",
}


def dtypes_of(frame: pd.DataFrame) -> dict[str, str]:
    """Required-column dtypes, strings as ``str`` (pandas 3) or object (pandas 2)."""
    return {c: "str" if pd.api.types.is_string_dtype(frame[c]) else str(frame[c].dtype)
            for c in REQUIRED_COLUMNS}


def csv_text(rows=ROWS, header=HEADER, sep=",") -> str:
    return "\n".join(sep.join(r) for r in [header, *rows]) + "\n"


def write(tmp_path: Path, text: str | bytes, name: str = "cartera.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def with_cell(row: int, column: str, value: str) -> list[list[str]]:
    """Copy of ROWS with one cell changed; ``row`` is the spreadsheet row."""
    rows = [list(r) for r in ROWS]
    rows[row - 2][HEADER.index(column)] = value
    return rows


def load_error(tmp_path: Path, text: str | bytes) -> PortfolioError:
    path = write(tmp_path, text)
    with pytest.raises(PortfolioError) as info:
        load_portfolio(path)
    assert str(path) in str(info.value)
    return info.value


# --- the demo file -------------------------------------------------------------------------


def test_demo_round_trip():
    frame = load_portfolio(DEMO)
    assert len(frame) == 5000
    assert list(frame.columns) == [*REQUIRED_COLUMNS, *(c.name for c in OPTIONAL_COLUMNS), "product"]
    assert dtypes_of(frame) == EXPECTED_DTYPES
    assert (frame["credit_limit_mxn"].dtype, frame["months_late_3m"].dtype) == ("float64", "int64")
    assert isinstance(frame.index, pd.RangeIndex)
    assert frame["account_id"].is_unique
    shares = pd.Series(bucket_of(frame["days_past_due"])).value_counts(normalize=True)
    targets = {"al_corriente": 0.40, "1-30": 0.25, "31-60": 0.15, "61-90": 0.10, "90+": 0.10}
    assert set(shares.index) == set(BUCKETS)
    for bucket, target in targets.items():
        assert abs(shares[bucket] - target) < 0.03, bucket
    assert set(frame["product"]) <= {"tarjeta", "personal", "nomina", "auto"}


def test_valid_file_values_and_dtypes(tmp_path):
    frame = load_portfolio(write(tmp_path, csv_text()))
    assert dtypes_of(frame) == EXPECTED_DTYPES
    assert frame["balance_mxn"].tolist() == [1000.5, 25000.0, 7000.0]
    assert frame["phone_valid"].tolist() == [True, False, True]
    assert frame["product"].tolist() == ["tarjeta", "auto", "nomina"]
    assert [c.name for c in COLUMNS] == list(REQUIRED_COLUMNS)


def test_column_order_is_free_and_extras_follow(tmp_path):
    header = ["segmento", *reversed(HEADER)]
    rows = [["A", *reversed(r)] for r in ROWS]
    frame = load_portfolio(write(tmp_path, csv_text(rows, header)))
    assert list(frame.columns) == [*REQUIRED_COLUMNS, "segmento", "product"]
    assert frame["account_id"].tolist() == ["C1", "C2", "C3"]


def test_bucket_of_boundaries():
    days = [0, 1, 30, 31, 60, 61, 90, 91, 179]
    expected = ["al_corriente", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "90+", "90+"]
    assert bucket_of(days).tolist() == expected
    assert bucket_of(np.array([[0, 91]])).shape == (1, 2)
    assert bucket_of(45) == "31-60"


def test_bucket_of_agrees_with_engine_buckets():
    days = np.arange(0, 180, 0.5)
    assert bucket_of(days).tolist() == [BUCKET_NAMES[bucket_index(d)] for d in days]


# --- Excel flavours --------------------------------------------------------------------------


def test_utf8_bom_is_accepted(tmp_path):
    frame = load_portfolio(write(tmp_path, b"\xef\xbb\xbf" + csv_text().encode()))
    assert (frame.columns[0], len(frame)) == ("account_id", 3)


def test_semicolon_with_decimal_comma(tmp_path):
    rows = with_cell(2, "balance_mxn", "1000,50")
    rows[1][HEADER.index("balance_mxn")] = "18.500,75"
    rows[2][HEADER.index("balance_mxn")] = "$ 2.000"
    rows[0][HEADER.index("instalment_mxn")] = "99,9"
    rows[1][HEADER.index("instalment_mxn")] = "2500,25"  # the whole file writes decimal commas
    frame = load_portfolio(write(tmp_path, csv_text(rows, sep=";")))
    assert frame["balance_mxn"].tolist() == [1000.5, 18500.75, 2000.0]
    assert frame["instalment_mxn"].iloc[0] == pytest.approx(99.9)


def test_comma_file_with_quoted_thousands(tmp_path):
    rows = with_cell(3, "balance_mxn", '"$18,500.50"')
    frame = load_portfolio(write(tmp_path, csv_text(rows)))
    assert frame["balance_mxn"].iloc[1] == 18500.5


@pytest.mark.parametrize(("text", "value"), [
    ("1", True), ("0", False), ("true", True), ("FALSE", False), ("Sí", True), ("si", True),
    ("SÍ", True), ("no", False), (" No ", False), ("yes", True), ("VERDADERO", True),
    ("falso", False),
])
def test_bool_spellings(tmp_path, text, value):
    frame = load_portfolio(write(tmp_path, csv_text(with_cell(2, "email_valid", text))))
    assert frame["email_valid"].dtype == np.bool_
    assert frame["email_valid"].iloc[0] is np.bool_(value)


def test_categories_are_normalised(tmp_path):
    rows = with_cell(2, "income_cycle", "Quincenal ")
    rows[1][HEADER.index("income_cycle")] = "MENSUÁL"
    rows[2][HEADER.index("jurisdiction")] = " co"
    frame = load_portfolio(write(tmp_path, csv_text(rows)))
    assert frame["income_cycle"].tolist() == ["quincenal", "mensual", "semanal"]
    assert frame["jurisdiction"].tolist() == ["MX", "MX", "CO"]


def test_headers_tolerate_case_and_spaces(tmp_path):
    header = [" Account_ID ", *HEADER[1:]]
    frame = load_portfolio(write(tmp_path, csv_text(header=header)))
    assert frame.columns[0] == "account_id"


def test_blank_rows_are_skipped_and_rows_still_counted(tmp_path):
    text = csv_text() + ",,,,,,,,,,,,\n\n"
    assert len(load_portfolio(write(tmp_path, text))) == 3
    lines = csv_text().splitlines()
    lines.insert(2, ",,,,,,,,,,,,")  # blank spreadsheet row 3 pushes C2 to row 4
    bad = "\n".join(lines).replace("C2,25000", "C2,-5")
    error = load_error(tmp_path, bad)
    assert (error.row, error.field) == (4, "balance_mxn")


# --- one clear error per bad input ------------------------------------------------------------


def test_missing_column_is_named(tmp_path):
    header = [h for h in HEADER if h != "payday"]
    rows = [[v for h, v in zip(HEADER, r, strict=True) if h != "payday"] for r in ROWS]
    error = load_error(tmp_path, csv_text(rows, header))
    assert (error.row, error.field) == (1, "payday")
    assert "Falta la columna obligatoria 'payday'" in error.message
    assert "¿es" not in error.message


def test_missing_column_suggests_close_header(tmp_path):
    header = ["account_id", "balanse_mxn", *HEADER[2:]]
    error = load_error(tmp_path, csv_text(header=header))
    assert error.field == "balance_mxn"
    assert "¿es 'balanse_mxn'?" in error.message


def test_duplicate_header(tmp_path):
    error = load_error(tmp_path, csv_text([r + ["x"] for r in ROWS], HEADER + ["payday"]))
    assert (error.row, error.field) == (1, "payday")
    assert "dos veces" in error.message


def test_non_number(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(3, "balance_mxn", "mil pesos")))
    assert (error.row, error.field) == (3, "balance_mxn")
    assert "'mil pesos'" in error.message and "número" in error.message


def test_empty_numeric_cell(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(4, "instalment_mxn", " ")))
    assert (error.row, error.field) == (4, "instalment_mxn")
    assert "vacía" in error.message


@pytest.mark.parametrize(("field", "value"), [
    ("balance_mxn", "0"), ("balance_mxn", "-250.5"), ("instalment_mxn", "0"),
])
def test_money_must_be_positive(tmp_path, field, value):
    error = load_error(tmp_path, csv_text(with_cell(3, field, value)))
    assert (error.row, error.field) == (3, field)
    assert f"'{value}'" in error.message and "mayor que 0" in error.message


# --- the optional history columns ------------------------------------------------------


def with_history(limits=("40000", "90000", "8000"), months=("0", "2", "3"), no_use=("3", "0", "0"),
                 headers=("Límite de crédito", "Meses con atraso", "Meses sin consumo")) -> str:
    """The valid file plus the optional columns, under Spanish headers."""
    rows = [[*row, *history] for row, *history in zip(ROWS, limits, months, no_use, strict=True)]
    return csv_text(rows, [*HEADER, *headers])


def test_optional_columns_are_read_typed_after_the_required_ones(tmp_path):
    frame = load_portfolio(write(tmp_path, with_history()))
    assert list(frame.columns) == [*REQUIRED_COLUMNS, *(c.name for c in OPTIONAL_COLUMNS), "product"]
    assert frame["credit_limit_mxn"].tolist() == [40000.0, 90000.0, 8000.0]
    assert frame["months_late_3m"].dtype == "int64" and frame["months_late_3m"].tolist() == [0, 2, 3]
    assert frame["months_no_use_3m"].dtype == "int64" and frame["months_no_use_3m"].tolist() == [3, 0, 0]


def test_optional_columns_may_be_left_out(tmp_path):
    frame = load_portfolio(write(tmp_path, csv_text()))
    assert not {c.name for c in OPTIONAL_COLUMNS} & set(frame.columns)


LIMITS, MONTHS, NO_USE = ("40000", "90000", "8000"), ("0", "2", "3"), ("3", "0", "0")


@pytest.mark.parametrize(("limits", "months", "no_use", "row", "field", "words"), [
    (("40000", "0", "8000"), MONTHS, NO_USE, 3, "Límite de crédito", ["'0'", "mayor que 0"]),
    (LIMITS, ("0", "4", "3"), NO_USE, 3, "Meses con atraso", ["4", "0 a 3", "3 estados"]),
    (LIMITS, ("0", "1.5", "3"), NO_USE, 3, "Meses con atraso", ["1.5", "entero"]),
    (("40000", "90000", ""), MONTHS, NO_USE, 4, "Límite de crédito", ["vacía"]),
    (LIMITS, MONTHS, ("-1", "0", "0"), 2, "Meses sin consumo", ["-1", "0 a 3", "sin consumo"]),
    (LIMITS, MONTHS, ("3", "0.5", "0"), 3, "Meses sin consumo", ["0.5", "entero"]),
])
def test_optional_columns_are_checked_like_required_ones(tmp_path, limits, months, no_use, row, field, words):
    error = load_error(tmp_path, with_history(limits, months, no_use))
    assert (error.row, error.field) == (row, field)
    for word in words:
        assert word in error.message


@pytest.mark.parametrize(("value", "words"), [
    ("180", ["180", "castigada"]), ("365", ["365", "179"]), ("-1", ["-1", "0 a 179"]),
    ("12.5", ["12.5", "entero"]),
])
def test_days_past_due_range(tmp_path, value, words):
    error = load_error(tmp_path, csv_text(with_cell(4, "days_past_due", value)))
    assert (error.row, error.field) == (4, "days_past_due")
    for word in words:
        assert word in error.message


def test_bad_income_cycle(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(3, "income_cycle", "anual")))
    assert (error.row, error.field) == (3, "income_cycle")
    assert "'anual'" in error.message and "semanal, quincenal o mensual" in error.message


@pytest.mark.parametrize(("cycle", "payday", "hint"), [
    ("semanal", "7", "0 (lunes) a 6"), ("semanal", "-1", "0 (lunes) a 6"),
    ("quincenal", "16", "1 a 15"), ("quincenal", "0", "1 a 15"), ("mensual", "32", "1 a 31"),
])
def test_payday_range_depends_on_cycle(tmp_path, cycle, payday, hint):
    rows = with_cell(3, "income_cycle", cycle)
    rows[1][HEADER.index("payday")] = payday
    error = load_error(tmp_path, csv_text(rows))
    assert (error.row, error.field) == (3, "payday")
    assert cycle in error.message and hint in error.message and payday in error.message


def test_billing_day_range(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(2, "billing_day", "31")))
    assert (error.row, error.field) == (2, "billing_day")
    assert "1 a 28" in error.message


def test_bad_bool_and_jurisdiction(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(3, "phone_valid", "tal vez")))
    assert (error.row, error.field) == (3, "phone_valid")
    assert "'tal vez'" in error.message and "sí/no" in error.message
    error = load_error(tmp_path, csv_text(with_cell(4, "jurisdiction", "BR")))
    assert (error.row, error.field) == (4, "jurisdiction")
    assert "MX" in error.message


def test_duplicate_account_id_names_both_rows(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(4, "account_id", " C2")))
    assert (error.row, error.field) == (4, "account_id")
    assert "'C2'" in error.message and "filas 3 y 4" in error.message


def test_empty_account_id(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(3, "account_id", "")))
    assert (error.row, error.field, "vacío" in error.message) == (3, "account_id", True)


def test_earliest_row_wins_then_schema_order(tmp_path):
    rows = with_cell(4, "balance_mxn", "-1")
    rows[1][HEADER.index("jurisdiction")] = "XX"  # row 3, a later column
    error = load_error(tmp_path, csv_text(rows))
    assert (error.row, error.field) == (3, "jurisdiction")
    rows[1][HEADER.index("billing_day")] = "99"  # same row 3, earlier column
    error = load_error(tmp_path, csv_text(rows))
    assert (error.row, error.field) == (3, "billing_day")


@pytest.mark.parametrize("text", [b"", b"  \n\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, text):
    error = load_error(tmp_path, text)
    assert "vacío" in error.message and error.row is None


def test_header_only(tmp_path):
    error = load_error(tmp_path, ",".join(HEADER) + "\n")
    assert "solo tiene la fila de encabezados" in error.message


def test_latin1_file(tmp_path):
    rows = with_cell(3, "product", "tarjeta_niño")
    error = load_error(tmp_path, csv_text(rows).encode("latin-1"))
    assert (error.row, error.field) == (3, "product")
    assert "no está en UTF-8" in error.message and "0xF1" in error.message
    assert "CSV UTF-8" in error.message


@pytest.mark.parametrize(("name", "words"), [
    ("no_existe.csv", "No se encontró el archivo"), ("", "es una carpeta"),
])
def test_missing_file_or_folder(tmp_path, name, words):
    with pytest.raises(PortfolioError) as info:
        load_portfolio(tmp_path / name)
    assert words in str(info.value) and str(tmp_path / name) in str(info.value)


@pytest.mark.parametrize(("error", "words"), [
    (PermissionError(13, "Permission denied"), "No hay permiso para leer el archivo"),
    (OSError(5, "Input/output error"), "error del sistema número 5"),
])
def test_an_unreadable_file_is_explained_in_spanish(tmp_path, monkeypatch, error, words):
    def refuse(self):
        raise error

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(PortfolioError) as info:
        load_portfolio(tmp_path / "cartera.csv")
    assert words in info.value.message and error.strerror not in info.value.message


@pytest.mark.parametrize("row", [2, 3])
def test_too_many_values_in_a_row(tmp_path, row):
    rows = with_cell(row, "product", "tarjeta,sobra")
    error = load_error(tmp_path, csv_text(rows))
    assert error.row == row
    assert "valores" in error.message


def test_unclosed_quote(tmp_path):
    error = load_error(tmp_path, csv_text(with_cell(3, "product", '"tarjeta')))
    assert error.row == 3
    assert "comillas" in error.message


# --- property: any mutation either loads or raises PortfolioError naming the file ---------------

VALID = csv_text().encode()
mutation = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, len(HEADER) - 1)),
    st.tuples(st.just("cell"), st.integers(0, 3), st.integers(0, len(HEADER) - 1), st.text()),
    st.tuples(st.just("bytes"), st.integers(0, len(VALID)), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("cut"), st.integers(0, len(VALID))),
)


def mutate(data: bytes, change) -> bytes:
    kind = change[0]
    if kind == "bytes":
        _, at, junk = change
        return data[:at] + junk + data[at:]
    if kind == "cut":
        return data[: change[1]]
    table = [line.split(",") for line in data.decode("utf-8", errors="replace").splitlines()]
    if kind == "drop":
        table = [[c for j, c in enumerate(r) if j != change[1]] for r in table]
    else:
        _, i, j, text = change
        if i < len(table) and j < len(table[i]):
            table[i][j] = text
    return ("\n".join(",".join(r) for r in table) + "\n").encode("utf-8", errors="surrogatepass")


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutations_load_or_raise_portfolio_error(fuzz_cases, changes):
    fuzz_cases["cartera CSV"] += 1
    data = VALID
    for change in changes:
        data = mutate(data, change)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutada.csv"
        path.write_bytes(data)
        try:
            frame = load_portfolio(path)
        except PortfolioError as error:
            assert str(path) in str(error)
            assert error.message
            return
    assert dtypes_of(frame) == EXPECTED_DTYPES
    assert frame["balance_mxn"].gt(0).all() and frame["account_id"].is_unique
    assert frame["days_past_due"].between(0, 179).all()


# --- the documentation stays in step with the schema ---------------------------------------------

DOCS = [ROOT / "docs" / "cartera.md", ROOT / "datasets" / "portfolios" / "README.md"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_name_every_column_and_bucket(doc):
    text = doc.read_text(encoding="utf-8")
    for name in REQUIRED_COLUMNS:
        assert f"`{name}`" in text, name
    if doc.name == "README.md":
        assert all(f"`{b}`" in text for b in BUCKETS)
        assert ("python -m simulator.portfolio.generate --accounts 5000 --seed 2026 "
                "--out datasets/portfolios/demo.csv") in text


def test_python_example_in_docs_runs(monkeypatch, capsys):
    text = (ROOT / "docs" / "cartera.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "docs/cartera.md", "exec"), {})  # our own doc, not user content
    assert "5000 cuentas" in capsys.readouterr().out
