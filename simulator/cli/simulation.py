"""The commands that simulate: ``run``, ``compare``, ``sweep``, ``plan-test`` and ``bench``.

Each one builds its :class:`~simulator.experiments.settings.RunSettings` and
:class:`~simulator.experiments.settings.Execution` once from the shared
options of :mod:`simulator.cli.run_options` and hands them on whole. Every file
or folder a command writes is checked before it simulates, so a bad path never
costs a run.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING

import pandas as pd

from simulator.argparse_es import int_at_least, number_between
from simulator.cli.negotiation import add_policy_folders, trusted_policies
from simulator.cli.run_options import add_execution_options, add_settings_options, execution_of, settings_of
from simulator.errors import ParametersError
from simulator.experiments.adaptive import compare_adaptive
from simulator.experiments.bench import benchmark, resize_portfolio
from simulator.experiments.compare import CONTROL_NAME, compare_strategies, control_strategy
from simulator.experiments.kpis import KPI_NAMES, summary_json
from simulator.experiments.live_test import METRICS, plan_live_test
from simulator.experiments.priors import MAX_WORLDS, draw_worlds, load_priors
from simulator.experiments.runner import run_strategy
from simulator.experiments.selection import select_strategy
from simulator.experiments.settings import MAX_REPLICATIONS
from simulator.experiments.stopping import Precision
from simulator.experiments.sweep import LEVERS, parse_lever, sweep_strategy
from simulator.output_paths import check_file, prepare_folder, writing
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.portfolio import load_portfolio
from simulator.reporting import prepare_out_dir, write_report
from simulator.reporting.numbers import kpi_kind
from simulator.reporting.sweep_tables import write_sweep
from simulator.reporting.text_tables import (
    comparison_table,
    plan_table,
    run_table,
    selection_text,
    sweep_table,
)
from simulator.safe_text import printable, spreadsheet_safe
from simulator.strategies import load_strategy
from simulator.strategies.library import library_names, strategy_path
from simulator.terminal import print_output, progress_bar

if TYPE_CHECKING:
    from simulator.negotiation.registry import PolicyRegistry
    from simulator.strategies import Strategy

__all__ = ["COMMANDS", "add_commands"]

_share = number_between(0.0, 1.0)
#: First stage of --select: Kim and Nelson's procedure asks for more replications after a very short one.
_SELECT_FIRST_STAGE = 10
_worlds = int_at_least(2, "el número de mundos", MAX_WORLDS)
_STRATEGY_HELP = f"archivo YAML o nombre de la biblioteca ({', '.join(library_names())})"


def add_commands(commands, positive_int) -> None:
    """Register ``run``, ``compare``, ``sweep``, ``plan-test`` and ``bench`` on the CLI's subparsers."""
    run = commands.add_parser(
        "run", help="simula una estrategia sobre una cartera",
        description="Simula una estrategia de cobranza sobre una cartera y muestra los "
                    "indicadores con su intervalo de confianza del 95 %.",
    )
    run.add_argument("--strategy", required=True, metavar="ESTRATEGIA", help=f"estrategia: {_STRATEGY_HELP}")
    _add_run_options(run)
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
    compare.add_argument("--worlds", type=_worlds, metavar="N",
                         help="además corre todas las estrategias en N mundos plausibles, parámetros "
                              "sorteados de las distribuciones a priori, y da para cada diferencia el "
                              "intervalo de los mundos y en cuántos gana la retadora (ver docs/comparar.md)")
    compare.add_argument("--priors", metavar="YAML",
                         help="distribuciones a priori de los mundos (por omisión, "
                              "datasets/calibration/priors.yaml)")
    _add_precision_options(compare)
    _add_run_options(compare)
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
    bench = commands.add_parser(
        "bench", help="mide la velocidad del modelo contra SimPy sin modelo",
        description="Corre las réplicas una tras otra en este proceso (por eso no acepta --workers "
                    "ni --backend) y un ciclo de SimPy sin lógica con el mismo número de eventos; "
                    "imprime ambos ritmos y su razón.",
    )
    bench.add_argument("--accounts", type=positive_int, default=20000, metavar="CUENTAS",
                       help="cuentas (muestra de la cartera de demostración; 20000)")
    bench.add_argument("--strategy", default="escalonada", metavar="ESTRATEGIA",
                       help=f"estrategia (escalonada): {_STRATEGY_HELP}")
    add_settings_options(bench, replications=1)
    bench.add_argument("--json", action="store_true", help="salida JSON en una línea")


