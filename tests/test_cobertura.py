"""docs/cobertura.md points at things that exist: notebook sections, exercises, scenarios, files.

The map is how a trainer finds where each topic of the source pages is taught;
a renamed heading or a removed exercise must show up here, not in class.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.course.exercises import all_exercises

ROOT = Path(__file__).resolve().parents[1]
COVERAGE = ROOT / "docs" / "cobertura.md"
#: Topics the course must map (issue 24's missing seed topics among them), as words of the «tema» column.
REQUIRED_TOPICS = ("SMS", "buzón de voz", "Localizar", "visita", "garantía", "Organizar el día", "tipificar")
_NOTEBOOK = re.compile(r"\b(\d\d)\b((?:,?\s*«[^»]+»)*)")
_SECTION = re.compile(r"«([^»]+)»")
_TICKED = re.compile(r"`([^`]+)`")
_EXERCISE_ID = re.compile(r"^[a-z_]+\.[a-z_]+$")
_SCENARIOS = re.compile(r"\bescenarios?\s+((?:`[^`]+`(?:,\s*|\s+y\s+|\s*\([^)]*\)\s*,?\s*)?)+)")


def _rows(heading: str) -> list[list[str]]:
    """The body rows of the first table after ``heading``, as lists of cells."""
    text = COVERAGE.read_text(encoding="utf-8").split(heading, 1)[1]
    lines = [line for line in text.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


TOPICS = _rows("## Temas")
PRACTICES = _rows("## Prácticas de las fuentes que el curso enseña a no hacer")


def _headings(number: str) -> list[str]:
    [path] = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = ("".join(cell["source"]).splitlines() for cell in cells if cell["cell_type"] == "markdown")
    return [line.lstrip("#").strip().replace("«", "").replace("»", "")
            for block in lines for line in block if line.startswith("#")]


def _sections(cell: str) -> list[tuple[str, str]]:
    """(notebook number, section title or '') for each notebook the cell names."""
    found = []
    for number, titles in _NOTEBOOK.findall(cell):
        found += [(number, title) for title in _SECTION.findall(titles)] or [(number, "")]
    return found


def _scenarios(cell: str) -> list[str]:
    groups = (re.sub(r"\([^)]*\)", "", group) for group in _SCENARIOS.findall(cell))
    return [name for group in groups for name in _TICKED.findall(group)]


def test_the_map_has_every_topic_the_course_must_cover():
    assert len(TOPICS) >= 30 and all(len(row) == 5 for row in TOPICS)
    topics = " ".join(row[0] for row in TOPICS)
    assert [topic for topic in REQUIRED_TOPICS if topic not in topics] == []


@pytest.mark.parametrize("row", TOPICS, ids=lambda row: row[0][:40])
def test_each_notebook_section_exists(row):
    for number, title in _sections(row[2]):
        headings = _headings(number)
        if title:
            assert any(heading.startswith(title.replace("«", "").replace("»", "")) for heading in headings), \
                f"el cuaderno {number} no tiene la sección «{title}»"


@pytest.mark.parametrize("row", TOPICS, ids=lambda row: row[0][:40])
def test_each_exercise_exists(row):
    named = [item for item in _TICKED.findall(row[3]) if _EXERCISE_ID.match(item)]
    assert [item for item in named if item not in all_exercises()] == []
    assert named or row[3] == "–", "un tema sin ejercicio se marca con «–»"


@pytest.mark.parametrize("row", TOPICS + PRACTICES, ids=lambda row: row[0][:40])
def test_each_scenario_and_file_exists(row):
    for cell in row[1:]:
        for name in _scenarios(cell):
            assert (ROOT / "datasets" / "dialogues" / f"{name}.yaml").exists(), f"falta el escenario {name}"
        for item in _TICKED.findall(cell):
            if "/" in item:
                assert (ROOT / item).exists(), f"no existe {item}"


def test_the_parser_reads_sections_and_scenarios():
    assert _sections("02 «Canales y horarios», 06") == [("02", "Canales y horarios"), ("06", "")]
    assert _sections("04 «Las evasivas», «Llámeme luego»") == [("04", "Las evasivas"),
                                                               ("04", "Llámeme luego")]
    assert _scenarios("escenarios `a`, `b` y `c`; estrategia `d`") == ["a", "b", "c"]
    assert _scenarios("escenarios `a` (04), `b` (06, difícil); pausa") == ["a", "b"]
    assert _scenarios("escenario `a` (falta `b`)") == ["a"]
