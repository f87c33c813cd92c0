"""The ``calibrate`` and ``validate`` subcommands of ``python -m simulator``.

Kept here so that ``simulator/cli/main.py`` only registers them. Help and output
are in Spanish; bad input raises a :class:`~simulator.errors.CobranzaError`
that the CLI prints as one line.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time

import numpy as np
import pandas as pd

from simulator.calibration.baseline import MarkovBaseline, markov_baseline
from simulator.calibration.data import SPLITS, load_uci, observe, pooled, select_split
from simulator.calibration.fit import fit_multipliers
from simulator.calibration.portfolio import build_portfolio
from simulator.calibration.report import (
    comparison,
    comparison_table,
    risk_lines,
    risk_record,
    write_parameters,
)
from simulator.calibration.risk import fit_risk, measure_risk
from simulator.calibration.simulate import simulate_one
from simulator.cli.run_options import add_execution_options, execution_of
from simulator.experiments.backends import map_replications
from simulator.output_paths import check_output_path
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.random_streams import CalibrationStream, seeded_generator
from simulator.strategies import load_strategy

__all__ = ["COMMANDS", "DEFAULT_DATA", "DEFAULT_PARAMETERS", "DEFAULT_REPLICATIONS", "DEFAULT_STRATEGY",
           "add_commands", "sample_rows"]

DEFAULT_DATA = dataset("real", "uci_credit_card_default.csv")
DEFAULT_PARAMETERS = dataset("calibration", "uci.yaml")
DEFAULT_STRATEGY = dataset("calibration", "practica_prestamista.yaml")
#: Replications ``validate`` pools by default: with one, simulation noise alone moves the
#: largest error by points (docs/modelo.md, «Validación contra una línea base»).
DEFAULT_REPLICATIONS = 20
#: What the fitted multipliers scale: the design assumptions 0.1, kept so a refit
#: reproduces uci.yaml whatever the packaged defaults become.
CALIBRATION_BASE = dataset("calibration", "supuestos_0_1.yaml")
_DEFAULT_FIT_ACCOUNTS = 3000


def sample_rows(rows: pd.DataFrame, accounts: int | None, seed: int) -> pd.DataFrame:
    """``accounts`` rows drawn without replacement (all when None or more), in ID order."""
    if accounts is None or accounts >= len(rows):
        return rows
    rng = seeded_generator(seed, CalibrationStream.SAMPLE)
    chosen = np.sort(rng.choice(len(rows), size=accounts, replace=False))
    return rows.iloc[chosen].reset_index(drop=True)


def add_commands(commands, positive_int, seed_type) -> None:
    """Register ``calibrate`` and ``validate`` on the CLI's subparsers."""
    calibrate = commands.add_parser(
        "calibrate", help="ajusta los parámetros de comportamiento con datos reales",
        description="Ajusta unos pocos multiplicadores globales de los parámetros de las "
                    "personas para que las transiciones mensuales simuladas entre estados de "
                    "atraso y la razón pago / estado de cuenta se parezcan a las de los datos "
                    "UCI; ajusta además el puntaje de riesgo (probabilidad de estar al corriente "
                    "en el siguiente estado de cuenta) con todas las filas de la partición, y "
                    "escribe un archivo de parámetros completo.",
    )
    _common(calibrate, "calibration", positive_int, seed_type,
            accounts_help=f"cuentas de la muestra de ajuste ({_DEFAULT_FIT_ACCOUNTS}); más "
                          "cuentas, ajuste más estable y más lento")
    calibrate.add_argument("--out", default=str(DEFAULT_PARAMETERS), metavar="YAML",
                           help="archivo de parámetros a escribir (datasets/calibration/uci.yaml)")
    calibrate.add_argument("--evaluations", type=positive_int, default=150, metavar="N",
                           help="simulaciones que puede gastar la búsqueda (150)")
    validate = commands.add_parser(
        "validate", help="compara transiciones observadas y simuladas en datos reales",
        description="Simula las cuentas de una partición de los datos UCI con un archivo de "
                    "parámetros y muestra, para cada transición mensual entre estados de "
                    "atraso, la tasa observada, la simulada y el error en puntos porcentuales, "
                    "al lado de una línea base (la matriz de transición de la partición de "
                    "calibración); la razón pago / estado de cuenta por estado; las cuentas por "
                    "estado de 1 a 5 meses después de abril, y el AUC y el puntaje de Brier del "
                    "puntaje de riesgo en esas cuentas.",
    )
    _common(validate, "validation", positive_int, seed_type,
            accounts_help="cuentas simuladas (por omisión, todas las de la partición)")
    validate.add_argument("--parameters", default=str(DEFAULT_PARAMETERS), metavar="YAML",
                          help="parámetros a revisar (datasets/calibration/uci.yaml)")
    validate.add_argument("--replications", type=positive_int, default=DEFAULT_REPLICATIONS,
                          metavar="REPLICAS",
                          help=f"réplicas que se suman para bajar el ruido de la simulación "
                               f"({DEFAULT_REPLICATIONS})")
    add_execution_options(validate)


