"""The run options every simulating command shares, and the two settings objects made from them.

The options are declared here once and turned into a
:class:`~simulator.experiments.settings.RunSettings` and an
:class:`~simulator.experiments.settings.Execution` here once, so a command
cannot accept a flag and then forget to pass it on (issue 19: ``sweep`` ran
locally with the rules on whatever ``--backend`` and ``--compliance`` said).
"""

from __future__ import annotations

import argparse

from simulator.argparse_es import int_at_least
from simulator.experiments.backends import BACKENDS
from simulator.experiments.settings import (
    IN_PROCESS,
    MAX_DAYS,
    MAX_REPLICATIONS,
    MAX_SHARDS,
    MAX_WORKERS,
    Execution,
    RunSettings,
)

__all__ = ["add_execution_options", "add_settings_options", "execution_of", "seed_type", "settings_of"]

#: The library's defaults are the command line's.
_DEFAULTS = RunSettings()
seed_type = int_at_least(0, "la semilla")
_days = int_at_least(1, "el número de días", MAX_DAYS)
_replications = int_at_least(1, "el número de réplicas", MAX_REPLICATIONS)
_workers = int_at_least(1, "el número de procesos", MAX_WORKERS)
_shards = int_at_least(1, "el número de bloques", MAX_SHARDS)


def add_settings_options(command: argparse.ArgumentParser,
                         replications: int = _DEFAULTS.replications) -> None:
    """``--days --seed --replications --compliance --shards``: what the command simulates."""
    command.add_argument("--days", type=_days, default=_DEFAULTS.days, metavar="DIAS",
                         help=f"días simulados ({_DEFAULTS.days}; a lo más {MAX_DAYS:,}, diez años)")
    command.add_argument("--seed", type=seed_type, default=_DEFAULTS.seed, metavar="SEMILLA",
                         help=f"semilla ({_DEFAULTS.seed}): misma semilla, mismos números")
    command.add_argument("--replications", type=_replications, default=replications, metavar="REPLICAS",
                         help=f"réplicas independientes ({replications}; a lo más {MAX_REPLICATIONS:,}); "
                              "el intervalo de confianza necesita 2 o más")
    command.add_argument("--compliance", choices=("on", "off"), default="on",
                         help="off: ejecuta contactos prohibidos para ver qué reglas rompería")
    command.add_argument("--shards", type=_shards, default=_DEFAULTS.shards, metavar="N",
                         help="divide cada réplica en N bloques de cuentas, cada uno con su parte "
                              f"del personal, que corren por separado ({_DEFAULTS.shards}; a lo más "
                              f"{MAX_SHARDS}); para carteras muy grandes, ver docs/modelo.md")


def add_execution_options(command: argparse.ArgumentParser) -> None:
    """``--workers --backend --scheduler``: where the command's replications run."""
    command.add_argument("--workers", type=_workers, default=IN_PROCESS.workers, metavar="N",
                         help=f"procesos locales que corren réplicas en paralelo ({IN_PROCESS.workers}; "
                              f"a lo más {MAX_WORKERS}); no cambia los resultados")
    command.add_argument("--backend", choices=BACKENDS, default=IN_PROCESS.backend,
                         help="dónde corren las réplicas: local (procesos de esta máquina) o dask")
    command.add_argument("--scheduler", metavar="DIRECCION",
                         help="planificador Dask (p. ej. tcp://127.0.0.1:8786), con --backend dask; "
                              "sin él se inicia un clúster local en 127.0.0.1")


def settings_of(args: argparse.Namespace, *, keep_tables: bool = False) -> RunSettings:
    """The :class:`RunSettings` of the options :func:`add_settings_options` declared."""
    return RunSettings(days=args.days, seed=args.seed, replications=args.replications,
                       enforce_compliance=args.compliance == "on", keep_tables=keep_tables,
                       shards=args.shards)


def execution_of(args: argparse.Namespace) -> Execution:
    """The :class:`Execution` of the options :func:`add_execution_options` declared."""
    return Execution(workers=args.workers, backend=args.backend, scheduler=args.scheduler)
