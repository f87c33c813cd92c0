"""The engine's numbers match the stored fingerprint (benchmarks/engine_fingerprint.txt).

A refactor or speed-up of the engine must not move any number; this runs the
fingerprint script as the contributor guide does and names every case whose
hash changed.
"""

from __future__ import annotations

import difflib
import subprocess
import sys

import pytest

from simulator.paths import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "benchmarks" / "engine_fingerprint.py"
BASELINE = PROJECT_ROOT / "benchmarks" / "engine_fingerprint.txt"


@pytest.mark.slow
def test_the_engine_reproduces_the_stored_fingerprint():
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    stored = BASELINE.read_text(encoding="utf-8").splitlines()
    now = done.stdout.splitlines()
    diff = "\n".join(difflib.unified_diff(stored, now, str(BASELINE.relative_to(PROJECT_ROOT)), "now",
                                          lineterm=""))
    assert now == stored, (f"the engine's numbers moved; if on purpose, regenerate the baseline "
                           f"(see CONTRIBUTING.md, 'Changing the engine'):\n{diff}")
