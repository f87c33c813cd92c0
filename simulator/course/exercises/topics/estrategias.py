"""Strategy comparison exercises: paired intervals, reading an interval, the ageing of young debts,
the price of over-contacting, and a challenger designed by the learner.

The cost of a complaint is the engine's own parameter, and the designed
challenger is run by the simulator (see :mod:`simulator.course.exercises.strategy_design`).
The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register
from simulator.course.exercises.strategy_design import DesignGoals, strategy_design
from simulator.parameters import load_parameters

__all__ = ["CHALLENGER_GOALS"]

#: Goals of the challenger exercise against ``solo_antiguas`` (one point more, no more cost, few complaints).
CHALLENGER_GOALS = DesignGoals(min_recovery_gain=0.005, max_cost_ratio=1.0, max_complaints_per_1000=30)

register(choice(
    "estrategias.pareado", "Ejercicio 1. ¿Por qué parear?",
    "La campeona y la retadora se corren con **la misma cartera, la misma semilla y las mismas "
    "réplicas**, y la diferencia se calcula réplica por réplica. ¿Por qué el intervalo de esa diferencia "
    "pareada suele ser mucho más angosto que el que compara los promedios sin parear? Escriba la letra en "
    "`respuesta_1`.",
    {"a": "Con la misma semilla ambas enfrentan a los mismos deudores con la misma suerte, y al restar "
          "esa suerte común se cancela.",
     "b": "Al parear se juntan las réplicas de las dos estrategias: con el doble de réplicas, el "
          "intervalo de la diferencia se angosta.",
     "c": "La diferencia pareada deja fuera las réplicas con mala suerte, que son las que más ensanchan "
          "el intervalo.",
     "d": "El intervalo pareado se calcula con un nivel de confianza menor que 95 %, y por eso sale más "
          "angosto."},
    "a",
    why={"a": "una réplica con muchos deudores insolventes es mala para las dos estrategias; al restar, "
              "ese ruido común desaparece y queda el efecto de la estrategia.",
         "b": "el número de réplicas es el mismo; cambia cómo se restan.",
         "c": "no se descarta ninguna réplica: todas entran en la diferencia.",
         "d": "los dos intervalos son del 95 %; el pareado es más angosto porque quita el ruido común."},
    hints=("Piense en qué comparten la réplica 1 de la campeona y la réplica 1 de la retadora.",
           "Números aleatorios comunes: mismos deudores, misma persona, misma capacidad."),
))

register(choice(
    "estrategias.intervalo", "Ejercicio 2. Un intervalo que contiene el cero",
    "Con 3 réplicas, la retadora `preventiva` menos la campeona `escalonada` da en recuperación neta "
    "**−0.59 millones, IC 95 % de −1.36 a +0.19**, y en costo total **−0.74 millones, IC 95 % de −0.76 a "
    "−0.73**. ¿Qué se puede concluir? Escriba la letra en `respuesta_2`.",
    {"a": "`preventiva` cobra neto menos que la campeona, porque su intervalo de recuperación neta llega "
          "a valores negativos: hay que descartarla.",
     "b": "`preventiva` ahorra costo con seguridad, pero su recuperación neta aún no se distingue de la "
          "campeona: faltan réplicas.",
     "c": "Las dos estrategias son iguales en todo, porque uno de los intervalos contiene el cero y eso "
          "indica empate.",
     "d": "`preventiva` es mejor, porque su costo es menor con seguridad y eso basta para cambiar la "
          "estrategia de toda la cartera."},
    "b",
    why={"a": "el intervalo de la recuperación neta contiene el cero: la diferencia podría ser de cualquier "
              "signo.",
         "b": "el intervalo del costo queda todo abajo de cero (ahorro claro); el de la recuperación neta "
              "cruza el cero, así que ese resultado sigue abierto. Más réplicas angostan el intervalo.",
         "c": "solo el intervalo de la recuperación neta contiene el cero; el del costo no.",
         "d": "gastar menos no basta: importa lo que se cobra menos el costo, y eso todavía no se "
              "distingue."},
    hints=("Lea cada intervalo por separado: ¿queda todo de un lado del cero?",
           "Un intervalo que cruza el cero dice «todavía no se sabe», no «son iguales»."),
))

register(choice(
    "estrategias.envejece", "Ejercicio 3. Perseguir solo lo viejo",
    "La estrategia `solo_antiguas` usa al mismo equipo que la campeona, pero solo en las cuentas con más "
    "de 60 días de atraso. ¿Por qué, en el simulador, su tasa de deterioro en las cuentas que empiezan al "
    "corriente o en 1-30 es mayor que con la campeona? Escriba la letra en `respuesta_3`.",
    {"a": "Las reglas de contacto bloquean las llamadas a las cuentas de 1 a 30 días, así que esas "
          "cuentas nunca reciben un aviso a tiempo y se atrasan.",
     "b": "Sin un recordatorio temprano, los olvidadizos de los tramos jóvenes ruedan a 31-60 y 61-90, "
          "donde ya deben más de lo que pueden pagar.",
     "c": "Las cuentas viejas se llevan todo el dinero de los deudores jóvenes, porque el simulador "
          "cobra primero la deuda más antigua.",
     "d": "El simulador castiga primero las cuentas jóvenes cuando nadie las gestiona, antes de que "
          "lleguen a los 180 días de atraso."},
    "b",
    why={"a": "no hay ningún contacto bloqueado: simplemente no se programa ninguno antes del día 61.",
         "b": "la fuente lo dice en una línea: enfocarse solo en lo viejo envejece lo nuevo. Lo barato y "
              "eficaz es el contacto temprano, cuando la deuda todavía cabe en una quincena.",
         "c": "cada cuenta tiene su propio deudor y su propia capacidad de pago.",
         "d": "el castigo llega a los 180 días de atraso, sea cual sea el tramo de inicio."},
    hints=("¿Qué tipo de deudor abunda en los tramos jóvenes y qué necesita para pagar?",
           "Cuando llega la primera llamada, el día 61, ¿cuántas cuotas debe ya la cuenta?"),
))

_COMPLAINT = load_parameters().complaint_cost_mxn
_ACCOUNTS, _PER_1000 = 5_000, 230

register(numeric(
    "estrategias.quejas", "Ejercicio 4. El precio de contactar de más",
    f"Una estrategia que llama todos los días genera **{_PER_1000} quejas por cada 1,000 cuentas** en una "
    f"cartera de **{_ACCOUNTS:,} cuentas**. El simulador carga **${_COMPLAINT:,.0f}** por cada queja "
    "(atenderla ante el regulador y su riesgo). ¿Cuánto cuestan las quejas en total, en pesos? Escriba el "
    "número en `respuesta_4`.",
    _PER_1000 * _ACCOUNTS / 1000 * _COMPLAINT, tolerance=1.0,
    why=(f"son {_PER_1000 * _ACCOUNTS // 1000:,} quejas por ${_COMPLAINT:,.0f} cada una, dinero que se resta "
         "de lo cobrado; y eso sin contar la relación con el cliente, que el modelo no mide. La presión de "
         "más cobra, pero una parte se va en quejas."),
    hints=("Primero cuente las quejas: 230 por cada 1,000 cuentas, y hay 5,000.",
           f"Son {_PER_1000 * _ACCOUNTS // 1000:,} quejas; multiplique por el costo de cada una."),
    mistakes=((_PER_1000 * _COMPLAINT, "usó 230 quejas, pero la cartera tiene 5,000 cuentas: son 5 veces "
                                       "más."),
              (_PER_1000 * _ACCOUNTS * _COMPLAINT, "olvidó que la tasa es por cada 1,000 cuentas.")),
))

register(strategy_design(
    "estrategias.retadora", "Ejercicio 5. Una retadora que vigile toda la cartera",
    "`solo_antiguas` dedica todo el equipo a las cuentas con más de 60 días de atraso. Escriba en "
    "`respuesta_5`, como texto YAML entre comillas triples, una **retadora** que vigile toda la cartera. "
    "El punto de partida es una copia de `solo_antiguas`: cámbiele el nombre y agregue o cambie acciones "
    "(vea docs/estrategias.md). La revisión la corre con el simulador contra `solo_antiguas`, con las "
    "mismas cuentas y la misma suerte; tarda unos segundos.",
    reference="solo_antiguas", goals=CHALLENGER_GOALS,
    hints=("Las cuentas jóvenes responden a lo barato y temprano: un SMS el día 1 de atraso y llamadas "
           "semanales en los primeros 60 días.",
           "Para no pasar del costo de `solo_antiguas`, espacie las llamadas de las cuentas viejas "
           "(`cada_dias: 6` en lugar de 3) y las visitas.",
           "Un recordatorio un día antes del vencimiento (`desde: vencimiento, dia: -1, tramos: "
           "[al_corriente]`) evita que el olvido se vuelva atraso."),
))
