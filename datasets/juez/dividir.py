"""Check the judge's development corpus and print its table of labels.

The split is by file: every row of ``frases_gestor.csv`` is development, and the test part
is the separate ``prueba_2.csv``, written by someone who never saw the judge. The first test
part of this file was read three times while tuning, so it was moved into development with
``parte`` = ``desarrollo_ex_prueba``: it stays told apart to measure how the judge does on
rows it was not tuned on row by row. New rows get ``desarrollo``; this tool fills an empty
``parte`` with it. ``--comprobar`` assigns nothing and fails if a ``parte`` is another value.

    python datasets/juez/dividir.py              # fill empty parts, print the table
    python datasets/juez/dividir.py --comprobar  # only check and print the table
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).with_name("frases_gestor.csv")
COLUMNS = ["id", "texto", "pais", "momento", "titular_verificado", "etiquetas", "parte"]
ELEMENTS = ["identificacion", "institucion", "pregunta_titular", "verificacion", "proposito", "monto",
            "fecha", "canal_oficial", "resumen", "empatia", "pregunta_abierta"]
BREACHES = ["amenaza", "insulto", "falsa_autoridad", "divulgacion", "presion_indebida", "cobro_indebido"]
LABELS = ELEMENTS + BREACHES
DEV, EX_TEST = "desarrollo", "desarrollo_ex_prueba"


def labels_of(row: dict[str, str]) -> list[str]:
    """The row's labels, in file order."""
    return [label for label in row["etiquetas"].split(";") if label]


def assign(rows: list[dict[str, str]]) -> int:
    """Fill empty ``parte`` cells in place with development; returns how many rows were filled."""
    pending = [row for row in rows if not row["parte"]]
    for row in pending:
        row["parte"] = DEV
    return len(pending)


def table(rows: list[dict[str, str]]) -> tuple[str, list[str]]:
    """Markdown table of positives per label, by where the rows came from, and ids of any other ``parte``."""
    lines = ["| etiqueta | desarrollo | ex prueba | total |", "|---|---:|---:|---:|"]
    off = [row["id"] for row in rows if row["parte"] not in (DEV, EX_TEST)]
    counts = {part: Counter(label for row in rows if row["parte"] == part for label in labels_of(row))
              for part in (DEV, EX_TEST)}
    for label in LABELS:
        dev, old = counts[DEV][label], counts[EX_TEST][label]
        lines.append(f"| `{label}` | {dev} | {old} | {dev + old} |")
    parts = Counter(row["parte"] for row in rows)
    clean = Counter(row["parte"] for row in rows if not set(labels_of(row)) & set(BREACHES))
    lines.append(f"| filas | {parts[DEV]} | {parts[EX_TEST]} | {parts[DEV] + parts[EX_TEST]} |")
    lines.append(f"| filas sin falta | {clean[DEV]} | {clean[EX_TEST]} | {clean[DEV] + clean[EX_TEST]} |")
    return "\n".join(lines), off


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Revisa el corpus de desarrollo del juez.")
    parser.add_argument("--comprobar", action="store_true", help="solo revisar, sin tocar filas nuevas")
    args = parser.parse_args(argv)
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not args.comprobar:
        count = assign(rows)
        with CORPUS.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"filas nuevas en desarrollo: {count}")
    text, off = table(rows)
    print(text)
    if off:
        print(f"filas con otra parte: {', '.join(off)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
