"""Loaders on in-memory content: errors name what the user knows, never a temporary path."""

from __future__ import annotations

import pytest

from simulator.content import load_content
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
