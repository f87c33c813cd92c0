"""Content files are data: nothing in the package evaluates or unpickles them."""

from __future__ import annotations

import ast

from simulator.paths import PROJECT_ROOT

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRIBUTES = {("pickle", "load"), ("pickle", "loads"), ("yaml", "load"),
                        ("yaml", "unsafe_load"), ("yaml", "full_load"), ("marshal", "loads")}


def _offences(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
            yield f"{path.name}:{node.lineno} {func.id}()"
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTES):
            yield f"{path.name}:{node.lineno} {func.value.id}.{func.attr}()"


def test_package_never_evaluates_or_unpickles_content():
    sources = sorted((PROJECT_ROOT / "simulator").rglob("*.py"))
    assert len(sources) > 20
    offences = [offence for path in sources for offence in _offences(path)]
    assert offences == []


def test_the_scan_catches_what_it_looks_for(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import yaml, pickle\nyaml.load(x)\npickle.loads(b)\neval('1')\n")
    assert len(list(_offences(planted))) == 3