def _add_precision_options(compare: argparse.ArgumentParser) -> None:
    defaults = Precision()
    compare.add_argument("--precision", type=number_between(0.0, math.inf), metavar="MEDIA_ANCHURA",
                         help="réplicas adaptativas: corre una primera etapa y después las réplicas "
                              "que hagan falta para que el intervalo del 95 %% de cada diferencia "
                              "del indicador --kpi mida a lo más ± este valor, en las unidades de sus "
                              "tablas: puntos porcentuales en las tasas (0.5 = medio punto de "
                              "recuperación), pesos en los montos; con esto no se usa --replications "
                              "(ver docs/comparar.md)")
    compare.add_argument("--select", type=number_between(0.0, math.inf), metavar="ZONA",
                         help="elige la mejor de todas las estrategias en el indicador --kpi con 95 %% de "
                              "probabilidad cuando la mejor supera a las demás por ZONA o más (zona de "
                              "indiferencia); descarta pronto a las que "
                              "quedan claramente atrás (Kim y Nelson; ver docs/comparar.md); en las "
                              "unidades de --precision")
    compare.add_argument("--kpi", choices=KPI_NAMES, default=defaults.kpi, metavar="INDICADOR",
                         help=f"indicador de --precision y --select ({defaults.kpi}); cualquiera de la tabla")
    compare.add_argument("--first-stage", type=int_at_least(3, "la primera etapa", MAX_REPLICATIONS),
                         metavar="REPLICAS",
                         help=f"réplicas de la primera etapa ({defaults.first_stage} con --precision, "
                              f"{_SELECT_FIRST_STAGE} con --select)")
    most = int_at_least(3, "el máximo de réplicas", MAX_REPLICATIONS)
    compare.add_argument("--max-replications", type=most, default=defaults.maximum, metavar="REPLICAS",
                         help=f"a lo más estas réplicas con --precision o --select ({defaults.maximum})")


def _add_run_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--portfolio", required=True, metavar="ARCHIVO",
                         help="cartera (CSV o Excel .xlsx)")
    command.add_argument("--columnas", metavar="YAML",
                         help="qué encabezado de la cartera es cada columna del simulador, cuando "
                              "no se reconoce solo (ver docs/cartera.md)")
    command.add_argument("--parameters", metavar="YAML",
                         help="parámetros del modelo (por omisión, los del paquete)")
    add_settings_options(command)
    add_execution_options(command)
    command.add_argument("--json", action="store_true", help="salida JSON en una línea")
    add_policy_folders(command)


def _run(args: argparse.Namespace) -> int:
    if args.audit_log:
        check_file(args.audit_log, "--audit-log")  # before the simulation, not after
    settings = settings_of(args, keep_tables=args.audit_log is not None)
    execution = execution_of(args)
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    result = run_strategy(portfolio, _strategy(args.strategy, policies), parameters, settings, execution,
                          progress=progress_bar(), policies=policies)
    if args.audit_log:
        _write_audit_log(result, args.audit_log)
    print_output(result.to_json_dict() if args.json else run_table(result), args.json)
    return 0


