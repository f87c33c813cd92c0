"""The package's front door is light: its public names load on first use (issue 19)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import simulator


def test_every_public_name_resolves_from_its_module():
    assert sorted(simulator._EXPORTS) == sorted(simulator.__all__)
    for name in simulator.__all__:
        assert getattr(simulator, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_existe"):
        simulator.no_existe  # noqa: B018


def _loaded_by(module: str) -> set[str]:
    """Which heavy libraries a fresh interpreter has loaded after importing ``module``."""
    code = (f"import sys, {module}; "
            "print(' '.join(m for m in ('simpy', 'scipy', 'pandas', 'ipywidgets', 'matplotlib') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(loaded.stdout.split())


def test_importing_a_foundation_module_does_not_load_the_engine():
    assert _loaded_by("simulator.buckets") == set()


def test_the_command_line_does_not_load_the_dashboards_widgets():
    assert "ipywidgets" not in _loaded_by("simulator.cli.main")
    assert "ipywidgets" in _loaded_by("simulator.ui.dashboard.app")  # the check can see it
