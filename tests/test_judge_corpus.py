"""The judge's precision and recall on the labelled corpus, recomputed on every run.

The lexicon is tuned on the development part only (datasets/juez/frases_gestor.csv),
where every target is met. The test part is a separate file, datasets/juez/prueba_2.csv,
written by someone who never saw the judge; it is only read here and in
docs/scripts/juez_metricas.py. Its floors are the numbers of its first read, rounded
down, so a change that makes the judge worse on unseen turns fails; a missing file or
missing floors fail too: a measurement not made is not a pass.

The learner is trained on every development row, so its development scores are in-sample like
the rules' always were; the honest number is leave-one-author-group-out, guarded by floors of its
own (docs/juego_de_rol.md, «Precisión del juez»).
"""

from __future__ import annotations

from simulator.roleplay.judge_corpus import (
    TEST_FILE,
    leave_group_out,
    score_corpus,
    score_verdicts,
    tuned_rows,
)
from simulator.roleplay.judge_learner import load_corpus

#: (precision, recall) per label on the test part, from its single read on 2026-12-07 (rounded down).
TEST_FLOORS: dict[str, tuple[float, float]] = {
    "identificacion": (0.96, 0.91),
    "institucion": (0.88, 0.88),
    "pregunta_titular": (0.95, 0.90),
    "verificacion": (0.94, 1.00),
    "proposito": (0.85, 0.93),
    "monto": (0.98, 0.98),
    "fecha": (0.90, 0.92),
    "canal_oficial": (1.00, 0.92),
    "resumen": (1.00, 1.00),
    "empatia": (0.94, 0.90),
    "pregunta_abierta": (0.96, 0.85),
    "amenaza": (0.85, 0.93),
    "insulto": (0.96, 0.90),
    "falsa_autoridad": (1.00, 0.93),
    "divulgacion": (1.00, 1.00),
    "presion_indebida": (0.88, 0.68),
    "cobro_indebido": (1.00, 0.90),
}

#: (precision, recall) per breach of rules + learner, each author group judged by a learner trained
#: on the others (docs/scripts/juez_grupos.py, 2026-12-07, rounded down). Recall is below the 0.95
#: target for amenaza, falsa_autoridad and presion_indebida: the floors keep it from falling further.
LEAVE_GROUP_OUT_FLOORS: dict[str, tuple[float, float]] = {
    "amenaza": (0.95, 0.92),
    "insulto": (0.95, 0.96),
    "falsa_autoridad": (0.95, 0.94),
    "divulgacion": (0.95, 1.00),
    "presion_indebida": (0.95, 0.84),
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


def test_no_label_falls_below_its_measured_floor_on_the_test_part():
    assert TEST_FILE.exists(), f"falta la parte de prueba {TEST_FILE}: sin ella no se mide el juez"
    scores = {score.label: score for score in score_corpus(load_corpus(TEST_FILE))}
    assert set(scores) == set(TEST_FLOORS), "fije los pisos con la primera lectura de prueba_2.csv"
    worse = [(label, round(scores[label].precision, 3), round(scores[label].recall, 3))
             for label, (precision, recall) in TEST_FLOORS.items()
             if scores[label].precision < precision or scores[label].recall < recall]
    assert worse == []
