"""Play a scenario in a terminal: numbered options, typed amounts and dates, written answers, a debrief.

At a step that takes a written answer, ``e`` lets the learner type what they
would say; the judge's reading is printed with the feedback. Bad input never
ends the call: the message is printed and the same step is asked again. End
of input (Ctrl-D) or ``q`` leaves the call and prints what was scored so far.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from simulator.errors import CobranzaError
from simulator.roleplay.engine import RolePlay
from simulator.roleplay.scoring import Debrief, debrief
from simulator.spanish_input import format_date

__all__ = ["context_card", "play_in_terminal"]

_WIDTH = 88


def context_card(session: RolePlay) -> list[str]:
    """What the collector knows before dialling, as short Spanish lines."""
    scenario, context = session.scenario, session.scenario.context
    lines = [
        f"== {scenario.title} (dificultad: {session.difficulty}) ==",
        f"Objetivo: {session.fill(scenario.goal)}",
        f"Cliente: {context.debtor} · {context.product} de {context.institution}",
        f"Saldo total: {session.fill('{saldo}')}"
        + (f" · vencido: {session.fill('{vencido}')}" if context.overdue_mxn is not None else "")
        + f" · días de atraso: {context.days_past_due}",
        f"Llamada: {format_date(context.call_date)} a las {context.call_time}",
    ]
    if context.notes:
        lines.append(f"Notas: {session.fill(context.notes)}")
    return lines


def play_in_terminal(session: RolePlay, read: Callable[[str], str] = input,
                     write: Callable[[str], None] = print) -> Debrief:
    """Run the call interactively until it ends or the student leaves."""
    for line in context_card(session):
        write(_wrap(line))
    shown = 0
    while not session.finished:
        for line in session.transcript[shown:]:
            write(_wrap(f"{line.speaker.upper()}: {line.text}"))
        shown = len(session.transcript)
        for option in session.choices:
            write(_wrap(f"  [{option.index}] {option.text}"))
        if session.accepts_writing:
            write(_wrap("[e] Escribir mi respuesta con sus propias palabras"))
        answer = _ask(read, "Su opción (e para escribir, q para salir): " if session.accepts_writing
                      else "Su opción (q para salir): ")
        if answer is None or answer.strip().lower() == "q":
            break
        if answer.strip().lower() == "e":
            if not _answer_in_writing(session, read, write):
                break
            continue
        try:
            index = int(answer)
        except ValueError:
            write(f"No entendí {answer!r}: escriba el número de una opción.")
            continue
        typed = None
        options = session.choices
        if 0 <= index < len(options) and options[index].asks_for:
            what = "el monto" if options[index].asks_for == "monto" else "la fecha"
            typed = _ask(read, f"Escriba {what}: ")
        try:
            move = session.choose(index, typed)
        except CobranzaError as error:
            write(f"Aviso: {error.message}")
            continue
        write(_wrap(f"  -> {move.feedback.strip()}"))
    for line in session.transcript[shown:]:
        write(_wrap(f"{line.speaker.upper()}: {line.text}"))
    result = debrief(session)
    write("")
    for line in result.lines():
        write(_wrap(line))
    return result


def _answer_in_writing(session: RolePlay, read: Callable[[str], str], write: Callable[[str], None]) -> bool:
    """Take one written answer at this step; False when the learner left (end of input)."""
    if not session.accepts_writing:
        write(f"Aviso: el paso {len(session.moves) + 1} no acepta respuesta escrita: escriba el número "
              "de una opción.")
        return True
    text = _ask(read, "Escriba lo que le diría al deudor: ")
    if text is None:
        return False
    try:
        move = session.write(text)
    except CobranzaError as error:
        write(f"Aviso: {error.message}")
        return True
    verdict = move.written
    if verdict is not None:
        write(_wrap("  Elementos que el juez reconoció: " + (", ".join(
            f"{label} («{'», «'.join(verdict.words(label))}»)" for label in verdict.elements) or "ninguno")))
    write(_wrap(f"  -> {move.feedback.strip()}"))
    return True


def _ask(read: Callable[[str], str], prompt: str) -> str | None:
    try:
        return read(prompt)
    except EOFError:
        return None


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=_WIDTH, subsequent_indent="    ")
