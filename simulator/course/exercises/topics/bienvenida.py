"""Welcome exercises: how a check answers, where progress is kept, why a control strategy.

They replace the quiz notebook 00 used to define inline. The variable that
moves the progress file is taken from :mod:`simulator.course.trainee`, so the answer
follows the code. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.course.exercises.kinds import choice
from simulator.course.exercises.registry import register
from simulator.course.progress import STORE_VARIABLE

register(choice(
    "bienvenida.revision", "Ejercicio 1. Cómo responde una revisión",
    "Usted marca una respuesta equivocada en un ejercicio y pulsa **Revisar**. ¿Qué pasa?",
    {"a": "La página se detiene con un error en rojo y hay que cargarla de nuevo y empezar otra vez "
          "desde el principio.",
     "b": "Aparece «Todavía no», qué está mal y una pista; puede corregir y pulsar Revisar otra vez.",
     "c": "La revisión borra su respuesta, la cuenta como incorrecta y pasa sola al siguiente ejercicio "
          "del cuaderno."},
    "b",
    why={"a": "una revisión nunca detiene el cuaderno: aunque la respuesta esté mal, los demás ejercicios "
              "siguen ahí.",
         "b": "cada revisión dice si acertó, qué falla y qué mirar; intentar de nuevo no tiene costo.",
         "c": "su respuesta se queda tal como la dio, para que la corrija."},
    hints=("Marque una respuesta cualquiera, pulse Revisar y lea lo que aparece debajo.",
           "Busque las palabras «Todavía no» y «Pista» en el resultado."),
))

register(choice(
    "bienvenida.avance", "Ejercicio 2. Dónde queda su avance",
    "Al principio de cada cuaderno hay un recuadro donde usted escribe su nombre una sola vez. Después "
    "de eso, ¿dónde queda el resultado de cada ejercicio que revisa?",
    {"a": "En ningún lado: al cerrar el cuaderno o apagar la computadora, los resultados se pierden.",
     "b": "Dentro de la propia página, pero solo si usted la guarda con Ctrl + S antes de cerrarla.",
     "c": "En el archivo de avance del grupo (`~/.cobranza/avance.sqlite` o el que indique "
          f"`{STORE_VARIABLE}`).",
     "d": "En un servidor de internet del curso, que el formador consulta desde su propia cuenta."},
    "c",
    why={"a": "con su nombre registrado, cada revisión se guarda al momento, sin que usted haga nada más.",
         "b": "guardar la página no guarda nada de su avance: el registro de avance es otro archivo.",
         "c": "cada revisión se anota con su nombre en ese archivo; el formador lo usa para ver cómo va el "
              "grupo. Si no se puede escribir, verá un aviso y la revisión aparece igual.",
         "d": "el curso funciona sin conexión: nada sale de la computadora."},
    hints=("Lea el mensaje que aparece después de escribir su nombre al principio del cuaderno.",
           "El mensaje de bienvenida dice «Sus respuestas se guardan en ...»."),
))

register(choice(
    "bienvenida.control", "Ejercicio 3. ¿Por qué comparar con no hacer nada?",
    "En la simulación de este cuaderno la estrategia `escalonada` se comparó con `nada`, que no hace "
    "ningún contacto. ¿Para qué sirve esa comparación?",
    {"a": "Aun sin contacto algunos clientes pagan; lo que logra la gestión es solo la diferencia entre "
          "ambas.",
     "b": "`nada` no gasta en contactos, así que siempre es la mejor y las demás deben parecerse a "
          "ella.",
     "c": "El simulador necesita al menos dos estrategias en cada corrida para poder calcular los "
          "indicadores."},
    "a",
    why={"a": "la columna de `nada` no es cero: muchos pagan al recibir su sueldo o su estado de cuenta. Sin "
              "ese grupo de control se le atribuiría a la gestión un cobro que habría llegado igual.",
         "b": "no gastar no es lo mismo que cobrar: compare la recuperación neta de las dos columnas.",
         "c": "el simulador puede correr una sola estrategia; comparar es una decisión de método."},
    hints=("Mire cuánto cobró `nada` en la tabla de indicadores: ¿es cero?",
           "Piense qué parte de lo cobrado por `escalonada` habría llegado sin ninguna llamada."),
))
