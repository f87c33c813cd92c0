"""Segmentation exercises: personas and their channels, early-payment incentives, measuring a
personalised strategy, and a strategy by preferred channel designed by the learner.

Which channel moves a persona most is read from the package's parameters, so
the course and the engine cannot disagree. The Spanish texts are course
content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register
from simulator.course.exercises.strategy_design import DesignGoals, strategy_design
from simulator.parameters import load_parameters

__all__ = ["CHANNEL_GOALS", "early_payment_gain"]

#: Goals of the preferred-channel exercise against ``escalonada``: nearly the same recovery, 60 % of the cost.
CHANNEL_GOALS = DesignGoals(min_recovery_gain=-0.01, max_cost_ratio=0.6, max_complaints_per_1000=25)

_PERSONA = "evasivo"
_CHANNELS = dict(zip("abcd", ("llamada", "sms", "visita", "whatsapp"), strict=True))
_RESPONSE = {letter: load_parameters().personas[_PERSONA].response_to(channel)
             for letter, channel in _CHANNELS.items()}
_BEST = max(_RESPONSE, key=_RESPONSE.get)

register(choice(
    "segmentacion.canal", "Ejercicio 1. El canal que mueve a un evasivo",
    f"En el simulador, cada persona responde distinto a cada canal: el salto de su intensidad de pago es el "
    f"efecto del canal por su respuesta. Un deudor **{_PERSONA}** evita el contacto y promete para colgar. "
    "Sin contar el efecto propio de cada canal, ¿a cuál responde **más** (su multiplicador más alto, en "
    "`simulator/parameters.yaml`)? Escriba la letra en `respuesta_1`.",
    {letter: f"`{channel}`" for letter, channel in _CHANNELS.items()}, _BEST,
    why={letter: (f"multiplicador {_RESPONSE[letter]:g}: " + (
        "a quien esquiva el teléfono lo mueve que alguien llegue a su domicilio; es el canal más caro, así "
        "que conviene reservarlo para este segmento." if letter == _BEST else
        f"menos que los {_RESPONSE[_BEST]:g} de `{_CHANNELS[_BEST]}`."))
        for letter in _CHANNELS},
    hints=("Busque `evasivo` en `simulator/parameters.yaml`: su `channel_response` sube dos canales.",
           "Los canales sin entrada en `channel_response` usan solo su respuesta general a los contactos."),
))

register(choice(
    "segmentacion.trato", "Ejercicio 2. Un trato para cada cliente",
    "Clasificar a los clientes sirve para darle a cada uno el trato que lo mueve. Ana tiene con qué "
    "pagar, pero se le olvidan las fechas, y autorizó que le escriban por WhatsApp. ¿Qué le conviene a "
    "la empresa con ella? Escriba la letra en `respuesta_2`.",
    {"a": "Llamarla todos los días desde el primer día de atraso, para que no se le olvide otra vez la "
          "fecha.",
     "b": "Un recordatorio por WhatsApp un par de días antes del vencimiento, y una llamada solo si se "
          "atrasa.",
     "c": "Ofrecerle una quita del 40 % para que liquide de una vez y deje de atrasarse cada mes.",
     "d": "Mandarle una visita de campo al día 5 de atraso, para hablar con ella en persona en su "
          "domicilio."},
    "b",
    why={"a": "contactar de más a quien solo olvida cuesta, genera quejas y daña la relación.",
         "b": "es cobranza preventiva por el canal que ella eligió: lo más barato, y a una olvidadiza le "
              "basta un recordatorio.",
         "c": "regalar el 40 % a quien sí puede pagar es perder dinero sin necesidad.",
         "d": "la visita es el canal más caro; se reserva para quien evita los demás contactos."},
    hints=("¿Por qué no paga Ana: no puede, no quiere o no se acuerda?",
           "Piense en lo más barato que le basta, y en el canal que ella misma autorizó."),
))


def early_payment_gain(cuota_mxn: float, descuento: float, antes: float, despues: float) -> float:
    """Expected money collected on time per account with the discount, minus without it."""
    return despues * cuota_mxn * (1.0 - descuento) - antes * cuota_mxn


_INSTALMENT, _DISCOUNT, _BEFORE, _AFTER = 2_400.0, 0.03, 0.70, 0.80

register(numeric(
    "segmentacion.incentivo", "Ejercicio 3. ¿Conviene un descuento por pronto pago?",
    f"La cuota de un grupo de clientes es de **${_INSTALMENT:,.0f}**. Hoy el **{_BEFORE:.0%}** la paga a "
    f"tiempo. Si se ofrece un **{_DISCOUNT:.0%} de descuento** a quien pague antes del vencimiento, se "
    f"espera que pague a tiempo el **{_AFTER:.0%}**. Por cada cliente, ¿cuánto dinero más (o menos, con "
    "signo menos) se cobra a tiempo, en promedio, con el incentivo? Escriba el número en `respuesta_3`.",
    early_payment_gain(_INSTALMENT, _DISCOUNT, _BEFORE, _AFTER), tolerance=0.5,
    why=(f"con el incentivo se cobra en promedio {_AFTER:.0%} de ${_INSTALMENT * (1 - _DISCOUNT):,.0f}; "
         f"sin él, {_BEFORE:.0%} de ${_INSTALMENT:,.0f}. El descuento cuesta poco frente a los clientes "
         "que deja al corriente, que además no entran a la gestión de atraso."),
    hints=("Calcule lo que se cobra a tiempo en promedio en cada caso: probabilidad por monto.",
           f"Con incentivo el monto es ${_INSTALMENT * (1 - _DISCOUNT):,.0f}; réstele lo de hoy."),
    mistakes=((early_payment_gain(_INSTALMENT, 0.0, _BEFORE, _AFTER),
               "olvidó que quien paga con el incentivo paga la cuota con descuento."),
              (-_INSTALMENT * _DISCOUNT, "contó solo lo que cuesta el descuento, sin los clientes que ahora "
                                         "pagan a tiempo.")),
))

register(choice(
    "segmentacion.medir", "Ejercicio 4. Medir una estrategia personalizada",
    "Su equipo diseñó una estrategia personalizada por segmentos. ¿Cuál es la mejor forma de saber si "
    "funciona mejor que la campeona? Escriba la letra en `respuesta_4`.",
    {"a": "Usarla en toda la cartera este mes y comparar lo cobrado con el mes pasado, segmento por "
          "segmento, para ver si subió la recuperación neta.",
     "b": "Simularla con la misma cartera y semilla que la campeona y un control, leer el intervalo "
          "pareado y probarla al azar con cuentas reales.",
     "c": "Aplicarla primero solo a los mejores clientes, para que los números salgan bien, y después "
          "extenderla a toda la cartera si funciona.",
     "d": "Preguntarle al equipo de gestores si siente que cobra más con ella, y hacer una encuesta a "
          "los clientes sobre el trato recibido."},
    "b",
    why={"a": "de un mes a otro cambian los deudores, la quincena, la temporada: no se sabe qué causó la "
              "diferencia.",
         "b": "mismos deudores y misma suerte aíslan el efecto de la estrategia; el intervalo dice si la "
              "diferencia es clara, el control mide la autorregularización y la prueba al azar lo confirma "
              "con clientes reales.",
         "c": "los mejores clientes pagarían de todos modos: esa comparación está sesgada.",
         "d": "la impresión del equipo es útil para diseñar, no para medir."},
    hints=("¿Qué comparación deja igual todo menos la estrategia?",
           "Piense en campeona contra retadora con números aleatorios comunes, y en un control."),
))

register(strategy_design(
    "segmentacion.canal_preferido", "Ejercicio 5. Cada quien por su canal",
    "Escriba en `respuesta_5`, como texto YAML entre comillas triples, una estrategia con **segmentos por "
    "canal preferido**: a quien autorizó WhatsApp (`whatsapp_opt_in`), recordatorios y mensajes por "
    "WhatsApp; al resto, SMS y correo; la llamada, solo cuando el mensaje no bastó (vea la sección "
    "`segmentos` de docs/estrategias.md). La meta es cobrar casi lo mismo que `escalonada` gastando mucho "
    "menos. La revisión la corre con el simulador; tarda unos segundos.",
    reference="escalonada", goals=CHANNEL_GOALS,
    hints=("Un segmento se escribe con `condiciones: [{columna: whatsapp_opt_in, igual: true}]` y sus "
           "propias `acciones`; las `acciones` de primer nivel son para el resto.",
           "Los mensajes cuestan centavos y las llamadas 18 pesos: empiece las llamadas hacia el día 8 a 12 "
           "de atraso, una por semana, con la mitad de agentes.",
           "El aviso formal (día 75) y el buró (día 90) son baratos y mueven a los resistentes."),
))
