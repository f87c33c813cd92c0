"""Command line: ``python -m simulator run ...`` with Spanish help and errors.

Bad input never shows a traceback: a :class:`CobranzaError` is printed as one
line naming file, line/row and field, and the command exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from simulator.errors import CobranzaError
from simulator.kpis import KPI_LABELS

__all__ = ["main"]

_ARGPARSE_SPANISH = (
    ("the following arguments are required", "faltan los argumentos obligatorios"),
    ("unrecognized arguments", "argumentos no reconocidos"),
    ("invalid choice", "opción no válida"),
    ("choose from", "elija entre"),
    ("invalid int value", "se esperaba un número entero, se leyó"),
    ("expected one argument", "falta el valor de la opción"),
    ("argument ", "argumento "),
)


class SpanishFormatter(argparse.HelpFormatter):
    """Help text with a Spanish "uso:" heading."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


class SpanishParser(argparse.ArgumentParser):
    """argparse with Spanish headings, usage errors translated and exit status 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", SpanishFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")

    def error(self, message: str) -> None:  # noqa: D401 - argparse hook
        for english, spanish in _ARGPARSE_SPANISH:
            message = message.replace(english, spanish)
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def _int_at_least(minimum: int, what: str):
    """An argparse type: an integer not below ``minimum``, with a Spanish error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"se esperaba un número entero, se leyó {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{what} debe ser {minimum} o más, se leyó {value}")
        return value

    return parse


_positive_int = _int_at_least(1, "el valor")
_seed = _int_at_least(0, "la semilla")


def build_parser() -> argparse.ArgumentParser:
    """The CLI's argument parser (Spanish help)."""
    parser = SpanishParser(
        prog="python -m simulator",
        description="Simulador de cartera de cobranza del curso Cobranza.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMANDO",
                                     parser_class=SpanishParser)
    run = commands.add_parser(
        "run", help="simula una estrategia sobre una cartera",
        description="Simula una estrategia de cobranza sobre una cartera y muestra los "
                    "indicadores con su intervalo de confianza del 95 %.",
    )
    run.add_argument("--portfolio", required=True, metavar="CSV", help="cartera (CSV)")
    run.add_argument("--strategy", required=True, metavar="YAML", help="estrategia (YAML)")
    run.add_argument("--days", type=_positive_int, default=180, metavar="DIAS", help="días simulados (180)")
    run.add_argument("--seed", type=_seed, default=7, metavar="SEMILLA",
                     help="semilla: misma semilla, mismos números")
    run.add_argument("--replications", type=_positive_int, default=3, metavar="REPLICAS",
                     help="réplicas independientes (3)")
    run.add_argument("--compliance", choices=("on", "off"), default="on",
                     help="off: ejecuta contactos prohibidos para ver qué reglas rompería")
    run.add_argument("--parameters", metavar="YAML", help="parámetros del modelo (por omisión "
                     "los del paquete)")
    run.add_argument("--audit-log", metavar="CSV",
                     help="guarda cada intento de contacto con la regla que lo permitió o bloqueó")
    run.add_argument("--json", action="store_true", help="salida JSON en una línea")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except CobranzaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from simulator.parameters import load_parameters
    from simulator.portfolio import load_portfolio
    from simulator.runner import run_strategy
    from simulator.strategies import load_strategy

    strategy = load_strategy(args.strategy)
    portfolio = load_portfolio(args.portfolio)
    parameters = load_parameters(args.parameters)
    result = run_strategy(
        portfolio, strategy, parameters, days=args.days, seed=args.seed,
        replications=args.replications, enforce_compliance=args.compliance == "on",
        keep_tables=args.audit_log is not None, progress=_progress_bar(),
    )
    if args.audit_log:
        _write_audit_log(result, args.audit_log)
    if args.json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False, sort_keys=False))
    else:
        print(_table(result))
    return 0


def _progress_bar():
    """A one-line progress bar on stderr, only when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        filled = round(20 * done / total)
        end = "\n" if done == total else ""
        print(f"\r[{'#' * filled}{'.' * (20 - filled)}] réplica {done}/{total}", end=end,
              file=sys.stderr, flush=True)

    return show


def _write_audit_log(result, path: str) -> None:
    import pandas as pd

    frames = [table.contacts.assign(replication=number)
              for number, table in enumerate(result.tables)]
    pd.concat(frames, ignore_index=True).to_csv(path, index=False)


def _table(result) -> str:
    lines = [
        f"Estrategia: {result.strategy} · {result.accounts:,} cuentas · {result.days} días · "
        f"semilla {result.seed} · {result.replications} réplicas",
        "",
        f"{'Indicador':<70} {'media':>14}  {'IC 95 %':>29}",
    ]
    for row in result.summary.itertuples(index=False):
        interval = f"[{row.ci95_low:,.4f}, {row.ci95_high:,.4f}]"
        lines.append(f"{KPI_LABELS[row.kpi]:<70} {row.mean:>14,.4f}  {interval:>29}")
    return "\n".join(lines)
