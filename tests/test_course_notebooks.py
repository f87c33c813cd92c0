"""Every course notebook keeps the course's shape; nbval (make test) runs each of them top to bottom.

The shape is what a trainer counts on: the learner signs in first, reads the
objectives, does something interactive, checks themself, and ends with a
summary; the notebook is stored clean and keeps its logic in ``simulator``.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
COURSE = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
EVERY = sorted(NOTEBOOKS.glob("*.ipynb"))
#: A display callback is fine in a notebook; anything longer belongs in the package.
MAX_FUNCTION_LINES = 5
INTERACTIVE = re.compile(r"\bwidgets\.|Widget\(|roleplay_app\(|course_call\(|\binteract")


def _cells(path: Path, kind: str) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == kind]


def test_the_course_is_numbered_without_gaps():
    numbers = [int(path.name[:2]) for path in COURSE]
    assert numbers[:1] == [0] and numbers == list(range(len(numbers))), [p.name for p in COURSE]
    assert len(COURSE) >= 5


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.name)
def test_a_course_notebook_has_the_course_shape(path):
    markdown, code = "\n".join(_cells(path, "markdown")), _cells(path, "code")
    assert "sign_in()" in code[0], "the first code cell signs the learner in"
    minutes = [int(m) for m in re.findall(r"(\d+) minutos", _cells(path, "markdown")[0])]
    assert minutes and all(10 <= m <= 40 for m in minutes), "the opening says how long it takes"
    for heading in ("## Objetivos", "## Resumen"):
        assert heading in markdown, heading
    assert "CC BY 4.0" in markdown
    assert any("get_exercise(" in cell for cell in code), "a self-check with automatic feedback"
    assert any(INTERACTIVE.search(cell) for cell in code), "an interactive element"


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.name)
def test_notebooks_are_stored_clean_and_keep_logic_in_the_package(path):
    nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))  # what JupyterLab opens
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "stored with outputs"
    for source in _cells(path, "code"):
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.startswith(("%", "!"))))
        for node in ast.walk(tree):
            assert not isinstance(node, ast.ClassDef), f"class {node.name} belongs in simulator/"
            if isinstance(node, ast.FunctionDef):
                lines = node.end_lineno - node.lineno
                assert lines <= MAX_FUNCTION_LINES, f"{node.name} ({lines} lines) belongs in simulator/"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                assert not any(name.split(".")[0] in {"simpy", "random"} for name in names), \
                    "notebooks use the simulator, not an engine of their own"
