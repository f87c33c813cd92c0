"""Communication exercises: opening, open questions, allowed contact hours, a written message, voicemail.

Which contact time is allowed is asked of the compliance pack
(:func:`simulator.compliance.contact_time.call_allowed`), never restated here. The
Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt

from simulator.compliance.contact_time import call_allowed
from simulator.course.exercises.kinds import choice
from simulator.course.exercises.message import SMS_LIMIT, written_message
from simulator.course.exercises.registry import register

register(choice(
    "comunicacion.apertura", "Ejercicio 1. La apertura",
    "Usted llama al número registrado de Jorge Méndez por un atraso de su tarjeta. Contesta una voz "
    "de hombre: «¿Bueno?». ¿Qué dice primero?",
    {"a": "«Buenas tardes. Le llamo porque su tarjeta del Banco Ejemplo tiene un atraso de $4,200 y "
          "necesito un pago hoy.»",
     "b": "«Buenas tardes, le habla Laura Ruiz, de Banco Ejemplo. ¿Podría comunicarme con el señor "
          "Jorge Méndez, por favor?»",
     "c": "«Buenas tardes. ¿Quién habla? Necesito hablar urgentemente con el deudor de la tarjeta "
          "terminada en 4821.»"},
    "b",
    why={"a": "habló de la deuda sin saber con quién hablaba; si no es Jorge, reveló un dato privado a un "
              "tercero.",
         "b": "dice quién llama y de parte de quién, y pregunta por la persona sin decir el motivo: la deuda "
              "espera a que la verifique con un dato que solo el titular conoce.",
         "c": "no se identifica y llama «deudor» a la persona: genera desconfianza desde el primer segundo."},
    hints=("Primero quién es usted y a quién representa.",
           "Nada sobre la deuda hasta confirmar que habla con el titular."),
))

register(choice(
    "comunicacion.preguntas", "Ejercicio 2. Preguntas abiertas",
    "¿Cuáles de estas preguntas son **abiertas**, es decir, invitan al cliente a explicar su situación "
    "en lugar de contestar «sí» o «no»?",
    {"a": "«¿Qué pasó este mes que no pudo hacer su pago?»",
     "b": "«¿Va a pagar el viernes?»",
     "c": "«¿Cómo podríamos organizar el pago para que le quede cómodo?»",
     "d": "«¿Recibió nuestro mensaje?»"},
    "ac",
    why={"a": "pide la causa del atraso con las palabras del cliente.",
         "b": "se contesta con sí o no; sirve para cerrar un acuerdo, no para entender la situación.",
         "c": "deja que el cliente proponga y le da parte del compromiso.",
         "d": "es cerrada: confirma un dato, no abre la conversación."},
    hints=("Una pregunta abierta empieza con qué, cómo, cuándo o por qué.",
           "Pruebe a contestarla con una sola palabra: si se puede, es cerrada."),
    multiple=True,
))

_SLOTS = {
    "a": dt.datetime(2026, 3, 10, 6, 30),
    "b": dt.datetime(2026, 3, 10, 9, 15),
    "c": dt.datetime(2026, 3, 10, 22, 30),
    "d": dt.datetime(2026, 3, 15, 11, 0),
}
_DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def _say(when: dt.datetime) -> str:
    return f"{_DAYS[when.weekday()]} {when.day} de marzo de 2026 a las {when:%H:%M}"


_ALLOWED = "".join(letter for letter, when in _SLOTS.items() if call_allowed(when, "MX"))

register(choice(
    "comunicacion.horario", "Ejercicio 3. ¿A qué hora puede llamar?",
    "Con las reglas del paquete de cumplimiento de **México** (`MX`), ¿en cuál de estos momentos puede "
    "llamar por primera vez a un cliente (hora local del cliente)?",
    {letter: _say(when) for letter, when in _SLOTS.items()},
    _ALLOWED,
    why={letter: ("el paquete lo permite: día hábil y dentro del horario."
                  if letter in _ALLOWED else
                  "el paquete lo bloquea: revise si cae fuera del horario o en fin de semana.")
         for letter in _SLOTS},
    hints=("Compare cada momento con el horario de México: de 7:00 a 22:00, de lunes a viernes.",
           "El paquete MX usa la lectura estricta: sin sábados, domingos ni feriados."),
))

register(written_message(
    "comunicacion.sms", "Ejercicio 4. Escriba el SMS",
    "Jorge Méndez, cliente de **Banco Ejemplo**, lleva 15 días de atraso en su tarjeta y no contesta las "
    "llamadas. El celular lo dio él al abrir la cuenta y autorizó recibir mensajes. Usted enviará un SMS un "
    f"martes a las 10:00. Escríbalo en el recuadro, en no más de {SMS_LIMIT} caracteres. "
    "Se revisa que diga quién escribe y para qué, que dé un canal oficial y una forma de responder o de "
    "darse de baja, y que no tenga ninguna falta (el monto o el atraso a la vista de cualquiera también "
    "es una).",
    institution="Banco Ejemplo", limit=SMS_LIMIT,
    hints=("Empiece con el nombre de la institución y diga que escribe «sobre su cuenta», sin más detalle.",
           "Agregue dónde pagar o consultar (la app oficial, la sucursal) y cómo responder: un número "
           "oficial o «responda BAJA».",
           "Nada de montos, atrasos, plazos que asustan ni cuentas personales."),
))

register(choice(
    "comunicacion.buzon", "Ejercicio 5. El buzón de voz",
    "Llama al celular de Jorge Méndez y entra el buzón de voz. Cualquiera de su casa podría escuchar el "
    "mensaje. ¿Cuál deja?",
    {"a": "«Buenos días, habla Laura Ruiz, de Banco Ejemplo, para el señor Jorge Méndez. Por favor "
          "devuélvame la llamada al 800 123 4567, de lunes a viernes de 9 a 18.»",
     "b": "«Buenos días, habla Laura Ruiz, de Banco Ejemplo. Señor Méndez, su tarjeta tiene un atraso de "
          "$4,200 y necesitamos el pago; llámeme hoy al 800 123 4567.»",
     "c": "«Buenos días, le llamamos del área jurídica. Es urgente que el señor Méndez se comunique hoy "
          "mismo al 800 123 4567, antes de que su caso pase a otra instancia.»",
     "d": "«Buenos días, habla Laura, para el señor Jorge Méndez. Le dejo mi celular personal, el 55 9876 "
          "5432, para que me mande el depósito y así ya no le seguimos llamando.»"},
    "a",
    why={"a": "dice quién llama, de qué institución y para quién, y deja un número oficial y un horario para "
              "devolver la llamada, sin un solo detalle de la deuda.",
         "b": "dice el atraso y el monto en una grabación que puede oír cualquier persona de la casa: es "
              "revelar la deuda a un tercero.",
         "c": "no dice quién llama ni de qué institución, se presenta como área jurídica y asusta con una "
              "«instancia» que no existe: es presión indebida y falsa autoridad.",
         "d": "un depósito a un celular personal no es un canal oficial, y ofrecer dejar de llamar a cambio "
              "del pago es presionar."},
    hints=("El mensaje grabado lo puede oír otra persona: trátelo como si hablara con un tercero.",
           "Nombre, institución, para quién es, número oficial y horario; nada más."),
))
