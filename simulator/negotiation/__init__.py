"""Negotiation practice: simulated debtors that bargain, offers, policy limits, scoring.

The portfolio simulator's own short conversation lives in
``simulator.engine.conversation``; this package draws its debtors from the
same behaviour model and lets a student's policy be measured over thousands.
A strategy that names a policy (from :class:`PolicyRegistry`: a shipped one, or
one in a folder trusted on the command line) has the portfolio negotiate through
``simulator.negotiation.portfolio_calls`` (imported by the portfolio on demand).
"""

from simulator.errors import NegotiationError
from simulator.negotiation.debtor import Debtor, draw_debtors
from simulator.negotiation.evaluation import Evaluation, evaluate, paired_difference, play
from simulator.negotiation.guard import load_policy
from simulator.negotiation.limits import PolicyLimits
from simulator.negotiation.offers import (
    Abono,
    Aceptar,
    Escuchar,
    Liquidacion,
    Plan,
    Terminar,
)
from simulator.negotiation.registry import SHIPPED_POLICIES, PolicyRegistry
from simulator.negotiation.scoring import Score, score
from simulator.negotiation.session import Negotiation, NegotiationState, Reply

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
    "PolicyRegistry",
    "Reply",
    "SHIPPED_POLICIES",
    "Score",
    "Terminar",
    "draw_debtors",
    "evaluate",
    "load_policy",
    "paired_difference",
    "play",
    "score",
]
