"""The agent track (notebooks and exercises 00-06) asks for no code: every answer is given in a widget.

What counts as a cell the learner must edit:

- a placeholder left for them: ``None  #``, ``...``, ``# escriba``, ``TODO``, a
  ``respuesta_N`` variable, ``.hint()`` to call;
- a call left commented out for them to enable (``# track_progress(...)``);
- a name assigned ``None`` (an answer to fill in) or a function whose body is
  only ``return None``, ``pass`` or ``...`` (code to write);
- an exercise (``get_exercise(...)``) not shown in an ``ExerciseWidget``.

Every other code cell is setup or display (imports, data, a widget, a table or
a figure), which Voila runs and hides. A notebook-marked test also executes each
notebook and checks that every exercise drew a widget.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from simulator.paths import PROJECT_ROOT

AGENT_TRACK = sorted(path for folder in ("notebooks", "exercises")
                     for path in (PROJECT_ROOT / folder).glob("0[0-6]_*.ipynb"))
PLACEHOLDER = re.compile(r"\bNone\s+#|\.\.\.|#\s*escriba|\bTODO\b|\brespuesta_\d+|\.hint\(\)")
COMMENTED_CALL = re.compile(r"^\s*#\s*[A-Za-z_][\w.]*\(.*\)\s*$", re.M)
EXERCISE = re.compile(r'get_exercise\("[^"]+"\)')
_EMPTY_BODY = ("return None", "pass", "...")


def must_edit(source: str) -> list[str]:
    """Why a code cell asks the learner to write or change code (empty when it does not)."""
    reasons = [f"marcador {match.group(0)!r}" for match in PLACEHOLDER.finditer(source)]
    reasons += [f"llamada comentada {match.group(0).strip()!r}" for match in COMMENTED_CALL.finditer(source)]
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is None:
            reasons.append(f"respuesta por llenar: {ast.unparse(node)}")
        if isinstance(node, ast.FunctionDef):
            body = [statement for statement in node.body
                    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                            and isinstance(statement.value.value, str))]  # the docstring
            if all(ast.unparse(statement) in _EMPTY_BODY for statement in body):
                reasons.append(f"función por escribir: {node.name}")
    if EXERCISE.search(source) and "ExerciseWidget(" not in source:
        reasons.append("un ejercicio que no se contesta en un widget")
    return reasons


def _code_cells(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def test_the_agent_track_is_notebooks_and_exercises_00_to_06():
    names = [f"{path.parent.name}/{path.name[:2]}" for path in AGENT_TRACK]
    assert names == [f"{folder}/{number:02d}" for folder in ("exercises", "notebooks") for number in range(7)]


@pytest.mark.parametrize("path", AGENT_TRACK, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_code_cell_of_the_agent_track_must_be_edited(path):
    found = {number: reasons for number, source in enumerate(_code_cells(path), 1)
             if (reasons := must_edit(source))}
    assert found == {}, f"celdas de código que el gestor tendría que editar: {found}"


@pytest.mark.parametrize("source", [
    'respuesta_1 = None  # escriba aquí su respuesta\nej1.check(respuesta_1)',
    "x = None",
    'def tramo(dias):\n    """Doc."""\n    # escriba aquí su código\n    return None',
    'def f(state):\n    pass',
    '# track_progress("Su nombre completo", "avance.sqlite")',
    "# ej1.hint()",
    'ej1 = get_exercise("fundamentos.tramo")\nej1',
    "respuesta = ...",
])
def test_what_a_learner_would_have_to_edit_is_caught(source):
    assert must_edit(source)


@pytest.mark.parametrize("source", [
    'ej1 = get_exercise("fundamentos.tramo")\nw1 = ExerciseWidget(ej1)\nw1',
    "from simulator.ui import course_call\n\ncourse_call(\"llamame_luego\")",
    'def mostrar(cambio=None):\n    salida.value = f"<b>{dias.value}</b>"',
    'summary("negociacion")',
    "sign_in()",
])
def test_setup_and_display_cells_pass(source):
    assert must_edit(source) == []


@pytest.mark.notebook
@pytest.mark.parametrize("path", AGENT_TRACK, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_each_agent_notebook_runs_and_every_exercise_draws_a_widget(path):
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        if cell.cell_type == "code" and EXERCISE.search(cell.source):
            kinds = {kind for output in cell.outputs for kind in output.get("data", {})}
            assert "application/vnd.jupyter.widget-view+json" in kinds, cell.source
