"""How well the judge reads real turns: precision and recall per label on the labelled corpus.

Two files, written for this project and labelled by hand: the development part
(``datasets/juez/frases_gestor.csv``), the only one the lexicon and the learner may be
tuned or trained on, and the test part (``datasets/juez/prueba_2.csv``), written by someone
who never saw the judge and read only to report its final precision and recall
(``docs/juego_de_rol.md``). A test part read while tuning stops being blind, so
the first one was moved into development (``parte`` = ``desarrollo_ex_prueba``).
Development scores of a trained judge flatter it; the honest number is leave-one-author-group-out:
each group of rows judged by a learner trained on the other groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from simulator.paths import dataset
from simulator.roleplay.judge import BREACHES, ELEMENTS, Judgement, LearnerChoice, judge, learner_for

__all__ = ["AUTHOR_GROUPS", "TARGETS", "TEST_FILES", "LabelScore", "author_group", "leave_group_out",
           "score_corpus", "score_verdicts"]

#: The test parts, each written by someone who never saw the judge and read only as aggregate
#: numbers, once per version of the judge (datasets/juez/README.md).
TEST_FILES = tuple(dataset("juez", f"prueba_{number}.csv") for number in (2, 3, 4))
#: Targets of the issue: every breach found (a missed threat teaches the wrong habit) and rarely
#: claimed falsely (a false accusation is also a defect); elements read well enough to coach.
TARGETS = {"breach": {"precision": 0.90, "recall": 0.95}, "element": {"precision": 0.85, "recall": 0.85}}
#: Who wrote the development rows and when (datasets/juez/README.md), in writing order.
AUTHOR_GROUPS = ("F0001-F0751", "F0752-F1154", "F1155-F1610", "ex prueba", "F2011-F2460", "sin ajustar")


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


#: Highest development row the lexicon was tuned on and the learner is trained on. Rows after
#: it were written later (datasets/juez/README.md) and wait for the next tuning («sin ajustar»).
TUNED_THROUGH = 2460


def author_group(row_id: str, part: str) -> str:
    """Which batch of writing a development row belongs to (one of ``AUTHOR_GROUPS``)."""
    number = int(row_id[1:])
    if part == "desarrollo_ex_prueba":
        return "ex prueba"
    if number > TUNED_THROUGH:
        return "sin ajustar"
    return next(name for name in AUTHOR_GROUPS if name[0] == "F" and number <= int(name[-4:]))


def tuned_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The development rows the current judge was tuned and trained on."""
    return rows[rows["id"].str[1:].astype(int) <= TUNED_THROUGH]


def _verdicts(rows: pd.DataFrame, learner: LearnerChoice = "corpus") -> list[Judgement]:
    return [judge(text, holder_verified=verified == "si", learner=learner)
            for text, verified in rows[["texto", "titular_verificado"]].itertuples(index=False)]


def leave_group_out(rows: pd.DataFrame) -> list[Judgement]:
    """Each row judged by the rules and a learner trained on the rows of every other author group."""
    groups = [author_group(row_id, part) for row_id, part in rows[["id", "parte"]].itertuples(index=False)]
    verdicts: list[Judgement | None] = [None] * len(rows)
    for name in sorted(set(groups)):
        inside = pd.Series([group == name for group in groups], index=rows.index)
        learner = learner_for(rows[~inside])
        positions = [index for index, group in enumerate(groups) if group == name]
        for position, verdict in zip(positions, _verdicts(rows[inside], learner), strict=True):
            verdicts[position] = verdict
    return [verdict for verdict in verdicts if verdict is not None]


def score_verdicts(rows: pd.DataFrame, verdicts: Sequence[Judgement]) -> list[LabelScore]:
    """Hits and misses per label of ``verdicts``, one per row of ``rows``, against its labels."""
    counts = {label: [0, 0, 0] for label in (*ELEMENTS, *BREACHES)}
    for verdict, expected in zip(verdicts, rows["etiquetas"], strict=True):
        found = set(verdict.elements) | set(verdict.breaches)
        for label, count in counts.items():
            count[0] += label in found and label in expected
            count[1] += label in found and label not in expected
            count[2] += label not in found and label in expected
    return [LabelScore(label, *count) for label, count in counts.items()]


def score_corpus(rows: pd.DataFrame, learner: LearnerChoice = "corpus") -> list[LabelScore]:
    """Judge every turn of ``rows`` in its context and count hits and misses per label."""
    return score_verdicts(rows, _verdicts(rows, learner))
