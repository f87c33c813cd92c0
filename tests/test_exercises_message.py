"""The written-message exercise: the judge's elements and breaches, the reply line and the SMS length.

A message is read as if anyone could see the phone's screen, so a debt detail is
a disclosure even though the exercise never names a third party.
"""

from __future__ import annotations

import pytest

from simulator.course.exercises import get_exercise
from simulator.course.exercises.message import SMS_LIMIT, written_message

GOOD = ("Banco Ejemplo: Jorge, le escribimos sobre su cuenta. Pague en la app oficial o llame al "
        "800 123 4567. Para no recibir SMS responda BAJA.")


@pytest.fixture
def sms():
    return get_exercise("comunicacion.sms")


def test_a_lawful_sms_passes(sms):
    feedback = sms.check(GOOD)
    assert feedback.correct, feedback.message
    assert feedback.details["caracteres"] == len(GOOD) <= SMS_LIMIT


@pytest.mark.parametrize("text, words, why", [
    ("Banco Ejemplo: le escribimos sobre su atraso de $4,200. Pague en la app oficial o llame al 800 123 "
     "4567. Responda BAJA.", "«atraso»", "pantalla"),
    ("Banco Ejemplo: le escribimos sobre su cuenta. Deposite a mi cuenta 1234 o llame al 800 123 4567. "
     "Responda BAJA.", "«mi cuenta»", "canal oficial"),
    ("Banco Ejemplo: le escribimos sobre su cuenta. Pague en la app oficial hoy o le embargamos. Llame al "
     "800 123 4567.", "«le embargamos»", "Amenazar"),
])
def test_a_breach_fails_and_names_the_offending_words(sms, text, words, why):
    feedback = sms.check(text)
    assert not feedback.correct
    assert words in feedback.message and why in feedback.message, feedback.message


def test_each_missing_element_is_named():
    message = get_exercise("comunicacion.sms").check("Hola Jorge, pague ya.").message
    for missing in ("nombre de la institución", "para qué escribe", "canal oficial", "forma de responder"):
        assert missing in message, missing


def test_the_reply_line_is_required(sms):
    feedback = sms.check(GOOD.replace(" o llame al 800 123 4567", "").replace(" Para no recibir SMS responda "
                                                                              "BAJA.", ""))
    assert not feedback.correct and "forma de responder" in feedback.message
    assert feedback.details["faltan"] == 1


def test_a_message_over_the_limit_fails_even_when_lawful():
    short = written_message("prueba.sms", "Prueba", "Escriba.", institution="Banco Ejemplo", limit=100,
                            hints=("Acorte.",))
    feedback = short.check(GOOD)
    assert not feedback.correct and f"tiene {len(GOOD)} caracteres y el límite es 100" in feedback.message
    assert feedback.details["faltas"] == feedback.details["faltan"] == 0


def test_an_answer_that_is_not_text_is_unreadable(sms):
    feedback = sms.check(160)
    assert not feedback.correct and not feedback.readable and "texto entre comillas" in feedback.message
