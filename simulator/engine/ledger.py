"""Money owed by one account: balance, billed instalments and days past due.

Days past due are derived, never stored: they run from the due day of the
oldest instalment that is still unpaid, so a partial payment that clears the
oldest instalment lowers them exactly as a lender's system would. While a
convenio that brings the account current is in force, they run from its oldest
unpaid payment instead (the account is re-aged); a broken convenio gives the
instalments back their own age.
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

    __slots__ = ("balance", "instalment", "bills", "agreed", "credit", "_due")

    def __init__(self, balance_mxn: float, instalment_mxn: float) -> None:
        self.balance = balance_mxn
        self.instalment = instalment_mxn
        self.bills: list[list[float]] = []  # [due_day, remaining_mxn], oldest first
        self.agreed: list[list[float]] = []  # a convenio in force: its payments, as ``bills``
        self.credit = 0.0  # paid ahead of the instalments billed so far: it pays the next ones
        self._due = 0.0

    def bill(self, due_day: float) -> float:
        """Add the instalment due on ``due_day``, less what was paid ahead; returns the amount billed."""
        amount = min(self.instalment, self.balance - self._due)
        if amount <= _CENT:
            return 0.0
        prepaid = min(self.credit, amount)
        self.credit -= prepaid
        if amount - prepaid > _CENT:
            self.bills.append([due_day, amount - prepaid])
            self._due += amount - prepaid
        return amount

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

    def agree(self, payments: list[tuple[float, float]]) -> None:
        """Put a convenio in force (``(due_day, amount)`` pairs): the account is re-aged, its
        days past due now run from the oldest convenio payment left unpaid."""
        self.agreed = [[due, amount] for due, amount in payments]

    def break_agreement(self) -> None:
        """A convenio payment was missed: the instalments get their own age back."""
        self.agreed.clear()

    def aging_from(self) -> float | None:
        """Due day that days past due run from once it has passed: the oldest unpaid payment
        of the convenio in force, else the oldest unpaid instalment (None when nothing is billed)."""
        if self.agreed:
            return self.agreed[0][0]
        return self.bills[0][0] if self.bills else None

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
        """Days since the oldest unpaid instalment (or convenio payment, see :meth:`aging_from`)
        fell due; 0 when current."""
        oldest = self.aging_from()
        return 0.0 if oldest is None or oldest > now else now - oldest

    def pay(self, amount_mxn: float) -> float:
        """Apply a payment to the oldest instalments first; what is left pays the next ones as they
        are billed (a convenio's payment carries instalments not yet billed).

        Returns the amount applied (never more than the balance).
        """
        applied = min(amount_mxn, self.balance)
        self.balance -= applied
        ahead = _settle_oldest(self.bills, applied)
        if ahead > _CENT:
            self.credit += ahead
        if self.agreed:
            _settle_oldest(self.agreed, applied)
        self._due = sum(remaining for _, remaining in self.bills)
        return applied

    def forgive(self) -> float:
        """Remove what is left (settlement discount or write-off); returns it."""
        forgiven = self.balance
        self.balance = 0.0
        self.bills.clear()
        self.agreed.clear()
        self.credit = self._due = 0.0
        return forgiven

    @property
    def settled(self) -> bool:
        """True once nothing is owed."""
        return self.balance <= _CENT


def _settle_oldest(entries: list[list[float]], amount_mxn: float) -> float:
    """Apply ``amount_mxn`` to ``[due_day, remaining]`` entries, oldest first, dropping those paid whole;
    returns what is left over."""
    left = amount_mxn
    while entries and left > 0.0:
        entry = entries[0]
        if entry[1] <= left + _CENT:
            left -= entry[1]
            entries.pop(0)
        else:
            entry[1] -= left
            left = 0.0
    return left
