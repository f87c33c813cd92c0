"""Typed answers in a role-play call: judged, routed as the scenario declares, scored like choices."""

from __future__ import annotations

import pytest

from simulator.errors import DialogueError
from simulator.roleplay import DEFAULT_LIBRARY, RolePlay, debrief, lint_file, load_library
from simulator.roleplay.typed_lint import MIN_TYPED_STEPS

PRIMERA = DEFAULT_LIBRARY / "primera_llamada_30.yaml"


@pytest.fixture(scope="module")
def library():
    return load_library(DEFAULT_LIBRARY)


def _finish(session: RolePlay) -> None:
    """Play the first option shown until the call ends, typing a plausible value where asked."""
    while not session.finished:
        asks = session.choices[0].asks_for
        session.choose(0, {"monto": "1,500", "fecha": "el lunes 15 de junio"}.get(asks or "", None))


def test_every_scenario_takes_typed_answers_at_the_opening_and_two_more_steps(library):
    for scenario in library.values():
        typed = [name for name, node in scenario.nodes.items() if node.typed is not None]
        assert scenario.start in typed and len(typed) >= MIN_TYPED_STEPS, scenario.id


def test_a_typed_lawful_opening_goes_where_the_lawful_option_goes(library):
    written, chosen = RolePlay(library["primera_llamada_30"]), RolePlay(library["primera_llamada_30"])
    move = written.write("Buenas tardes, mi nombre es Andrea Ruiz, le llamo de Banco del Valle. "
                         "¿Hablo con el señor Martín Ortega?")
    chosen.choose(chosen.shown_order.index(0))
    assert written.node == chosen.node == "titular"
    assert move.index is None and move.authored == 0 and move.written is not None
    assert "identificacion" in move.techniques and move.points == chosen.moves[0].points


@pytest.mark.parametrize(("text", "breach"), [
    ("Buenas tardes, ¿está Martín? Dígale que si no paga lo vamos a meter a la cárcel.", "amenaza"),
    ("Hola, llamo del banco porque Martín debe 2,350 pesos de su tarjeta.", "revelar_a_terceros"),
])
def test_a_typed_breach_at_the_opening_fails_the_call_naming_the_words(library, text, breach):
    session = RolePlay(library["primera_llamada_30"])
    move = session.write(text)
    assert breach in move.techniques and "FALTA" in move.feedback
    _finish(session)
    result = debrief(session)
    assert not result.passed and any(found["tecnica"] == breach for found in result.breaches)


def test_typed_cash_at_the_close_fails_the_call(library):
    scenario = library["recoger_efectivo"]
    session = RolePlay(scenario)
    session.write("Buenas tardes, le habla Andrea Ruiz, de " + scenario.context.institution
                  + ". ¿Me comunica con la señora Rosa María Pineda?")
    while not session.finished and not session.accepts_writing:
        session.choose(0, "1250" if session.choices[0].asks_for == "monto" else "el sábado")
    move = session.write("No se preocupe, el sábado paso a su casa a recoger el dinero en efectivo.")
    assert "cobro_en_efectivo" in move.techniques


def test_an_answer_with_no_route_gets_no_credit(library):
    session = RolePlay(library["primera_llamada_30"])
    move = session.write("Hola, buenas tardes.")
    assert move.authored == 2 and all(rating <= 0 for rating in move.points.values())
    assert "Faltó identificacion" in move.feedback


def test_bad_typed_input_changes_nothing(library):
    session = RolePlay(library["primera_llamada_30"])
    with pytest.raises(DialogueError, match="escriba su respuesta"):
        session.write("   ")
    session.choose(session.shown_order.index(0))
    assert not session.accepts_writing  # 'titular' takes options only
    with pytest.raises(DialogueError, match="no acepta respuesta escrita"):
        session.write("Gracias.")
    assert len(session.moves) == 1 and session.node == "titular"


def test_the_linter_checks_each_example_takes_its_route(tmp_path):
    text = PRIMERA.read_text(encoding="utf-8")
    good = ("ejemplo: Buenas tardes, le habla {gestor} de {institucion}. "
            "¿Hablo con el señor Martín Ortega Ruiz?")
    assert text.count(good) == 1
    path = tmp_path / "primera_llamada_30.yaml"
    path.write_text(text.replace(good, "ejemplo: Buenas tardes, le habla {gestor} de {institucion}."),
                    encoding="utf-8")
    problems = [problem.message for problem in lint_file(path)]
    assert any("lleva a la opción 2, no a la 0" in text and "'contesta'" in text for text in problems)
    path.write_text(text.replace(good, "ejemplo: Le habla {gestor} de {institucion}, imbécil."),
                    encoding="utf-8")
    assert any("comete una falta" in problem.message for problem in lint_file(path))


def test_the_debrief_keeps_a_typed_answer_and_its_marks_for_review(library):
    session = RolePlay(library["primera_llamada_30"])
    text = "Buenas tardes, le habla Andrea Ruiz de Banco del Valle. ¿Hablo con el señor Martín Ortega?"
    session.write(text)
    _finish(session)
    kept = debrief(session).choices[0]
    assert kept["elegida"] is None and kept["escrito"]["texto"] == text
    assert "identificacion" in kept["escrito"]["elementos"] and kept["escrito"]["faltas"] == []
    label, start, end = next(mark for mark in kept["escrito"]["marcas"] if mark[0] == "institucion")
    assert "Banco" in text[start:end]  # the mark points at the learner's own words
    assert "escrito" not in debrief(session).choices[1]
