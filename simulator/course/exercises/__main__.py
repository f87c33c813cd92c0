"""``python -m simulator.course.exercises``: build the student notebooks, check them, list exercises."""

from __future__ import annotations

import sys
from pathlib import Path

from simulator.argparse_es import SpanishParser
from simulator.course.exercises.build import SOURCE_DIR, STUDENT_DIR, build, stale
from simulator.course.exercises.catalog import all_exercises
from simulator.errors import CobranzaError

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status (1 when ``build --check`` finds drift, 2 on a bad source)."""
    parser = SpanishParser(prog="python -m simulator.course.exercises",
                                     description="Ejercicios del curso: genera las versiones del estudiante.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACCION",
                                    parser_class=SpanishParser)
    make = actions.add_parser("build", help="genera exercises/*.ipynb desde exercises/fuentes/*.ipynb")
    make.add_argument("--check", action="store_true",
                      help="no escribe nada; falla si alguna versión del estudiante no está al día")
    make.add_argument("--fuentes", type=Path, default=SOURCE_DIR, metavar="CARPETA",
                      help="carpeta de los cuadernos con solución (exercises/fuentes)")
    make.add_argument("--destino", type=Path, default=STUDENT_DIR, metavar="CARPETA",
                      help="carpeta de las versiones del estudiante (exercises)")
    actions.add_parser("list", help="lista los ejercicios registrados")
    args = parser.parse_args(argv)
    try:
        if args.action == "list":
            for key, exercise in all_exercises().items():
                print(f"{key}\t{exercise.title}")
            return 0
        if args.check:
            problems = stale(args.fuentes, args.destino)
            for line in problems:
                print(line, file=sys.stderr)
            if problems:
                print("Regenere con: python -m simulator.course.exercises build", file=sys.stderr)
            return 1 if problems else 0
        for path in build(args.fuentes, args.destino):
            print(f"escrito {path}")
        return 0
    except CobranzaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
