"""The ``dashboard`` subcommand of ``python -m simulator``: serve the manager's page with Voila."""

from __future__ import annotations

import argparse

from simulator.argparse_es import int_at_least
from simulator.ui.dashboard.serve import DEFAULT_PORT, serve

__all__ = ["COMMANDS", "add_commands"]


def add_commands(commands) -> None:
    """Register ``dashboard`` on the CLI's subparsers."""
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


def _dashboard(args: argparse.Namespace) -> int:
    return serve(args.port, token=args.token)


COMMANDS = {"dashboard": _dashboard}
