"""Position and length tells: does the best option give itself away?

Options are shuffled when shown (:mod:`simulator.roleplay.order`), so the first
written option is no tell to the learner; its share is reported only so authors
see the habit. The length is: if the best-rated option is usually the longest,
"always pick the longest" passes. The library may show the best option as the
longest no more often than chance (the mean of ``1/n`` over steps with ``n``
options) plus :data:`LONGEST_MARGIN`; fewer than :data:`MIN_STEPS` steps are
too few to judge, so the shares are then reported but not enforced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.roleplay.schema import Scenario

__all__ = ["LONGEST_MARGIN", "MIN_STEPS", "OptionTells", "option_tells"]

#: How far above chance the best-is-longest share may go (10 percentage points).
LONGEST_MARGIN = 0.10
#: The fewest steps with a choice on which the margin is enforced.
MIN_STEPS = 30


@dataclass(frozen=True)
class OptionTells:
    """Shares of steps (with two or more options) whose best-rated option is first or longest."""

    steps: int
    best_first: float
    best_longest: float
    chance: float

    @property
    def limit(self) -> float:
        """The highest best-is-longest share the library may show."""
        return self.chance + LONGEST_MARGIN

    @property
    def too_telling(self) -> bool:
        """Whether "always pick the longest option" beats chance by more than the margin."""
        return self.steps >= MIN_STEPS and self.best_longest > self.limit

    def lines(self) -> list[str]:
        """The shares as Spanish lines for the linter."""
        return [f"{self.steps} paso(s) con opciones; azar (promedio de 1/n): {self.chance:.0%}",
                f"la mejor opción es la más larga en el {self.best_longest:.0%} (límite {self.limit:.0%})",
                f"la mejor opción es la primera del archivo en el {self.best_first:.0%} (solo informativo: "
                "las opciones se muestran en otro orden)"]


def option_tells(scenarios: Iterable[Scenario]) -> OptionTells:
    """The tells of every step with two or more options; a tie for best counts for any of the tied."""
    steps = first = longest = 0
    chance = 0.0
    for scenario in scenarios:
        for node in scenario.nodes.values():
            options = node.choices
            if len(options) < 2:
                continue
            top = max(choice.rating() for choice in options)
            best = {index for index, choice in enumerate(options) if choice.rating() == top}
            lengths = [len(choice.text.strip()) for choice in options]
            steps += 1
            chance += 1 / len(options)
            first += 0 in best
            longest += lengths.index(max(lengths)) in best
    if not steps:
        return OptionTells(0, 0.0, 0.0, 0.0)
    return OptionTells(steps, first / steps, longest / steps, chance / steps)
