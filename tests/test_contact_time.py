"""call_allowed answers with the pack's own guard: hours, weekends, other packs."""

import datetime as dt

import pytest

from simulator.contact_time import call_allowed


@pytest.mark.parametrize(("when", "allowed"), [
    (dt.datetime(2026, 3, 10, 9, 15), True),    # Tuesday morning
    (dt.datetime(2026, 3, 10, 6, 30), False),   # before opening hour
    (dt.datetime(2026, 3, 10, 22, 30), False),  # after closing hour
    (dt.datetime(2026, 3, 14, 11, 0), False),   # Saturday: MX reads the strict schedule
])
def test_mx_schedule(when, allowed):
    assert call_allowed(when, "MX") is allowed


def test_unknown_pack_is_refused():
    with pytest.raises(Exception, match="ZZ"):
        call_allowed(dt.datetime(2026, 3, 10, 9, 0), "ZZ")
