"""The portfolio: its CSV schema, a demo generator and the SimPy model of accounts."""

from simulator.portfolio.schema import load_portfolio

__all__ = ["load_portfolio"]
