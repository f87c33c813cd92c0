"""Status lines the widgets show under their content: notes, errors and whether a result was saved."""

from __future__ import annotations

import html

from simulator.course.exercises import tracking

__all__ = ["note", "saved_note"]


def note(text: str, error: bool = False) -> str:
    """One line of HTML, red for an error, green otherwise."""
    color = "#b00020" if error else "#1b5e20"
    return f"<div style='color:{color}'>{html.escape(' '.join(text.split()))}</div>"


def saved_note(warning: str | None) -> str:
    """What the learner reads after :func:`simulator.course.exercises.tracking.record`.

    Empty when nobody is signed in; a red warning when the store failed.
    """
    if warning:
        return note(warning, error=True)
    return note("Resultado guardado en su avance.") if tracking.is_on() else ""
