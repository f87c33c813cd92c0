"""random_streams.py is the one registry of spawn keys: named, unique per seed, used by every draw."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

import simulator
from simulator.random_streams import (
    CalibrationStream,
    CourseStream,
    RolePlayStream,
    RunStream,
    SeedStream,
    seeded_generator,
)

_REGISTRIES = (RunStream, SeedStream, CalibrationStream, RolePlayStream, CourseStream)
#: Calls that make a numpy seed sequence or generator: only the registry makes them.
_SEEDING = {"SeedSequence", "default_rng", "RandomState", "spawn"}


def _seeding_calls(source: str) -> list[str]:
    calls = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _SEEDING:
                calls.append(f"{ast.unparse(node.func)} (línea {node.lineno})")
    return calls


@pytest.mark.parametrize("registry", _REGISTRIES, ids=lambda registry: registry.__name__)
def test_no_two_names_share_a_key(registry):
    """An entry with another's number would be an alias: two draws on one stream."""
    assert len(registry.__members__) == len(registry)


def test_one_word_keys_never_meet_the_run_streams():
    """The portfolio's and the practice's keys hang from the same seed as replication 0's."""
    run_keys = {(0, source) for source in RunStream}
    assert not run_keys & {(stream,) for stream in SeedStream}
    assert all(len(key) == 2 for key in run_keys)


def test_a_role_plays_option_order_is_not_its_chance_branches():
    """Reordering the options must not change what the debtor says under the same seed."""
    for stream in RolePlayStream:
        assert (seeded_generator(5, stream).integers(1 << 30, size=4).tolist()
                != seeded_generator(5).integers(1 << 30, size=4).tolist())


def test_every_seed_sequence_is_made_by_the_registry():
    package = Path(simulator.__file__).parent
    found = {str(path.relative_to(package)): calls for path in sorted(package.rglob("*.py"))
             if path.name != "random_streams.py"
             for calls in [_seeding_calls(path.read_text(encoding="utf-8"))] if calls}
    assert found == {}
    assert _seeding_calls("rng = np.random.default_rng(np.random.SeedSequence(7, spawn_key=(1,)))") == [
        "np.random.default_rng (línea 1)", "np.random.SeedSequence (línea 1)"]


def test_portfolio_columns_keep_the_streams_spawn_gave_them():
    """Naming the streams moved no generated number (the committed demo portfolio is also
    rebuilt byte for byte in test_portfolio_generate.py)."""
    children = np.random.SeedSequence(2026).spawn(9)
    columns = [SeedStream.BUCKET, SeedStream.DAYS, SeedStream.BALANCE, SeedStream.TERM, SeedStream.CYCLE,
               SeedStream.PAYDAY, SeedStream.BILLING, SeedStream.CONTACT, SeedStream.PRODUCT]
    for child, stream in zip(children, columns, strict=True):
        assert (np.random.default_rng(child).random(4) == seeded_generator(2026, stream).random(4)).all()
