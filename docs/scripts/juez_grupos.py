"""Precision and recall of each breach on each group of development rows: how the judge does off its tuning.

Rules fitted to whoever tunes them score near 1.00 on the rows they were tuned on; what
matters is the rows that did not guide them. The groups are who wrote the rows and when
(datasets/juez/README.md): the first 451 development rows, 403 rows written after the first
test read, 456 by another person after the second, the 300 of the retired test part, never
tuned on row by row, in two fixed halves («vista» may be read row by row to find which kinds of
wording fail, «ciega» only as these numbers), and the rows written after the last tuning
(«sin ajustar», past ``TUNED_THROUGH``). Only development rows are read.

    python docs/scripts/juez_grupos.py
"""

from __future__ import annotations

import hashlib

import pandas as pd

from simulator.roleplay.judge import BREACHES
from simulator.roleplay.judge_corpus import TUNED_THROUGH, load_corpus, score_corpus


def group_of(row: pd.Series) -> str:
    """Which batch of writing a development row belongs to."""
    number = int(row["id"][1:])
    if row["parte"] == "desarrollo_ex_prueba":
        odd = int(hashlib.sha256(row["id"].encode("utf-8")).hexdigest(), 16) % 2
        return "ex prueba ciega" if odd else "ex prueba vista"
    if number > TUNED_THROUGH:
        return "sin ajustar"
    return "F0001-F0751" if number <= 751 else "F0752-F1154" if number <= 1154 else "F1155-F1610"


def main() -> None:
    rows = load_corpus()
    groups = rows.apply(group_of, axis=1)
    names = sorted(set(groups))
    scores = {name: {score.label: score for score in score_corpus(rows[groups == name])} for name in names}
    print("| falta | " + " | ".join(f"{name} ({(groups == name).sum()}): P | R" for name in names) + " |")
    print("|---|" + "---|---|" * len(names))
    for label in BREACHES:
        cells = " | ".join(f"{scores[name][label].precision:.2f} | {scores[name][label].recall:.2f}"
                           for name in names)
        print(f"| `{label}` | {cells} |")


if __name__ == "__main__":
    main()
