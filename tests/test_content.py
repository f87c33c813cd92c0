"""Loaders on in-memory content: errors name what the user knows, never a temporary path."""

from __future__ import annotations

import pytest

from simulator.content import load_content, upload_name_problem
from simulator.errors import PortfolioError, StrategyError
from simulator.paths import dataset
from simulator.portfolio import load_portfolio
from simulator.strategies import load_strategy

_BROKEN_STRATEGY = "nombre: prueba\nsegmentos:\n  - nombre: todos\n    acciones: 3\n"


def test_an_upload_error_names_the_uploaded_file_and_keeps_its_class() -> None:
    with pytest.raises(PortfolioError) as raised:
        load_content(load_portfolio, b"account_id,saldo\nA1,100\n", "C:\\carteras\\mi_cartera.csv")
    error = raised.value
    assert error.file == "mi_cartera.csv"
    assert str(error).startswith("mi_cartera.csv")
    assert "cobranza_" not in str(error) and "cobranza_" not in error.args[0]


def test_content_without_a_name_is_located_by_line_and_field_only() -> None:
    with pytest.raises(StrategyError) as raised:
        load_content(load_strategy, _BROKEN_STRATEGY, None, suffix=".yaml")
    error = raised.value
    assert error.file is None
    assert error.line is not None and error.field
    assert str(error).startswith("línea")


def test_good_content_loads_as_from_a_file() -> None:
    shipped = dataset("strategies", "escalonada.yaml")
    loaded = load_content(load_strategy, shipped.read_bytes(), "escalonada.yaml")
    assert loaded.model_dump() == load_strategy(shipped).model_dump()


@pytest.mark.parametrize("name", ["..", "mi\x00cartera.csv", "c" * 300 + ".csv", "C:\\fakepath\\..", "/"])
def test_a_name_from_an_upload_is_never_a_path_on_this_machine(name, demo_portfolio) -> None:
    data = demo_portfolio.head(3).to_csv(index=False).encode("utf-8")
    assert len(load_content(load_portfolio, data, name)) == 3  # loaded from "contenido.csv"


@pytest.mark.parametrize(("name", "problem"), [
    ("..", "«..» no es un nombre de archivo"),
    ("C:\\fakepath\\..", "no es un nombre de archivo"),
    ("mi\x00cartera.csv", "caracteres de control"),
    ("mi\ncartera.csv", "caracteres de control"),
    ("ñ" * 128 + ".csv", "demasiado largo (260 bytes; el máximo es 255)"),
])
def test_names_no_person_chose_are_refused_in_spanish(name, problem) -> None:
    assert problem in upload_name_problem(name)


@pytest.mark.parametrize("name", ["cartera.csv", "C:\\fakepath\\Cartera de mayo (2).csv",
                                  "ñ" * 120 + ".yaml"])
def test_ordinary_names_pass(name) -> None:
    assert upload_name_problem(name) is None
