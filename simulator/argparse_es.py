"""argparse in Spanish: a parser with Spanish headings and errors, and value types.

Shared by every command line of the project, so a learner never meets English usage text.
Options must be spelled whole (no silent abbreviations), and a misspelt one gets a
suggestion: ``--replicas`` -> "¿quiso decir --replications?".
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import NoReturn

from simulator.safe_text import bounded_message

__all__ = ["SpanishFormatter", "SpanishParser", "int_at_least", "number_between"]

_ARGPARSE_SPANISH = (
    ("the following arguments are required", "faltan los argumentos obligatorios"),
    ("unrecognized arguments", "argumentos no reconocidos"),
    ("invalid choice", "opción no válida"),
    ("choose from", "elija entre"),
    ("invalid int value", "se esperaba un número entero, se leyó"),
    ("expected one argument", "falta el valor de la opción"),
    ("expected at least one argument", "falta al menos un valor"),
    ("ambiguous option", "opción ambigua"),
    ("could match", "puede ser"),
    ("not allowed with argument", "no se permite junto con"),
    ("invalid float value", "se esperaba un número, se leyó"),
    ("ignored explicit argument", "la opción no lleva valor, se leyó"),
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
        kwargs["allow_abbrev"] = False  # "--rep" must not quietly become "--replications"
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")

    def parse_args(self, args=None, namespace=None):
        """Like argparse's, but unknown options are reported by the command that was
        chosen, with its usage and the option the user probably meant."""
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            chosen = self._chosen(namespace)
            chosen.error(f"argumentos no reconocidos: {' '.join(extras)}{chosen._suggestion(extras)}")
        return namespace

    def _chosen(self, namespace: argparse.Namespace) -> SpanishParser:
        """The innermost subcommand's parser named in ``namespace`` (self if none)."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                name = getattr(namespace, action.dest, None)
                parser = action.choices.get(name) if name is not None else None
                if isinstance(parser, SpanishParser):
                    return parser._chosen(namespace)
        return self

    def _suggestion(self, extras: list[str]) -> str:
        """`` (¿quiso decir --x?)`` for the first unknown option close to a real one."""
        known = [option for action in self._actions for option in action.option_strings]
        for extra in extras:
            typed = extra.split("=", 1)[0]
            if not typed.startswith("-"):
                continue
            matches = [option for option in known if option.startswith(typed) and len(typed) > 2]
            matches = matches or difflib.get_close_matches(typed, known, n=1, cutoff=0.6)
            if matches:
                listed = ", ".join(matches[:-1]) + " o " + matches[-1] if len(matches) > 1 else matches[0]
                return f" (¿quiso decir {listed}?)"
        return ""

    def error(self, message: str) -> NoReturn:  # noqa: D401 - argparse hook
        for english, spanish in _ARGPARSE_SPANISH:
            message = message.replace(english, spanish)
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {bounded_message(message)}\n")


def int_at_least(minimum: int, what: str, maximum: int | None = None):
    """A type: an integer not below ``minimum`` (nor above ``maximum``); ``what`` names it in the error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"se esperaba un número entero, se leyó {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{what} debe ser {minimum} o más, se leyó {value}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"{what} debe ser {maximum:,} o menos, se leyó {value:,}")
        return value

    return parse


def number_between(low: float, high: float):
    """A type: a number strictly between ``low`` and ``high``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"se esperaba un número, se leyó {text!r}") from None
        if not low < value < high:
            raise argparse.ArgumentTypeError(f"debe estar entre {low:g} y {high:g}, se leyó {value:g}")
        return value

    return parse
