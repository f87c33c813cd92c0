"""Playing a role-play widget from a test: not a test module; widget tests import it."""

from __future__ import annotations

from simulator.ui import RolePlayWidget


def click_first_until(widget: RolePlayWidget, done) -> None:
    """Click the first option shown (typing a plausible amount or date when asked) until ``done()``."""
    for _ in range(60):
        if done():
            return
        asks = widget.session.choices[0].asks_for
        widget.choice_buttons[0].click()
        if asks:
            widget.input_box.value = {"monto": "1,250", "fecha": "el sábado"}[asks]
            widget.confirm_button.click()
    raise AssertionError("la llamada no llegó adonde se esperaba")