def _common(command, split: str, positive_int, seed_type, accounts_help: str) -> None:
    command.add_argument("--data", default=str(DEFAULT_DATA), metavar="CSV",
                         help="datos UCI (datasets/real/uci_credit_card_default.csv)")
    command.add_argument("--split", choices=SPLITS, default=split,
                         help=f"filas a usar: calibration (ID <= 24000) o validation (ID > 24000); "
                              f"por omisión {split}")
    command.add_argument("--accounts", type=positive_int, metavar="N", help=accounts_help)
    command.add_argument("--seed", type=seed_type, default=7, metavar="SEMILLA",
                         help="semilla de la muestra y de la simulación (7)")
    command.add_argument("--strategy", default=str(DEFAULT_STRATEGY), metavar="YAML",
                         help="estrategia que representa la práctica del prestamista "
                              "(datasets/calibration/practica_prestamista.yaml)")
    command.add_argument("--json", action="store_true", help="salida JSON en una línea")


def _rows(args: argparse.Namespace, table: pd.DataFrame,
          accounts: int | None) -> tuple[pd.DataFrame, int]:
    split_rows = select_split(table, args.split)
    return sample_rows(split_rows, accounts, args.seed), len(split_rows)


def _baseline(table: pd.DataFrame) -> MarkovBaseline:
    """The Markov chain of every calibration row, whatever split and sample are checked."""
    return markov_baseline(observe(select_split(table, "calibration")))


def run_calibrate(args: argparse.Namespace) -> int:
    """``calibrate``: fit the multipliers and the risk score, and write the parameter file.

    The risk score is fitted on every row of the split, not only on the
    simulated sample, and measured on both splits.
    """
    check_output_path(args.out, "--out")  # minutes of fitting must not end in a bad path
    began = time.perf_counter()
    table = load_uci(args.data)
    rows, split_size = _rows(args, table, args.accounts or _DEFAULT_FIT_ACCOUNTS)
    risk = fit_risk({name: select_split(table, name) for name in SPLITS}, args.split)
    strategy = load_strategy(args.strategy)
    observed = observe(rows)

    def progress(count: int, loss: float, multipliers) -> None:
        if sys.stderr.isatty():
            print(f"\revaluación {count}: pérdida {loss:,.1f}", end="", file=sys.stderr, flush=True)

    result = fit_multipliers(build_portfolio(rows), observed, strategy, load_parameters(CALIBRATION_BASE),
                             seed=args.seed, max_evaluations=args.evaluations, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    record = comparison(observed, result.simulated, _baseline(table), split=args.split, rows=split_size,
                        accounts=len(rows), seed=args.seed, replications=1,
                        parameters=result.parameters)
    written = write_parameters(result.parameters.model_copy(update={"risk": risk}),
                               result.multipliers, args.out, split=args.split,
                               accounts=len(rows), seed=args.seed, strategy=strategy.name,
                               record=record)
    record["parameters_version"] = written.version
    summary = {"out": args.out, "multipliers": result.multipliers.as_dict(),
               "loss": round(result.loss, 2), "evaluations": result.evaluations,
               "seconds": round(time.perf_counter() - began, 1), **record,
               "risk_metrics": written.risk.model_dump(mode="json")["metrics"]}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        factors = ", ".join(f"{k}={v:g}" for k, v in summary["multipliers"].items())
        scores = "\n".join(risk_lines(written.risk.metrics))
        print(f"Multiplicadores: {factors}\nEvaluaciones: {result.evaluations}; "
              f"{summary['seconds']} s\n\n{comparison_table(record)}\n\n"
              f"Puntaje de riesgo:\n{scores}\nEscrito: {args.out}")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """``validate``: observed against simulated and baseline transitions, ratios and horizons on a split,
    and the risk score's AUC."""
    table = load_uci(args.data)
    rows, split_size = _rows(args, table, args.accounts)
    parameters = load_parameters(args.parameters)
    execution = execution_of(args)
    task = functools.partial(simulate_one, build_portfolio(rows), load_strategy(args.strategy),
                             parameters, args.seed)
    simulated = pooled(map_replications(task, range(args.replications), workers=execution.workers,
                                        backend=execution.backend, scheduler=execution.scheduler))
    record = comparison(observe(rows), simulated, _baseline(table), split=args.split, rows=split_size,
                        accounts=len(rows), seed=args.seed, replications=args.replications,
                        parameters=parameters)
    record.update(risk_record(measure_risk(parameters.risk, rows) if parameters.risk else None))
    print(json.dumps(record, ensure_ascii=False) if args.json else comparison_table(record))
    return 0


COMMANDS = {"calibrate": run_calibrate, "validate": run_validate}
