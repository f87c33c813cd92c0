"""First-call exercises: the order of the opening, safe verification, the payday date, a full call.

The date exercise and the role-play read the scenario ``primera_llamada_30``
(call date, paydays, the call itself), so the course and the practice call
cannot disagree. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt

from simulator.course.exercises.kinds import choice, date_answer
from simulator.course.exercises.registry import register
from simulator.course.exercises.roleplay import ANSWER_EXAMPLE, roleplay
from simulator.paths import dataset
from simulator.roleplay import load_scenario
from simulator.spanish_input import format_date

_SCENARIO = "primera_llamada_30"
_CALL = load_scenario(dataset("dialogues", f"{_SCENARIO}.yaml"))
_TODAY = _CALL.context.call_date
_NEXT_PAYDAY, _LATER_PAYDAY = sorted(day for day in _CALL.hidden.paydays if day >= _TODAY)[:2]
_SEED = 1

register(choice(
    "primera_llamada.orden", "Ejercicio 1. El orden de la apertura",
    "Contesta una voz de hombre: «¿Bueno?». ¿En qué orden conviene avanzar en una primera llamada de "
    "cobranza? Escriba la letra en `respuesta_1`.",
    {"a": "Decir el saldo vencido → preguntar si habla con el titular → decir su nombre y la empresa → "
          "acordar la fecha de pago.",
     "b": "Su nombre y la institución → preguntar por el titular con nombre completo → verificar con un "
          "dato que él conoce (no sensible) → motivo y monto.",
     "c": "Preguntar «¿con quién hablo?» → pedir el NIP de la tarjeta para verificar identidad → decir "
          "el saldo y la fecha límite.",
     "d": "Pedir una promesa de pago → preguntar qué pasó con los pagos → identificarse al final, solo "
          "si el cliente lo pregunta."},
    "b",
    why={"a": "el saldo dicho antes de saber quién contesta puede llegar a un familiar o a un vecino, y "
              "hablar de la deuda con alguien que no es el titular, aval u obligado solidario está "
              "prohibido.",
         "b": "primero quién llama y para quién, luego a quién busca, después un dato que solo el titular "
              "conoce, y solo entonces el motivo y el monto: si contesta otra persona, no se entera de nada.",
         "c": "el NIP nunca se pide: quien lo pide por teléfono es, casi siempre, un defraudador.",
         "d": "identificarse es obligatorio en cada contacto y va al principio; pedir la promesa antes de "
              "conocer la causa del atraso produce promesas que se rompen."},
    hints=("Piense qué pasaría si quien contestó no es el titular.",
           "La identificación va primero y la deuda se menciona solo con el titular confirmado."),
))

register(choice(
    "primera_llamada.verificacion", "Ejercicio 2. Verificar sin poner en riesgo al cliente",
    "Contesta una voz de hombre: «Sí, soy yo». Antes de decir el motivo o dar cifras quiere confirmar que "
    "habla con el titular de la tarjeta. ¿Qué puede pedirle para verificarlo? Escriba las letras en "
    "`respuesta_2`, por ejemplo `\"ab\"`.",
    {"a": "Preguntarle otra vez «¿Es usted el señor Martín Ortega Ruiz?» y darlo por verificado con su «sí».",
     "b": "Pedirle los últimos cuatro dígitos de su tarjeta.",
     "c": "Pedirle el NIP de la tarjeta.",
     "d": "Pedirle el código de seguridad que viene al reverso de la tarjeta.",
     "e": "Pedirle que le dicte la clave que le acaba de llegar por mensaje de texto.",
     "f": "Pedirle que le confirme su fecha de nacimiento."},
    "bf",
    why={"a": "cualquiera puede contestar «sí, soy yo»: un nombre dicho al teléfono no prueba nada. "
              "Preguntar por el titular es parte de la apertura; verificar es pedir un dato que solo él "
              "conoce.",
         "b": "los últimos cuatro dígitos confirman la cuenta y no sirven para hacer cargos.",
         "c": "el NIP no se pide nunca; con él se puede sacar dinero de la cuenta.",
         "d": "el código de seguridad permite compras por internet: ningún banco lo pide por teléfono.",
         "e": "las claves por mensaje autorizan operaciones; pedirlas es lo que hacen los fraudes.",
         "f": "la fecha de nacimiento está en el expediente, el titular la sabe y no sirve para hacer "
              "cargos."},
    hints=("Un nombre al teléfono no basta: elija datos que el titular sabe y un defraudador no podría usar "
           "para sacar dinero.",
           "Dígale al cliente lo que nunca le va a pedir: así también lo protege de llamadas falsas."),
    multiple=True,
))

register(date_answer(
    "primera_llamada.fecha", "Ejercicio 3. La fecha de la promesa",
    f"Hoy es {format_date(_TODAY)}. Martín, con {_CALL.context.days_past_due} días de atraso, cobra su "
    "quincena los días 15 y 30 y puede dejar 1,700 pesos. ¿Para qué fecha le propone el pago? Escriba la "
    "fecha en `respuesta_3`, por ejemplo `\"15/06/2026\"` o `\"el viernes\"`.",
    today=_TODAY, accepted=(_NEXT_PAYDAY,),
    why="es su quincena más próxima: el dinero ya está en su cuenta y el atraso deja de crecer pronto.",
    hints=("Una promesa se cumple cuando coincide con el día en que entra el dinero.",
           "Busque la primera quincena después de hoy."),
    mistakes={_LATER_PAYDAY: "también cobra ese día, pero es otra quincena más de intereses y la tarjeta "
                             "pasaría de los 50 días de atraso. Proponga la quincena más cercana.",
              **{_TODAY + dt.timedelta(days=days): "todavía no habrá cobrado, y una promesa para antes "
                 "del ingreso suele romperse." for days in range((_NEXT_PAYDAY - _TODAY).days)}},
))

register(roleplay(
    "primera_llamada.llamada", "Ejercicio 4. Su primera llamada completa",
    f"Practique la llamada **{_CALL.title}** en el simulador con la semilla `seed={_SEED}` y anote, en "
    f"orden, el número de cada opción que elige (aparece entre corchetes; la primera es 0). Cuando una "
    f"opción pide un monto o una fecha, escriba un par con el número y el texto. Guarde la lista en "
    f"`respuesta_4`, por ejemplo `{ANSWER_EXAMPLE}`.\n\n"
    "La llamada se aprueba si termina en una promesa de pago, sin ninguna falta de cumplimiento, con "
    "al menos 85 de 100 y usando identificación, verificación del titular, una fecha ligada al ingreso y "
    "un resumen final.",
    scenario=_SCENARIO, seed=_SEED, threshold=85, endings=("promesa_de_pago",),
    required=("identificacion", "verificar_titular", "fecha_de_pago", "resumen"),
    hints=("Abra con su nombre, el banco y el nombre completo del titular, sin decir el motivo; verifique "
           "con un dato que él conoce, sin pedir datos sensibles.",
           "Cuando Martín cuente lo de su mamá, trátelo como una situación: comprenda y pregunte cuándo "
           "cobra.",
           "Pida un monto que él pueda pagar (no más de lo que le queda) para su quincena del lunes 15 y "
           "cierre repitiendo monto, fecha y canal oficial."),
))
