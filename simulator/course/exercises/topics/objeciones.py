"""Objections and situations: telling them apart, "call me later", evasions and disputes.

An objection is argued; a situation is understood and worked around. The
dispute role-play plays ``no_reconozco_deuda`` through the engine, so its
verdict is the one the practice call gives. The Spanish texts are course
content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.course.exercises.kinds import choice
from simulator.course.exercises.registry import register
from simulator.course.exercises.roleplay import roleplay

register(choice(
    "objeciones.clasificar", "Ejercicio 1. ¿Objeción o situación?",
    "Una **situación** es un hecho real que le impide pagar: se comprende y se busca una salida. Una "
    "**objeción** es un argumento para no pagar o para aplazar: se responde con datos y con respeto. "
    "¿Cuáles de estas frases describen una **situación**?",
    {"a": "«Mi mamá estuvo internada tres semanas y todo se me fue en el hospital.»",
     "b": "«Ustedes cobran demasiados intereses; así no pienso pagar.»",
     "c": "«Me recortaron el turno en la fábrica y este mes gané la mitad.»",
     "d": "«Todo el mundo debe, ¿por qué me llaman a mí?»",
     "e": "«Mejor pago todo junto en diciembre, con el aguinaldo.»"},
    "ac",
    why={"a": "es una situación: un gasto que no eligió. Se comprende y se pregunta cuándo vuelve a entrar "
              "dinero.",
         "b": "es una objeción: discute las condiciones del crédito. Se responde explicando el saldo y lo "
              "que cuesta seguir esperando, sin pelear.",
         "c": "es una situación: bajó su ingreso. Se ajusta el monto a lo que sí puede pagar y a su día de "
              "cobro.",
         "d": "es una objeción: busca desviar la conversación. Se responde con calma, volviendo a su cuenta.",
         "e": "es una objeción disfrazada de plan: aplaza meses un pago que puede empezar antes. Se responde "
              "con el costo de esperar y un abono cercano."},
    hints=("Pregúntese: ¿la frase cuenta un hecho que le pasó, o da una razón para no pagar?",
           "Un hecho se comprende; un argumento se debate. Dos de las cinco frases son hechos."),
    multiple=True,
))

register(choice(
    "objeciones.llamame_luego", "Ejercicio 2. «Llámeme luego»",
    "Alejandro contesta desde su moto, mientras reparte pedidos: «Ando trabajando, llámeme luego». Ya dijo "
    "lo mismo en las dos llamadas anteriores y no volvió a contestar. Son las 13:20. ¿Qué le responde?",
    {"a": "«Claro, disculpe la molestia. Le llamo más tarde, cuando esté más tranquilo y pueda atenderme "
          "con calma.»",
     "b": "«No lo entretengo: con la moto detenida, deme un minuto para anotar un monto y un día, y lo "
          "dejo seguir.»",
     "c": "«Si no me atiende ahora, le tendré que dejar el recado a su encargado en la empresa de "
          "entregas.»",
     "d": "«Entonces le marco a las 10:30 de la noche, cuando termine sus entregas y ya esté en su "
          "casa.»"},
    "b",
    why={"a": "es amable, pero «más tarde» sin hora es la misma evasiva de las llamadas anteriores: "
              "aceptarla es perder la llamada otra vez.",
         "b": "respeta su trabajo y su seguridad, dice cuánto tiempo pide y para qué. Si de verdad no puede, "
              "el siguiente paso es una hora exacta y permitida, no un «luego».",
         "c": "es una amenaza y expone la deuda ante un tercero: dos faltas graves que terminan en queja.",
         "d": "la hora es concreta, pero está fuera del horario permitido (de 7:00 a 22:00): aunque él la "
              "acepte, esa llamada sería una falta."},
    hints=("«Luego» sin hora ni compromiso es una evasiva, no un acuerdo.",
           "Pida poco tiempo y algo concreto; nunca presione con terceros ni fuera de horario."),
))

register(choice(
    "objeciones.evasiva", "Ejercicio 3. Una promesa que no es promesa",
    "Después de escuchar su situación, usted pregunta cuándo puede pagar. La clienta responde: «Sí, sí, "
    "la otra semana a lo mejor le deposito algo». ¿Qué hace?",
    {"a": "La anota como promesa de pago para la otra semana, le agradece la disposición y se despide "
          "con mucha amabilidad.",
     "b": "«Ligamos el pago a su ingreso: ¿qué día le depositan su sueldo, y cuánto de su saldo puede "
          "cubrir ese día?»",
     "c": "«Si no me da una fecha hoy mismo, su cuenta pasa al área jurídica y le van a embargar sus "
          "bienes.»",
     "d": "«Está bien, no se preocupe: deposite lo que pueda cuando pueda y nosotros lo vamos "
          "registrando.»"},
    "b",
    why={"a": "«a lo mejor» y «algo» no son monto ni fecha: anotarlo como promesa es aceptar una evasiva, "
              "uno de los errores más comunes de un área de cobranza.",
         "b": "no discute ni acepta la vaguedad: lleva la conversación al día en que entra el dinero y pide "
              "una cifra que ella misma ponga.",
         "c": "anunciar embargos que no existen es una afirmación legal falsa: solo un juez puede "
              "ordenarlos, y después de un juicio.",
         "d": "«lo que pueda cuando pueda» no se puede registrar ni seguir: la llamada termina sin "
              "compromiso."},
    hints=("Una promesa tiene monto y fecha; ¿esta respuesta los tiene?",
           "La fecha más segura es la del ingreso de la clienta."),
))

register(choice(
    "objeciones.disputa", "Ejercicio 4. «Yo no debo eso»",
    "Mariana debe dos mensualidades de su refrigerador (2,700 pesos) y dos cargos de 360 pesos de un "
    "seguro que dice no haber contratado; en su expediente no aparece su firma de aceptación. Su saldo "
    "vencido suma 3,420 pesos. ¿Qué hace?",
    {"a": "Le explica que el sistema no se equivoca con los cargos del seguro y le pide los 3,420 pesos "
          "completos antes del viernes.",
     "b": "Registra la aclaración del seguro con folio, deja esos 720 pesos en pausa y acuerda el pago "
          "de los 2,700 que reconoce.",
     "c": "Le dice que mejor espere a que se resuelva todo el asunto del seguro y que, ya con la "
          "respuesta, hablan de los pagos.",
     "d": "Le dice que, si no paga hoy los 3,420 pesos completos, no puede dejar su aclaración del "
          "seguro en trámite con el banco."},
    "b",
    why={"a": "los cargos indebidos existen: negarlo sin revisar trata un posible error como excusa y "
              "cobra lo que está en disputa.",
         "b": "separa lo disputado de lo reconocido: la disputa se canaliza pronto y con registro, y lo que "
              "no está en duda se sigue cobrando.",
         "c": "la disputa justifica pausar el cobro del seguro, no el de las mensualidades, que siguen "
              "atrasándose y sumando intereses.",
         "d": "aclarar un cargo es un derecho y no depende de pagar; condicionarlo es engañoso y termina en "
              "una queja."},
    hints=("¿Qué parte del saldo está en duda y qué parte reconoce ella?",
           "Una disputa se registra y se canaliza; lo no disputado se sigue cobrando."),
))

register(roleplay(
    "objeciones.llamada_disputa", "Ejercicio 5. La llamada de la disputa",
    "Juegue aquí abajo la llamada **«Yo no debo eso»**: "
    "elija en cada paso lo que diría; cuando una opción pida un monto o una fecha, escríbalo y pulse "
    "Confirmar. Al terminar, la revisión le dice si la llamada aprueba.\n\n"
    "La llamada se aprueba si el caso queda **canalizado** (la aclaración registrada), sin faltas de "
    "cumplimiento, con al menos 85 de 100, distinguiendo la objeción de la situación y con un acuerdo de "
    "pago por lo que la clienta sí reconoce.",
    scenario="no_reconozco_deuda", seed=1, threshold=85, endings=("canalizado",),
    required=("validar_objecion", "derivar", "fecha_de_pago"),
    hints=("Pregunte qué parte exactamente no reconoce antes de opinar.",
           "Verifique el cargo con los datos de la cuenta, regístrelo con folio y no lo cobre mientras se "
           "revisa.",
           "Las dos mensualidades (2,700 pesos) no están en disputa: acuerde su pago para el día en que ella "
           "cobra, el viernes 15."),
))
