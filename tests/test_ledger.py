"""Money and days past due of one account."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from simulator.engine.ledger import Ledger


def test_days_past_due_run_from_the_oldest_unpaid_instalment():
    ledger = Ledger(10_000.0, 1_000.0)
    ledger.bill(-45.0)
    ledger.bill(-15.0)
    assert ledger.days_past_due(0.0) == 45.0
    ledger.pay(1_000.0)  # clears the oldest instalment only
    assert ledger.days_past_due(0.0) == 15.0
    ledger.pay(1_000.0)
    assert ledger.days_past_due(0.0) == 0.0 and ledger.balance == 8_000.0


def test_an_instalment_not_yet_due_is_owed_but_not_late():
    ledger = Ledger(5_000.0, 800.0)
    ledger.bill(10.0)
    assert ledger.amount_due() == 800.0
    assert ledger.arrears(0.0) == 0.0 and ledger.days_past_due(0.0) == 0.0
    assert ledger.days_past_due(12.0) == 2.0


def test_a_payment_clears_the_overdue_instalments_it_covers_whole_oldest_first():
    ledger = Ledger(10_000.0, 1_000.0)
    for due in (-45.0, -15.0, 0.0, 15.0):
        ledger.bill(due)
    everything = math.inf
    assert [ledger.overdue_cleared(everything, t) for t in (-50.0, -45.0, 0.0, 20.0)] == [0, 1, 3, 4]
    assert [ledger.overdue_cleared(paid, 0.0) for paid in (999.0, 1_000.0, 2_500.0)] == [0, 1, 2]
    ledger.pay(1_500.0)  # the oldest whole, half of the next: that one is still overdue
    assert ledger.overdue_cleared(everything, 0.0) == 2
    assert ledger.overdue_cleared(500.0, 0.0) == 1


def test_bills_never_exceed_the_balance():
    ledger = Ledger(1_500.0, 1_000.0)
    assert ledger.bill(0.0) == 1_000.0
    assert ledger.bill(30.0) == 500.0
    assert ledger.bill(60.0) == 0.0


@given(
    balance=st.floats(100.0, 1e6),
    instalment=st.floats(10.0, 1e5),
    operations=st.lists(st.one_of(st.floats(0.0, 2e5), st.just("bill")), max_size=40),
)
def test_money_is_conserved(balance, instalment, operations):
    """Paid plus what is still owed always equals the starting balance;
    a payment never takes more than is owed."""
    ledger = Ledger(balance, instalment)
    paid, day = 0.0, 0.0
    for operation in operations:
        if operation == "bill":
            day += 30.0
            ledger.bill(day)
        else:
            applied = ledger.pay(operation)
            assert 0.0 <= applied <= operation + 1e-9
            paid += applied
        assert ledger.amount_due() <= ledger.balance + 0.01
        assert ledger.balance >= -1e-9
    assert math.isclose(paid + ledger.balance, balance, rel_tol=1e-9, abs_tol=1e-6)


def test_a_partial_payment_covers_whole_instalments_oldest_first():
    ledger = Ledger(10_000.0, 1_000.0)
    for due in (-60.0, -30.0, 0.0):
        ledger.bill(due)
    assert ledger.whole_bills(400.0) == 1_000.0  # at least the oldest one
    assert ledger.whole_bills(1_999.0) == 1_000.0  # rounded down past the first
    assert ledger.whole_bills(2_000.0) == 2_000.0
    assert ledger.whole_bills(50_000.0) == 3_000.0  # never more than is billed


@given(
    remaining=st.lists(st.floats(1.0, 5_000.0), min_size=1, max_size=8),
    amount=st.floats(0.0, 50_000.0),
)
def test_whole_bills_is_the_longest_prefix_within_the_amount(remaining, amount):
    ledger = Ledger(1e9, 1.0)
    ledger.bills = [[float(day), value] for day, value in enumerate(remaining)]
    covered = ledger.whole_bills(amount)
    prefixes = [sum(remaining[:count]) for count in range(1, len(remaining) + 1)]
    assert any(math.isclose(covered, prefix) for prefix in prefixes)
    longer = [prefix for prefix in prefixes if prefix > covered + 1e-9]
    assert covered == prefixes[0] or covered <= amount + 0.005
    assert not longer or longer[0] > amount + 0.005


def test_a_convenio_in_force_re_ages_the_account_and_a_broken_one_gives_the_age_back():
    ledger = Ledger(20_000.0, 1_000.0)
    ledger.bill(-65.0)
    ledger.bill(-35.0)
    ledger.bill(-5.0)
    ledger.agree([(10.0, 2_000.0), (40.0, 2_000.0)])
    assert ledger.days_past_due(0.0) == 0.0  # re-aged: nothing of the convenio is due yet
    assert ledger.days_past_due(12.0) == 2.0  # its first payment is late
    ledger.pay(2_000.0)
    assert ledger.days_past_due(12.0) == 0.0 and ledger.agreed == [[40.0, 2_000.0]]
    assert ledger.days_past_due(45.0) == 5.0
    ledger.break_agreement()  # the instalments' own age: the third one is still unpaid
    assert ledger.days_past_due(45.0) == 50.0


def test_a_convenio_paid_whole_ends_and_aging_follows_the_instalments_again():
    ledger = Ledger(20_000.0, 1_000.0)
    ledger.bill(-35.0)
    ledger.agree([(10.0, 1_500.0), (40.0, 1_500.0)])
    ledger.bill(25.0)
    ledger.pay(3_000.0)
    assert ledger.agreed == [] and ledger.bills == [] and ledger.days_past_due(60.0) == 0.0
    ledger.agree([(70.0, 500.0)])
    ledger.forgive()
    assert ledger.agreed == [] and ledger.days_past_due(90.0) == 0.0


def test_a_payment_ahead_of_the_bills_pays_the_next_instalments_as_they_are_billed():
    ledger = Ledger(9_000.0, 3_000.0)
    ledger.bill(-5.0)
    ledger.pay(6_000.0)  # the late instalment and the next one, not yet billed
    assert ledger.bills == [] and ledger.credit == 3_000.0
    assert ledger.bill(25.0) == 3_000.0 and ledger.bills == [] and ledger.days_past_due(40.0) == 0.0
    assert ledger.bill(55.0) == 3_000.0 and ledger.days_past_due(60.0) == 5.0
    ledger.pay(3_000.0)
    assert ledger.settled and ledger.credit == 0.0
