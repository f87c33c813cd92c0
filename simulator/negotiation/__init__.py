"""What happens when a collector talks with a debtor: promises, plans, settlements.

``converse`` is the portfolio simulator's conversation. The negotiation engine
(simulated debtor, offers, scoring, policy evaluation) is exported lazily: the
portfolio imports this package, and the engine imports the portfolio.
"""

from importlib import import_module

from simulator.negotiation.conversation import converse

__all__ = [
    "Abono",
    "Aceptar",
    "Debtor",
    "Escuchar",
    "Evaluation",
    "Liquidacion",
    "Negotiation",
    "NegotiationError",
    "NegotiationState",
    "Plan",
    "PolicyLimits",
    "Reply",
    "Score",
    "Terminar",
    "converse",
    "draw_debtors",
    "evaluate",
    "load_policy",
    "paired_difference",
    "play",
    "score",
]

_ENGINE = {
    "simulator.negotiation.offers": ("Abono", "Aceptar", "Escuchar", "Liquidacion", "NegotiationError",
                                     "Plan", "Terminar"),
    "simulator.negotiation.debtor": ("Debtor", "draw_debtors"),
    "simulator.negotiation.limits": ("PolicyLimits",),
    "simulator.negotiation.session": ("Negotiation", "NegotiationState", "Reply"),
    "simulator.negotiation.scoring": ("Score", "score"),
    "simulator.negotiation.evaluation": ("Evaluation", "evaluate", "paired_difference", "play"),
    "simulator.negotiation.guard": ("load_policy",),
}
_WHERE = {name: module for module, names in _ENGINE.items() for name in names}


def __getattr__(name: str):
    """Load an engine name on first use (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'simulator.negotiation' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
