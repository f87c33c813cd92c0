"""Amounts and dates typed in a role-play: every accepted form, clear refusals, and no surprises."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.errors import CobranzaError
from simulator.spanish_input import (
    InputError,
    format_amount,
    format_date,
    parse_amount,
    parse_date,
    say_amount,
    say_date,
)

#: A Wednesday; the spec's example date, Saturday 21 November 2026, is three days later.
TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(("text", "expected"), [
    ("1700", "1700.00"),
    ("1,700", "1700.00"),
    ("1,700.00", "1700.00"),
    ("1.700", "1700.00"),
    ("1.700,50", "1700.50"),
    ("1,5", "1.50"),
    ("1.5", "1.50"),
    ("17,05", "17.05"),
    ("1,700,000", "1700000.00"),
    ("1.700.000,25", "1700000.25"),
    ("$1,700", "1700.00"),
    ("$ 1 700", "1700.00"),
    ("1 700,50", "1700.50"),
    ("1700 pesos", "1700.00"),
    ("1700pesos", "1700.00"),
    ("1,700.00 MXN", "1700.00"),
    ("$1,700.00 m.n.", "1700.00"),
    ("1.5 mil", "1500.00"),
    ("2 mil", "2000.00"),
    ("2mil", "2000.00"),
    ("2 mil 500", "2500.00"),
    ("mil", "1000.00"),
    ("mil setecientos", "1700.00"),
    ("dos mil quinientos", "2500.00"),
    ("mil quinientos cincuenta", "1550.00"),
    ("un millón doscientos mil", "1200000.00"),
    ("Un Millon de pesos", "1000000.00"),
    ("trescientos", "300.00"),
    ("cincuenta y cinco", "55.00"),
    ("ciento veintitrés", "123.00"),
    ("doscientas", "200.00"),
    ("  1700  ", "1700.00"),
    ("1700.", "1700.00"),
    ("0.01", "0.01"),
    ("100,000,000", "100000000.00"),
])
def test_parse_amount_accepts(text, expected):
    assert parse_amount(text) == Decimal(expected)
    assert parse_amount(text).as_tuple().exponent == -2


@pytest.mark.parametrize(("text", "reason"), [
    ("-1700", "negativo"),
    ("$-5", "negativo"),
    ("menos 20", "negativo"),
    ("0", "cero"),
    ("0.00", "cero"),
    ("mil y pico", "no pude leer un monto"),
    ("abc", "no pude leer un monto"),
    ("1,70,0", "tres dígitos"),
    ("1.2345", "tres dígitos"),
    ("1.700.50", "tres dígitos"),
    ("0,500", "tres dígitos"),
    ("1700,", "tres dígitos"),
    ("1e5", "no pude leer"),
    ("NaN", "no pude leer"),
    ("1/2", "no pude leer"),
    ("$", "no pude leer"),
    ("veinte tres", "no pude leer"),
    ("dos dos", "no pude leer"),
    ("treinta y", "no pude leer"),
    ("mil mil", "no pude leer"),
    ("mil millones", "no pude leer"),
    ("millones", "no pude leer"),
    ("12 34", "no pude leer"),
    ("100,000,001", "100,000,000"),
    ("1,000 millones", "100,000,000"),
])
def test_parse_amount_rejects_with_what_was_read(text, reason):
    with pytest.raises(InputError) as caught:
        parse_amount(text)
    message = str(caught.value)
    assert f"'{text}'" in message
    assert reason in message
    assert "1,700.00" in message  # an example of what works


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_parse_amount_rejects_empty(text):
    with pytest.raises(InputError, match="ningún monto"):
        parse_amount(text)


def test_input_error_is_a_cobranza_error():
    with pytest.raises(CobranzaError):
        parse_amount("mil y pico")


@pytest.mark.parametrize(("text", "expected"), [
    ("hoy", TODAY),
    ("mañana", date(2026, 11, 19)),
    ("Manana", date(2026, 11, 19)),
    ("pasado mañana", date(2026, 11, 20)),
    ("el sábado", date(2026, 11, 21)),
    ("sabado", date(2026, 11, 21)),
    ("SÁBADO.", date(2026, 11, 21)),
    ("este jueves", date(2026, 11, 19)),
    ("el próximo viernes", date(2026, 11, 20)),
    ("el proximo viernes", date(2026, 11, 20)),
    ("el viernes que viene", date(2026, 11, 20)),
    ("el miércoles", date(2026, 11, 25)),  # today's weekday: a week later
    ("domingo", date(2026, 11, 22)),
    ("el lunes", date(2026, 11, 23)),
    ("15/12", date(2026, 12, 15)),
    ("15/12/2026", date(2026, 12, 15)),
    ("15-12-26", date(2026, 12, 15)),
    ("15.12.2026", date(2026, 12, 15)),
    ("15 de diciembre", date(2026, 12, 15)),
    ("15 de diciembre de 2026", date(2026, 12, 15)),
    ("15 de dic", date(2026, 12, 15)),
    ("para el 15 de diciembre del 2026", date(2026, 12, 15)),
    ("primero de enero", date(2027, 1, 1)),
    ("10/11", date(2027, 11, 10)),  # no year and already past: next year
    ("2026-12-15", date(2026, 12, 15)),
    ("el 20", date(2026, 11, 20)),
    ("el 18", TODAY),
    ("el 15", date(2026, 12, 15)),  # past this month: next month
    ("el día 25", date(2026, 11, 25)),
    ("el 31", date(2026, 11, 30)),  # November is shorter: its last day
    ("en 3 días", date(2026, 11, 21)),
    ("en tres dias", date(2026, 11, 21)),
    ("dentro de una semana", date(2026, 11, 25)),
    ("en dos semanas", date(2026, 12, 2)),
    ("en un mes", date(2026, 12, 18)),
    ("el mes que viene", date(2026, 12, 18)),
    ("la quincena", date(2026, 11, 30)),
    ("en la quincena", date(2026, 11, 30)),
    ("fin de mes", date(2026, 11, 30)),
    ("a fin de mes", date(2026, 11, 30)),
    ("sábado 21 de noviembre de 2026", date(2026, 11, 21)),
    ("el sábado, 21 de noviembre", date(2026, 11, 21)),
    ("el viernes 20", date(2026, 11, 20)),
])
def test_parse_date_accepts(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 11, 10), date(2026, 11, 15)),
    (date(2026, 11, 15), date(2026, 11, 15)),  # payday today counts
    (date(2026, 11, 16), date(2026, 11, 30)),
    (date(2026, 11, 30), date(2026, 11, 30)),
    (date(2026, 12, 31), date(2026, 12, 31)),
    (date(2027, 2, 16), date(2027, 2, 28)),
])
def test_quincena_is_the_next_payday_from_today(today, expected):
    assert parse_date("la quincena", today) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("ayer", "ya pasó"),
    ("15/12/2025", "ya pasó"),
    ("2026-11-17", "ya pasó"),
    ("15/12/2028", "más de 366 días"),
    ("en 400 días", "más de 366 días"),
    ("en 13 meses", "más de 366 días"),
    ("31/11/2026", "tiene 30 días"),
    ("29/02/2027", "tiene 28 días"),
    ("12/15/2026", "primero el día"),
    ("el 32", "del día 1 al 31"),
    ("viernes 21 de noviembre de 2026", "sábado 21 de noviembre de 2026"),
    ("cuando pueda", "no pude leer una fecha"),
    ("el 15 de brumario", "no pude leer una fecha"),
    ("15/12/0000", "no pude leer una fecha"),
])
def test_parse_date_rejects_with_what_was_read(text, reason):
    with pytest.raises(InputError) as caught:
        parse_date(text, TODAY)
    assert f"'{text}'" in str(caught.value)
    assert reason in str(caught.value)


def test_parse_date_rejects_empty():
    with pytest.raises(InputError, match="ninguna fecha"):
        parse_date("  ", TODAY)


def test_format_amount_and_date():
    assert format_amount(Decimal("1700")) == "$1,700.00"
    assert format_amount(Decimal("1234567.891")) == "$1,234,567.89"
    assert format_amount(Decimal("0.5")) == "$0.50"
    assert format_date(date(2026, 11, 21)) == "sábado 21 de noviembre de 2026"
    assert format_date(date(2027, 9, 1)) == "miércoles 1 de septiembre de 2027"


#: Texts built from the characters that matter, so the properties reach deep into both parsers.
RELEVANT = st.text(alphabet="0123456789 .,-/$ymilonesdptrcuavhñáé", max_size=30)
TODAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31))


@settings(max_examples=1000)
@given(st.one_of(st.text(), RELEVANT))
def test_parse_amount_raises_only_input_error(fuzz_cases, text):
    fuzz_cases["montos escritos en español"] += 1
    try:
        value = parse_amount(text)
    except InputError:
        return
    assert Decimal("0.01") <= value <= Decimal(100_000_000)


@settings(max_examples=1000)
@given(st.one_of(st.text(), RELEVANT), st.dates())
def test_parse_date_raises_only_input_error(fuzz_cases, text, today):
    fuzz_cases["fechas escritas en español"] += 1
    try:
        found = parse_date(text, today)
    except InputError:
        return
    assert 0 <= (found - today).days <= 366


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10_000_000), places=2))
def test_amount_round_trip(value):
    shown = format_amount(value)
    assert parse_amount(shown) == value
    assert parse_amount(shown.translate(str.maketrans(",.", ".,"))) == value  # $1.700,00


@given(TODAYS, st.integers(min_value=0, max_value=366))
def test_date_round_trip(today, ahead):
    day = today + timedelta(days=ahead)
    assert parse_date(day.strftime("%d/%m/%Y"), today) == day
    assert parse_date(format_date(day), today) == day


@given(TODAYS, st.sampled_from(["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]))
def test_weekday_is_the_next_one_strictly_after_today(today, name):
    found = parse_date(f"el {name}", today)
    assert 1 <= (found - today).days <= 7
    assert format_date(found).startswith(name)


def test_a_debtor_says_amounts_and_dates_as_people_do():
    assert say_amount(Decimal("1700")) == "mil setecientos pesos"
    assert say_amount(Decimal("21")) == "veintiún pesos"
    assert say_amount(Decimal("1")) == "un peso"
    assert say_amount(Decimal("2000000")) == "dos millones de pesos"
    assert say_amount(Decimal("700.50")) == "setecientos pesos con cincuenta centavos"
    today = date(2026, 4, 14)
    assert say_date(date(2026, 4, 17), today) == "viernes 17"
    assert say_date(date(2026, 5, 15), today) == "viernes 15 de mayo"


@given(st.integers(min_value=1, max_value=999_999))
def test_a_spoken_whole_amount_reads_back(pesos):
    assert parse_amount(say_amount(Decimal(pesos))) == Decimal(pesos)
