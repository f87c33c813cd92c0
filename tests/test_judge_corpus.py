"""The judge's precision and recall on the labelled corpus, recomputed on every run.

The lexicon is tuned on the development part only; the test part is only read
here and in docs/scripts/juez_metricas.py. Development meets every target; the
test part meets every element target and those of disclosure and undue
collection, not yet the other breaches (docs/juego_de_rol.md, «Precisión del
juez»): its floors below are the numbers measured when the test part was last
read, so a change that makes the judge worse on unseen turns fails, and a change
that improves it raises the floors.
"""

from __future__ import annotations

import pytest

from simulator.roleplay.judge_corpus import load_corpus, score_corpus

#: (precision, recall) on the test part, measured 2026-12-07 after the third tuning, rounded down.
TEST_FLOORS = {
    "identificacion": (1.00, 1.00), "institucion": (0.96, 1.00), "pregunta_titular": (0.94, 0.85),
    "verificacion": (1.00, 0.95), "proposito": (0.96, 0.96), "monto": (1.00, 1.00), "fecha": (0.94, 0.91),
    "canal_oficial": (0.96, 0.92), "resumen": (0.90, 0.94), "empatia": (1.00, 0.86),
    "pregunta_abierta": (0.90, 0.90), "amenaza": (0.90, 0.86), "insulto": (1.00, 0.85),
    "falsa_autoridad": (0.90, 0.90), "divulgacion": (1.00, 0.96), "presion_indebida": (0.88, 0.76),
    "cobro_indebido": (1.00, 0.95),
}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_every_label_meets_its_target_on_the_development_part(corpus):
    below = [(score.label, round(score.precision, 2), round(score.recall, 2))
             for score in score_corpus(corpus, "desarrollo") if not score.meets_target]
    assert below == []


def test_no_label_falls_below_its_measured_floor_on_the_test_part(corpus):
    scores = {score.label: score for score in score_corpus(corpus, "prueba")}
    assert set(scores) == set(TEST_FLOORS)
    worse = [(label, round(scores[label].precision, 3), round(scores[label].recall, 3))
             for label, (precision, recall) in TEST_FLOORS.items()
             if scores[label].precision < precision or scores[label].recall < recall]
    assert worse == []
