"""The package layout's rules hold: imports flow one way and nothing imports in a circle.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are
explained in docs/ARCHITECTURE.md; these tests run them on the real package,
and on a copy with one forbidden import added, to show each contract bites.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root)},
                          timeout=120)


def test_the_package_keeps_every_import_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "added", "broken"), [
    ("engine/ledger.py", "import simulator.experiments.kpis", "Layers"),
    ("strategies/schema.py", "import simulator.negotiation.registry", "Layers"),
    ("errors.py", "import simulator.compliance", "Foundation modules"),
    ("course/exercises/registry.py", "import simulator.course.exercises.catalog", "No import cycles"),
])
def test_each_contract_fails_on_the_import_it_forbids(tmp_path, module, added, broken):
    shutil.copytree(ROOT / "simulator", tmp_path / "simulator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "simulator" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _late():\n    {added}\n",
                      encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    broken_section = result.stdout.split("Broken contracts", 1)[1]
    assert broken in broken_section, result.stdout
