"""Same seed, same numbers; strategies share common random numbers."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from simulator import Execution, Replication, RunSettings, Simulation, run_strategy
from simulator.behaviour.traits import draw_latent_traits
from simulator.errors import BackendError
from simulator.random_streams import stream_keys


def test_same_seed_same_kpis(sample_portfolio, parameters, strategy):
    portfolio = sample_portfolio.head(300)
    runs = [run_strategy(portfolio, strategy("escalonada"), parameters,
                         RunSettings(days=60, seed=9, replications=2)) for _ in range(2)]
    pd.testing.assert_frame_equal(runs[0].per_replication, runs[1].per_replication)
    assert runs[0].events == runs[1].events


def test_replications_differ(sample_portfolio, parameters, strategy):
    result = run_strategy(sample_portfolio.head(300), strategy("escalonada"), parameters,
                          RunSettings(days=60, seed=9, replications=2))
    first, second = result.per_replication.iloc[0], result.per_replication.iloc[1]
    assert first["collected_amount"] != second["collected_amount"]


def test_every_strategy_meets_the_same_debtors(sample_portfolio, parameters):
    first = draw_latent_traits(sample_portfolio, parameters, seed=4, replication=1)
    again = draw_latent_traits(sample_portfolio, parameters, seed=4, replication=1)
    other = draw_latent_traits(sample_portfolio, parameters, seed=4, replication=2)
    assert list(first[0]) == list(again[0]) and (first[1] == again[1]).all()
    assert list(first[0]) != list(other[0])


def test_a_named_persona_mix_replaces_the_bucket_mix_for_those_accounts_only(sample_portfolio, parameters):
    """The ``persona_mix`` column (the UCI calibration's full payers): same draws, another mix."""
    mixes = {**parameters.persona_mix, "solo_puntual": {"puntual": 1.0}}
    named = parameters.model_copy(update={"persona_mix": mixes})
    portfolio = sample_portfolio.head(200).copy()
    plain, _ = draw_latent_traits(portfolio, named, seed=4, replication=1)
    portfolio["persona_mix"] = np.where(np.arange(len(portfolio)) % 2 == 0, "solo_puntual", "")
    mixed, _ = draw_latent_traits(portfolio, named, seed=4, replication=1)
    assert set(mixed[::2]) == {"puntual"} and len(set(plain[::2])) > 1
    assert list(mixed[1::2]) == list(plain[1::2])
    portfolio["persona_mix"] = "no_existe"
    with pytest.raises(ValueError, match="no_existe"):
        draw_latent_traits(portfolio, named, seed=4, replication=1)


def test_an_account_untouched_by_both_strategies_behaves_identically(
    sample_portfolio, parameters, strategy
):
    """Common random numbers: accounts that no strategy contacts pay the same."""
    portfolio = sample_portfolio.head(300)
    runs = {name: Simulation(portfolio, strategy(name), parameters, Replication(days=60, seed=21)).run()
            for name in ("nada", "solo_antiguas")}
    contacted = set(runs["solo_antiguas"].contacts["account_id"])
    untouched = ~runs["nada"].accounts["account_id"].isin(contacted)
    assert untouched.sum() > 100
    pd.testing.assert_series_equal(
        runs["nada"].accounts.loc[untouched, "collected_mxn"],
        runs["solo_antiguas"].accounts.loc[untouched, "collected_mxn"],
    )


def test_worker_count_does_not_change_the_numbers(sample_portfolio, parameters, strategy):
    portfolio = sample_portfolio.head(200)
    runs = [run_strategy(portfolio, strategy("escalonada"), parameters,
                         RunSettings(days=45, seed=9, replications=3), Execution(workers=workers))
            for workers in (1, 2)]
    pd.testing.assert_frame_equal(runs[0].per_replication, runs[1].per_replication)
    pd.testing.assert_frame_equal(runs[0].buckets, runs[1].buckets)


@pytest.mark.slow  # starts a Dask cluster
def test_dask_backend_gives_the_same_numbers(sample_portfolio, parameters, strategy):
    portfolio = sample_portfolio.head(150)
    settings = RunSettings(days=40, seed=12, replications=2)
    local = run_strategy(portfolio, strategy("escalonada"), parameters, settings)
    dask = run_strategy(portfolio, strategy("escalonada"), parameters, settings,
                        Execution(workers=2, backend="dask"))
    pd.testing.assert_frame_equal(local.per_replication, dask.per_replication)
    digest = hashlib.sha256(local.per_replication.to_csv(index=False).encode()).hexdigest()
    print(f"KPI hash local = dask: {digest[:16]}")


@pytest.mark.slow
def test_unreachable_scheduler_is_a_clear_error(sample_portfolio, parameters, strategy):
    with pytest.raises(BackendError, match="planificador"):
        run_strategy(sample_portfolio.head(5), strategy("nada"), parameters,
                     RunSettings(days=5, seed=1, replications=2),
                     Execution(backend="dask", scheduler="tcp://127.0.0.1:9"))


def test_stream_keys_match_numpy_seed_sequence():
    """The vectorised key derivation gives numpy's SeedSequence keys exactly."""
    indices = np.array([0, 1, 2, 99, 12_345, 2**31 - 1])
    for seed in (0, 7, 2**32 - 1, 2**32 + 5, 2**70 + 3):
        first, second = stream_keys(seed, (3, 2), indices)
        for position, index in enumerate(indices):
            expected = np.random.SeedSequence(seed, spawn_key=(3, 2, int(index))).generate_state(
                2, np.uint64)
            assert (first[position], second[position]) == tuple(expected)
