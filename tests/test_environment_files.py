"""environment.yml (conda) and pyproject.toml (pip) must name the same dependencies."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from simulator.paths import PROJECT_ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_conda_environment_mirrors_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_side = {_name(r) for r in project["dependencies"]}
    pip_side |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_side = {
        _name(entry) for entry in environment["dependencies"]
        if isinstance(entry, str) and _name(entry) not in ("python", "pip")
    }
    assert conda_side == pip_side, {
        "solo en environment.yml": sorted(conda_side - pip_side),
        "solo en pyproject.toml": sorted(pip_side - conda_side),
    }


def test_conda_environment_installs_the_package_itself():
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_entries = next(e["pip"] for e in environment["dependencies"] if isinstance(e, dict))
    assert "-e ." in pip_entries


def test_the_course_jupyterlab_settings_exist_in_the_installed_jupyterlab():
    """Each default in jupyter_config/ names a real plugin and property, with a value its schema allows."""
    jsonschema = pytest.importorskip("jsonschema")
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    overrides = json.loads((PROJECT_ROOT / "jupyter_config" / "labconfig" / "default_setting_overrides.json")
                           .read_text(encoding="utf-8"))
    assert set(overrides) == {"@jupyterlab/translation-extension:plugin",
                              "@jupyterlab/apputils-extension:notification"}
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        assert set(values) <= set(schema["properties"]), plugin
        jsonschema.validate(values, {**schema, "required": []})


def test_the_spanish_language_pack_is_a_dependency_and_installed():
    from jupyterlab_server.translation_utils import get_language_packs

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "jupyterlab-language-pack-es-es" in {_name(r) for r in project["dependencies"]}
    packs, message = get_language_packs()
    assert "es_ES" in packs, message
    server = json.loads((PROJECT_ROOT / "jupyter_config" / "jupyter_server_config.json")
                        .read_text(encoding="utf-8"))
    notebook = server["LabApp"]["default_url"].removeprefix("/lab/tree/")
    assert (PROJECT_ROOT / notebook).is_file() and server["ServerApp"]["root_dir"] == "."
