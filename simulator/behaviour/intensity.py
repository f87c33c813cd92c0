"""Self-exciting repayment intensity (Chehrazi & Weber 2015), sampled exactly.

Between two events the intensity is ``floor + excess * exp(-decay * s)``, so its
integral over ``[0, s]`` has the closed form used below. The next payment time
is found by inverting that integral against an exponential draw; there is no
thinning and no daily tick, so one real payment costs one simulation event.
"""

from __future__ import annotations

import math

__all__ = ["Intensity"]

_NEWTON_TOLERANCE_DAYS = 1e-9
_NEWTON_MAX_STEPS = 60


class Intensity:
    """Payment intensity of one account, in payments per day.

    Args:
        floor_per_day: level the intensity decays towards.
        decay_per_day: rate at which the excess above the floor fades.
        excess_per_day: initial excess above the floor.
    """

    __slots__ = ("floor", "decay", "excess")

    def __init__(self, floor_per_day: float, decay_per_day: float, excess_per_day: float = 0.0):
        self.floor = floor_per_day
        self.decay = decay_per_day
        self.excess = excess_per_day

    def rate(self) -> float:
        """Current intensity (per day)."""
        return self.floor + self.excess

    def jump(self, size_per_day: float) -> None:
        """Raise the excess, e.g. after a payment, a payday or an effective contact."""
        self.excess += size_per_day

    def push_back(self, share: float) -> None:
        """Lose ``share`` (0 to 1) of the excess: a contact too many makes the debtor put off paying."""
        self.excess *= 1.0 - share

    def answer(self, size_per_day: float) -> None:
        """A payment answers every prompt so far: the excess restarts at ``size_per_day``."""
        self.excess = size_per_day

    def integral(self, span_days: float) -> float:
        """Expected number of payments in the next ``span_days`` (compensator)."""
        if span_days <= 0.0:
            return 0.0
        fade = -math.expm1(-self.decay * span_days)
        drift = self.floor * span_days if self.floor > 0.0 else 0.0  # 0 * inf is not 0
        return drift + self.excess * fade / self.decay

    def advance(self, span_days: float) -> None:
        """Let ``span_days`` pass: the excess decays."""
        if span_days > 0.0:
            self.excess *= math.exp(-self.decay * span_days)

    def time_to(self, mass: float, limit_days: float) -> float:
        """Time until the compensator reaches ``mass``, or ``inf`` past ``limit_days``.

        With ``mass`` an Exp(1) draw this is an exact draw of the next payment
        time. Newton's method from zero converges monotonically because the
        compensator is increasing and concave.
        """
        if mass <= 0.0:
            return 0.0
        if self.integral(limit_days) < mass:
            return math.inf
        if self.excess <= 0.0:
            return mass / self.floor if self.floor > 0.0 else math.inf
        s = 0.0
        for _ in range(_NEWTON_MAX_STEPS):
            decayed = self.excess * math.exp(-self.decay * s)
            gap = self.integral(s) - mass
            step = gap / (self.floor + decayed)
            s -= step
            if abs(step) < _NEWTON_TOLERANCE_DAYS:
                break
        return min(s, limit_days)
