"""The ``progress`` subcommand: a trainer's cohort report in the terminal and as CSV, review pages and
the trainer's decisions from them.

Kept apart so that ``simulator/cli/main.py`` only registers it, like the other
command groups. A missing or broken progress file is a one-line Spanish error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.course.decisions import apply_decisions
from simulator.course.gradebook import (
    activity_table,
    cohort_table,
    exam_table,
    load_results,
    topic_table,
    weak_topics,
)
from simulator.course.progress import STORE_VARIABLE, ProgressStore, ReviewError
from simulator.course.trainee import progress_path
from simulator.output_paths import check_file, prepare_folder, writing
from simulator.safe_text import printable, shorten, spreadsheet_safe
from simulator.ui.transcripts import INDEX_PAGE, write_transcripts

__all__ = ["COMMANDS", "add_commands"]


def add_commands(commands) -> None:
    """Register ``progress`` on the CLI's subparsers."""
    progress = commands.add_parser(
        "progress", help="avance de una cohorte: alumnos, temas débiles, exportación CSV",
        description="Lee el archivo de avance de la cohorte y muestra, por alumno, las actividades "
                    "intentadas y aprobadas (al primer intento y alguna vez), por tema qué parte aprobó el "
                    "grupo al primer intento, y el examen final: puntaje del primer intento y el mejor.",
    )
    progress.add_argument("--db", metavar="SQLITE",
                          help=f"archivo de avance (por omisión ${STORE_VARIABLE} o "
                               "~/.cobranza/avance.sqlite)")
    progress.add_argument("--csv", metavar="SALIDA",
                          help="escribe una fila por alumno y actividad (intentos, aprobada, puntajes)")
    progress.add_argument("--transcripts", metavar="CARPETA",
                          help="escribe una página HTML por alumno con sus respuestas escritas en los juegos "
                               "de rol, sus marcas revisadas y botones para confirmarlas o corregirlas, y un "
                               "index.html con la lista de alumnos")
    progress.add_argument("--apply-reviews", metavar="DECISIONES.json",
                          help="guarda las decisiones descargadas de las páginas de --transcripts (todas o "
                               "ninguna: si una no es válida, no se guarda nada); requiere --reviewer")
    progress.add_argument("--reviewer", metavar="NOMBRE", help="nombre de quien revisa, para --apply-reviews")
    progress.add_argument("--json", action="store_true", help="salida JSON en una línea")


def _progress(args: argparse.Namespace) -> int:
    if args.csv:
        check_file(args.csv, "--csv")
    if args.transcripts:
        prepare_folder(args.transcripts, "--transcripts")
    path = args.db or progress_path()
    if args.apply_reviews:
        _apply(path, args.apply_reviews, args.reviewer)
    results = load_results(path)
    _warn_damaged(results)
    if args.transcripts:
        with writing(args.transcripts, "--transcripts"):
            pages = write_transcripts(results, ProgressStore(path).reviews(), Path(args.transcripts))
        for page, name in pages:
            print(f"Respuestas escritas de {printable(name)}: {printable(page)}", file=sys.stderr)
        print(f"Índice de la revisión: {printable(Path(args.transcripts) / INDEX_PAGE)}", file=sys.stderr)
    cohort, topics, weak = cohort_table(results), topic_table(results), weak_topics(results)
    exam = exam_table(results)
    if args.csv:
        with writing(args.csv, "--csv"):  # BOM: Excel reads the accents; names are never formulas
            spreadsheet_safe(activity_table(results)).to_csv(args.csv, index=False, encoding="utf-8-sig")
        print(f"Tabla por alumno y actividad escrita en {printable(args.csv)}", file=sys.stderr)
    if args.json:
        print(json.dumps({"trainees": cohort.to_dict("records"), "topics": topics.to_dict("records"),
                          "weak_topics": weak, "exam": exam.to_dict("records")}, ensure_ascii=False))
        return 0
    print("Alumnos\n" + _text(cohort))
    print("\nTemas\n" + _text(topics))
    print("\nTemas débiles (por primer intento): " + (printable(", ".join(weak)) if weak else "ninguno"))
    print("\nExamen final (cuenta el primer intento completo)\n" + _text(exam))
    return 0


def _apply(path, decisions: str, reviewer: str | None) -> None:
    """Save the trainer's decisions file before any report, so the tables and pages show them."""
    if not reviewer or not reviewer.strip():
        raise ReviewError("--apply-reviews necesita --reviewer NOMBRE (quién revisó)")
    saved, given = apply_decisions(ProgressStore(path), decisions, reviewer)
    print(f"Revisiones: {saved} guardadas de {given} decisiones "
          f"({given - saved} ya estaban guardadas)", file=sys.stderr)


def _text(table) -> str:
    """A table for the terminal; names typed by learners cannot send it escape codes."""
    if not len(table):
        return "(todavía sin resultados)"
    return "\n".join(printable(line) for line in table.to_string(index=False).splitlines())


def _warn_damaged(results) -> None:
    """Say which saved results had unreadable details; they still count in the tables."""
    damaged = results.loc[~results["details_readable"], "trainee"]
    if len(damaged):
        who = shorten(", ".join(sorted(set(map(str, damaged)))))
        print(f"aviso: {len(damaged)} resultado(s) con detalles ilegibles (de {who}); se cuentan con "
              "su puntaje, sin los detalles", file=sys.stderr)


COMMANDS = {"progress": _progress}
