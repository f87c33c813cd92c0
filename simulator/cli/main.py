"""Command line: ``python -m simulator run|compare|dashboard ...`` with Spanish help and errors.

Bad input never shows a traceback: a :class:`CobranzaError` is printed as one
line naming file, line/row and field, and the command exits with status 2 (see
:mod:`simulator.terminal` for Ctrl+C and closed pipes). Every file or folder a
command writes is checked before it simulates, so a bad path never costs a run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from simulator.argparse_es import SpanishParser, int_at_least, number_between
from simulator.cli import negotiation as negotiate_commands
from simulator.cli.calibration import COMMANDS as CALIBRATION_COMMANDS
from simulator.cli.calibration import add_commands as add_calibration_commands
from simulator.cli.gradebook import COMMANDS as GRADEBOOK_COMMANDS
from simulator.cli.gradebook import add_commands as add_gradebook_commands
from simulator.cli.negotiation import add_policy_folders, trusted_policies
from simulator.cli.roleplay import COMMANDS as DIALOGUE_COMMANDS
from simulator.cli.roleplay import add_commands as add_dialogue_commands
from simulator.experiments.backends import BACKENDS
from simulator.experiments.bench import benchmark, resize_portfolio
from simulator.experiments.compare import CONTROL_NAME, compare_strategies, control_strategy
from simulator.experiments.kpis import summary_json
from simulator.experiments.live_test import METRICS, plan_live_test
from simulator.experiments.runner import MAX_DAYS, MAX_REPLICATIONS, run_strategy
from simulator.experiments.sweep import LEVERS, parse_lever, sweep_strategy
from simulator.output_paths import check_file, prepare_folder, writing
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.portfolio import load_portfolio
from simulator.reporting import prepare_out_dir, write_report
from simulator.reporting.sweep_tables import write_sweep
from simulator.reporting.text_tables import comparison_table, plan_table, run_table, sweep_table
from simulator.safe_text import printable, spreadsheet_safe
from simulator.strategies import load_strategy
from simulator.strategies.library import library_names, strategy_path
from simulator.terminal import print_output, progress_bar, run_guarded
from simulator.ui.dashboard.serve import DEFAULT_PORT, serve

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry
    from simulator.strategies import Strategy

__all__ = ["main"]

#: Most local worker processes or shards: far above any machine's cores, far below a fork bomb.
MAX_WORKERS = 256

_positive_int = int_at_least(1, "el valor")
_days = int_at_least(1, "el número de días", MAX_DAYS)
_replications = int_at_least(1, "el número de réplicas", MAX_REPLICATIONS)
_workers = int_at_least(1, "el número de procesos o bloques", MAX_WORKERS)
_seed = int_at_least(0, "la semilla")
_share = number_between(0.0, 1.0)
_STRATEGY_HELP = f"archivo YAML o nombre de la biblioteca ({', '.join(library_names())})"


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
    run.add_argument("--strategy", required=True, metavar="ESTRATEGIA", help=f"estrategia: {_STRATEGY_HELP}")
    _add_run_options(run)
    _add_shards_option(run)
    run.add_argument("--audit-log", metavar="CSV",
                     help="guarda cada intento de contacto con la regla que lo permitió o bloqueó")
    compare = commands.add_parser(
        "compare", help="compara una estrategia campeona con retadoras",
        description="Corre todas las estrategias con los mismos números aleatorios y muestra "
                    "las diferencias pareadas contra la primera (la campeona).",
    )
    compare.add_argument("strategies", nargs="+", metavar="ESTRATEGIA",
                         help=f"estrategias, la primera es la campeona: {_STRATEGY_HELP}")
    compare.add_argument("--control", action="store_true",
                         help=f"agrega el grupo de control sin gestión ('{CONTROL_NAME}') para "
                              "separar el efecto de la estrategia de la autorregularización")
    compare.add_argument("--out", metavar="CARPETA",
                         help="escribe en CARPETA un reporte HTML (index.html) con la tabla de "
                              "indicadores, las gráficas y las tablas CSV")
    _add_run_options(compare)
    _add_shards_option(compare)
    sweep = commands.add_parser(
        "sweep", help="mide cómo cambian los indicadores al mover una palanca",
        description="Corre una estrategia para cada valor de una palanca (agentes, quita "
                    "máxima, topes de contacto...) con la misma semilla.",
    )
    sweep.add_argument("strategy", metavar="ESTRATEGIA", help=f"estrategia base: {_STRATEGY_HELP}")
    sweep.add_argument("--param", required=True, metavar="PALANCA=VALORES",
                       help="p. ej. agentes=5:40:5 (inicio:fin:paso) o quita_maxima.90+=0,0.2,0.4; "
                            f"palancas: {', '.join(LEVERS)}")
    sweep.add_argument("--out", metavar="CARPETA", help="escribe sensibilidad.csv y sensibilidad.png")
    _add_run_options(sweep)
    bench = commands.add_parser(
        "bench", help="mide la velocidad del modelo contra SimPy sin modelo",
        description="Corre una réplica y un ciclo de SimPy sin lógica con el mismo número de "
                    "eventos; imprime ambos ritmos y su razón.",
    )
    bench.add_argument("--accounts", type=_positive_int, default=20000, metavar="CUENTAS",
                       help="cuentas (muestra de la cartera de demostración; 20000)")
    bench.add_argument("--days", type=_days, default=180, metavar="DIAS",
                       help=f"días simulados (180; a lo más {MAX_DAYS:,})")
    bench.add_argument("--strategy", default="escalonada", metavar="ESTRATEGIA",
                       help=f"estrategia (escalonada): {_STRATEGY_HELP}")
    bench.add_argument("--seed", type=_seed, default=7, metavar="SEMILLA")
    bench.add_argument("--json", action="store_true", help="salida JSON en una línea")
    plan = commands.add_parser(
        "plan-test", help="tamaño de una prueba real campeona/retadora",
        description="Simula campeona y retadora y calcula cuántas cuentas necesita una prueba "
                    "real (p. ej. 90/10) para detectar la diferencia simulada.",
    )
    plan.add_argument("champion", metavar="CAMPEONA", help=f"estrategia campeona: {_STRATEGY_HELP}")
    plan.add_argument("challenger", metavar="RETADORA", help="estrategia retadora (archivo o nombre)")
    plan.add_argument("--metric", choices=tuple(METRICS), default="collected_mxn",
                      help="resultado por cuenta que medirá la prueba real")
    plan.add_argument("--challenger-share", type=_share, default=0.1, metavar="FRACCION",
                      help="fracción de cuentas para la retadora (0.1 = prueba 90/10)")
    plan.add_argument("--power", type=_share, default=0.8, metavar="POTENCIA",
                      help="probabilidad de detectar la diferencia si existe (0.8)")
    plan.add_argument("--alpha", type=_share, default=0.05, metavar="ALFA",
                      help="nivel de significancia, dos colas (0.05)")
    _add_run_options(plan)
    dashboard = commands.add_parser(
        "dashboard", help="abre el tablero del gerente (Voila) en el navegador",
        description="Sirve el tablero del gerente (notebooks/tablero_gerencial.ipynb) con Voila, "
                    "solo en esta máquina (127.0.0.1). Sin --port usa el puerto "
                    f"{DEFAULT_PORT} y abre el navegador; con --port no abre ninguno.",
    )
    dashboard.add_argument("--port", type=int_at_least(1, "el puerto"), metavar="PUERTO",
                           help="puerto en 127.0.0.1; si se da, no se abre el navegador")
    dashboard.add_argument("--token", action="store_true",
                           help="pide una clave al azar en la dirección (se imprime al arrancar); "
                                "úsela en una máquina compartida con otros usuarios")
    add_calibration_commands(commands, _positive_int, _seed)
    add_dialogue_commands(commands, _seed)
    negotiate_commands.add_commands(commands, _positive_int, _seed)
    add_gradebook_commands(commands)
    return parser


def _add_run_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--portfolio", required=True, metavar="ARCHIVO",
                         help="cartera (CSV o Excel .xlsx)")
    command.add_argument("--columnas", metavar="YAML",
                         help="qué encabezado de la cartera es cada columna del simulador, cuando "
                              "no se reconoce solo (ver docs/cartera.md)")
    command.add_argument("--days", type=_days, default=180, metavar="DIAS",
                         help=f"días simulados (180; a lo más {MAX_DAYS:,}, diez años)")
    command.add_argument("--seed", type=_seed, default=7, metavar="SEMILLA",
                         help="semilla: misma semilla, mismos números")
    command.add_argument("--replications", type=_replications, default=3, metavar="REPLICAS",
                         help=f"réplicas independientes (3; a lo más {MAX_REPLICATIONS:,}); el "
                              "intervalo de confianza necesita 2 o más")
    command.add_argument("--compliance", choices=("on", "off"), default="on",
                         help="off: ejecuta contactos prohibidos para ver qué reglas rompería")
    command.add_argument("--parameters", metavar="YAML",
                         help="parámetros del modelo (por omisión, los del paquete)")
    command.add_argument("--workers", type=_workers, default=1, metavar="N",
                         help=f"procesos locales que corren réplicas en paralelo (1; a lo más "
                              f"{MAX_WORKERS}); no cambia los resultados")
    command.add_argument("--backend", choices=BACKENDS, default="local",
                         help="dónde corren las réplicas: local (procesos de esta máquina) o dask")
    command.add_argument("--scheduler", metavar="DIRECCION",
                         help="planificador Dask (p. ej. tcp://127.0.0.1:8786); sin él se inicia "
                              "un clúster local en 127.0.0.1")
    command.add_argument("--json", action="store_true", help="salida JSON en una línea")
    add_policy_folders(command)


def _add_shards_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--shards", type=_workers, default=1, metavar="N",
                         help="divide cada réplica en N bloques de cuentas, cada uno con su parte "
                              f"del personal, que corren por separado (1; a lo más {MAX_WORKERS}); "
                              "para carteras muy grandes, "
                              "ver docs/modelo.md")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""

    def command() -> int:
        args = build_parser().parse_args(argv)
        return _COMMANDS[args.command](args)

    return run_guarded(command)


def _run(args: argparse.Namespace) -> int:
    if args.audit_log:
        check_file(args.audit_log, "--audit-log")  # before the simulation, not after
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    strategy = _strategy(args.strategy, policies)
    result = run_strategy(
        portfolio, strategy, parameters, days=args.days, seed=args.seed,
        replications=args.replications, enforce_compliance=args.compliance == "on",
        keep_tables=args.audit_log is not None, workers=args.workers, backend=args.backend,
        scheduler=args.scheduler, progress=progress_bar(), shards=args.shards, policies=policies,
    )
    if args.audit_log:
        _write_audit_log(result, args.audit_log)
    print_output(result.to_json_dict() if args.json else run_table(result), args.json)
    return 0


def _compare(args: argparse.Namespace) -> int:
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    strategies = [_strategy(path, policies) for path in args.strategies]
    if args.control and CONTROL_NAME not in {strategy.name for strategy in strategies}:
        strategies.append(control_strategy())
    if args.out:
        prepare_out_dir(args.out)  # a bad folder fails before the simulation, not after
    comparison = compare_strategies(
        portfolio, strategies, parameters, days=args.days, seed=args.seed,
        replications=args.replications, enforce_compliance=args.compliance == "on",
        workers=args.workers, backend=args.backend, scheduler=args.scheduler,
        progress=progress_bar(), shards=args.shards, policies=policies,
    )
    print_output(comparison.to_json_dict() if args.json else comparison_table(comparison), args.json)
    if args.out:
        index = write_report(comparison, args.out,
                             descriptions={strategy.name: strategy.description for strategy in strategies})
        print(f"Reporte escrito en {printable(index)}", file=sys.stderr)
    return 0


def _sweep(args: argparse.Namespace) -> int:
    if args.out:
        prepare_folder(args.out, "--out")  # before the simulation, not after
    lever, values = parse_lever(args.param)
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    table = sweep_strategy(portfolio, _strategy(args.strategy, policies), parameters, lever,
                           values, days=args.days, seed=args.seed, replications=args.replications,
                           enforce_compliance=args.compliance == "on", workers=args.workers,
                           backend=args.backend, scheduler=args.scheduler,
                           progress=progress_bar("valor"), policies=policies)
    if args.out:
        written = write_sweep(table, args.out)
        print(f"Archivos escritos: {', '.join(printable(path) for path in written)}", file=sys.stderr)
    if args.json:
        print_output({"lever": lever, "values": [
            {"value": value, "kpis": summary_json(rows)}
            for value, rows in table.groupby("value", sort=False)
        ]}, True)
    else:
        print_output(sweep_table(table), False)
    return 0


def _plan_test(args: argparse.Namespace) -> int:
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    strategies = [_strategy(args.champion, policies), _strategy(args.challenger, policies)]
    comparison = compare_strategies(
        portfolio, strategies, parameters, days=args.days, seed=args.seed,
        replications=args.replications, enforce_compliance=args.compliance == "on",
        keep_tables=True, workers=args.workers, backend=args.backend, scheduler=args.scheduler,
        progress=progress_bar(), policies=policies,
    )
    plan = plan_live_test(comparison, strategies[1].name, metric=args.metric,
                          challenger_share=args.challenger_share, alpha=args.alpha, power=args.power)
    print_output(plan.to_json_dict() if args.json else plan_table(plan), args.json)
    return 0


def _bench(args: argparse.Namespace) -> int:
    portfolio = resize_portfolio(load_portfolio(dataset("portfolios", "demo.csv")), args.accounts,
                                 args.seed)
    strategy = _strategy(args.strategy)
    figures = benchmark(portfolio, strategy, load_parameters(), days=args.days, seed=args.seed)
    print_output(figures if args.json else "\n".join(f"{key}: {value}" for key, value in figures.items()),
                 args.json)
    return 0


def _dashboard(args: argparse.Namespace) -> int:
    return serve(args.port, token=args.token)


_COMMANDS = {"run": _run, "compare": _compare, "sweep": _sweep, "plan-test": _plan_test,
             "bench": _bench, "dashboard": _dashboard}
_COMMANDS.update(CALIBRATION_COMMANDS)
_COMMANDS.update(DIALOGUE_COMMANDS)
_COMMANDS.update(negotiate_commands.COMMANDS)
_COMMANDS.update(GRADEBOOK_COMMANDS)


def _inputs(args: argparse.Namespace):
    return load_portfolio(args.portfolio, columns=args.columnas), load_parameters(args.parameters)


def _strategy(text: str, policies: PolicyRegistry | None = None) -> Strategy:
    """A strategy file, or one of the library's by name."""
    return load_strategy(strategy_path(text), policies)


def _write_audit_log(result, path: str) -> None:
    import pandas as pd

    frames = [table.contacts.assign(replication=number)
              for number, table in enumerate(result.tables)]
    with writing(path, "--audit-log"):  # account ids are text a spreadsheet must not run
        spreadsheet_safe(pd.concat(frames, ignore_index=True)).to_csv(path, index=False)
