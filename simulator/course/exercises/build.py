"""Make the student version of each exercise notebook from its source, which holds the solutions.

Sources live in ``exercises/fuentes/``; the student versions, one per source,
in ``exercises/``. In a source notebook:

- code between a ``# SOLUCION`` line and a ``# FIN SOLUCION`` line is the
  solution. The student gets the lines written inside the block as
  ``# ESTUDIANTE: ...`` comments, or, when there are none, a stub made from the
  code itself: ``name = None`` for an assignment, the signature and docstring
  of a function with ``return None`` as its body;
- a cell tagged ``solo-fuente`` (the proof that the solution passes and a
  planted wrong answer fails) is left out.

Outputs and execution counts are cleared, so the build is deterministic and a
test can compare it with the committed files.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat

from simulator.errors import CobranzaError
from simulator.paths import PROJECT_ROOT

__all__ = ["SOURCE_DIR", "SOURCE_ONLY_TAG", "STUDENT_DIR", "BuildError", "build", "stale", "student_version"]

#: Where the exercise notebooks with solutions live.
SOURCE_DIR = PROJECT_ROOT / "exercises" / "fuentes"
#: Where the student versions are written.
STUDENT_DIR = PROJECT_ROOT / "exercises"
#: Tag of the cells kept only in the source.
SOURCE_ONLY_TAG = "solo-fuente"

_START = re.compile(r"^(?P<indent>\s*)# SOLUCI[OÓ]N\s*$")
_END = re.compile(r"^\s*# FIN SOLUCI[OÓ]N\s*$")
_STUDENT = re.compile(r"^\s*# ESTUDIANTE: ?(?P<line>.*)$")
_BLANK = "None  # escriba su respuesta aquí"


class BuildError(CobranzaError):
    """A source notebook whose markers cannot be turned into a student version."""


def _stub(block: list[str], indent: str, where: str) -> list[str]:
    """The student's lines for one solution block (without the markers)."""
    given = [match["line"] for line in block if (match := _STUDENT.match(line))]
    if given:
        return [indent + line for line in given]
    code = "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip() for line in block)
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise BuildError(f"{where}: la solución no es Python válido ({error.msg}, "
                         f"línea {error.lineno})") from None
    lines = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            lines += [f"{ast.unparse(target)} = {_BLANK}" for target in targets]
        elif isinstance(node, ast.FunctionDef):
            lines.append(f"def {node.name}({ast.unparse(node.args)}):")
            docstring = ast.get_docstring(node, clean=False)
            if docstring is not None:
                lines.append(f'    """{docstring}"""')
            lines += ["    # escriba aquí su código", "    return None"]
        elif not isinstance(node, ast.Import | ast.ImportFrom):
            raise BuildError(f"{where}: sin líneas '# ESTUDIANTE:' solo se pueden ocultar asignaciones, "
                             f"funciones e imports; agregue esas líneas para '{ast.unparse(node)[:40]}'")
    return [indent + line if line else line for line in "\n".join(lines).split("\n")]


def _strip(source: str, where: str) -> str:
    out, block, indent = [], None, ""
    for line in source.split("\n"):
        if block is None and (start := _START.match(line)):
            block, indent = [], start["indent"]
        elif block is not None and _START.match(line):
            raise BuildError(f"{where}: '# SOLUCION' dentro de otro bloque; "
                             "cierre el anterior con '# FIN SOLUCION'")
        elif _END.match(line):
            if block is None:
                raise BuildError(f"{where}: '# FIN SOLUCION' sin un '# SOLUCION' antes")
            out += _stub(block, indent, where)
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise BuildError(f"{where}: falta '# FIN SOLUCION' para cerrar el bloque de solución")
    return "\n".join(out)


def student_version(source: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student notebook: solutions replaced by stubs, source-only cells dropped, outputs cleared."""
    notebook = nbformat.v4.new_notebook(metadata=dict(source.metadata))
    notebook.metadata["cobranza"] = {"generado_de": f"fuentes/{name}",
                                     "aviso": "No edite este archivo: se genera desde la fuente."}
    for number, cell in enumerate(source.cells, 1):
        if SOURCE_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        copy = nbformat.from_dict(dict(cell))
        copy.metadata = {key: value for key, value in cell.metadata.items() if key != "execution"}
        if copy.cell_type == "code":
            copy.source = _strip(cell.source, f"{name}, celda {number}")
            copy.outputs, copy.execution_count = [], None
        notebook.cells.append(copy)
    nbformat.validate(notebook)
    return notebook


def _render(path: Path) -> str:
    source = nbformat.read(path, as_version=4)
    return nbformat.writes(student_version(source, path.name)) + "\n"


def build(source_dir: Path = SOURCE_DIR, student_dir: Path = STUDENT_DIR) -> list[Path]:
    """Write the student version of every ``*.ipynb`` in ``source_dir``; returns the files written."""
    written = []
    for path in sorted(Path(source_dir).glob("*.ipynb")):
        target = Path(student_dir) / path.name
        target.write_text(_render(path), encoding="utf-8")
        written.append(target)
    return written


def stale(source_dir: Path = SOURCE_DIR, student_dir: Path = STUDENT_DIR) -> list[str]:
    """Student notebooks missing, out of date or without a source (empty when all is in step)."""
    sources = {path.name: path for path in sorted(Path(source_dir).glob("*.ipynb"))}
    problems = []
    for name, path in sources.items():
        target = Path(student_dir) / name
        if not target.exists():
            problems.append(f"{name}: falta la versión del estudiante")
        elif target.read_text(encoding="utf-8") != _render(path):
            problems.append(f"{name}: la versión del estudiante no coincide con su fuente")
    for target in sorted(Path(student_dir).glob("*.ipynb")):
        if target.name not in sources:
            problems.append(f"{target.name}: no tiene fuente en {Path(source_dir).name}/")
    return problems
