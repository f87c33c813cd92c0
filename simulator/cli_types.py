"""argparse value types with Spanish errors, shared by every subcommand."""

from __future__ import annotations

import argparse

__all__ = ["int_at_least", "number_between"]


def int_at_least(minimum: int, what: str):
    """A type: an integer not below ``minimum``; ``what`` names it in the error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"se esperaba un número entero, se leyó {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{what} debe ser {minimum} o más, se leyó {value}")
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
