"""The portfolio as data: file schema (CSV or Excel), column maps, number conventions, a demo generator."""

from simulator.portfolio.columns import ColumnMap, MissingColumnsError, load_column_map
from simulator.portfolio.schema import load_portfolio, portfolio_from_bytes

__all__ = ["ColumnMap", "MissingColumnsError", "load_column_map", "load_portfolio", "portfolio_from_bytes"]
