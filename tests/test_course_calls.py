"""The course plays every scenario once, from easy to hard, and the notebooks follow the plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.course.calls import COURSE_CALLS, course_call_for
from simulator.roleplay import load_library
from simulator.roleplay.schema import DIFFICULTIES
from simulator.ui.roleplay import course_call

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_every_scenario_is_played_once():
    scenarios = [call.scenario for call in COURSE_CALLS]
    assert sorted(scenarios) == sorted(load_library()) and len(set(scenarios)) == len(scenarios)


def test_practice_goes_from_easy_to_hard_and_the_exam_comes_last():
    practice = [call for call in COURSE_CALLS if not call.exam]
    ranks = [DIFFICULTIES.index(call.level) for call in practice]
    assert ranks == sorted(ranks)
    assert practice[0].level == "facil" and practice[-1].level == "dificil"
    assert [call.notebook for call in practice] == sorted(call.notebook for call in practice)
    assert COURSE_CALLS[-1].exam and sum(call.exam for call in COURSE_CALLS) == 1


def test_the_first_call_is_the_gentlest_scenario():
    library = load_library()
    first = library[COURSE_CALLS[0].scenario]
    assert first.difficulty == "facil" and first.persona != "enojado"


def test_the_notebooks_play_the_calls_of_the_plan_in_order():
    played = []
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        played += [(notebook.stem, name) for name in re.findall(r'course_call\("([a-z0-9_]+)"', code)]
    assert played == [(call.notebook, call.scenario) for call in COURSE_CALLS]


def test_a_scenario_outside_the_course_is_a_key_error():
    assert course_call_for("aviso_buro_90").level == "dificil"
    with pytest.raises(KeyError):
        course_call_for("no_existe")


@pytest.mark.parametrize("planned", COURSE_CALLS, ids=lambda call: call.scenario)
def test_a_course_call_opens_at_the_planned_level(planned):
    call = course_call(planned.scenario)
    assert call.session.scenario.id == planned.scenario
    assert call.session.difficulty == planned.level and call.exam_mode == planned.exam