def _compare(args: argparse.Namespace) -> int:
    _refuse_mixed(args)
    if args.priors and args.worlds is None:
        raise ParametersError("--priors solo se usa con --worlds N", field="--priors")
    settings, execution = settings_of(args), execution_of(args)
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    strategies = [_strategy(path, policies) for path in args.strategies]
    if args.control and CONTROL_NAME not in {strategy.name for strategy in strategies}:
        strategies.append(control_strategy())
    if args.out:
        prepare_out_dir(args.out)  # a bad folder fails before the simulation, not after
    if args.select is not None:
        first_stage = args.first_stage or _SELECT_FIRST_STAGE
        zone = _in_kpi_units(args.kpi, args.select)
        selection = select_strategy(portfolio, strategies, parameters, settings, kpi=args.kpi,
                                    indifference=zone, first_stage=first_stage, maximum=args.max_replications,
                                    execution=execution, policies=policies)
        print_output(selection.to_json_dict() if args.json else selection_text(selection), args.json)
        return 0
    if args.precision is not None:
        precision = Precision(kpi=args.kpi, half_width=_in_kpi_units(args.kpi, args.precision),
                              first_stage=args.first_stage or Precision().first_stage,
                              maximum=args.max_replications)
        comparison = compare_adaptive(portfolio, strategies, parameters, settings, precision, execution,
                                      progress=progress_bar(), policies=policies)
    else:
        worlds = ([] if args.worlds is None else
                  draw_worlds(load_priors(parameters, args.priors), parameters, args.worlds, settings.seed))
        comparison = compare_strategies(portfolio, strategies, parameters, settings, execution,
                                        progress=progress_bar(), policies=policies, worlds=worlds)
    print_output(comparison.to_json_dict() if args.json else comparison_table(comparison), args.json)
    if args.out:
        index = write_report(comparison, args.out,
                             descriptions={strategy.name: strategy.description for strategy in strategies})
        print(f"Reporte escrito en {printable(index)}", file=sys.stderr)
    return 0


def _in_kpi_units(kpi: str, typed: float) -> float:
    """A width typed as the tables show ``kpi`` (percentage points for a rate) in the KPI's own units."""
    return typed / 100.0 if kpi_kind(kpi) == "percent" else typed


def _refuse_mixed(args: argparse.Namespace) -> None:
    """Options that do not go together yet, refused before any simulation."""
    if args.select is not None and args.precision is not None:
        raise ParametersError("use --select o --precision, no los dos: --select ya decide cuántas réplicas "
                              "corre cada estrategia", field="--select")
    if args.select is not None and (args.worlds is not None or args.out):
        raise ParametersError("--select da la mejor estrategia, sin tablas ni reporte: quite --worlds y "
                              "--out, o compare sin --select", field="--select")
    if args.precision is not None and args.worlds is not None:
        raise ParametersError("--precision todavía no se combina con --worlds: use un número fijo de "
                              "réplicas (--replications) para los mundos plausibles", field="--precision")


def _sweep(args: argparse.Namespace) -> int:
    if args.out:
        prepare_folder(args.out, "--out")  # before the simulation, not after
    settings, execution = settings_of(args), execution_of(args)
    lever, values = parse_lever(args.param)
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    table = sweep_strategy(portfolio, _strategy(args.strategy, policies), parameters, lever, values,
                           settings, execution, progress=progress_bar("valor"), policies=policies)
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
    settings = settings_of(args, keep_tables=True)  # the plan reads every account's outcome
    execution = execution_of(args)
    portfolio, parameters = _inputs(args)
    policies = trusted_policies(args)
    strategies = [_strategy(args.champion, policies), _strategy(args.challenger, policies)]
    comparison = compare_strategies(portfolio, strategies, parameters, settings, execution,
                                    progress=progress_bar(), policies=policies)
    plan = plan_live_test(comparison, strategies[1].name, metric=args.metric,
                          challenger_share=args.challenger_share, alpha=args.alpha, power=args.power)
    print_output(plan.to_json_dict() if args.json else plan_table(plan), args.json)
    return 0


def _bench(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    portfolio = resize_portfolio(load_portfolio(dataset("portfolios", "demo.csv")), args.accounts,
                                 settings.seed)
    figures = benchmark(portfolio, _strategy(args.strategy), load_parameters(), settings)
    print_output(figures if args.json else "\n".join(f"{key}: {value}" for key, value in figures.items()),
                 args.json)
    return 0


COMMANDS = {"run": _run, "compare": _compare, "sweep": _sweep, "plan-test": _plan_test, "bench": _bench}


def _inputs(args: argparse.Namespace):
    return load_portfolio(args.portfolio, columns=args.columnas), load_parameters(args.parameters)


def _strategy(text: str, policies: PolicyRegistry | None = None) -> Strategy:
    """A strategy file, or one of the library's by name."""
    return load_strategy(strategy_path(text), policies)


def _write_audit_log(result, path: str) -> None:
    frames = [table.contacts.assign(replication=number)
              for number, table in enumerate(result.tables)]
    with writing(path, "--audit-log"):  # account ids are text a spreadsheet must not run
        spreadsheet_safe(pd.concat(frames, ignore_index=True)).to_csv(path, index=False)
