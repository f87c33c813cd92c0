"""Assign the development/test split of the judge's corpus and check it.

Rows that already have a ``parte`` keep it: the test part must never move once a judge has been
tuned against the development part. Only rows with an empty ``parte`` are assigned, rarest labels
first, each to the part that has filled the smallest fraction of its 60/40 target for the row's
labels (and country, moment and "no label"). ``--comprobar`` assigns nothing and fails if a label
has less than half of its rows in development (rows written only for development, after the judge
was first measured, push its share above 60 %).

    python datasets/juez/dividir.py              # assign new rows, print the table
    python datasets/juez/dividir.py --comprobar  # only check and print the table
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).with_name("frases_gestor.csv")
COLUMNS = ["id", "texto", "pais", "momento", "titular_verificado", "etiquetas", "parte"]
ELEMENTS = ["identificacion", "institucion", "pregunta_titular", "verificacion", "proposito", "monto",
            "fecha", "canal_oficial", "resumen", "empatia", "pregunta_abierta"]
BREACHES = ["amenaza", "insulto", "falsa_autoridad", "divulgacion", "presion_indebida", "cobro_indebido"]
LABELS = ELEMENTS + BREACHES
DEV, TEST = "desarrollo", "prueba"
DEV_SHARE = 0.6
#: Labels weigh most; country, moment and "no label" only break near-ties.
CONTEXT_WEIGHT = 0.25


def labels_of(row: dict[str, str]) -> list[str]:
    """The row's labels, in file order."""
    return [label for label in row["etiquetas"].split(";") if label]


def strata(row: dict[str, str]) -> dict[str, float]:
    """The keys the split balances for this row, with their weights."""
    keys = {label: 1.0 for label in labels_of(row)} or {"sin_etiquetas": 1.0}
    keys[f"pais:{row['pais']}"] = CONTEXT_WEIGHT
    keys[f"momento:{row['momento']}"] = CONTEXT_WEIGHT
    return keys


def stable_key(row_id: str) -> str:
    """A fixed pseudo-random order for ties, independent of Python's hash seed."""
    return hashlib.sha256(row_id.encode("utf-8")).hexdigest()


def unfilled(keys: dict[str, float], placed: Counter[str], target: dict[str, float]) -> float:
    """Weighted fraction of a part's target still missing for these keys: the part that lags gets the row."""
    return sum(weight * (1 - placed[key] / target[key]) for key, weight in keys.items())


def assign(rows: list[dict[str, str]]) -> int:
    """Fill empty ``parte`` cells in place; returns how many rows were assigned."""
    totals: Counter[str] = Counter(key for row in rows for key in strata(row))
    placed = {DEV: Counter(), TEST: Counter()}
    for row in rows:
        if row["parte"]:
            placed[row["parte"]].update(strata(row).keys())
    pending = [row for row in rows if not row["parte"]]
    pending.sort(key=lambda row: (min(totals[key] for key in strata(row)), stable_key(row["id"])))
    targets = {part: {key: share * count for key, count in totals.items()}
               for part, share in ((DEV, DEV_SHARE), (TEST, 1 - DEV_SHARE))}
    for row in pending:
        keys = strata(row)
        lags = {part: unfilled(keys, placed[part], targets[part]) for part in (DEV, TEST)}
        part = DEV if lags[DEV] >= lags[TEST] else TEST
        row["parte"] = part
        placed[part].update(keys)
    return len(pending)


def table(rows: list[dict[str, str]]) -> tuple[str, list[str]]:
    """Markdown table of positives per label and part, and the labels with under 50 % in development."""
    lines = ["| etiqueta | desarrollo | prueba | total | % desarrollo |", "|---|---:|---:|---:|---:|"]
    off = []
    counts = {part: Counter(label for row in rows if row["parte"] == part for label in labels_of(row))
              for part in (DEV, TEST)}
    for label in LABELS:
        dev, test = counts[DEV][label], counts[TEST][label]
        share = dev / (dev + test) if dev + test else 0.0
        if share < 0.5:
            off.append(label)
        lines.append(f"| `{label}` | {dev} | {test} | {dev + test} | {share:.0%} |")
    parts = Counter(row["parte"] for row in rows)
    clean = Counter(row["parte"] for row in rows if not set(labels_of(row)) & set(BREACHES))
    lines.append(f"| filas | {parts[DEV]} | {parts[TEST]} | {len(rows)} | {parts[DEV] / len(rows):.0%} |")
    lines.append(f"| filas sin falta | {clean[DEV]} | {clean[TEST]} | {clean[DEV] + clean[TEST]} | "
                 f"{clean[DEV] / (clean[DEV] + clean[TEST]):.0%} |")
    return "\n".join(lines), off


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Asigna y revisa la partición desarrollo/prueba del corpus.")
    parser.add_argument("--comprobar", action="store_true", help="solo revisar, sin asignar filas nuevas")
    args = parser.parse_args(argv)
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not args.comprobar:
        count = assign(rows)
        with CORPUS.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"filas asignadas: {count}")
    text, off = table(rows)
    print(text)
    if off:
        print(f"con menos del 50 % en desarrollo: {', '.join(off)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
