"""Written answers in the role-play widget, typed and sent like a learner would, without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from widget_play import click_first_until

from simulator.course.exercises import track_progress
from simulator.course.exercises.roleplay import judge_saved_call
from simulator.course.progress import ProgressStore
from simulator.roleplay import load_library, load_scenario
from simulator.ui import RolePlayWidget

MINIMAL = Path(__file__).parent / "data" / "dialogo_minimo.yaml"

LAWFUL_OPENING = ("Buenas tardes, mi nombre es Andrea Ruiz, le llamo de {institucion}. "
                  "¿Hablo con {titular}?")
THREAT = "Buenas tardes, ¿está Martín? Dígale que si no paga lo vamos a meter a la cárcel."
DISCLOSURE = "Hola, llamo del banco porque Martín debe 2,350 pesos de su tarjeta."
CASH = "No se preocupe, el sábado paso a su casa a recoger el dinero en efectivo."


@pytest.fixture(scope="module")
def library():
    return load_library()


def _send(widget: RolePlayWidget, text: str) -> None:
    widget.write_box.value = text
    widget.send_button.click()


def _opening(widget: RolePlayWidget, holder: str) -> str:
    return LAWFUL_OPENING.format(institucion=widget.session.scenario.context.institution, titular=holder)


def _to_a_later_written_step(widget: RolePlayWidget) -> None:
    _send(widget, _opening(widget, "la señora Rosa María Pineda"))
    assert widget.session.moves[-1].written.breaches == ()
    click_first_until(widget, lambda: widget.session.accepts_writing or widget.session.finished)
    assert widget.session.accepts_writing


@pytest.mark.parametrize(("scenario_id", "text", "breach", "words"), [
    ("primera_llamada_30", THREAT, "amenaza", "cárcel"),
    ("primera_llamada_30", DISCLOSURE, "divulgacion", "2,350"),
    ("recoger_efectivo", CASH, "cobro_indebido", "recoger"),
])
def test_a_written_breach_is_highlighted_named_and_fails_the_call(library, scenario_id, text, breach, words):
    widget = RolePlayWidget(library[scenario_id])
    if scenario_id == "recoger_efectivo":
        _to_a_later_written_step(widget)
    _send(widget, text)
    move = widget.session.moves[-1]
    assert breach in move.written.breaches and words in "".join(move.written.words(breach))
    assert re.search(f"title='[^']*falta: {breach.replace('_', ' ')}", widget.chat.value)
    assert "FALTA" in widget.feedback.value and words in widget.feedback.value
    assert widget.status.value == "" and widget.write_box.value == ""
    click_first_until(widget, lambda: widget.session.finished)
    debriefed = widget.debrief_panel.value
    assert "NO APROBADA" in debriefed and "FALTA de cumplimiento" in debriefed


def test_a_written_lawful_opening_continues_the_call_with_its_elements_marked(library):
    widget = RolePlayWidget(library["primera_llamada_30"])
    _send(widget, _opening(widget, "el señor Martín Ortega"))
    assert widget.session.node == "titular" and not widget.session.finished
    assert "elemento: identificacion" in widget.chat.value and "falta:" not in widget.chat.value
    assert "Bien: identificacion, institucion, pregunta_titular" in widget.feedback.value
    assert widget.write_area.layout.display == "none" and len(widget.choice_buttons) == 3


def test_empty_text_and_writing_at_a_step_without_escrito_change_nothing(library):
    widget = RolePlayWidget(library["primera_llamada_30"])
    chat = widget.chat.value
    _send(widget, "   ")
    assert "escriba su respuesta" in widget.status.value
    assert widget.session.moves == [] and widget.chat.value == chat
    _send(widget, _opening(widget, "el señor Martín Ortega"))
    chat, node = widget.chat.value, widget.session.node
    _send(widget, "Gracias, señor Ortega.")
    assert "no acepta respuesta escrita" in widget.status.value
    assert len(widget.session.moves) == 1 and widget.session.node == node and widget.chat.value == chat
    assert widget.write_box.value == "Gracias, señor Ortega."  # kept, so the learner loses nothing


def test_an_answer_without_the_amount_its_step_needs_changes_nothing(tmp_path):
    """The minimal scenario's amount step, opened to written answers that lead to the option asking for it."""
    path = tmp_path / "dialogo_minimo.yaml"
    step = '    deudor: "Sí, soy yo."\n'
    written = step + "    escrito: {titular_verificado: true, otro: 0, falta: 1}\n"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(step, written), encoding="utf-8")
    widget = RolePlayWidget(load_scenario(path))
    widget.choice_buttons[[option.authored for option in widget.session.choices].index(0)].click()
    assert widget.write_area.layout.display == "flex"
    chat = widget.chat.value
    _send(widget, "¿Cuánto podría pagar el viernes?")
    assert "necesita el monto" in widget.status.value
    assert len(widget.session.moves) == 1 and widget.chat.value == chat
    _send(widget, "¿Podría pagar 800 pesos el viernes?")
    assert widget.session.finished and widget.session.promised_amount == 800


def test_the_highlighted_answer_escapes_what_the_learner_typed(library):
    widget = RolePlayWidget(library["primera_llamada_30"])
    _send(widget, "<script>alert('x')</script> " + THREAT)
    assert "<script>" not in widget.chat.value and "&lt;script&gt;alert(&#x27;x&#x27;)" in widget.chat.value
    assert "cárcel</mark>" in widget.chat.value


def test_exam_mode_hides_the_marks_until_the_debrief(library):
    widget = RolePlayWidget(library["primera_llamada_30"], exam_mode=True)
    _send(widget, THREAT)
    assert widget.feedback.value == "" and "<mark" not in widget.chat.value
    click_first_until(widget, lambda: widget.session.finished)
    assert "title='falta: amenaza'" in widget.chat.value and "NO APROBADA" in widget.debrief_panel.value


def test_a_call_with_written_answers_is_saved_and_graded_from_progress(library, tmp_path):
    store = ProgressStore(tmp_path / "avance.sqlite")
    track_progress("lucia", store)
    try:
        widget = RolePlayWidget(library["primera_llamada_30"])
        _send(widget, THREAT)
        click_first_until(widget, lambda: widget.session.finished)
    finally:
        track_progress(None)
    [row] = store.results("lucia")
    assert row["passed"] is False and "guardado" in widget.status.value
    assert row["details"]["choices"][0]["elegida"] is None
    assert not judge_saved_call(row["details"], 70).correct
