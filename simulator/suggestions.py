"""``¿quiso decir …?``: the closest known name to a mistyped one, for Spanish error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """``; ¿quiso decir 'x'?`` for the closest name in ``known``, or an empty string."""
    close = difflib.get_close_matches(typed, list(known), n=1, cutoff=0.6)
    return f"; ¿quiso decir {close[0]!r}?" if close else ""
