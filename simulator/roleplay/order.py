"""The order in which a call shows each step's options, drawn per play.

Authors write the best option first; shown in that order, "always press the
first button" would pass. Each play therefore shows every step's options in a
permutation drawn from an order seed, which the course derives from the learner,
the scenario and the attempt with a stable hash (Python's ``hash()`` changes
between processes), so the same play can be replayed exactly.
"""

from __future__ import annotations

import hashlib

from simulator.random_streams import RolePlayStream, seeded_generator
from simulator.roleplay.schema import Scenario

__all__ = ["option_orders", "order_seed"]


def order_seed(learner: str | None, scenario_id: str, attempt: int) -> int:
    """A 63-bit seed that depends only on who plays what, and which time."""
    text = "\x1f".join((learner or "", scenario_id, str(int(attempt))))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def option_orders(scenario: Scenario, seed: int | None) -> dict[str, tuple[int, ...]]:
    """Per node, the authored option numbers in the order shown (authored order when ``seed`` is None)."""
    if seed is None:
        return {name: tuple(range(len(node.choices))) for name, node in scenario.nodes.items()}
    rng = seeded_generator(seed, RolePlayStream.OPTION_ORDER)
    return {name: tuple(int(i) for i in rng.permutation(len(node.choices)))
            for name, node in scenario.nodes.items()}
