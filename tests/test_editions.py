"""Country editions: one library of scenarios told in Mexico, Colombia, Chile and Peru."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from edition_walks import walks
from hypothesis import given
from hypothesis import strategies as st

from simulator.compliance.edition import available_editions, load_edition
from simulator.errors import ComplianceError
from simulator.roleplay import load_scenario
from simulator.roleplay.lint import lint_file
from simulator.roleplay.loader import DEFAULT_LIBRARY
from simulator.roleplay.replay import shown_path
from simulator.spanish_input import InputError, format_amount, parse_amount

EDITIONS = ("MX", "CO", "CL", "PE")
EDITION_DIR = Path(__file__).parents[1] / "simulator" / "compliance" / "editions"
#: What robo_de_identidad's model call says in each edition: greeting, document, the regulator the
#: debtor may go to, and the balance in the country's number format.
TOLD = {
    "MX": ("¿Bueno?", "con mi INE", "puede acudir a la CONDUSEF", "$21,312.40"),
    "CO": ("¿Aló?", "con mi cédula", "puede acudir a la Superintendencia Financiera", "$4.262.000"),
    "CL": ("¿Aló?", "con mi carnet", "puede acudir al SERNAC", "$1.065.500"),
    "PE": ("¿Aló?", "con mi DNI", "puede acudir al INDECOPI", "S/ 4,260.00"),
}


def test_every_country_has_an_edition_with_its_pack_sources_and_disclaimer():
    assert set(available_editions()) == set(EDITIONS)
    for code in EDITIONS:
        edition = load_edition(code)
        assert edition.code == edition.pack == code
        assert edition.sources and edition.written.year >= 2026
        assert "modelo didáctico, no asesoría legal" in edition.disclaimer.lower()


@pytest.mark.parametrize("code", EDITIONS)
def test_play_tells_the_call_in_the_learners_edition(cli, code):
    inputs = ["el viernes 12"]
    scenario = load_scenario(DEFAULT_LIBRARY / "robo_de_identidad.yaml")
    choices = shown_path(scenario, scenario.model_paths["media"].choices, inputs, order_seed=1)
    done = cli("dialogue", "play", "robo_de_identidad", "--country", code.lower(), "--choices",
               ",".join(map(str, choices)), "--inputs", "|".join(inputs), "--seed", "1", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    said = [line["texto"] for line in result["transcript"]]
    greeting, document, regulator, balance = TOLD[code]
    assert result["country"] == code and result["passed"]
    assert said[0] == greeting
    assert any(document in line for line in said)
    assert any(regulator in line for line in said)
    assert any(balance in line for line in said)
    others = {told[1] for other, told in TOLD.items() if other != code}
    assert not any(phrase in line for line in said for phrase in others)


@pytest.mark.parametrize("code", EDITIONS)
def test_the_whole_library_lints_in_each_edition(cli, code):
    done = cli("dialogue", "lint", str(DEFAULT_LIBRARY), "--country", code)
    assert done.returncode == 0, done.stderr
    assert "0 problema(s)" in done.stdout


def test_mexican_calls_are_told_exactly_as_before_editions():
    """Seeded walks through every scenario and variant, recorded on the code before editions existed
    (``python tests/edition_walks.py``): the Mexican edition changes no word."""
    recorded = json.loads((Path(__file__).parent / "data" / "mx_transcripts.json").read_text("utf-8"))
    assert walks() == recorded
    assert walks(load_edition("MX")) == recorded


def test_a_mexican_phrase_left_in_a_scenario_fails_the_lint_of_other_editions(tmp_path):
    text = (DEFAULT_LIBRARY / "primera_llamada_30.yaml").read_text(encoding="utf-8")
    path = tmp_path / "primera_llamada_30.yaml"
    path.write_text(text.replace('deudor: "{saludo}"', 'deudor: "¿Bueno?"', 1), encoding="utf-8")
    assert lint_file(path, ["MX"]) == []
    problems = lint_file(path, ["CO"])
    assert len(problems) == 1 and "edición CO" in problems[0].message and "«¿Bueno?»" in problems[0].message
    assert problems[0].line == text.splitlines().index('    deudor: "{saludo}"') + 1


@pytest.mark.parametrize("code", EDITIONS)
@given(cents=st.integers(min_value=1, max_value=10_000_000_000))
def test_amounts_read_back_as_each_edition_writes_them(code, cents):
    money = load_edition(code).money
    value = (Decimal(cents) / 100).quantize(money.step)
    if value:
        assert parse_amount(format_amount(value, money), money) == value


@pytest.mark.parametrize(("code", "typed", "value"), [
    ("CO", "1.700.000", 1_700_000), ("CO", "$1.700.000 pesos", 1_700_000), ("CL", "170.000", 170_000),
    ("PE", "S/ 1,700.00", 1700), ("PE", "1,700.50 soles", Decimal("1700.50")), ("MX", "$1,700.00 m.n.", 1700),
])
def test_a_learner_types_amounts_as_people_write_them_in_the_country(code, typed, value):
    assert parse_amount(typed, load_edition(code).money) == value


def test_an_unreadable_amount_shows_the_countrys_format():
    with pytest.raises(InputError, match=r"\$1\.700"):
        parse_amount("1.2345", load_edition("CO").money)


@pytest.mark.parametrize(("change", "field", "words"), [
    (("  miles: \".\"", "  miles: \";\""), "moneda.miles", "opciones: '.' o ','"),
    (("  documento: cédula\n", ""), "frases", "faltan frases: documento"),
    (("paquete: CO", "paquete: XX"), "paquete", "no hay paquete de cumplimiento"),
])
def test_a_bad_edition_file_is_refused_with_file_line_and_field(tmp_path, change, field, words):
    text = (EDITION_DIR / "co.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "co.yaml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ComplianceError) as caught:
        load_edition(path)
    error = caught.value
    assert error.file == str(path) and error.line is not None and error.field == field
    assert words in error.message


def test_printed_cards_follow_the_edition(cli, tmp_path):
    done = cli("dialogue", "cards", "robo_de_identidad", "--country", "PE", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "robo_de_identidad.html").read_text(encoding="utf-8")
    assert "«¿Aló?»" in page and "S/ 4,260.00" in page and "ni un sol más" in page
