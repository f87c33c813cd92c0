"""The judge's precision and recall on the labelled corpus, recomputed on every run.

The lexicon is tuned on the development part only (datasets/juez/frases_gestor.csv),
where every target is met. The test parts are separate files (datasets/juez/prueba_2.csv and
prueba_3.csv), each written by someone who never saw the judge; they are only read here and in
docs/scripts/juez_metricas.py. Their floors are the numbers of their read with the current
version of the judge, rounded down, so a change that makes the judge worse on unseen turns
fails; a missing file or missing floors fail too: a measurement not made is not a pass.

The learner is trained on every development row, so its development scores are in-sample like
the rules' always were; the honest number is leave-one-author-group-out, guarded by floors of its
own (docs/juego_de_rol.md, «Precisión del juez»).
"""

from __future__ import annotations

import pytest

from simulator.roleplay.judge_corpus import (
    TEST_FILES,
    leave_group_out,
    score_corpus,
    score_verdicts,
    tuned_rows,
)
from simulator.roleplay.judge_learner import load_corpus

#: (precision, recall) per label on each test part with this version of the judge (v3: rules + learner),
#: read once when the version was closed on 2026-12-07 (session 14), rounded down. prueba_2 and prueba_3
#: had been read once each with v2; prueba_4 was read for the first time.
TEST_FLOORS: dict[str, dict[str, tuple[float, float]]] = {
    "prueba_2": {
        "identificacion": (0.96, 0.91), "institucion": (0.95, 0.88), "pregunta_titular": (0.95, 0.95),
        "verificacion": (0.94, 1.00), "proposito": (0.83, 0.96), "monto": (0.98, 0.98),
        "fecha": (0.90, 0.92), "canal_oficial": (1.00, 0.90), "resumen": (1.00, 1.00),
        "empatia": (0.94, 0.90), "pregunta_abierta": (0.96, 0.85), "amenaza": (0.88, 0.93),
        "insulto": (0.94, 1.00), "falsa_autoridad": (1.00, 1.00), "divulgacion": (0.97, 1.00),
        "presion_indebida": (0.90, 0.84), "cobro_indebido": (0.90, 0.96),
    },
    "prueba_3": {
        "identificacion": (0.89, 0.94), "institucion": (1.00, 0.96), "pregunta_titular": (1.00, 0.88),
        "verificacion": (1.00, 0.89), "proposito": (1.00, 0.85), "monto": (1.00, 0.98),
        "fecha": (0.91, 0.95), "canal_oficial": (0.94, 1.00), "resumen": (0.89, 0.96),
        "empatia": (0.95, 1.00), "pregunta_abierta": (0.93, 0.96), "amenaza": (0.87, 0.84),
        "insulto": (1.00, 1.00), "falsa_autoridad": (1.00, 1.00), "divulgacion": (0.91, 1.00),
        "presion_indebida": (0.93, 0.87), "cobro_indebido": (1.00, 1.00),
    },
    "prueba_4": {
        "identificacion": (0.95, 0.92), "institucion": (0.92, 0.92), "pregunta_titular": (0.90, 1.00),
        "verificacion": (1.00, 0.85), "proposito": (0.88, 0.82), "monto": (0.98, 1.00),
        "fecha": (0.81, 0.95), "canal_oficial": (0.93, 0.88), "resumen": (0.92, 0.88),
        "empatia": (0.92, 0.79), "pregunta_abierta": (0.88, 0.78), "amenaza": (0.87, 0.82),
        "insulto": (0.95, 0.95), "falsa_autoridad": (1.00, 0.92), "divulgacion": (0.95, 1.00),
        "presion_indebida": (0.81, 0.83), "cobro_indebido": (0.92, 0.92),
    },

}

#: (precision, recall) per breach of rules + learner, each author group judged by a learner trained
#: on the others (docs/scripts/juez_grupos.py, judge v3, 2026-12-07, rounded down). Recall is below the
#: 0.95 target for presion_indebida: the floors keep it from falling further.
LEAVE_GROUP_OUT_FLOORS: dict[str, tuple[float, float]] = {
    "amenaza": (0.96, 0.97),
    "insulto": (0.96, 0.97),
    "falsa_autoridad": (0.97, 0.96),
    "divulgacion": (0.95, 1.00),
    "presion_indebida": (0.96, 0.93),
    "cobro_indebido": (0.95, 0.97),
}


def test_every_label_meets_its_target_on_the_development_rows_it_was_tuned_on():
    below = [(score.label, round(score.precision, 2), round(score.recall, 2))
             for score in score_corpus(tuned_rows(load_corpus())) if not score.meets_target]
    assert below == []


def test_no_breach_falls_below_its_leave_group_out_floor():
    rows = load_corpus()
    scores = {score.label: score for score in score_verdicts(rows, leave_group_out(rows))}
    worse = [(label, round(scores[label].precision, 3), round(scores[label].recall, 3))
             for label, (precision, recall) in LEAVE_GROUP_OUT_FLOORS.items()
             if scores[label].precision < precision
             or scores[label].recall < recall]
    assert worse == []


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda path: path.stem)
def test_no_label_falls_below_its_measured_floor_on_each_test_part(path):
    assert path.exists(), f"falta la parte de prueba {path}: sin ella no se mide el juez"
    floors = TEST_FLOORS.get(path.stem, {})
    scores = {score.label: score for score in score_corpus(load_corpus(path))}
    assert set(scores) == set(floors), f"fije los pisos con la lectura de {path.name}"
    worse = [(label, round(scores[label].precision, 3), round(scores[label].recall, 3))
             for label, (precision, recall) in floors.items()
             if scores[label].precision < precision or scores[label].recall < recall]
    assert worse == []
