"""First-call exercises: the opening, verification, the payday date, a full call, the day's order, coding.

The date exercise and the role-play read the scenario ``primera_llamada_30``
(call date, paydays, the call itself), so the course and the practice call
cannot disagree. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

import datetime as dt

from simulator.course.exercises.kinds import choice, date_answer
from simulator.course.exercises.matching import Case, matching
from simulator.course.exercises.registry import register
from simulator.course.exercises.roleplay import roleplay
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
    "cobranza?",
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
    "habla con el titular de la tarjeta. ¿Qué puede pedirle para verificarlo?",
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
    "fecha como 15/06/2026 o como «el viernes».",
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
    f"Juegue aquí abajo la llamada **{_CALL.title}**: "
    "elija en cada paso lo que diría; cuando una opción pida un monto o una fecha, escríbalo y pulse "
    "Confirmar. Al terminar, la revisión le dice si la llamada aprueba.\n\n"
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

register(choice(
    "primera_llamada.agenda", "Ejercicio 5. ¿A quién llama primero?",
    "Es lunes a las 9:00 y empieza su jornada con estas cuatro cuentas en la lista. ¿A cuál llama primero?",
    {"a": "Rosa prometió pagar el viernes pasado y el pago no llegó; su ficha dice que contesta temprano, "
          "antes del trabajo.",
     "b": "Héctor tiene 150 días de atraso y el saldo más alto de toda la cartera; no contesta ninguna "
          "llamada desde hace dos meses.",
     "c": "Marta siempre paga a tiempo; su mensualidad vence dentro de veinte días y pidió que la llamen "
          "por la tarde.",
     "d": "Luis prometió pagar el próximo viernes en la sucursal; su llamada de seguimiento ya está "
          "agendada para ese mismo día."},
    "a",
    why={"a": "una promesa incumplida se sigue al día siguiente hábil, y Rosa contesta temprano: es la "
              "llamada con más probabilidad de convertirse en pago, a la hora en que ella responde.",
         "b": "perseguir solo lo más antiguo deja envejecer las cuentas recientes; Héctor va en su lugar de "
              "la lista, no primero, y la hora de la mañana la aprovecha mejor quien sí contesta.",
         "c": "Marta no tiene atraso y pidió la tarde: llamarla ahora desperdicia la mejor hora y no respeta "
              "lo que pidió. Su recordatorio va más cerca del vencimiento.",
         "d": "la promesa de Luis sigue vigente: llamarlo antes del viernes es presionar sin motivo. Su "
              "seguimiento ya tiene fecha."},
    hints=("¿Qué cuenta tiene algo que venció y que una llamada hoy puede rescatar?",
           "Primero las promesas que se rompieron, a la hora en que cada cliente contesta."),
))

_CODES = {
    "promesa": "Titular: promesa de pago con monto y fecha",
    "sin_acuerdo": "Titular: sin acuerdo (evasiva, sin monto ni fecha)",
    "negativa": "Titular: se niega a pagar",
    "disputa": "Titular: no reconoce la deuda (disputa)",
    "tercero": "Tercero: recado neutro",
    "no_contesta": "No contesta o buzón de voz",
    "equivocado": "Número equivocado",
}

register(matching(
    "primera_llamada.tipificacion", "Ejercicio 6. Tipifique cada contacto",
    "Al terminar cada intento, el gestor lo registra con un código (lo **tipifica**). Elija el "
    "código de cada caso.",
    codes=_CODES,
    cases=(
        Case("Contesta la esposa: el titular llega en la noche. Usted deja su nombre y el número oficial, "
             "sin decir el motivo.", "tercero",
             "la esposa no es la titular: fue un contacto con un tercero, aunque sea de la familia."),
        Case("El teléfono suena hasta que entra el buzón; deja el recado neutro.", "no_contesta",
             "dejar un recado en el buzón no es hablar con nadie."),
        Case("Contesta una tienda: ahí no conocen a nadie con ese nombre y el número es de la tienda desde "
             "hace años.", "equivocado",
             "el número no es del titular: se marca como equivocado para no volver a llamar a la tienda."),
        Case("El titular, verificado, acuerda pagar 1,200 el viernes 13 en la app oficial.", "promesa",
             "hay monto, fecha y canal: es una promesa, y su seguimiento queda agendado para ese viernes."),
        Case("El titular, verificado, dice que nunca sacó esa tarjeta y pide una aclaración.", "disputa",
             "no reconocer la deuda es una disputa: la cobranza se pausa hasta que se aclare."),
        Case("El titular, verificado, dice «a ver si la otra semana le deposito algo» y cuelga.",
             "sin_acuerdo", "sin monto ni fecha no hay promesa: registrarla como tal infla las promesas que "
                            "nunca se cumplen."),
        Case("El titular, verificado, dice que no piensa pagar y pide que no lo llamen más.", "negativa",
             "se negó a pagar: se registra así, con su pedido de no recibir llamadas para que lo revise el "
             "supervisor."),
    ),
    why="Cada contacto queda con el código que describe lo que pasó: quién contestó y qué resultó. Con "
        "códigos fieles, la lista de mañana, las promesas por seguir y los números equivocados salen solos.",
    hints=("Primero: ¿quién contestó? Titular, tercero, nadie o un número que no es del cliente.",
           "Si fue el titular: ¿hay monto y fecha? Si falta uno, no es una promesa."),
))
