"""docs/guia_formador.md names only things that exist, and its two-week plan keeps its promises.

A trainer follows the guide in front of a cohort: a renamed notebook section,
a removed exercise, a CLI flag that changed or a broken link must fail here,
not in class. The QA scorecard must speak the judge's vocabulary (elements and
breaches), so it is compared with :mod:`simulator.roleplay.judge`, not with a
copy of its list.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from simulator.cli.main import build_parser
from simulator.course.exercises import all_exercises
from simulator.roleplay import load_library
from simulator.roleplay.judge import BREACHES, ELEMENTS

ROOT = Path(__file__).resolve().parents[1]
GUIDE_PATH = ROOT / "docs" / "guia_formador.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
#: Exercise topics that belong to the manager track (their notebooks are 07-09).
MANAGER_TOPICS = ("simulador", "estrategias", "segmentacion")
#: Endings of file names written in backticks, which look like exercise ids (``avance_cohorte.csv``).
FILE_ENDINGS = {"csv", "html", "ipynb", "json", "md", "png", "sqlite", "yaml"}
#: The shape of an exercise id, as «Agregar contenido» explains it.
ID_SHAPE = "tema.nombre"

_TICKED = re.compile(r"`([^`\n]+)`")
_NOTEBOOK = re.compile(r"`(?:(notebooks|exercises)/)?(\d\d_[a-z_]+|formador|tablero_gerencial)(?:\.ipynb)?`")
_SECTIONS = re.compile(r"`(\d\d_[a-z_]+)`((?:(?:\s*,\s*|\s+y\s+|\s+)«[^»]+»)+)")
_TRAINER_SECTION = re.compile(r"«([^»]+)»\s+(?:de|en)\s+`notebooks/formador\.ipynb`")
_GUILLEMETS = re.compile(r"«([^»]+)»")
_SCENARIOS = re.compile(r"(?:tarjetas de|escenarios?|entre ellos|menos)\s+"
                        r"((?:`[a-z0-9_]+`(?:,\s*|\s+y\s+)?)+)")
_COMMAND = re.compile(r"python -m simulator\s(.*)")
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
_DAY = re.compile(r"^### Día (\d+)\. ", re.MULTILINE)
_TIMED_ROW = re.compile(r"\| (\d{1,2}):(\d\d)-(\d{1,2}):(\d\d) \| ([^|]+) \|")
_FENCE = re.compile(r"```(\w*)\n(.*?)```", re.DOTALL)


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    body = text.split(heading + "\n", 1)[1]
    stop = re.search(rf"^#{{1,{len(level)}}} ", body, re.MULTILINE)
    return body[: stop.start()] if stop else body


def _headings(path: Path) -> list[str]:
    """A notebook's markdown headings, without their ``#`` and with « » removed (as a reader sees them)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = (line for cell in cells if cell["cell_type"] == "markdown"
             for line in "".join(cell["source"]).splitlines())
    return [line.lstrip("#").strip().replace("«", "").replace("»", "")
            for line in lines if line.startswith("#")]


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(markdown: str) -> set[str]:
    return {_slug(line.lstrip("#")) for line in markdown.splitlines() if line.startswith("#")}


def _commands() -> list[str]:
    """Every ``python -m simulator ...`` in the guide: code-block lines (joined at ``\\``), inline code."""
    found = []
    for _, block in _FENCE.findall(GUIDE):
        for line in block.replace("\\\n", " ").splitlines():
            found += _COMMAND.findall(line)
    prose = _FENCE.sub("", GUIDE).replace("\n", " ")
    found += [match for span in _TICKED.findall(prose) for match in _COMMAND.findall(span)]
    return found


def _arguments(command: str) -> list[str]:
    """The words after ``python -m simulator``, up to a comment or the end of a PowerShell pipeline step."""
    words = shlex.split(command.replace("\\", "/"), comments=True)
    for index, word in enumerate(words):
        if word in ("}", "|", ";"):
            return words[:index]
    return words


