"""Two final exams: the agent's tests agent skills only, the manager's adds the statistics sections,
and the gradebook and the certificate grade each learner on the exam of the track they chose."""

from __future__ import annotations

import re

from simulator.course.certificate import certificate
from simulator.course.exercises import exam_items, get_exercise, track_progress
from simulator.course.exercises.anchor_case import opening_ask
from simulator.course.gradebook import cohort_table, exam_table, load_results
from simulator.course.progress import ProgressStore
from simulator.course.tracks import AGENT, MANAGER
from simulator.paths import dataset
from simulator.roleplay import load_scenario
from simulator.ui import RolePlayWidget

#: Words that only a statistics question uses: paired differences, intervals, replications, the
#: champion/challenger comparison of strategies.
STATISTICS = re.compile(r"pareada|intervalo|réplica|campeona|retadora|puntos? porcentual|estadístic|"
                        r"comparación de estrategias|simulador|95 %|números aleatorios", re.IGNORECASE)


def _texts(item) -> list[str]:
    """Everything a learner reads in every variant of an exam item: its statement and its options."""
    texts = []
    for index in range(len(item.variants)):
        exercise = item.exercise_for(index)
        texts += [item.section, exercise.title, exercise.statement,
                  *getattr(exercise, "options", {}).values()]
    return texts


def _statistics_items(items) -> list[str]:
    return [item.id for item in items if any(STATISTICS.search(text) for text in _texts(item))]


def test_the_agent_exam_has_no_statistics_item():
    agent, manager = exam_items(AGENT), exam_items(MANAGER)
    assert _statistics_items(agent) == []
    assert len(agent) >= 3 and set(agent) < set(manager)


def test_the_manager_exam_keeps_every_section_and_the_statistics_items():
    manager = exam_items(MANAGER)
    assert manager == exam_items(), "the manager's exam is the complete one"
    assert _statistics_items(manager) == ["evaluacion.diferencia", "evaluacion.decision"]


def test_an_agent_reads_that_a_statistics_section_is_not_theirs_and_nothing_is_saved(exam_store):
    track_progress("Ana", exam_store, track=AGENT)
    item = get_exercise("evaluacion.diferencia")
    assert "solo del examen de gerente" in item.statement and "gestor" in item.statement
    feedback = item.check(1.5)
    assert not feedback and not feedback.readable and "no se revisa ni se guarda" in feedback.message
    assert ProgressStore(exam_store).results() == []
    track_progress("Beto", exam_store, track=MANAGER)
    assert "pareada" in item.statement


def _answer_the_agent_exam() -> None:
    """Play the exam's call well and answer the negotiation and the rules right, as the signed-in learner."""
    call = get_exercise("evaluacion.llamada")
    widget = RolePlayWidget(load_scenario(dataset("dialogues", "promesa_incumplida.yaml")),
                            seed=call.variant["semilla"], variant=call.variant["variante"], exam_mode=True)
    typing = {"monto": str(widget.session.scenario.objective.amount_ideal_mxn), "fecha": "el viernes"}
    while not widget.session.finished:
        option = next(option for option in widget.session.choices if option.authored == 0)
        widget._click(option.index)
        if option.asks_for:
            widget.input_box.value = typing[option.asks_for]
            widget._confirm()
    assert call.check()
    negotiation = get_exercise("evaluacion.negociacion")
    assert negotiation.check(round(opening_ask(negotiation.variant["caso"])))
    rules = get_exercise("evaluacion.normativa")
    assert rules.check("".join(letter for letter, key in rules.current.shown().items() if key in "acde"))


def test_the_gradebook_and_the_certificate_grade_each_learner_on_the_exam_of_their_track(exam_store):
    progress = ProgressStore(exam_store)
    for name, track, country in (("Ana Gestora", AGENT, "CO"), ("Beto Gerente", MANAGER, "PE")):
        progress.choose(name, track, country)
        track_progress(name, exam_store, track=track)
        _answer_the_agent_exam()
    done = certificate()  # Beto, the manager, answered only the agent's sections
    assert done.track == MANAGER and not done.passed and "PENDIENTE: 3 de 5" in done.html()
    ana = certificate("Ana Gestora")
    assert ana.track == AGENT and ana.passed and len(ana.sections) == 3
    assert "Examen de la pista: <b>gestor de cobranza</b>" in ana.html() and "<b>3 de 3</b>" in ana.html()
    results = load_results(exam_store)
    exams = exam_table(results).set_index("alumno")
    columns = ["examen", "primer_intento", "mejor", "aprobado"]
    assert exams.loc["Ana Gestora", columns].tolist() == [AGENT, "3 de 3", "3 de 3", True]
    assert exams.loc["Beto Gerente", columns].tolist() == [MANAGER, "incompleto", "3 de 5", False]
    cohort = cohort_table(results).set_index("alumno")
    assert cohort.loc["Ana Gestora", ["pista", "pais"]].tolist() == [AGENT, "CO"]
    assert cohort.loc["Beto Gerente", ["pista", "pais"]].tolist() == [MANAGER, "PE"]


def test_a_learner_without_a_track_is_graded_on_the_complete_exam_as_before(exam_store):
    track_progress("Eva", exam_store)
    get_exercise("evaluacion.negociacion").check(1)
    row = exam_table(load_results(exam_store)).iloc[0]
    assert (row["examen"], row["mejor"]) == (MANAGER, "0 de 5")
    assert cohort_table(load_results(exam_store)).iloc[0][["pista", "pais"]].tolist() == [None, None]
