"""Thin ipywidgets front-ends over the engines: they draw, the engines decide."""

from simulator.ui.account_life import AccountLife, account_life, life_html
from simulator.ui.negotiation import NegotiationWidget
from simulator.ui.roleplay import RolePlayWidget, roleplay_app

__all__ = ["AccountLife", "NegotiationWidget", "RolePlayWidget", "account_life", "life_html", "roleplay_app"]
