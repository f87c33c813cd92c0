"""The review widget of formador.ipynb: buttons per mark, saved through the store, the standing refreshed."""

from __future__ import annotations

import pytest
from review_calls import cohort

from simulator.ui.review import ReviewWidget


@pytest.fixture
def widget(tmp_path) -> ReviewWidget:
    widget = ReviewWidget(cohort(tmp_path / "avance.sqlite").path)
    widget.reviewer.value = "Marta"
    return widget


def test_it_opens_on_the_learners_typed_answer(widget):
    assert widget.learner.options == ("Ana <b>",) and widget.answer.value == (1, 2)
    assert set(widget.buttons) == {"identificacion", "amenaza"}
    assert "Ana &lt;b&gt;" in widget.standing.value and "no aprobada" in widget.standing.value
    assert "&lt;script&gt;" in widget.text.value and "lo meto a la cárcel</mark>" in widget.text.value


def test_removing_the_breach_passes_the_call_and_shows_it(widget):
    widget.buttons["amenaza"]["quitar"].click()
    assert "Marca amenaza quitada" in widget.status.value
    assert widget.store.reviews()[0]["reviewer"] == "Marta"
    assert "<b>aprobada</b> (revisada)" in widget.standing.value
    assert "2 actividades aprobadas, 1 revisadas" in widget.standing.value
    assert "<del>amenaza</del> quitada por Marta" in widget.marks.children[1].children[0].value
    assert "lo meto a la cárcel</mark>" not in widget.text.value
    widget.buttons["amenaza"]["quitar"].click()
    assert "ya estaba guardada" in widget.status.value and len(widget.store.reviews()) == 1


def test_adding_a_breach_offers_only_what_the_judge_did_not_mark(widget):
    labels = [label for _, label in widget.new_label.options]
    assert "amenaza" not in labels and "insulto" in labels
    widget.new_label.value = "insulto"
    widget.add_button.click()
    assert "agregada por Marta" in widget.marks.children[-1].children[0].value
    assert "insulto" not in [label for _, label in widget.new_label.options]


@pytest.mark.parametrize(("reviewer", "says"), [("", "Escriba su nombre"), ("Marta", "Elija primero")])
def test_a_decision_that_cannot_be_taken_changes_nothing(widget, reviewer, says):
    widget.reviewer.value = reviewer
    widget.add_button.click()  # nothing chosen to add
    assert says in widget.status.value and "color:#b00020" in widget.status.value
    assert widget.store.reviews() == []
    assert "no aprobada" in widget.standing.value


def test_a_refused_decision_is_said_in_spanish(widget, tmp_path):
    widget.store.path.unlink()
    widget.buttons["amenaza"]["quitar"].click()
    assert "no existe el archivo de avance" in widget.status.value
