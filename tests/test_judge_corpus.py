"""The judge's precision and recall on the labelled corpus, recomputed on every run.

The lexicon is tuned on the development part only (datasets/juez/frases_gestor.csv),
where every target is met. The test part is a separate file, datasets/juez/prueba_2.csv,
written by someone who never saw the judge; it is only read here and in
docs/scripts/juez_metricas.py. Its floors are the numbers of its first read, rounded
down, so a change that makes the judge worse on unseen turns fails. Until that read,
``TEST_FLOORS`` is empty and the test fails: a missing measurement is not a pass.
"""

from __future__ import annotations

from simulator.roleplay.judge_corpus import TEST_FILE, load_corpus, score_corpus

#: (precision, recall) per label on the test part, set by its first read (none yet).
TEST_FLOORS: dict[str, tuple[float, float]] = {}


def test_every_label_meets_its_target_on_the_development_part():
    below = [(score.label, round(score.precision, 2), round(score.recall, 2))
             for score in score_corpus(load_corpus()) if not score.meets_target]
    assert below == []


def test_no_label_falls_below_its_measured_floor_on_the_test_part():
    assert TEST_FILE.exists(), f"falta la parte de prueba {TEST_FILE}: sin ella no se mide el juez"
    scores = {score.label: score for score in score_corpus(load_corpus(TEST_FILE))}
    assert set(scores) == set(TEST_FLOORS), "fije los pisos con la primera lectura de prueba_2.csv"
    worse = [(label, round(scores[label].precision, 3), round(scores[label].recall, 3))
             for label, (precision, recall) in TEST_FLOORS.items()
             if scores[label].precision < precision or scores[label].recall < recall]
    assert worse == []
