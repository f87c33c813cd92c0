"""Print the table «Precisión del juez» of docs/juego_de_rol.md: precision and recall per label.

The development part (datasets/juez/frases_gestor.csv, up to ``TUNED_THROUGH``) is the one the
lexicon is tuned and the learner trained on, so its scores are in-sample (the honest numbers are
leave-group-out, docs/scripts/juez_grupos.py). The test parts (``TEST_FILES``) are read only to
report, once per version of the judge, when the version is closed (datasets/juez/README.md).
``--solo-desarrollo`` leaves them unread, for use while tuning:

    python docs/scripts/juez_metricas.py --solo-desarrollo   # while tuning
    python docs/scripts/juez_metricas.py                     # the final read
"""

from __future__ import annotations

import argparse

from simulator.roleplay.judge_corpus import TARGETS, TEST_FILES, score_corpus, tuned_rows
from simulator.roleplay.judge_learner import load_corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Precisión y exhaustividad del juez por etiqueta.")
    parser.add_argument("--solo-desarrollo", action="store_true", help="no leer las partes de prueba")
    args = parser.parse_args(argv)
    parts = {"desarrollo": score_corpus(tuned_rows(load_corpus()))}
    if not args.solo_desarrollo:
        parts |= {path.stem: score_corpus(load_corpus(path)) for path in TEST_FILES}
    header = "".join(f" {name}: P | R |" + ("" if name == "desarrollo" else " ¿cumple? |") for name in parts)
    print("| etiqueta | meta (P / R) |" + header)
    print("|---|---|" + "".join("---|---|" + ("" if name == "desarrollo" else "---|") for name in parts))
    for row in zip(*parts.values(), strict=True):
        target = TARGETS[row[0].kind]
        cells = "".join(f" {score.precision:.2f} | {score.recall:.2f} |"
                        + ("" if name == "desarrollo" else f" {'sí' if score.meets_target else 'no'} |")
                        for name, score in zip(parts, row, strict=True))
        print(f"| `{row[0].label}` | {target['precision']:.2f} / {target['recall']:.2f} |{cells}")


if __name__ == "__main__":
    main()
