"""Thin ipywidgets front-ends over the engines: they draw, the engines decide."""

from simulator.ui.negotiation import NegotiationWidget
from simulator.ui.roleplay import RolePlayWidget, roleplay_app

__all__ = ["NegotiationWidget", "RolePlayWidget", "roleplay_app"]
