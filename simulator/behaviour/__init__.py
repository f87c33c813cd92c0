"""Debtor behaviour: the self-exciting repayment intensity (personas live in parameters)."""

from simulator.behaviour.intensity import Intensity

__all__ = ["Intensity"]
