"""Shared fixtures: a seeded sample of the demo portfolio and the default parameters."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from simulator import dataset, load_parameters, load_portfolio, load_strategy
from simulator.paths import PROJECT_ROOT

TEST_DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def demo_portfolio():
    """The bundled 5,000-account demo portfolio."""
    return load_portfolio(dataset("portfolios", "demo.csv"))


@pytest.fixture(scope="session")
def sample_portfolio(demo_portfolio):
    """A seeded 1,000-account sample: big enough for stylized facts, fast enough for CI."""
    return demo_portfolio.sample(1000, random_state=11).reset_index(drop=True)


@pytest.fixture(scope="session")
def parameters():
    return load_parameters()


@pytest.fixture(scope="session")
def strategy():
    """Load a shipped strategy (``datasets/strategies``) or a test one (``tests/data``) by name."""

    def load(name: str):
        shipped = dataset("strategies", f"{name}.yaml")
        return load_strategy(shipped if shipped.exists() else TEST_DATA / f"{name}.yaml")

    return load


def _run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``python -m simulator ARGS`` as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "simulator", *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def cli():
    """The command line, run in a fresh process (see ``_run_cli``)."""
    return _run_cli


def _run_nbval(folder: Path, *notebooks: str) -> subprocess.CompletedProcess:
    """Run nbval with the suite's notebook checks (``notebook_checks.py``) on ``notebooks`` in ``folder``."""
    path = os.pathsep.join(filter(None, [str(Path(__file__).parent), str(PROJECT_ROOT),
                                         os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "pytest", *notebooks, "--nbval-lax", "--nbval-current-env",
                           "-p", "notebook_checks", "-p", "no:cacheprovider", "-q"],
                          cwd=folder, env={**os.environ, "PYTHONPATH": path},
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def nbval():
    """nbval with the notebook checks, in a fresh process, on notebooks outside the course."""
    return _run_nbval


@pytest.fixture(scope="session")
def guide_exercise():
    """Build the exercise of docs/ejercicios.md's example that calls ``builder``, as an author would.

    The guide's Python blocks are our own documentation, so running them proves the
    guide still works; ``names`` are what the block may use besides ``register``.
    """

    def build(builder: str, **names):
        guide = (PROJECT_ROOT / "docs" / "ejercicios.md").read_text(encoding="utf-8")
        block = next(b for b in re.findall(r"```python\n(.*?)```", guide, re.S)
                     if f"register({builder}(" in b)
        made = []
        exec(compile(textwrap.dedent(block), "docs/ejercicios.md", "exec"),  # our own doc, not user content
             {"register": made.append, builder: names.pop(builder), **names})
        (exercise,) = made
        return exercise

    return build


@pytest.fixture()
def exam_store(tmp_path, monkeypatch):
    """A fresh progress file for exam tests, no attempt cap from the environment; tracking stops after."""
    from simulator.course.exercises import track_progress
    from simulator.course.exercises.exam import CAP_VARIABLE

    path = tmp_path / "avance.sqlite"
    monkeypatch.setenv("COBRANZA_AVANCE", str(path))
    monkeypatch.delenv(CAP_VARIABLE, raising=False)
    yield path
    track_progress(None)
