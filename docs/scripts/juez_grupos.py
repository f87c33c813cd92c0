"""Leave-one-author-group-out: each breach's precision and recall per group, rules alone and rules + learner.

Rules fitted to whoever tunes them score near 1.00 on the rows they were tuned on, and a
learner scores near 1.00 on the rows it was trained on; what matters is the rows that did not
guide them. The groups are who wrote the rows and when (datasets/juez/README.md, ``AUTHOR_GROUPS``).
Each group is judged by the rules and by a learner trained on the other groups only. The rules
were tuned on the first four groups and, from version 3 on, on the even rows of F2011-F2460, so
«reglas» is not blind there; the odd rows of F2011-F2460 were not looked at (docs/juego_de_rol.md).
Only development rows are read. ``--umbrales`` prints, for each breach, the learner's threshold
that keeps the pooled leave-group-out precision at 0.95 or more with the most recall.

    python docs/scripts/juez_grupos.py [--umbrales]
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from simulator.roleplay.judge import BREACHES, judge, learner_for, learner_text, load_lexicon
from simulator.roleplay.judge_corpus import AUTHOR_GROUPS, author_group, leave_group_out, score_verdicts
from simulator.roleplay.judge_learner import load_corpus

#: Pooled precision the thresholds keep.
_PRECISION = 0.95


def _cells(rows: pd.DataFrame, verdicts: list, groups: pd.Series, names: list[str]) -> dict:
    """(precision, recall) per breach and group, plus the total."""
    cells = {}
    for name in [*names, "total"]:
        inside = (groups == name) if name != "total" else pd.Series(True, index=rows.index)
        chosen = [verdict for verdict, keep in zip(verdicts, inside, strict=True) if keep]
        cells[name] = {score.label: score for score in score_verdicts(rows[inside], chosen)}
    return cells


def thresholds(rows: pd.DataFrame, groups: pd.Series, rules: list) -> dict[str, float]:
    """Each breach's lowest-risk threshold on the pooled leave-group-out probabilities."""
    probability = {breach: np.zeros(len(rows)) for breach in BREACHES}
    texts = np.array([learner_text(text) for text in rows["texto"]], dtype=object)
    for name in sorted(set(groups)):
        inside = (groups == name).to_numpy()
        for breach, values in learner_for(rows[~inside]).probabilities(list(texts[inside])).items():
            probability[breach][inside] = values
    lexicon = load_lexicon()
    verified = (rows["titular_verificado"] == "si").to_numpy()
    chosen = {}
    for breach in BREACHES:
        rule = lexicon.rule(breach)
        applies = (~verified if rule.solo_sin_titular else verified if rule.solo_con_titular
                   else np.ones(len(rows), dtype=bool))
        said = np.array([breach in verdict.breaches for verdict in rules])
        truth = np.array([breach in labels for labels in rows["etiquetas"]])
        best = (1.0, 0)
        for cut in np.round(np.arange(0.30, 0.99, 0.01), 2):
            claimed = said | (applies & (probability[breach] >= cut))
            hits = int((claimed & truth).sum())
            if hits / max(int(claimed.sum()), 1) >= _PRECISION and hits > best[1]:
                best = (float(cut), hits)
        chosen[breach] = best[0]
    return chosen


def main() -> None:
    rows = load_corpus()
    pairs = rows[["id", "parte"]].itertuples(index=False)
    groups = pd.Series([author_group(row_id, part) for row_id, part in pairs], index=rows.index)
    names = [name for name in AUTHOR_GROUPS if (groups == name).any()]
    rules = [judge(text, holder_verified=verified == "si", learner=None)
             for text, verified in rows[["texto", "titular_verificado"]].itertuples(index=False)]
    if "--umbrales" in sys.argv:
        print(thresholds(rows, groups, rules))
        return
    alone, both = _cells(rows, rules, groups, names), _cells(rows, leave_group_out(rows), groups, names)
    sizes = {**{name: int((groups == name).sum()) for name in names}, "total": len(rows)}
    print("| falta | " + " | ".join(f"{name} ({sizes[name]}): reglas P / R | + aprendiz P / R"
                                    for name in [*names, "total"]) + " |")
    print("|---|" + "---|---|" * (len(names) + 1))
    for label in BREACHES:
        cells = " | ".join(f"{alone[name][label].precision:.2f} / {alone[name][label].recall:.2f} | "
                           f"{both[name][label].precision:.2f} / {both[name][label].recall:.2f}"
                           for name in [*names, "total"])
        print(f"| `{label}` | {cells} |")


if __name__ == "__main__":
    main()
