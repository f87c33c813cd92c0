"""What happens when a collector talks with a debtor: promises, plans, settlements."""

from simulator.negotiation.conversation import converse

__all__ = ["converse"]
