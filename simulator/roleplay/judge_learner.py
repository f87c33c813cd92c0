"""A second signal for the judge: per-breach logistic regressions on the labelled development rows.

The rules of ``juez.yaml`` fit whoever tuned them; a new author's veiled breaches slip past
them (docs/juego_de_rol.md, «Precisión del juez»). A linear model on character n-grams (2-5,
inside word boundaries) and word n-grams (1-2) of the judge's normalised text catches wording
that only resembles labelled breaches. It is trained at first use from the shipped CSV (no
pickle, no network) in one to four seconds, deterministically (liblinear in its dual form, fixed
``random_state``); its thresholds were chosen by leave-one-author-group-out on development
(``docs/scripts/juez_grupos.py --umbrales``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from simulator.paths import dataset

__all__ = ["CORPUS_FILE", "THRESHOLDS", "Learner", "load_corpus"]

CORPUS_FILE = dataset("juez", "frases_gestor.csv")
#: Probability from which the learner claims a breach the rules missed, chosen with the
#: leave-group-out probabilities of the development rows to keep each breach's precision >= 0.95
#: (``docs/scripts/juez_grupos.py``).
THRESHOLDS = {"amenaza": 0.95, "insulto": 0.65, "falsa_autoridad": 0.74, "divulgacion": 0.48,
              "presion_indebida": 0.91, "cobro_indebido": 0.60}
#: At most how many of the sentence's words are named as the evidence of a learner's hit, and the
#: share of the strongest word's weight another word needs to be named too.
_EVIDENCE = 3
_SHARE = 0.5
#: A word that can be evidence: "que" or "la" weigh in every sentence and explain nothing.
_WORD = re.compile(r"[a-z]{4,}")


def load_corpus(path: Path = CORPUS_FILE) -> pd.DataFrame:
    """The labelled turns, with ``etiquetas`` as a set per row."""
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows["etiquetas"] = rows["etiquetas"].map(lambda text: {label for label in text.split(";") if label})
    return rows


def _features() -> FeatureUnion:
    return FeatureUnion([
        ("letras", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ("palabras", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
    ])


@dataclass(frozen=True)
class Learner:
    """One fitted vocabulary and one logistic regression per breach, over normalised texts."""

    features: FeatureUnion
    models: dict[str, LogisticRegression]

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[set[str]], breaches: Sequence[str]) -> Learner:
        """Train on normalised ``texts`` whose label sets are ``labels``."""
        features = _features()
        matrix = features.fit_transform(texts)
        models = {}
        for breach in breaches:
            model = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear", dual=True,
                                       random_state=0)
            models[breach] = model.fit(matrix, np.array([breach in found for found in labels]))
        return cls(features, models)

    def probabilities(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Each breach's probability for each normalised text."""
        matrix = self.features.transform(texts)
        return {breach: model.predict_proba(matrix)[:, 1] for breach, model in self.models.items()}

    def claims(self, text: str, breaches: Sequence[str]) -> list[str]:
        """The ``breaches`` whose probability for ``text`` reaches its threshold."""
        found = self.probabilities([text])
        return [breach for breach in breaches if found[breach][0] >= THRESHOLDS[breach]]

    def evidence(self, text: str, breach: str) -> list[tuple[int, int]]:
        """Where the words that raise ``breach`` most sit in ``text``: the score lost leaving each out."""
        words = list(_WORD.finditer(text))
        if not words:
            return []
        variants = [text] + [text[:word.start()] + text[word.end():] for word in words]
        scores = self.models[breach].decision_function(self.features.transform(variants))
        lift = scores[0] - scores[1:]
        ranked = sorted(range(len(words)), key=lambda index: (-lift[index], index))
        best = [index for index in ranked[:_EVIDENCE] if lift[index] >= _SHARE * lift[ranked[0]]]
        return [words[index].span() for index in sorted(best)]
