"""Hostile text shown back to people: huge values, escape codes, spreadsheet formulas."""

from __future__ import annotations

import pandas as pd
import pytest

from simulator.cli.main import main
from simulator.errors import CobranzaError, PortfolioError
from simulator.safe_text import ECHO_LIMIT, printable, shorten, spreadsheet_cell, spreadsheet_safe

MEGABYTE = "x" * 1_000_000


def test_a_one_megabyte_value_is_echoed_shortened():
    error = PortfolioError(f"se leyó {MEGABYTE!r} y se esperaba MX", file="cartera.csv", row=2,
                           field="jurisdiction")
    shown = str(error)
    assert len(shown) < 300
    assert "x" * ECHO_LIMIT + "…" in shown and "999,920 caracteres más" in shown
    assert shown.endswith("y se esperaba MX")  # the explanation after the value survives


def test_a_long_unquoted_message_keeps_its_start_and_end():
    shown = str(CobranzaError("inicio " + "palabra " * 200_000 + "fin"))
    assert len(shown) < 2100 and shown.startswith("inicio") and shown.endswith("fin")


def test_the_programs_own_text_between_two_quoted_names_is_kept_whole():
    message = ("la política 'x' no existe; " + "explicación larga " * 10 + "; ¿quiso decir 'anclaje'?")
    assert str(CobranzaError(message)) == message


def test_escape_codes_in_a_name_are_shown_escaped():
    error = CobranzaError("la estrategia '\x1b[31mroja' no existe", file="mi\x1b[2Jarchivo.yaml",
                          field="nom\x07bre")
    shown = str(error)
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b[31mroja" in shown and "mi\\x1b[2Jarchivo.yaml" in shown and "nom\\x07bre" in shown


def test_a_huge_bad_option_value_gives_a_short_spanish_usage_error(capsys):
    with pytest.raises(SystemExit) as done:
        main(["run", "--portfolio", "c.csv", "--strategy", "nada", "--days", "9" * 1_000_000 + "x"])
    assert done.value.code == 2
    error = capsys.readouterr().err
    assert len(error) < 2_000 and "se esperaba un número entero" in error


def test_printable_and_shorten():
    assert printable("a\x1bb\nc\u202e") == "a\\x1bb\\x0ac\\u202e"
    assert shorten("corto") == "corto"
    assert shorten("y" * 100, 10) == "y" * 10 + "… (90 caracteres más)"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"clic\")", "+1+2", "-2+3", "@SUM(A1)",
                                  "\tdato", "\rdato", "=1"])
def test_formula_like_text_is_prefixed_with_a_quote(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Ana", "-5", "+3.5", "", 7, -7.5, None])
def test_plain_text_and_numbers_are_kept(value):
    assert spreadsheet_cell(value) == value


def test_only_text_columns_of_a_table_are_touched():
    table = pd.DataFrame({"alumno": ["=cmd|' /C calc'!A0", "Ana"], "puntaje": [-1.0, 2.0]})
    safe = spreadsheet_safe(table)
    assert safe["alumno"].tolist() == ["'=cmd|' /C calc'!A0", "Ana"]
    assert safe["puntaje"].tolist() == [-1.0, 2.0] and safe["puntaje"].dtype == float
    assert table["alumno"].iloc[0].startswith("=")  # the caller's table is not changed
