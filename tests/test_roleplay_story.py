"""Story values and variants: the same call told with another debtor, amounts and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.errors import DialogueError
from simulator.paths import dataset
from simulator.roleplay import RolePlay, debrief, lint_file, load_scenario
from simulator.roleplay.replay import play_path
from simulator.roleplay.schema import Variant
from simulator.roleplay.story import ROUND_TO, told
from simulator.roleplay.terminal import context_card

EXAM_CALL = dataset("dialogues", "promesa_incumplida.yaml")


@pytest.fixture(scope="module")
def exam_call():
    return load_scenario(EXAM_CALL)


def _everything_said(scenario, variant: int) -> str:
    """The card and the whole model call of ``variant``, as a learner reads them."""
    path = scenario.model_path()
    session, result = play_path(scenario, path.choices, path.inputs, variant=variant)
    lines = context_card(RolePlay(scenario, variant=variant))
    return "\n".join([*lines, *(line["texto"] for line in result.transcript), result.ending_summary or ""])


def test_the_exam_call_has_at_least_three_other_versions(exam_call):
    versions = [told(exam_call, number) for number in range(len(exam_call.variants) + 1)]
    assert len(versions) >= 4
    for attribute in (lambda s: s.context.debtor, lambda s: s.context.call_date,
                      lambda s: s.objective.amount_ideal_mxn, lambda s: s.hidden.capacity_mxn):
        assert len({attribute(version) for version in versions}) == len(versions)


def test_a_variant_leaves_no_trace_of_the_story_as_written(exam_call):
    written = _everything_said(exam_call, 0)
    assert "Ricardo" in written and "Méndez" in written and "mil quinientos pesos" in written
    for number in range(1, len(exam_call.variants) + 1):
        said = _everything_said(exam_call, number)
        for trace in ("Ricardo", "Méndez", "1,500", "mil quinientos", "$800.00", "17 de abril", "abril"):
            assert trace not in said, (number, trace)
        assert told(exam_call, number).context.debtor in said


def test_every_version_has_a_model_call_that_reaches_the_ideal(exam_call):
    for number in range(len(exam_call.variants) + 1):
        for level in ("facil", "media", "dificil"):
            path = exam_call.model_path(level)
            _, result = play_path(exam_call, path.choices, path.inputs, difficulty=level, variant=number)
            assert result.passed and result.objective["ideal"], (number, level, result.objective)
            assert result.promise["monto_mxn"] == told(exam_call, number).objective.amount_ideal_mxn


def test_the_story_amount_typed_from_another_version_misses_this_goal(exam_call):
    """Copying a classmate's figures does not pass: the written version's ideal is below the minimum
    of the version that scales amounts by 1.5."""
    big = max(range(1, len(exam_call.variants) + 1), key=lambda number: exam_call.variants[number - 1].scale)
    session = RolePlay(exam_call, variant=big)
    while not session.finished:  # the best option of every step, with the written version's figures
        option = session.choices[0]
        session.choose(0, {"monto": "800", "fecha": "el viernes"}.get(option.asks_for or ""))
    result = debrief(session)
    assert not result.objective_met and not result.passed


@settings(max_examples=40, deadline=None)
@given(scale=st.floats(min_value=0.25, max_value=4.0), weeks=st.integers(min_value=-260, max_value=260))
def test_variants_keep_weekdays_and_round_amounts(exam_call, scale, weeks):
    scenario = exam_call.model_copy(update={"variants": (Variant(escala=scale, semanas=weeks),)})
    version = told(scenario, 1)
    assert version.context.call_date.weekday() == exam_call.context.call_date.weekday()
    weekdays = [day.weekday() for day in exam_call.hidden.paydays]
    assert [day.weekday() for day in version.hidden.paydays] == weekdays
    assert (version.context.call_date - exam_call.context.call_date).days == 7 * weeks
    amounts = [version.context.balance_mxn, version.hidden.capacity_mxn, version.objective.amount_min_mxn,
               version.objective.amount_ideal_mxn, version.data["promesa_anterior"]]
    assert all(amount % ROUND_TO == 0 and amount > 0 for amount in amounts)
    assert version.objective.amount_min_mxn <= version.objective.amount_ideal_mxn


def test_an_unknown_variant_is_a_spanish_error(exam_call):
    with pytest.raises(DialogueError, match="variante"):
        RolePlay(exam_call, variant=len(exam_call.variants) + 1)
    assert told(exam_call, 0) is exam_call


def _written(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAM_CALL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "promesa_incumplida.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "marker", "expected"), [
    ("Señor {nombre}, soy yo", "Señor {nombres}, soy yo", "{nombres}", "marcador desconocido {nombres}"),
    ("datos: {nombre: Javier,", "datos: {promesa_anterior: mucho, nombre: Javier,", "promesa_anterior: mucho",
     "no es un texto de 'datos'"),
    ("    escala: 0.75\n", "    escala: 0.1\n", "escala: 0.1", "escala"),
])
def test_story_mistakes_name_file_and_line(tmp_path, old, new, marker, expected):
    path = _written(tmp_path, old, new)
    problems = [problem for problem in lint_file(path) if expected in str(problem)]
    assert problems, [str(problem) for problem in lint_file(path)]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problems[0].line == next(number for number, text in enumerate(lines, 1) if marker in text)
    with pytest.raises(DialogueError):
        load_scenario(path)


def test_a_story_amount_before_verification_breaks_the_call_script(tmp_path):
    path = _written(tmp_path, "¿Hablo con el señor {deudor}?",
                    "¿Hablo con el señor {deudor}? Es por sus {promesa_anterior}.")
    assert any("menciona la deuda ('{promesa_anterior}')" in problem.message for problem in lint_file(path))


def test_the_card_reads_story_values_not_placeholders(exam_call):
    card = "\n".join(context_card(RolePlay(exam_call, variant=1)))
    assert "{" not in card
    assert told(exam_call, 1).context.call_date == exam_call.context.call_date + dt.timedelta(weeks=8)
