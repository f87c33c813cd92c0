"""A collection message the learner writes (SMS or WhatsApp), judged for what it must and must never carry.

The course's offline judge (:func:`simulator.roleplay.judge.judge`) reads the
text as it reads a typed call turn, with the holder *not* verified: whoever
sees the phone's screen may read a message, so any debt detail in it is a
disclosure. A way to reply or to opt out is not one of the judge's elements, so
it is read here. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import re
import unicodedata

from simulator.course.exercises.answers import shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.course.exercises.forms import AnswerForm
from simulator.roleplay.judge import judge, load_lexicon

__all__ = ["REPLY", "SMS_LIMIT", "written_message"]

#: Characters of one SMS.
SMS_LIMIT = 160
#: Label of the way to answer or opt out, which the judge does not read.
REPLY = "respuesta"
#: A way to answer or to stop the messages: an official number to call, or a word to reply.
_REPLY = re.compile(r"\b(baja|alto|stop|no recibir|dejar de recibir|responda|responder|conteste|escribanos"
                    r"|llamenos|llame al|marque al|comuniquese)\b|\d[\d -]{5,}\d")
#: What a message misses, said for a message rather than for a call.
_MISSING = {
    "institucion": "el nombre de la institución: quien lo lee debe saber quién le escribe",
    "proposito": "para qué escribe, sin detalles de la deuda («sobre su cuenta», «sobre su crédito»)",
    "canal_oficial": "un canal oficial de pago o de atención (la app, la sucursal, la referencia o la cuenta "
                     "de la institución)",
    REPLY: "una forma de responder o de dejar de recibir mensajes (un número oficial o «responda BAJA»)",
}
_DISCLOSURE = ("Cualquiera que vea la pantalla puede leer el mensaje: no diga la deuda, el atraso ni el "
               "monto; eso se trata con el titular ya verificado")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _breaches(text: str, institution: str) -> tuple[list[str], list[str]]:
    """Each breach, quoting the offending words, and the required elements the message has."""
    verdict = judge(text, holder_verified=False, institution=institution)
    said = []
    for name in verdict.breaches:
        why = f"{_DISCLOSURE}." if name == "divulgacion" else load_lexicon().rule(name).por_que
        said.append(f"«{'», «'.join(verdict.words(name))}»: {why}")
    found = list(verdict.elements) + ([REPLY] if _REPLY.search(_plain(text)) else [])
    return said, found


def written_message(id: str, title: str, statement: str, *, institution: str, limit: int,
                    hints: tuple[str, ...]) -> Exercise:
    """A message of at most ``limit`` characters with every element of ``_MISSING`` and no breach."""

    def review(answer: object) -> Feedback:
        if not isinstance(answer, str):
            return Feedback(False, f"Se esperaba el mensaje como texto entre comillas y se recibió "
                                   f"{shown(answer)}.", readable=False)
        text = " ".join(answer.split())
        breaches, found = _breaches(text, institution)
        missing = [why for name, why in _MISSING.items() if name not in found]
        problems = [f"- **Falta** en {breach}" for breach in breaches]
        problems += [f"- **Le falta** {why}." for why in missing]
        if len(text) > limit:
            problems.append(f"- **Es largo**: tiene {len(text)} caracteres y el límite es {limit}; "
                            "acorte sin quitar lo necesario.")
        details = {"caracteres": len(text), "faltas": len(breaches), "faltan": len(missing)}
        if not problems:
            return Feedback(True, f"Su mensaje ({len(text)} caracteres) dice quién escribe y para qué sin "
                                  "revelar la deuda, da un canal oficial y una forma de responder, y no "
                                  "amenaza ni presiona.", details=details)
        return Feedback(False, "Revise su mensaje:\n\n" + "\n".join(problems), details=details)

    return Exercise(id, title, statement, review, hints, form=AnswerForm.TEXT)
