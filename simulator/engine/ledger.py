"""Money owed by one account: balance, billed instalments and days past due.

Days past due are derived, never stored: they run from the due day of the
oldest instalment that is still unpaid, so a partial payment that clears the
oldest instalment lowers them exactly as a lender's system would.
"""

from __future__ import annotations

__all__ = ["Ledger"]

_CENT = 0.005


class Ledger:
    """Balance and unpaid instalments of one account (pesos, days).

    Args:
        balance_mxn: outstanding balance.
        instalment_mxn: amount billed each cycle.
    """

    __slots__ = ("balance", "instalment", "bills", "_due")

    def __init__(self, balance_mxn: float, instalment_mxn: float) -> None:
        self.balance = balance_mxn
        self.instalment = instalment_mxn
        self.bills: list[list[float]] = []  # [due_day, remaining_mxn], oldest first
        self._due = 0.0

    def bill(self, due_day: float) -> float:
        """Add the instalment due on ``due_day``; returns the amount billed."""
        amount = min(self.instalment, self.balance - self._due)
        if amount > _CENT:
            self.bills.append([due_day, amount])
            self._due += amount
            return amount
        return 0.0

    def amount_due(self) -> float:
        """Everything billed and unpaid, due or about to fall due."""
        return self._due if self.bills else 0.0

    def arrears(self, now: float) -> float:
        """Billed amounts whose due day has passed."""
        return sum(remaining for due, remaining in self.bills if due <= now)

    def asked_until(self, now: float) -> float:
        """Last due day of what a collector asks for now (the arrears, or everything billed when
        nothing is late yet): later instalments fall due on top of it."""
        if self.arrears(now) > 0.0 or not self.bills:
            return now
        return max(now, self.bills[-1][0])

    def overdue_cleared(self, amount_mxn: float, now: float) -> int:
        """How many overdue instalments, oldest first, a payment of ``amount_mxn`` clears."""
        return sum(1 for due, _ in self._paid_whole(amount_mxn) if due <= now)

    def oldest_due(self, now: float) -> float | None:
        """Due day of the oldest unpaid instalment, if it is already late."""
        if self.bills and self.bills[0][0] <= now:
            return self.bills[0][0]
        return None

    def whole_bills(self, amount_mxn: float) -> float:
        """What pays the oldest unpaid bills whole, as many as ``amount_mxn`` covers
        and at least the oldest one: a debtor who pays only part of what is due
        pays whole instalments (at least the minimum), not a fraction of one."""
        oldest = self.bills[0][1] if self.bills else 0.0
        return max((covered for _, covered in self._paid_whole(amount_mxn)), default=oldest)

    def _paid_whole(self, amount_mxn: float):
        """``(due_day, running total)`` of the oldest bills, while ``amount_mxn`` pays them whole."""
        covered = 0.0
        for due, remaining in self.bills:
            covered += remaining
            if covered > amount_mxn + _CENT:
                return
            yield due, covered

    def days_past_due(self, now: float) -> float:
        """Days since the oldest unpaid instalment fell due (0 when current)."""
        oldest = self.oldest_due(now)
        return 0.0 if oldest is None else now - oldest

    def pay(self, amount_mxn: float) -> float:
        """Apply a payment to the oldest instalments first, then to the balance.

        Returns the amount applied (never more than the balance).
        """
        applied = min(amount_mxn, self.balance)
        self.balance -= applied
        left = applied
        while self.bills and left > 0.0:
            bill = self.bills[0]
            if bill[1] <= left + _CENT:
                left -= bill[1]
                self.bills.pop(0)
            else:
                bill[1] -= left
                left = 0.0
        self._due = sum(remaining for _, remaining in self.bills)
        return applied

    def forgive(self) -> float:
        """Remove what is left (settlement discount or write-off); returns it."""
        forgiven = self.balance
        self.balance = 0.0
        self.bills.clear()
        self._due = 0.0
        return forgiven

    @property
    def settled(self) -> bool:
        """True once nothing is owed."""
        return self.balance <= _CENT
