"""Command line: ``python -m simulator run|compare|dashboard ...`` with Spanish help and errors.

This module only builds the parser and dispatches; each command family lives
in its own module (:mod:`~simulator.cli.simulation` for the commands that
simulate, :mod:`~simulator.cli.dashboard`, :mod:`~simulator.cli.calibration`,
:mod:`~simulator.cli.roleplay`, :mod:`~simulator.cli.negotiation`,
:mod:`~simulator.cli.gradebook`). Bad input never shows a traceback: a
:class:`CobranzaError` is printed as one line naming file, line/row and field,
and the command exits with status 2 (see :mod:`simulator.terminal` for Ctrl+C
and closed pipes).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from simulator.argparse_es import SpanishParser, int_at_least
from simulator.cli import calibration, dashboard, gradebook, negotiation, roleplay, simulation
from simulator.cli.run_options import seed_type
from simulator.terminal import run_guarded

__all__ = ["main"]

_positive_int = int_at_least(1, "el valor")


def build_parser() -> argparse.ArgumentParser:
    """The CLI's argument parser (Spanish help)."""
    parser = SpanishParser(
        prog="python -m simulator",
        description="Simulador de cartera de cobranza del curso Cobranza.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMANDO",
                                     parser_class=SpanishParser)
    simulation.add_commands(commands, _positive_int)
    dashboard.add_commands(commands)
    calibration.add_commands(commands, _positive_int, seed_type)
    roleplay.add_commands(commands, seed_type)
    negotiation.add_commands(commands, _positive_int, seed_type)
    gradebook.add_commands(commands)
    return parser


_COMMANDS = {**simulation.COMMANDS, **dashboard.COMMANDS, **calibration.COMMANDS, **roleplay.COMMANDS,
             **negotiation.COMMANDS, **gradebook.COMMANDS}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""

    def command() -> int:
        args = build_parser().parse_args(argv)
        return _COMMANDS[args.command](args)

    return run_guarded(command)
