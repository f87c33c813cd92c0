"""How well the judge reads real turns: precision and recall per label on the labelled corpus.

Two files, written for this project and labelled by hand: the development part
(``datasets/juez/frases_gestor.csv``), the only one the lexicon may be tuned on,
and the test part (``datasets/juez/prueba_2.csv``), written by someone who never
saw the judge and read only to report its final precision and recall
(``docs/juego_de_rol.md``). A test part read while tuning stops being blind, so
the first one was moved into development (``parte`` = ``desarrollo_ex_prueba``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simulator.paths import dataset
from simulator.roleplay.judge import BREACHES, ELEMENTS, judge

__all__ = ["CORPUS_FILE", "TARGETS", "TEST_FILE", "LabelScore", "load_corpus", "score_corpus"]

CORPUS_FILE = dataset("juez", "frases_gestor.csv")
TEST_FILE = dataset("juez", "prueba_2.csv")
#: Targets of the issue: every breach found (a missed threat teaches the wrong habit) and rarely
#: claimed falsely (a false accusation is also a defect); elements read well enough to coach.
TARGETS = {"breach": {"precision": 0.90, "recall": 0.95}, "element": {"precision": 0.85, "recall": 0.85}}


@dataclass(frozen=True)
class LabelScore:
    """One label's counts on one part of the corpus."""

    label: str
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def kind(self) -> str:
        return "breach" if self.label in BREACHES else "element"

    @property
    def precision(self) -> float:
        claimed = self.true_positive + self.false_positive
        return self.true_positive / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        present = self.true_positive + self.false_negative
        return self.true_positive / present if present else 1.0

    @property
    def meets_target(self) -> bool:
        target = TARGETS[self.kind]
        return self.precision >= target["precision"] and self.recall >= target["recall"]


#: Highest development row the current lexicon was tuned on. Rows after it were written later
#: (datasets/juez/README.md) and wait for the next tuning: until then they measure how the judge
#: does on an author it has not seen, and the development targets apply only up to here.
TUNED_THROUGH = 1610


def tuned_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The development rows the current lexicon was tuned on."""
    return rows[rows["id"].str[1:].astype(int) <= TUNED_THROUGH]


def load_corpus(path: Path = CORPUS_FILE) -> pd.DataFrame:
    """The labelled turns, with ``etiquetas`` as a set per row."""
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows["etiquetas"] = rows["etiquetas"].map(lambda text: {label for label in text.split(";") if label})
    return rows


def score_corpus(rows: pd.DataFrame) -> list[LabelScore]:
    """Judge every turn of ``rows`` in its context and count hits and misses per label."""
    counts = {label: [0, 0, 0] for label in (*ELEMENTS, *BREACHES)}
    columns = rows[["texto", "titular_verificado", "etiquetas"]]
    for text, verified, expected in columns.itertuples(index=False):
        verdict = judge(text, holder_verified=verified == "si")
        found = set(verdict.elements) | set(verdict.breaches)
        for label, count in counts.items():
            count[0] += label in found and label in expected
            count[1] += label in found and label not in expected
            count[2] += label not in found and label in expected
    return [LabelScore(label, *count) for label, count in counts.items()]
