"""Debtor behaviour: hidden traits, the self-exciting repayment intensity (personas live in parameters)."""

from simulator.behaviour.intensity import Intensity
from simulator.behaviour.traits import draw_latent_traits

__all__ = ["Intensity", "draw_latent_traits"]
