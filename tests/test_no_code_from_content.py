"""Content files are data: nothing in the package evaluates, unpickles or imports them."""

from __future__ import annotations

import ast

import pytest

from simulator import dataset, load_strategy
from simulator.negotiation import guard
from simulator.negotiation.registry import PolicyRegistry
from simulator.paths import PROJECT_ROOT

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRIBUTES = {("pickle", "load"), ("pickle", "loads"), ("yaml", "load"),
                        ("yaml", "unsafe_load"), ("yaml", "full_load"), ("marshal", "loads")}
#: Calls that import code by a name known only at run time ...
IMPORTING_CALLS = {"import_module", "spec_from_file_location", "exec_module", "run_path", "run_module"}
#: ... allowed only here: the guarded import of a policy the user trusted, the
#: exercise catalog loading the package's own topic modules, and the packages'
#: lazy front doors importing the modules named in their own tables.
IMPORTING_MODULES = {("negotiation", "guard.py"), ("exercises", "catalog.py"), ("simulator", "lazy.py")}


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


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in IMPORTING_CALLS:
                yield f"{path.parent.name}/{path.name}:{node.lineno} {name}()"


def test_only_the_policy_guard_imports_code_by_name():
    sources = sorted((PROJECT_ROOT / "simulator").rglob("*.py"))
    offences = [offence for path in sources if (path.parent.name, path.name) not in IMPORTING_MODULES
                for offence in _imports(path)]
    assert offences == []
    assert list(_imports(PROJECT_ROOT / "simulator" / "negotiation" / "guard.py"))  # the scan sees them


def test_reading_any_strategy_imports_no_policy(tmp_path, monkeypatch):
    def refuse(*_args):
        pytest.fail("reading a strategy imported a policy")

    monkeypatch.setattr(guard, "_import", refuse)
    monkeypatch.setattr(guard, "_probe", refuse)
    (tmp_path / "mias.py").write_text("def negociar(state):\n    return None\n", encoding="utf-8")
    own = tmp_path / "propia.yaml"
    own.write_text("nombre: propia\nnegociacion:\n  politica: mias:negociar\n", encoding="utf-8")
    files = [*sorted(dataset("strategies").glob("*.yaml")), own]
    strategies = [load_strategy(path, PolicyRegistry.trusting([tmp_path])) for path in files]
    assert {strategy.negotiation.policy for strategy in strategies} >= {"anclaje", "mias:negociar"}
