"""Single-sourced exercise notebooks: the build, drift, and both versions executed.

The source (``exercises/fuentes``) must pass every check it holds; the student
version built from it must fail every check, and still run top to bottom, so a
learner who has answered nothing sees feedback rather than a traceback. nbval
runs both versions; the suite's plugin (``notebook_checks.py``) reads the
exercises' results in the kernel after the last cell, so neither runs twice.
"""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from notebook_checks import USES

from simulator.course.exercises import all_exercises
from simulator.course.exercises.__main__ import main
from simulator.course.exercises.build import SOURCE_DIR, STUDENT_DIR, BuildError, stale, student_version

pytestmark = pytest.mark.notebook

SOURCES = sorted(SOURCE_DIR.glob("*.ipynb"))


def _notebook(*sources: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# Título")]
    for text in sources:
        cell = new_code_cell(text)
        if tags:
            cell.metadata["tags"] = list(tags)
        cells.append(cell)
    return new_notebook(cells=cells)


def _code(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def test_solutions_become_stubs_and_source_only_cells_go():
    source = _notebook("# SOLUCION\nrespuesta = 1850\ntotal: float = 2\n# FIN SOLUCION\nej.check(respuesta)",
                       "def f():\n    # SOLUCIÓN\n    x = 1\n    # FIN SOLUCIÓN\n    return x")
    source.cells.append(new_code_cell("assert ej.check(respuesta)", metadata={"tags": ["solo-fuente"]}))
    source.cells[1].outputs = [nbformat.v4.new_output("stream", text="viejo")]
    source.cells[1].execution_count = 3
    student = student_version(source, "prueba.ipynb")
    blank = "None  # escriba su respuesta aquí"
    assert _code(student) == [f"respuesta = {blank}\ntotal = {blank}\nej.check(respuesta)",
                              f"def f():\n    x = {blank}\n    return x"]
    assert student.cells[1].outputs == [] and student.cells[1].execution_count is None
    assert student.metadata["cobranza"]["generado_de"] == "fuentes/prueba.ipynb"


def test_functions_keep_signature_and_docstring_and_student_lines_win():
    source = _notebook('# SOLUCION\ndef valor(monto, dias=0):\n    """Lo que vale."""\n    return monto\n'
                       "# FIN SOLUCION",
                       "# SOLUCION\n# ESTUDIANTE: x = 0  # cambie el 0\nx = 42\n# FIN SOLUCION")
    code = _code(student_version(source, "prueba.ipynb"))
    assert code[0] == ('def valor(monto, dias=0):\n    """Lo que vale."""\n'
                       "    # escriba aquí su código\n    return None")
    assert code[1] == "x = 0  # cambie el 0"


@pytest.mark.parametrize("text, message", [
    ("# SOLUCION\nx = 1", "falta '# FIN SOLUCION'"),
    ("x = 1\n# FIN SOLUCION", "sin un '# SOLUCION'"),
    ("# SOLUCION\n# SOLUCION\nx = 1\n# FIN SOLUCION", "dentro de otro bloque"),
    ("# SOLUCION\nprint(1)\n# FIN SOLUCION", "ESTUDIANTE"),
    ("# SOLUCION\nx = = 1\n# FIN SOLUCION", "no es Python válido"),
])
def test_bad_markers_are_reported_with_the_cell(text, message):
    with pytest.raises(BuildError, match=message) as error:
        student_version(_notebook(text), "prueba.ipynb")
    assert "prueba.ipynb, celda 2" in str(error.value)


def test_committed_student_versions_match_a_fresh_build():
    assert SOURCES, "no hay cuadernos fuente en exercises/fuentes"
    assert stale() == [], "regenere con: python -m simulator.course.exercises build"


def test_student_versions_hold_no_solution():
    for source in SOURCES:
        text = (STUDENT_DIR / source.name).read_text(encoding="utf-8")
        for leftover in ("SOLUCION", "SOLUCIÓN", "ESTUDIANTE:", "solo-fuente"):
            assert leftover not in text, (source.name, leftover)


def test_build_command_writes_and_detects_drift(tmp_path, capsys):
    sources, students = tmp_path / "fuentes", tmp_path / "estudiante"
    sources.mkdir()
    students.mkdir()
    nbformat.write(_notebook("# SOLUCION\nx = 1\n# FIN SOLUCION"), sources / "01_prueba.ipynb")
    args = ["--fuentes", str(sources), "--destino", str(students)]
    assert main(["build", "--check", *args]) == 1
    assert "falta la versión del estudiante" in capsys.readouterr().err
    assert main(["build", *args]) == 0 and main(["build", "--check", *args]) == 0
    nbformat.write(_notebook("# SOLUCION\nx = 2\ny = 3\n# FIN SOLUCION"), sources / "01_prueba.ipynb")
    shutil.copy(students / "01_prueba.ipynb", students / "02_huerfano.ipynb")
    assert main(["build", "--check", *args]) == 1
    err = capsys.readouterr().err
    assert "no coincide con su fuente" in err and "02_huerfano.ipynb: no tiene fuente" in err
    nbformat.write(_notebook("# SOLUCION\nx = 1"), sources / "01_prueba.ipynb")
    assert main(["build", *args]) == 2


def test_list_command_names_every_exercise(capsys):
    assert main(["list"]) == 0
    assert capsys.readouterr().out.count("negociacion.") == len(all_exercises("negociacion"))


def _uses(path) -> set[str]:
    notebook = nbformat.read(path, as_version=4)
    return {key for cell in notebook.cells if cell.cell_type == "code" for key in USES.findall(cell.source)}


def test_every_student_version_uses_the_exercises_of_its_source():
    for source in SOURCES:
        assert _uses(source) and _uses(STUDENT_DIR / source.name) == _uses(source), source.name


def _exercise_notebook(path, answer: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=[
        new_code_cell("from simulator.course.exercises import get_exercise\n"
                      'ej = get_exercise("fundamentos.roll_rate")'),
        new_code_cell(f"ej.check({answer})")]), path)


@pytest.mark.slow
def test_nbval_fails_a_source_that_does_not_pass_and_a_student_version_that_does(tmp_path, nbval):
    folder = tmp_path / "exercises"
    for name, source, student in (("01_bien", "15", "None"), ("02_mal", "0.15", "15")):
        _exercise_notebook(folder / "fuentes" / f"{name}.ipynb", source)
        _exercise_notebook(folder / f"{name}.ipynb", student)
    run = nbval(tmp_path, "exercises")
    assert "2 failed, 6 passed" in run.stdout, run.stdout + run.stderr
    assert re.findall(r"^FAILED (\S+)", run.stdout, re.M) == [
        "exercises/02_mal.ipynb::Cell", "exercises/fuentes/02_mal.ipynb::Cell"], run.stdout
    assert "ejercicios que aprueban sin respuesta: ['fundamentos.roll_rate']" in run.stdout
    assert "ejercicios de la fuente que no aprueban: ['fundamentos.roll_rate']" in run.stdout


def test_every_exercise_has_a_notebook():
    used = set()
    for source in SOURCES:
        used |= set(re.findall(r'get_exercise\(\\"([^\\"]+)\\"\)', source.read_text(encoding="utf-8")))
    assert set(all_exercises()) <= used
