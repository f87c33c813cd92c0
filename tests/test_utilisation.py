"""Staff utilisation over time: per day and pool, the same minutes as the replication totals."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from simulator.calendar import Calendar
from simulator.compliance import load_pack
from simulator.experiments.kpis import weekly_utilisation
from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import RunSettings

DAYS = 45
START = dt.date(2026, 1, 5)  # RunSettings' default day 0, a Monday


@pytest.fixture(scope="module")
def escalonada_run(sample_portfolio, parameters, strategy):
    return run_strategy(sample_portfolio.head(400), strategy("escalonada"), parameters,
                        RunSettings(days=DAYS, seed=4, replications=2, keep_tables=True))


def _with_agents(plan, agents: int):
    return plan.model_copy(update={"resources": plan.resources.model_copy(update={"agents": agents})})


def test_daily_minutes_add_up_to_the_totals_the_kpi_uses(escalonada_run):
    run = escalonada_run
    assert set(run.utilisation["pool"]) == {"agentes", "visitadores"}
    assert len(run.utilisation) == 2 * DAYS * run.settings.replications
    for replication, table in enumerate(run.tables):
        days = run.utilisation[run.utilisation["replication"] == replication]
        assert days["busy_minutes"].sum() == pytest.approx(table.staff_busy_minutes, rel=1e-12)
        assert days["shift_minutes"].sum() == table.staff_available_minutes
        assert table.staff_busy_minutes > 1000  # the check above compares real work, not zeros
        kpi = run.per_replication.loc[replication, "agent_utilization"]
        assert days["busy_minutes"].sum() / days["shift_minutes"].sum() == pytest.approx(kpi, rel=1e-12)


def test_utilisation_is_a_share_on_shift_days_and_zero_on_days_off(escalonada_run):
    calendar = Calendar(START, DAYS)
    holidays = {calendar.day_index(day) for day in load_pack("MX").holidays}
    days_off = {day for day in range(DAYS) if calendar.weekday(day) >= 5 or day in holidays}
    assert 28 in days_off  # 2 February 2026, a Monday holiday in Mexico, is inside the run
    table = escalonada_run.utilisation
    off = table["day"].isin(days_off)
    assert (table.loc[off, ["busy_minutes", "shift_minutes", "utilization"]] == 0.0).all().all()
    on = table[~off]
    assert (on["shift_minutes"] > 0).all()
    assert on["utilization"].between(0.0, 1.0).all()
    assert np.allclose(on["utilization"], on["busy_minutes"] / on["shift_minutes"])
    assert (on.loc[on["pool"] == "agentes", "utilization"] > 0).all()  # calls on every shift day


def test_one_agent_whose_calls_queue_is_busy_nearly_the_whole_shift(sample_portfolio, parameters,
                                                                    strategy):
    """One agent, a one-hour shift and daily calls: calls wait and some are lost, the agent never idles."""
    portfolio = sample_portfolio.head(400)
    shares = {}
    for agents in (1, 32):
        run = run_strategy(portfolio, _with_agents(strategy("llamadas_diarias"), agents), parameters,
                           RunSettings(days=30, seed=2, replications=1))
        workdays = run.utilisation[(run.utilisation["pool"] == "agentes")
                                   & (run.utilisation["shift_minutes"] > 0)]
        shares[agents] = workdays["utilization"].to_numpy()
        if agents == 1:
            assert run.channels["no_staff"].sum() > 100  # calls queued past the shift
    assert np.median(shares[1]) > 0.95 and shares[1].max() <= 1.0
    assert np.median(shares[32]) < 0.5  # the same calls spread over a big team


def test_a_weeks_share_is_its_busy_over_its_shift_minutes():
    rows = []
    for replication, busy in enumerate((60.0, 90.0)):
        for day in range(10):
            workday = day % 7 < 5 and day != 2  # day 2 a holiday: it must not pull week 1 down
            minutes = busy * workday * (0.5 + 0.5 * (day % 2))
            rows.append((day, "agentes", minutes, 120.0 * workday, replication))
            rows.append((day, "visitadores", 0.0, 0.0, replication))  # nobody in this pool
    table = pd.DataFrame(rows, columns=["day", "pool", "busy_minutes", "shift_minutes", "replication"])
    weekly = weekly_utilisation(table)
    assert list(weekly["pool"]) == ["agentes", "agentes"] and list(weekly["week"]) == [1, 2]
    for week, days in ((1, range(7)), (2, range(7, 10))):
        chosen = table[table["day"].isin(days) & (table["pool"] == "agentes")]
        sums = chosen.groupby("replication")[["busy_minutes", "shift_minutes"]].sum()
        shares = sums["busy_minutes"] / sums["shift_minutes"]
        row = weekly[weekly["week"] == week].iloc[0]
        assert row["mean"] == pytest.approx(shares.mean())
        assert 0.0 <= row["ci95_low"] < row["mean"] < row["ci95_high"] <= 1.0
