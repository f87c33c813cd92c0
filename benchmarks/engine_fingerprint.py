"""Hash of every number the engine produces, to prove a speed-up changed none.

Runs every shipped strategy (plus the test strategies ``agresiva`` and
``llamadas_diarias``) on a fixed 1,500-account sample of the demo portfolio
over 120 days with seeds 7 and 8, with the rules on; ``agresiva`` again with
the rules off; and ``escalonada`` with a one-agent team, so that calls queue.
Every table a run exposes is hashed with SHA-256; one line per case plus a
total. Compare with the stored baseline::

    python benchmarks/engine_fingerprint.py > /tmp/now.txt
    diff benchmarks/engine_fingerprint.txt /tmp/now.txt
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.experiments.bench import resize_portfolio
from simulator.experiments.runner import run_strategy
from simulator.experiments.settings import RunSettings
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.portfolio import load_portfolio
from simulator.strategies import load_strategy
from simulator.strategies.schema import Strategy

_ACCOUNTS = 1_500
_DAYS = 120
_SEEDS = (7, 8)
_TEST_STRATEGIES = Path(__file__).resolve().parents[1] / "tests" / "data"


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    """Column names, dtypes and values, with floats at full precision."""
    return frame.to_csv(index=False, float_format="%.17g").encode()


def _run_digest(strategy: Strategy, portfolio: pd.DataFrame, parameters, seed: int,
                enforce: bool) -> hashlib._Hash:
    settings = RunSettings(days=_DAYS, seed=seed, replications=1, enforce_compliance=enforce,
                           keep_tables=True)
    result = run_strategy(portfolio, strategy, parameters, settings)
    digest = hashlib.sha256()
    digest.update(f"{result.events}".encode())
    for frame in (result.per_replication, result.buckets, result.daily, result.bucket_history,
                  result.channels):
        digest.update(_frame_bytes(frame))
    for table in result.tables:
        for frame in (table.accounts, table.contacts, table.promises, table.bucket_history,
                      table.channel_counts):
            digest.update(_frame_bytes(frame))
        digest.update(np.ascontiguousarray(table.collected_by_day).tobytes())
        digest.update(repr((table.events, table.staff_busy_minutes, table.staff_available_minutes,
                            table.conversation_channels)).encode())
    return digest


def _cases() -> list[tuple[str, Strategy, bool]]:
    paths = sorted(Path(dataset("strategies", "escalonada.yaml")).parent.glob("*.yaml"))
    paths += [_TEST_STRATEGIES / "agresiva.yaml", _TEST_STRATEGIES / "llamadas_diarias.yaml"]
    cases = [(path.stem, load_strategy(path), True) for path in paths]
    cases.append(("agresiva_sin_control", load_strategy(_TEST_STRATEGIES / "agresiva.yaml"), False))
    base = load_strategy(dataset("strategies", "escalonada.yaml"))
    one_agent = base.model_copy(update={"resources": base.resources.model_copy(update={"agents": 1})})
    cases.append(("escalonada_un_agente", one_agent, True))
    return cases


def main() -> None:
    """Print one hash per case and seed, then the hash of all of them."""
    portfolio = resize_portfolio(load_portfolio(dataset("portfolios", "demo.csv")), _ACCOUNTS, 1)
    parameters = load_parameters()
    total = hashlib.sha256()
    for name, strategy, enforce in _cases():
        for seed in _SEEDS:
            digest = _run_digest(strategy, portfolio, parameters, seed, enforce)
            line = f"{name} seed={seed} {digest.hexdigest()}"
            total.update(line.encode())
            print(line, flush=True)
    print(f"total {total.hexdigest()}")


if __name__ == "__main__":
    main()
