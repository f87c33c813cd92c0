"""Checks on the notebooks as nbval runs them, so that each notebook executes once per test run.

Not a test module: the root ``conftest.py`` loads it as a pytest plugin.
Executing the notebooks is the slowest part of the suite; nbval already runs
every cell of ``notebooks/`` and ``exercises/``, and this plugin reads what it
left instead of running them again:

- the Spanish scan: after each cell of a notebook a learner opens, what the cell
  printed (nbval keeps it in ``IPyNbCell.test_outputs``) and the figures it drew
  (recorded in the kernel) go through :func:`spanish_scan.output_problems`; the
  cell fails when it shows English, an undescribed figure or a colour outside
  the palette;
- the exercise results: after the last cell of an exercise notebook, every
  exercise it uses must have been checked, and passed in the source
  (``exercises/fuentes``) and failed in the student version (``exercises/``),
  so that a learner who answers nothing sees feedback rather than a traceback.
"""

from __future__ import annotations

import ast
import json
import re

import pytest
from nbval.plugin import IPyNbCell, IPyNbFile
from spanish_scan import output_problems

#: Folder of the exercise sources: nbval runs them, no learner opens them (their build is ``exercises/``).
SOURCES = "fuentes"
#: Folder of the student exercise notebooks built from the sources.
STUDENTS = "exercises"
#: Run silently in a notebook's kernel before its first cell: every figure drawn leaves its texts and
#: colours in ``_figure_texts`` and ``_figure_colours`` until ``_figures_json()`` hands them over.
_RECORD_FIGURES = """
import json as _json
import matplotlib.backend_bases as _backend_bases
import matplotlib.text as _text
import matplotlib.colors as _colors
_figure_texts, _figure_colours = [], []
_print_figure = _backend_bases.FigureCanvasBase.print_figure
def _recording(self, *args, **kwargs):
    _figure_texts.extend(t.get_text() for t in self.figure.findobj(_text.Text) if t.get_text())
    for axes in self.figure.axes:
        _figure_colours.extend(_colors.to_hex(line.get_color()) for line in axes.lines)
        _figure_colours.extend(_colors.to_hex(patch.get_facecolor()) for patch in axes.patches)
    return _print_figure(self, *args, **kwargs)
_backend_bases.FigureCanvasBase.print_figure = _recording
def _figures_json():
    drawn = _json.dumps([_figure_texts, _figure_colours])
    _figure_texts.clear(); _figure_colours.clear()
    return drawn
"""
_RESULTS = "import json as _json\nfrom simulator.course.exercises import results as _results"
_CHECKED = "_json.dumps({key: item.correct for key, item in _results().items()})"
#: How a notebook names an exercise it checks.
USES = re.compile(r'get_exercise\("([^"]+)"\)')
#: A cell that shows an exercise in a widget: the learner answers there, so a student version leaves
#: it unchecked.
IN_WIDGET = "ExerciseWidget("
#: Seconds to wait for the kernel to answer (the checks run no user code).
_KERNEL_TIMEOUT = 60
_RECORDING = pytest.StashKey[object]()


def _run_silently(notebook: IPyNbFile, code: str, expression: str | None = None) -> str | None:
    """Run ``code`` in the notebook's kernel without output or history; the value of ``expression``."""
    kernel = notebook.kernel
    msg_id = kernel.kc.execute(code, silent=True, store_history=False, allow_stdin=False,
                               user_expressions={"valor": expression} if expression else {})
    reply = kernel.get_message("shell", timeout=_KERNEL_TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kernel.get_message("shell", timeout=_KERNEL_TIMEOUT)
    content = reply["content"]
    value = content.get("user_expressions", {}).get("valor", {}) if expression else {}
    if content["status"] != "ok" or value.get("status", "ok") != "ok":
        raise RuntimeError(f"no se pudo leer el kernel del cuaderno: {content} {value}")
    return ast.literal_eval(value["data"]["text/plain"]) if expression else None


def _scanned(item: pytest.Item) -> bool:
    return isinstance(item, IPyNbCell) and item.path.parent.name != SOURCES


def _last_exercise_cell(item: pytest.Item) -> bool:
    if not isinstance(item, IPyNbCell) or item.path.parent.name not in (SOURCES, STUDENTS):
        return False
    return item.cell_num == sum(cell.cell_type == "code" for cell in item.parent.nb.cells) - 1


def exercise_problems(notebook: IPyNbFile, solved: bool) -> list[str]:
    """What is wrong with the exercises checked in ``notebook``'s kernel: every one it uses must be
    checked, and all of them right (``solved``, the source) or all wrong (the student version); in a
    student version an exercise shown in a widget waits unchecked for the learner's answer."""
    code = [cell.source for cell in notebook.nb.cells if cell.cell_type == "code"]
    used = {key for source in code for key in USES.findall(source)}
    shown = {key for source in code if IN_WIDGET in source for key in USES.findall(source)}
    waiting = set() if solved else shown
    checked = json.loads(_run_silently(notebook, _RESULTS, _CHECKED))
    wrong = "ejercicios de la fuente que no aprueban" if solved else "ejercicios que aprueban sin respuesta"
    found = {"el cuaderno no usa ningún ejercicio": not used,
             "ejercicios que usa y no revisó": sorted(used - waiting - set(checked)),
             "ejercicios revisados que no usa": sorted(set(checked) - used),
             wrong: sorted(key for key, correct in checked.items() if correct != solved)}
    return [f"{what}: {value}" for what, value in found.items() if value]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    """Install the figure recorder in a scanned notebook's kernel, which nbval starts with its first cell."""
    result = yield
    notebook = item.parent
    if _scanned(item) and notebook.stash.get(_RECORDING, None) is not notebook.kernel:
        _run_silently(notebook, _RECORD_FIGURES)
        notebook.stash[_RECORDING] = notebook.kernel
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Once nbval has run a cell without error, fail it when it shows what a learner must not read or,
    at the end of an exercise notebook, when the exercises did not come out as they should."""
    result = yield
    problems = []
    if _scanned(item):
        figures, colours = json.loads(_run_silently(item.parent, "", "_figures_json()"))
        problems += output_problems(item.test_outputs, figures, colours)
    if _last_exercise_cell(item):
        problems += exercise_problems(item.parent, solved=item.path.parent.name == SOURCES)
    if problems:
        item.raise_cell_error("lo que muestra o revisa el cuaderno no es lo esperado", "\n".join(problems))
    return result