def _days() -> dict[int, str]:
    plan = _section(GUIDE, "## Plan de dos semanas")
    starts = list(_DAY.finditer(plan))
    ends = [match.start() for match in starts[1:]] + [len(plan)]
    return {int(match.group(1)): plan[match.start():end] for match, end in zip(starts, ends, strict=True)}


def _groups(who: str) -> set[str]:
    """Who attends a session: ``todos`` is everyone; otherwise the groups the cell names."""
    if who.strip() == "todos":
        return {"gestores", "gerentes"}
    return {group for group in ("gestores", "gerentes") if group in who}


def _sessions(day: str) -> list[tuple[int, int, set[str], str]]:
    """(start, end in minutes, groups, row) for each timed row of a day's table."""
    found = []
    for row in day.splitlines():
        match = _TIMED_ROW.match(row)
        if match:
            h1, m1, h2, m2, who = match.groups()
            found.append((int(h1) * 60 + int(m1), int(h2) * 60 + int(m2), _groups(who), row))
    return found


def _scorecard() -> list[list[str]]:
    text = _section(GUIDE, "## Hoja de calidad de la llamada")
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def test_every_notebook_the_guide_names_exists():
    named = {(folder or "notebooks", name) for folder, name in _NOTEBOOK.findall(GUIDE)}
    paths = [ROOT / folder / f"{name}.ipynb" for folder, name in named]
    assert [path.name for path in paths if not path.exists()] == []
    assert {name for _, name in named} >= {f.stem for f in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}


def test_every_notebook_section_the_guide_names_exists():
    checked = 0
    for name, titles in _SECTIONS.findall(GUIDE):
        headings = _headings(ROOT / "notebooks" / f"{name}.ipynb")
        for title in _GUILLEMETS.findall(titles):
            assert " ".join(title.split()) in headings, f"el cuaderno {name} no tiene la sección «{title}»"
            checked += 1
    for title in _TRAINER_SECTION.findall(GUIDE):
        assert " ".join(title.split()) in _headings(ROOT / "notebooks" / "formador.ipynb"), title
        checked += 1
    assert checked >= 50


def test_every_exercise_the_guide_names_exists():
    dotted = [item for item in _TICKED.findall(GUIDE) if re.fullmatch(r"[a-z_]+\.[a-z_]+", item)]
    named = [item for item in dotted if item.rsplit(".", 1)[1] not in FILE_ENDINGS and item != ID_SHAPE]
    assert [item for item in named if item not in all_exercises()] == []
    assert len(set(named)) >= 40


def test_every_scenario_the_guide_names_exists():
    library = load_library()
    named = {name for group in _SCENARIOS.findall(GUIDE) for name in _TICKED.findall(group)}
    assert sorted(named - set(library)) == []
    assert len(named) >= 10


@pytest.mark.parametrize("command", _commands())
def test_every_cli_command_parses(command, capsys):
    try:
        build_parser().parse_args(_arguments(command))
    except SystemExit as stop:  # --help exits with 0; a wrong flag or subcommand with 2
        assert stop.code == 0, f"{command}\n{capsys.readouterr().err}"


def test_the_guide_shows_the_progress_commands():
    subcommands = [_arguments(command)[:1] for command in _commands()]
    assert subcommands.count(["progress"]) >= 8 and ["dialogue"] in subcommands
    flags = {word for command in _commands() for word in _arguments(command) if word.startswith("--")}
    assert {"--db", "--csv", "--transcripts", "--apply-reviews", "--reviewer", "--help"} <= flags


def test_every_link_and_path_exists():
    for target in _LINK.findall(GUIDE):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        document = (GUIDE_PATH.parent / path).resolve() if path else GUIDE_PATH
        assert document.exists(), target
        if anchor:
            assert anchor in _anchors(document.read_text(encoding="utf-8")), target
    tops = ("notebooks/", "exercises/", "docs/", "datasets/", "simulator/")
    paths = [item for item in _TICKED.findall(GUIDE) if item.startswith(tops)]
    assert paths and [item for item in paths if not (ROOT / item).exists()] == []


