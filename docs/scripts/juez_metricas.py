"""Print the table «Precisión del juez» of docs/juego_de_rol.md: precision and recall per label on both parts.

The development part is the one the lexicon is tuned on; the test part is read
only to report (datasets/juez/README.md). Rerun after any change to the lexicon
(simulator/roleplay/juez.yaml) and paste the output over the table:

    python docs/scripts/juez_metricas.py
"""

from __future__ import annotations

from simulator.roleplay.judge_corpus import TARGETS, load_corpus, score_corpus


def main() -> None:
    rows = load_corpus()
    parts = {part: {score.label: score for score in score_corpus(rows, part)} for part in ("desarrollo", "prueba")}
    print("| etiqueta | meta (P / R) | desarrollo: P | R | prueba: P | R | prueba: ¿cumple? |")
    print("|---|---|---|---|---|---|---|")
    for label, test in parts["prueba"].items():
        dev = parts["desarrollo"][label]
        target = TARGETS[test.kind]
        print(f"| `{label}` | {target['precision']:.2f} / {target['recall']:.2f} | {dev.precision:.2f} | "
              f"{dev.recall:.2f} | {test.precision:.2f} | {test.recall:.2f} | "
              f"{'sí' if test.meets_target else 'no'} |")


if __name__ == "__main__":
    main()
