"""Rules and ethics exercises: what a collector never does, with whom, when, how often, a third party,
locating a debtor, a field visit and taking back a guarantee.

Where a country's rule decides the answer (contact hours, contacts a week) the
exercise asks the compliance pack through :mod:`simulator.compliance.contact_time`, so
the course follows the pack when its rules change. The rules are a teaching
model, not legal advice. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt

from simulator.compliance import load_pack
from simulator.compliance.contact_time import allowed_calls, call_allowed
from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register
from simulator.course.exercises.roleplay import roleplay

__all__ = ["WEEK_START"]

#: Monday of an ordinary week (no public holiday in the packs used here).
WEEK_START = dt.date(2026, 3, 9)

register(choice(
    "normativa.prohibido", "Ejercicio 1. Lo que nunca se hace",
    "¿Cuáles de estas acciones **no debe hacer nunca** un gestor de cobranza?",
    {"a": "Mandar una carta en un sobre que dice por fuera «AVISO DE COBRANZA».",
     "b": "Llamar al titular un martes a las 10:00 desde el número oficial, diciendo su nombre y la "
          "institución.",
     "c": "Publicar en redes sociales una lista de clientes morosos para presionarlos.",
     "d": "Pasar a la casa del cliente el sábado a recoger el abono en efectivo.",
     "e": "Decirle al cliente que, si no paga hoy, mañana llega la policía por él.",
     "f": "Recordarle por WhatsApp, el número que él dio y autorizó, la fecha de su promesa.",
     "g": "Pedirle a la vecina que le avise al cliente que «ya pague lo que debe»."},
    "acdeg",
    why={"a": "una leyenda por fuera del sobre le dice la deuda a quien lo reciba o lo vea: el exterior "
              "nunca dice que es una cobranza.",
         "b": "es una gestión correcta: día hábil, horario permitido, número identificable y el gestor se "
              "identifica.",
         "c": "exhibir la deuda en medios masivos, carteles o listas públicas está prohibido en todos los "
              "paquetes del curso.",
         "d": "el gestor no recibe dinero por ningún medio: el pago va solo a las cuentas o ventanillas "
              "oficiales de la institución. Recoger efectivo en casa fue costumbre, hoy es una falta.",
         "e": "es una amenaza falsa: una deuda no lleva a nadie a la cárcel, y anunciarlo es intimidar.",
         "f": "un recordatorio por un canal que el cliente dio y autorizó, sin presión, es una buena "
              "práctica.",
         "g": "la vecina es un tercero: hablarle de la deuda (y pedirle que cobre) la expone."},
    hints=("Piense en tres cosas: ¿alguien que no es el titular se entera?, ¿hay miedo o engaño?, ¿el "
           "dinero pasa por las manos del gestor?",
           "Son cinco las prohibidas; las dos permitidas usan un horario, un número y un canal autorizados."),
    multiple=True,
))

register(choice(
    "normativa.con_quien", "Ejercicio 2. ¿Con quién puede hablar de la deuda?",
    "Don Ramiro firmó un préstamo personal; su hermano Julio firmó como **aval**. ¿Con quiénes puede "
    "hablar de la deuda?",
    {"a": "Con don Ramiro, el titular.",
     "b": "Con Julio, el aval que firmó el contrato.",
     "c": "Con la esposa de don Ramiro, que contesta el teléfono de la casa.",
     "d": "Con su jefe, para que le descuente de la nómina.",
     "e": "Con su hija de 16 años, que contesta el celular.",
     "f": "Con una referencia personal que don Ramiro anotó en su solicitud."},
    "ab",
    why={"a": "el titular es la persona con quien se trata la deuda.",
         "b": "el aval (o el obligado solidario) firmó y responde por la deuda: con él sí se puede tratar.",
         "c": "estar casado con el titular no convierte a nadie en obligado: la esposa es un tercero.",
         "d": "hablarle al jefe expone al cliente en su trabajo; ningún gestor puede pedir descuentos de "
              "nómina por su cuenta.",
         "e": "una menor de edad nunca es interlocutora de una cobranza.",
         "f": "una referencia sirve para que el banco conozca al cliente, no para cobrarle: es un tercero."},
    hints=("Solo cuentan las personas que firmaron y responden por la deuda.",
           "Titular, aval u obligado solidario: nadie más."),
    multiple=True,
))

register(choice(
    "normativa.carcel", "Ejercicio 3. «¿Me van a meter a la cárcel?»",
    "Un cliente de México con 95 días de atraso le pregunta, asustado: «¿Me van a meter a la cárcel?». "
    "¿Qué le responde?",
    {"a": "«Si no paga esta semana, sí: su expediente ya está turnado al juzgado y el proceso penal va a "
          "seguir su curso sin más aviso.»",
     "b": "«No, nadie va a la cárcel por deber dinero, pero el atraso sí queda en su historial. Si cobra "
          "el viernes, ¿cuánto puede abonar?»",
     "c": "«Le hablo del despacho jurídico del licenciado Rivera: ya se giró la orden de embargo contra "
          "sus bienes y contra su sueldo.»",
     "d": "«Eso no se lo puedo decir yo; mejor pague lo antes posible y así no se arriesga a "
          "averiguarlo, ¿no cree usted?»"},
    "b",
    why={"a": "es una amenaza falsa: la ley no permite la prisión por deudas civiles, y decirlo es "
              "intimidar.",
         "b": "dice la verdad, explica las consecuencias reales sin exagerarlas y regresa a una propuesta "
              "concreta ligada a su ingreso.",
         "c": "aparentar ser abogado o autoridad, e inventar una orden de embargo, está prohibido. Además, "
              "amenazar con lo que no va a pasar le quita credibilidad a usted y a la empresa.",
         "d": "dejar el miedo en el aire es presión indebida: si usted sabe la respuesta, désela."},
    hints=("La respuesta correcta no asusta ni engaña, y no deja de cobrar.",
           "En México la Constitución prohíbe la prisión por deudas de carácter civil."),
))

_TUESDAY_EVENING = dt.datetime(2026, 3, 10, 19, 30)
_COUNTRIES = {"a": "MX", "b": "CO", "c": "PE", "d": "US"}
_OPEN = "".join(letter for letter, code in _COUNTRIES.items() if call_allowed(_TUESDAY_EVENING, code))


def _schedule(code: str) -> str:
    return load_pack(code).rule(f"{code}.horario").description


register(choice(
    "normativa.horario_paises", "Ejercicio 4. La misma hora en cuatro países",
    "Es **martes 10 de marzo de 2026, a las 19:30**, hora local de cada cliente, y es su primer contacto de "
    "la semana. ¿En cuáles de estos países puede llamar según el paquete de cumplimiento del curso?",
    {letter: load_pack(code).name for letter, code in _COUNTRIES.items()},
    _OPEN,
    why={letter: ("sí se puede" if letter in _OPEN else "no se puede") + f": {_schedule(code)[:1].lower()}"
                 f"{_schedule(code)[1:]}"
         for letter, code in _COUNTRIES.items()},
    hints=("Mire la tabla de horarios por país del cuaderno.",
           "Compare las 19:30 con la hora de cierre de cada país: uno cierra a las 19:00, otro a las 20:00, "
           "otro a las 21:00 y otro a las 22:00."),
    multiple=True,
))

_CO_CALLS = len(allowed_calls(WEEK_START, 7, (10.0, 18.0), "CO"))


def _calls(value: float) -> str:
    return f"{value:g} llamada" + ("" if value == 1 else "s")


register(numeric(
    "normativa.contactos_semana", "Ejercicio 5. ¿Cuántas llamadas en una semana?",
    "En **Colombia**, usted llama a un cliente que contesta y conversa cada vez. Su estrategia intenta "
    "llamarle **dos veces al día, a las 10:00 y a las 18:00, de lunes a domingo**, en una semana sin "
    "feriados, y siempre por el mismo canal (llamada). ¿Cuántas de esas llamadas deja hacer el paquete de "
    "cumplimiento de Colombia?",
    float(_CO_CALLS), tolerance=0.0,
    why=(f"Son {_CO_CALLS}: un contacto por día (24 horas entre uno y otro), así que la llamada de las 18:00 "
         "siempre se bloquea; de lunes a viernes se llama a las 10:00, el sábado también (se permite de 8:00 "
         "a 15:00) y el domingo no se llama."),
    hints=("Revise dos reglas: el horario de cada día y cuántos contactos caben en un día.",
           "Con un contacto cada 24 horas, ¿qué pasa con la llamada de las 18:00? ¿Y qué días hay horario?",
           "La tabla de llamadas por semana del cuaderno hace esta misma cuenta para cada país."),
    mistakes=((7.0, "contó el domingo: en Colombia no hay contacto los domingos ni feriados."),
              (5.0, "olvidó el sábado: en Colombia se permite de 8:00 a 15:00, y las 10:00 entran."),
              (12.0, "contó dos llamadas al día; el límite es un contacto al día, sumando todos los "
                     "canales."),
              (1.0, "«un canal por semana» limita los canales, no las llamadas: con el mismo canal se puede "
                    "volver a llamar al día siguiente.")),
    fmt=_calls,
))

_SCENARIO, _SEED = "contesta_tercero", 1

register(roleplay(
    "normativa.llamada_tercero", "Ejercicio 6. Contesta la mamá",
    "Juegue aquí abajo la llamada **Contesta la mamá de la titular**: "
    "elija en cada paso lo que diría. Al terminar, la revisión le dice si la llamada aprueba.\n\n"
    "Se aprueba si termina con un recado neutro, sin ninguna falta de cumplimiento, con al menos 85 de 100, "
    "identificándose y sosteniendo con firmeza que los detalles son solo para la titular.",
    scenario=_SCENARIO, seed=_SEED, threshold=85, endings=("mensaje_dejado",),
    required=("identificacion", "firmeza"),
    hints=("Diga su nombre y la institución, y pida hablar con la titular; nada más.",
           "Si la señora pregunta de qué se trata, tranquilícela sin mentir y deje nombre, número y horario.",
           "Cuando adivine el motivo («¿es por la tarjeta?»), no confirme ni niegue: confirme solo el número "
           "anotado."),
))

register(choice(
    "normativa.localizar", "Ejercicio 7. Localizar al cliente",
    "Rafael no contesta el celular desde hace un mes y parece que se mudó. ¿Cuáles de estas formas de "
    "localizarlo son lícitas?",
    {"a": "Revisar en su expediente los teléfonos y correos que él mismo dio o actualizó después.",
     "b": "Llamarle haciéndose pasar por una encuesta de servicio para que le confirme su domicilio.",
     "c": "Escribirles a sus contactos de redes sociales para que le pidan que se comunique.",
     "d": "Escribir al correo que autorizó, sin detalles de la deuda, pidiéndole que se comunique.",
     "e": "Llamar a recursos humanos de su empresa y pedir su domicilio porque debe dinero."},
    "ad",
    why={"a": "los datos que el cliente dio y actualizó son los primeros y los más seguros para buscarlo.",
         "b": "hacerse pasar por otra persona para sacar datos es engañar, y el engaño está prohibido.",
         "c": "sus contactos son terceros: escribirles lo expone y, en varios países, está prohibido.",
         "d": "es un canal que él autorizó y el mensaje no revela la deuda: es lícito.",
         "e": "el empleador es un tercero: decirle que hay una deuda expone al cliente en su trabajo."},
    hints=("Busque con lo que el cliente dio y autorizó; nadie más se entera.",
           "Son dos: las otras engañan o le cuentan la deuda a un tercero."),
    multiple=True,
))

register(choice(
    "normativa.visita", "Ejercicio 8. La visita al domicilio",
    "Usted visita, en día hábil y a las 11:00, el domicilio que Rosa dio en su solicitud. Abre una vecina: "
    "Rosa no está. ¿Qué hace?",
    {"a": "Se presenta con su credencial, pregunta por Rosa y, como no está, deja su nombre y el número "
          "oficial, sin decir el motivo.",
     "b": "Como Rosa no está, le deja a la vecina un aviso de cobranza para que se lo entregue en cuanto "
          "Rosa vuelva a su casa.",
     "c": "Espera a Rosa en la calle, recibe los 800 pesos que ella le ofrece en efectivo y le promete "
          "mandarle el comprobante más tarde.",
     "d": "Pega en la puerta un aviso de visita con el logotipo del despacho y el monto, para que Rosa lo "
          "vea en cuanto vuelva."},
    "a",
    why={"a": "se identifica, busca solo a la titular y a la vecina le deja lo mismo que a un tercero por "
              "teléfono: nombre y número, nada de la deuda.",
         "b": "la vecina es un tercero: un aviso de cobranza en sus manos le cuenta la deuda a ella y a "
              "quien lo vea.",
         "c": "el gestor nunca recibe dinero: el pago va a un canal oficial, con comprobante de la "
              "institución.",
         "d": "un aviso con el monto pegado en la puerta exhibe la deuda ante todo el que pase."},
    hints=("En la puerta valen las mismas reglas que en el teléfono.",
           "Identifíquese, busque solo a la titular y no deje nada que cuente la deuda ni reciba dinero."),
))

register(choice(
    "normativa.garantia", "Ejercicio 9. La moto en garantía",
    "La moto de Julián respalda su crédito y él lleva 120 días sin pagar. ¿Qué hace usted, el gestor?",
    {"a": "Le explica que el contrato prevé recuperar la moto por la vía legal y le ofrece un plan o la "
          "entrega voluntaria.",
     "b": "Va con dos compañeros a su casa y se lleva la moto del patio, porque el contrato dice claramente "
          "que la moto es la garantía.",
     "c": "Le avisa que mañana temprano llegan un actuario y la policía a embargarle la moto si hoy mismo no "
          "deposita todo.",
     "d": "Le pide las llaves de la moto a su hermano, que vive con él, para guardarla hasta que Julián "
          "pague."},
    "a",
    why={"a": "dice la verdad sobre lo que prevé el contrato y le deja elegir: un plan, o entregar la moto "
              "de forma voluntaria, por escrito y con inventario.",
         "b": "llevarse un bien por la fuerza y sin orden de un juez no es cobrar: es una falta grave, "
              "aunque el bien sea la garantía.",
         "c": "un embargo lo ordena un juez; anunciarlo sin que exista, con la policía y un plazo de horas, "
              "es una amenaza.",
         "d": "el hermano es un tercero: pedirle la moto le cuenta la deuda y lo presiona a él."},
    hints=("Recuperar la garantía no es tarea del gestor: la hace un juez o el proceso legal del contrato.",
           "El gestor informa con la verdad y ofrece opciones; no toma nada ni asusta."),
))
