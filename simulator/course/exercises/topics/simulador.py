"""Simulator exercises: what happens to an account, what a contact adds, what the real data can tell.

The numbers come from the package's own parameters (``simulator/parameters.yaml``)
and from :class:`~simulator.behaviour.intensity.Intensity`, so what the learner
computes is what the engine does. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import math

from simulator.behaviour.intensity import Intensity
from simulator.course.exercises.kinds import choice, function, numeric
from simulator.course.exercises.registry import register
from simulator.parameters import load_parameters

__all__ = ["expected_payments"]

_PARAMETERS = load_parameters()
_PERSONA, _CHANNEL = "olvidadizo", "sms"


def expected_payments(piso: float, exceso: float, decaimiento: float, dias: float) -> float:
    """Expected payments in the next ``dias`` days: the engine's compensator, from its own class."""
    return Intensity(piso, decaimiento, exceso).integral(dias)


register(choice(
    "simulador.agenda", "Ejercicio 1. ¿Qué despierta a una cuenta?",
    "En el simulador cada cuenta es un proceso que **duerme hasta su siguiente evento** de la agenda. "
    "¿Cuál de estas cosas **no** es un evento de la agenda, sino solo un salto en la intensidad de pago "
    "que se toma en cuenta al sortear el siguiente pago? Escriba la letra en `respuesta_1`.",
    {"a": "La llegada del estado de cuenta del mes.",
     "b": "El día de pago (la quincena) del deudor.",
     "c": "La fecha en que vence una promesa de pago.",
     "d": "El castigo a los 180 días de atraso."},
    "b",
    why={"a": "el estado de cuenta sí es un evento: factura una cuota y hace saltar la intensidad.",
         "b": "el día de pago no despierta a la cuenta: solo sube la intensidad, y ese salto entra en el "
              "cálculo exacto del siguiente pago. Así cada evento real cuesta una sola espera.",
         "c": "la fecha de una promesa sí es un evento: ese día el deudor paga o no.",
         "d": "el castigo sí es un evento: perdona el saldo y cierra la cuenta."},
    hints=("Piense en qué cosas cambian el saldo o el estado de la cuenta por sí solas.",
           "Una de las opciones solo hace más probable que el deudor pague, sin obligarlo a nada."),
))

_PERSONA_PARAMETERS = _PARAMETERS.personas[_PERSONA]
_JUMP = _PARAMETERS.channels[_CHANNEL].effect_per_day * _PERSONA_PARAMETERS.response_to(_CHANNEL)
_DECAY = _PERSONA_PARAMETERS.decay_per_day

register(numeric(
    "simulador.salto", "Ejercicio 2. Lo que suma un SMS",
    f"Cuando un canal llega al titular, su intensidad de pago salta en `efecto × respuesta`: para un SMS "
    f"el efecto es `{_PARAMETERS.channels[_CHANNEL].effect_per_day:g}` pagos por día y un deudor "
    f"`{_PERSONA}` responde a los contactos con un factor `{_PERSONA_PARAMETERS.response_to(_CHANNEL):g}`. "
    f"Ese exceso se desvanece a una tasa de `{_DECAY:g}` por día, así que en total un salto `J` agrega "
    "`J / decaimiento` pagos esperados.\n\n"
    "¿Cuántos pagos esperados agrega un SMS que llega a un deudor olvidadizo? Escriba el número en "
    "`respuesta_2` (por ejemplo `0.25`).",
    _JUMP / _DECAY, tolerance=0.005,
    why=(f"el salto es {_JUMP:g} pagos por día y, al desvanecerse a {_DECAY:g} por día, suma "
         f"{_JUMP / _DECAY:.2f} pagos esperados: un recordatorio barato mueve mucho a quien solo olvida."),
    hints=("Primero calcule el salto: efecto del canal por la respuesta de la persona.",
           f"El salto es {_JUMP:g}; ahora divida entre el decaimiento."),
    mistakes=((_JUMP, "ese es el salto en pagos por día; falta dividir entre el decaimiento para tener "
                      "los pagos esperados en total."),
              (_PARAMETERS.channels[_CHANNEL].effect_per_day / _DECAY,
               "olvidó multiplicar por la respuesta del olvidadizo a los contactos.")),
    fmt=lambda value: f"{value:g}",
))

register(function(
    "simulador.masa", "Ejercicio 3. Los pagos esperados en unos días",
    "Entre dos eventos, la intensidad de pago es un piso más un exceso que decae: "
    "`piso + exceso × e^(-decaimiento × t)`. Los **pagos esperados** en los próximos `dias` días son su "
    "integral: `piso × dias + exceso / decaimiento × (1 - e^(-decaimiento × dias))`. Con ese número el "
    "simulador sortea de forma exacta cuándo llega el siguiente pago.\n\n"
    "Complete la función `pagos_esperados(piso, exceso, decaimiento, dias)` (use `math.exp`).",
    reference=expected_payments,
    cases=((0.03, 0.6, 0.25, 10), (0.012, 0.25, 0.2, 10), (0.001, 0.0, 0.2, 30), (0.005, 1.0, 0.1, 0),
           (0.0, 0.44, 0.2, 60)),
    tolerance=1e-4,
    why=("su función da la misma masa que el motor: con ella, un deudor puntual que recibe su estado de "
         "cuenta 10 días antes del vencimiento espera unos 2.5 pagos en esos días."),
    hints=("Son dos sumandos: el piso por los días, y el exceso que se va apagando.",
           "El segundo sumando es `exceso / decaimiento * (1 - math.exp(-decaimiento * dias))`."),
    mistakes=((lambda p, x, k, d: p * d + x * d, "trató el exceso como constante; se apaga con el tiempo."),
              (lambda p, x, k, d: x / k * (1 - math.exp(-k * d)),
               "olvidó el piso: aun sin detonantes, el deudor paga a un ritmo mínimo.")),
))

register(choice(
    "simulador.calibracion", "Ejercicio 4. Lo que los datos reales pueden decir",
    "El simulador se calibró con seis estados de cuenta de 30,000 tarjetas de un banco (datos públicos "
    "UCI): cuánto se debía, cuánto se pagó y qué tan atrasada estaba cada cuenta cada mes. **No** traen "
    "las llamadas, los mensajes ni las promesas. ¿Qué partes del modelo se pudieron ajustar con esos "
    "datos? Escriba las letras en `respuesta_4`.",
    {"a": "El ritmo de pago sin ningún detonante (el piso).",
     "b": "Cuánto sube el pago un SMS o una llamada.",
     "c": "Cuánto paga un deudor de una vez (su capacidad).",
     "d": "Qué tan seguido se cumplen las promesas de pago.",
     "e": "La respuesta al estado de cuenta y al día de pago."},
    "ace",
    why={"a": "el piso se ajustó: mueve cuántas cuentas pagan sin detonante.",
         "b": "los datos no dicen qué contactos hizo el banco: el efecto de los canales sigue siendo un "
              "supuesto de diseño.",
         "c": "la capacidad se ajustó con la razón entre lo pagado y lo facturado.",
         "d": "sin promesas en los datos, su cumplimiento no se puede ajustar.",
         "e": "se ajustó con un solo multiplicador para los dos, porque los datos no los distinguen."},
    hints=("Solo se puede ajustar lo que deja huella en los montos pagados y los atrasos mes a mes.",
           "Todo lo que pasa en una llamada es invisible en esos datos."),
    multiple=True,
))
