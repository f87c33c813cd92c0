"""Run settings are checked when built: a bad value is one Spanish line naming the field."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from simulator.errors import CobranzaError
from simulator.experiments.settings import (
    MAX_DAYS,
    MAX_REPLICATIONS,
    MAX_WORKERS,
    Execution,
    RunSettings,
    SettingsError,
)


@pytest.mark.parametrize(("field", "value", "said"), [
    ("days", 0, f"debe estar entre 1 y {MAX_DAYS:,}, se pidió 0"),
    ("days", MAX_DAYS + 1, f"se pidió {MAX_DAYS + 1:,}"),
    ("days", 30.5, "debe ser un número entero, se recibió 30.5"),
    ("days", True, "debe ser un número entero"),
    ("replications", 0, "debe estar entre 1 y 10,000"),
    ("replications", MAX_REPLICATIONS + 1, "se pidió 10,001"),
    ("seed", -1, "debe ser 0 o más, se pidió -1"),
    ("shards", 0, "debe estar entre 1 y"),
    ("enforce_compliance", "off", "debe ser True o False, se recibió 'off'"),
    ("keep_tables", 1, "debe ser True o False"),
    ("start", "2026-01-05", "debe ser una fecha"),
])
def test_a_bad_run_setting_is_refused_in_spanish(field, value, said):
    with pytest.raises(SettingsError) as caught:
        RunSettings(**{field: value})
    assert said in str(caught.value) and caught.value.field == field
    assert isinstance(caught.value, CobranzaError)  # the CLI prints it as one line, exit status 2


@pytest.mark.parametrize(("changes", "field", "said"), [
    ({"workers": 0}, "workers", f"debe estar entre 1 y {MAX_WORKERS}, se pidió 0"),
    ({"workers": MAX_WORKERS + 1}, "workers", "se pidió 257"),
    ({"workers": "2"}, "workers", "debe ser un número entero"),
    ({"backend": "threads"}, "backend", "debe ser local o dask, se recibió 'threads'"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "scheduler", "solo se usa con backend 'dask'"),
])
def test_a_bad_execution_is_refused_in_spanish(changes, field, said):
    with pytest.raises(SettingsError) as caught:
        Execution(**changes)
    assert said in str(caught.value) and caught.value.field == field


def test_a_malformed_scheduler_address_is_refused_before_anything_is_dialled():
    with pytest.raises(CobranzaError, match="falta el puerto"):
        Execution(backend="dask", scheduler="127.0.0.1")
    assert Execution(backend="dask", scheduler=" 10.0.0.5:8786 ").scheduler == "tcp://10.0.0.5:8786"


def test_numpy_integers_are_stored_as_python_ints():
    settings = RunSettings(days=np.int64(30), seed=np.int32(4), replications=np.int64(2))
    assert settings == RunSettings(days=30, seed=4, replications=2)
    assert type(settings.days) is int and repr(settings.seed) == "4"


def test_replace_changes_one_field_and_checks_it_again():
    settings = RunSettings(days=30, seed=4, replications=2)
    kept = dataclasses.replace(settings, keep_tables=True)
    assert kept.keep_tables and dataclasses.replace(kept, keep_tables=False) == settings
    with pytest.raises(SettingsError, match="entre 1"):
        dataclasses.replace(settings, days=0)


def test_settings_are_frozen_and_keyword_only():
    settings = RunSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.days = 5
    with pytest.raises(TypeError):
        RunSettings(30, 4, 2)  # which number is which must be written down


def test_a_replication_carries_what_the_engine_needs():
    settings = RunSettings(days=40, seed=9, replications=3, enforce_compliance=False,
                           start=dt.date(2026, 3, 2), keep_tables=True, shards=2)
    replication = settings.replication(2)
    assert (replication.days, replication.seed, replication.number) == (40, 9, 2)
    assert not replication.enforce_compliance and replication.start == dt.date(2026, 3, 2)