def test_the_plan_has_ten_days_with_timed_sessions():
    days = _days()
    assert sorted(days) == list(range(1, 11))
    for number, day in days.items():
        sessions = _sessions(day)
        assert len(sessions) >= 4, f"día {number}"
        for start, end, groups, row in sessions:
            assert 9 * 60 <= start < end <= 17 * 60 and groups, row
        for index, (start, end, groups, row) in enumerate(sessions):
            for other_start, other_end, other_groups, other in sessions[index + 1:]:
                overlap = start < other_end and other_start < end
                assert not (overlap and groups & other_groups), f"día {number}: {row} / {other}"
        for part in ("**Objetivos.**", "**Cierre (preguntas).**", "**El reporte de hoy.**"):
            assert part in day, f"día {number} sin {part}"
        report = day.split("**El reporte de hoy.**", 1)[1]
        assert "python -m simulator progress" in report or "formador.ipynb" in report, f"día {number}"
        assert "?" in day.split("**Cierre (preguntas).**", 1)[1], f"día {number}"


def test_agents_sessions_need_no_simulator_notebook_or_code():
    coding = ("estrategias.valor_promesa", "estrategias.politica")
    for number, day in _days().items():
        for _, _, groups, row in _sessions(day):
            if "gestores" in groups:
                asked = [item for item in _TICKED.findall(row) if item in all_exercises()]
                manager = [item for item in asked if item.startswith(MANAGER_TOPICS) or item in coding]
                assert manager == [] and "exercises/0" not in row, f"día {number}: {row}"


def test_the_scorecard_is_the_judges_vocabulary_with_weights():
    rows = _scorecard()
    criteria = [row[0].strip("`") for row in rows]
    assert criteria == list(ELEMENTS) + list(BREACHES)
    weights = [row[1] for row in rows]
    assert sum(int(weight) for weight in weights[:len(ELEMENTS)]) == 100
    assert set(weights[len(ELEMENTS):]) == {"falla crítica"}


def _agent_exercises() -> list[str]:
    """The exercises the nesting criteria count, read from the guide's own PowerShell filter."""
    text = _section(GUIDE, "## Pasar a llamadas reales supervisadas")
    agent_topics = re.search(r'\$gestor = "([^"]+)"', text).group(1).split("|")
    return [item for item in all_exercises() if item.split(".")[0] in agent_topics]


def test_every_exercise_the_nesting_counts_has_an_agents_session():
    scheduled = {item for day in _days().values() for _, _, groups, row in _sessions(day)
                 if "gestores" in groups for item in _TICKED.findall(row)}
    assert [item for item in _agent_exercises() if item not in scheduled] == []


def test_the_nesting_counts_match_the_course():
    text = _section(GUIDE, "## Pasar a llamadas reales supervisadas")
    exercises = _agent_exercises()
    stated = {int(count) for count in re.findall(r"(\d+) ejercicios del gestor", text)}
    assert stated == {len(exercises)}
    exam_call = all_exercises()["evaluacion.llamada"].scenario
    assert f"menos `{exam_call}`" in " ".join(text.split())
    practice = len(load_library()) - 1
    assert re.search(rf"\b{practice} escenarios de práctica", text)
    normativa = sum(item.startswith("normativa.") for item in exercises)
    assert "los nueve de `normativa`" in text and normativa == 9


def test_the_parsers_read_what_the_guide_writes():
    assert _arguments('progress --db $_.FullName --csv "C:\\curso\\csv\\a.csv" }') == [
        "progress", "--db", "$_.FullName", "--csv", "C:/curso/csv/a.csv"]
    assert _arguments("dialogue list   # comentario") == ["dialogue", "list"]
    assert _groups("todos") == {"gestores", "gerentes"} and _groups("formador y gerentes") == {"gerentes"}
    assert _slug("Modo examen (cuaderno 10)") == "modo-examen-cuaderno-10"
    assert _slug("Dónde se guarda el avance del grupo") == "dónde-se-guarda-el-avance-del-grupo"
    assert _SECTIONS.findall("`03_x` «A», «B» y «C»") == [("03_x", " «A», «B» y «C»")]
