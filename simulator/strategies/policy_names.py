"""The names a strategy may give its negotiation policy, checked as text.

``negociacion.politica`` names a shipped policy (``anclaje``) or one of the
user's own as ``archivo:funcion``. That grammar and the shipped names are part
of the strategy format, so they live here and reading a strategy never needs
the negotiation package. Which folders a run trusts, and the functions
themselves, belong to :mod:`simulator.negotiation.registry`; the strategy
loader receives its ``check``.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import NegotiationError
from simulator.suggestions import did_you_mean

__all__ = ["POLICY_FIELD", "SHIPPED_POLICY_NAMES", "check_shipped", "guess", "listed", "split_policy_name"]

#: The shipped policies (functions of :mod:`simulator.negotiation.policies` with these names).
SHIPPED_POLICY_NAMES = ("aceptar_primera", "anclaje", "escalera", "exigir_total")
#: Where a strategy names its policy (errors name this field).
POLICY_FIELD = "negociacion.politica"
#: Names listed at most in one error message.
_LISTED = 20


def split_policy_name(name: str) -> tuple[str, str] | None:
    """Check a name's form: None for a shipped policy, ``(archivo, funcion)`` for a user's own.

    Raises:
        NegotiationError: a name that is neither a shipped policy nor ``archivo:funcion``
            (two Python names, so it can never point outside a trusted folder).
    """
    if name in SHIPPED_POLICY_NAMES:
        return None
    file, colon, function = name.partition(":")
    if colon and file.isidentifier() and function.isidentifier():
        return file, function
    shipped = list(SHIPPED_POLICY_NAMES)
    if not colon:
        raise NegotiationError(f"no hay una política incluida llamada {name!r}"
                               f"{did_you_mean(name, shipped)}; {listed(shipped)}")
    raise NegotiationError(f"{name!r} no es un nombre de política: escriba el nombre de una incluida "
                           "o archivo:funcion para una suya (el archivo.py en una carpeta dada con "
                           f"--politicas, sin ruta ni .py){guess(name)}; {listed(shipped)}")


def check_shipped(name: str) -> None:
    """What a run that trusts no folder may name: a shipped policy only.

    Raises:
        NegotiationError: a malformed name, an unknown shipped one, or a user's own
            (which needs its folder trusted on the command line).
    """
    parts = split_policy_name(name)
    if parts is None:
        return
    raise NegotiationError(
        f"{name!r} sería la función {parts[1]!r} de un archivo {parts[0]}.py propio, y una "
        "política propia solo se usa si su carpeta se declara de confianza en la línea de "
        "comandos (--politicas CARPETA, p. ej. python -m simulator run ... --politicas "
        "mis_politicas); sin esa opción, y siempre en el tablero, solo se pueden nombrar las "
        f"incluidas; {listed(list(SHIPPED_POLICY_NAMES))}")


def guess(name: str) -> str:
    """What an old-style name (``paquete.modulo:f``, ``ruta/archivo.py:f``) should read now."""
    module, _, function = name.rpartition(":")
    if function in SHIPPED_POLICY_NAMES:
        return f"; ¿quiso decir {function!r}?"
    stem = Path(module).name.removesuffix(".py").rpartition(".")[2]
    return f"; ¿quiso decir '{stem}:{function}'?" if stem.isidentifier() and function.isidentifier() else ""


def listed(names: list[str]) -> str:
    """``disponibles: a, b, c`` with at most twenty names."""
    shown = ", ".join(names[:_LISTED])
    more = f" y {len(names) - _LISTED} más" if len(names) > _LISTED else ""
    return f"disponibles: {shown}{more}"
