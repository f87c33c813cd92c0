"""Demo generator: reproducible bytes, documented shares, plausible money."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.portfolio.generate import generate_portfolio, main, write_csv
from simulator.portfolio.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, bucket_of, load_portfolio

DEMO = Path(__file__).resolve().parents[1] / "datasets" / "portfolios" / "demo.csv"


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return generate_portfolio(5000, seed=2026)


def test_same_seed_same_bytes_different_seed_different(tmp_path):
    paths = [tmp_path / name for name in ("a.csv", "b.csv", "c.csv")]
    for path, seed in zip(paths, (7, 7, 8), strict=True):
        write_csv(generate_portfolio(300, seed=seed), path)
    a, b, c = (p.read_bytes() for p in paths)
    assert a == b
    assert a != c


def test_committed_demo_matches_documented_command(tmp_path):
    out = tmp_path / "demo.csv"
    assert main(["--accounts", "5000", "--seed", "2026", "--out", str(out)]) == 0
    assert out.read_bytes() == DEMO.read_bytes()


def test_round_trip_through_loader(tmp_path, demo):
    path = tmp_path / "demo.csv"
    write_csv(demo, path)
    loaded = load_portfolio(path)
    pd.testing.assert_frame_equal(loaded, demo, check_dtype=True)


def test_columns_and_ids(demo):
    assert list(demo.columns) == [*REQUIRED_COLUMNS, *(c.name for c in OPTIONAL_COLUMNS), "product"]
    assert demo["account_id"].iloc[0] == "C000001"
    assert demo["account_id"].iloc[-1] == "C005000"
    assert demo["account_id"].is_unique
    assert set(demo["jurisdiction"]) == {"MX"}


def test_bucket_shares(demo):
    shares = pd.Series(bucket_of(demo["days_past_due"])).value_counts(normalize=True)
    targets = {"al_corriente": 0.40, "1-30": 0.25, "31-60": 0.15, "61-90": 0.10, "90+": 0.10}
    for bucket, target in targets.items():
        assert abs(shares[bucket] - target) < 0.025, bucket
    days = demo["days_past_due"]
    assert days.min() == 0 and days.max() <= 179 and days.max() >= 170


def test_money_is_plausible(demo):
    balance, instalment = demo["balance_mxn"], demo["instalment_mxn"]
    assert balance.between(1_000, 500_000).all()
    assert 16_000 < balance.median() < 20_000
    assert balance.mean() > balance.median() * 1.2  # long right tail
    assert (instalment > 0).all() and (instalment <= balance).all()
    term = balance / instalment
    assert term.between(5.9, 36.1).all()
    assert np.allclose(balance * 100, np.round(balance * 100))


def test_cycles_and_paydays(demo):
    shares = demo["income_cycle"].value_counts(normalize=True)
    for cycle, target in {"quincenal": 0.50, "mensual": 0.30, "semanal": 0.20}.items():
        assert abs(shares[cycle] - target) < 0.03, cycle
    by_cycle = dict(tuple(demo.groupby("income_cycle")["payday"]))
    assert by_cycle["semanal"].between(0, 6).all()
    assert by_cycle["quincenal"].between(1, 15).all()
    assert by_cycle["mensual"].between(1, 31).all()
    assert by_cycle["quincenal"].eq(15).mean() > 0.6
    assert by_cycle["semanal"].mode().iloc[0] == 4
    assert demo["billing_day"].between(1, 28).all()
    assert demo["billing_day"].nunique() == 28


def test_contact_quality_falls_with_delinquency(demo):
    rates = demo.groupby(bucket_of(demo["days_past_due"]))["phone_valid"].mean()
    assert rates["al_corriente"] > 0.85 and rates["90+"] < 0.72
    assert rates["al_corriente"] - rates["90+"] > 0.15
    assert not (demo["whatsapp_opt_in"] & ~demo["phone_valid"]).any()
    assert abs(demo["whatsapp_opt_in"].mean() - 0.60) < 0.05
    assert abs(demo["email_valid"].mean() - 0.55) < 0.05
    assert abs(demo["address_valid"].mean() - 0.85) < 0.05


def test_arguments_are_checked(tmp_path):
    assert set(generate_portfolio(20, seed=1, jurisdiction="CO")["jurisdiction"]) == {"CO"}
    with pytest.raises(ValueError, match="al menos 1"):
        generate_portfolio(0)
    with pytest.raises(ValueError, match="jurisdiction"):
        generate_portfolio(10, jurisdiction="BR")
    for bad in (["--accounts", "0"], ["--seed", "-1"], ["--jurisdiction", "BR"]):
        with pytest.raises(SystemExit):
            main([*bad, "--out", str(tmp_path / "x.csv")])
    assert not (tmp_path / "x.csv").exists()


def test_small_portfolio_is_valid(tmp_path):
    path = tmp_path / "uno.csv"
    assert main(["--accounts", "1", "--seed", "3", "--out", str(path)]) == 0
    assert len(load_portfolio(path)) == 1


def test_history_follows_the_arrears(demo):
    days = demo["days_past_due"].to_numpy()
    forced = np.clip(np.ceil(days / 30) - 1, 0, 3)
    months = demo["months_late_3m"].to_numpy()
    assert ((months >= forced) & (months <= 3)).all()
    assert (demo["credit_limit_mxn"] >= demo["balance_mxn"]).all()
    by_bucket = demo.assign(used=demo["balance_mxn"] / demo["credit_limit_mxn"],
                            bucket=bucket_of(days)).groupby("bucket")[["used", "months_late_3m"]].mean()
    order = ["al_corriente", "1-30", "31-60", "61-90", "90+"]
    for column in ("used", "months_late_3m"):
        assert by_bucket.loc[order, column].is_monotonic_increasing, column


def test_months_with_no_use_leave_out_the_statements_that_closed_late(demo):
    """No use only where a statement could have had none: never a late account's current one,
    nor one of the earlier statements that closed late; inactive cards are mostly current ones."""
    late = demo["days_past_due"].to_numpy() > 0
    no_use, months_late = demo["months_no_use_3m"].to_numpy(), demo["months_late_3m"].to_numpy()
    assert (no_use <= 3 - late - np.minimum(months_late, 2)).all()
    inactive = no_use == 3
    assert 0.08 < inactive[~late].mean() < 0.18
    assert not inactive[late].any()
