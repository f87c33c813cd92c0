"""Print the table «Precisión del juez» of docs/juego_de_rol.md: precision and recall per label on both parts.

The development part (datasets/juez/frases_gestor.csv, up to ``TUNED_THROUGH``) is the one
the lexicon is tuned and the learner trained on (so its scores are in-sample; the honest
numbers are leave-group-out, docs/scripts/juez_grupos.py); the test part
(datasets/juez/prueba_2.csv) is read only to report, once, at the end (datasets/juez/README.md);
while it does not exist, only development is
printed. ``--solo-desarrollo`` leaves it unread, for use while tuning. Rerun after any change to the lexicon
(simulator/roleplay/juez.yaml) and paste the output over the table:

    python docs/scripts/juez_metricas.py --solo-desarrollo   # while tuning
    python docs/scripts/juez_metricas.py                     # the final read
"""

from __future__ import annotations

import argparse
import sys

from simulator.roleplay.judge_corpus import TARGETS, TEST_FILE, score_corpus, tuned_rows
from simulator.roleplay.judge_learner import load_corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Precisión y exhaustividad del juez por etiqueta.")
    parser.add_argument("--solo-desarrollo", action="store_true", help="no leer la parte de prueba")
    args = parser.parse_args(argv)
    dev = {score.label: score for score in score_corpus(tuned_rows(load_corpus()))}
    if args.solo_desarrollo or not TEST_FILE.exists():
        if not args.solo_desarrollo:
            print(f"(sin parte de prueba: falta {TEST_FILE.name})", file=sys.stderr)
        print("| etiqueta | meta (P / R) | desarrollo: P | R |")
        print("|---|---|---|---|")
        for label, score in dev.items():
            target = TARGETS[score.kind]
            print(f"| `{label}` | {target['precision']:.2f} / {target['recall']:.2f} | "
                  f"{score.precision:.2f} | {score.recall:.2f} |")
        return
    test = {score.label: score for score in score_corpus(load_corpus(TEST_FILE))}
    print("| etiqueta | meta (P / R) | desarrollo: P | R | prueba: P | R | prueba: ¿cumple? |")
    print("|---|---|---|---|---|---|---|")
    for label, score in test.items():
        target = TARGETS[score.kind]
        print(f"| `{label}` | {target['precision']:.2f} / {target['recall']:.2f} | "
              f"{dev[label].precision:.2f} | {dev[label].recall:.2f} | "
              f"{score.precision:.2f} | {score.recall:.2f} | {'sí' if score.meets_target else 'no'} |")


if __name__ == "__main__":
    main()
