"""The final assessment: a call in exam mode, a negotiation, the rules, and a strategy decision.

The strategy questions read a real comparison (:func:`strategy_case`), run on
the first check and cached, so the right answer always follows the simulator.
The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

from functools import cache

from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register
from simulator.course.exercises.roleplay import ANSWER_EXAMPLE, roleplay
from simulator.course.exercises.strategy_design import design_sample
from simulator.experiments.compare import Comparison, compare_strategies
from simulator.experiments.settings import RunSettings
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.strategies import load_strategy

__all__ = ["CASE", "EXAM_SECTIONS", "strategy_case"]

#: The manager's case: who is compared, on what and for how long.
CASE = {"champion": "escalonada", "challenger": "personalizada", "accounts": 600, "sample_seed": 4,
        "days": 90, "seed": 3, "replications": 4}

#: Exercise id -> the section of the certificate it stands for.
EXAM_SECTIONS = {
    "evaluacion.llamada": "Llamada de seguimiento en modo examen",
    "evaluacion.negociacion": "Negociación de una promesa de pago",
    "evaluacion.normativa": "Lo que un gestor nunca hace",
    "evaluacion.diferencia": "Lectura de una comparación de estrategias",
    "evaluacion.decision": "Decisión de gerente: campeona o retadora",
}


@cache
def strategy_case() -> Comparison:
    """The comparison the strategy questions are about (a few seconds, once per session)."""
    sample = design_sample(CASE["accounts"], CASE["sample_seed"])
    strategies = [load_strategy(dataset("strategies", f"{CASE[role]}.yaml"))
                  for role in ("champion", "challenger")]
    settings = RunSettings(days=CASE["days"], seed=CASE["seed"], replications=CASE["replications"])
    return compare_strategies(sample, strategies, load_parameters(), settings)


def _paired(kpi: str) -> tuple[float, float, float]:
    """Mean and 95 % interval of challenger minus champion for ``kpi``, replication by replication."""
    paired = strategy_case().paired.set_index("kpi")
    row = paired.loc[kpi]
    return float(row["mean"]), float(row["ci95_low"]), float(row["ci95_high"])


def _decision() -> str:
    """Take a clear simulated win to a live test; drop a loss; keep testing when the interval spans 0."""
    _, low, high = _paired("net_recovery")
    return "b" if low > 0 else "d" if high < 0 else "c"


register(roleplay(
    "evaluacion.llamada", "Sección 1. La llamada, en modo examen",
    "Juegue **«Seguimiento de una promesa incumplida»** (`promesa_incumplida`) con la semilla `seed=2` y "
    "el modo examen encendido: no verá la retroalimentación de cada paso hasta el final. Anote el número "
    f"de cada opción que elige y guarde la lista en `respuesta_1`, por ejemplo `{ANSWER_EXAMPLE}`.\n\n"
    "Se aprueba con un acuerdo, sin faltas de cumplimiento y con al menos 85 de 100.",
    scenario="promesa_incumplida", seed=2, threshold=85,
    hints=("Antes de pedir otra fecha, pregunte qué pasó con la promesa anterior.",
           "Un abono que sí pueda cumplir, en su día de cobro, vale más que repetir la promesa grande."),
))

register(choice(
    "evaluacion.negociacion", "Sección 2. La negociación",
    "Lorena debe **12,439.35 pesos** y tiene 45 días de atraso. Por lo que le contó, puede dejar cerca de "
    "1,700 pesos cuando cobra, el viernes. Su meta para esta llamada es una promesa de 1,500 pesos o más. "
    "¿Qué secuencia sigue? Escriba la letra en `respuesta_2`.",
    {"a": "Ofrecer desde el inicio la quita más grande que permite la política, para que acepte rápido y "
          "la cuenta quede cerrada hoy mismo.",
     "b": "Dejarla hablar; abrir pidiendo 2,000, ceder en pasos cortos y cerrar en 1,700 para el "
          "viernes, repitiendo monto y fecha.",
     "c": "Aceptar los 500 pesos que ofrece para hoy, anotarlos como promesa y colgar, aunque sepa que "
          "cobra el viernes.",
     "d": "Exigir el saldo completo de 12,439.35 pesos y avisarle que, si no paga hoy, la demandarán de "
          "inmediato."},
    "b",
    why={"a": "abrir con la quita máxima la vuelve el nuevo punto de partida: ella pedirá más y la empresa "
              "recupera menos de lo que podía.",
         "b": "un ancla algo arriba de la meta, concesiones pequeñas hacia ella y una fecha que coincide "
              "con su ingreso: un acuerdo alto que sí se puede cumplir.",
         "c": "aceptar la primera cifra deja dinero sobre la mesa: con su quincena el viernes puede más.",
         "d": "exigir lo imposible rompe la conversación, y amenazar con una demanda que no se hará es una "
              "práctica prohibida."},
    hints=("Piense en cuál es su meta y desde dónde conviene empezar a pedir.",
           "Ancla algo arriba de la meta, concesiones cortas y una fecha en su día de cobro."),
))

register(choice(
    "evaluacion.normativa", "Sección 3. Lo que nunca se hace",
    "¿Cuáles de estas acciones están **prohibidas** para un gestor de cobranza? Escriba las letras en "
    "`respuesta_3`, por ejemplo `\"ab\"`.",
    {"a": "Decirle a la vecina que su amigo tiene una deuda atrasada, para que le pase el recado.",
     "b": "Identificarse con su nombre, el de su empresa y el del acreedor al inicio de la llamada.",
     "c": "Llamar a las 22:30 porque a esa hora el cliente sí contesta.",
     "d": "Decir que el cliente irá a la cárcel si no paga hoy.",
     "e": "Presentarse como abogado o funcionario de un juzgado sin serlo.",
     "f": "Ofrecer un plan de pagos dentro de la política de la empresa."},
    "acde",
    why={"a": "revelar la deuda a terceros está prohibido: solo se habla de ella con el titular, su aval u "
              "obligado solidario.",
         "b": "identificarse es obligatorio, no prohibido.",
         "c": "fuera del horario permitido no se contacta, aunque el cliente conteste.",
         "d": "una deuda civil no lleva a la cárcel; es una amenaza falsa.",
         "e": "hacerse pasar por autoridad o abogado es engañar al cliente.",
         "f": "un plan dentro de la política es una buena práctica."},
    hints=("Busque lo que engaña, amenaza, expone al cliente o lo molesta fuera de horario.",
           "Para cada opción, pregúntese si el cliente podría presentar una queja válida por ella."),
    multiple=True,
))

register(numeric(
    "evaluacion.diferencia", "Sección 4. Leer la comparación",
    f"El cuaderno compara `{CASE['champion']}` (campeona) con `{CASE['challenger']}` (retadora) en "
    f"{CASE['accounts']} cuentas, {CASE['days']} días y {CASE['replications']} réplicas con números "
    "aleatorios comunes. ¿Cuántos **puntos porcentuales** cambia la tasa de recuperación de la retadora "
    "respecto de la campeona (la media de la diferencia pareada)? Escriba el número en `respuesta_4`, "
    "con signo, por ejemplo `-0.8` o `1.2`.",
    lambda: 100.0 * _paired("recovery_rate")[0], tolerance=0.05,
    why="es la media de las diferencias réplica por réplica, la que se lee en la tabla de diferencias.",
    hints=("Busque la tabla de diferencias pareadas, fila de la tasa de recuperación.",
           "La tabla ya la da en puntos porcentuales (pp): escriba ese número con su signo."),
    fmt=lambda value: f"{value:g} pp", exam=True,
))

register(choice(
    "evaluacion.decision", "Sección 5. La decisión del gerente",
    "Con esa comparación, mire la diferencia pareada del **cobro neto** (cobrado menos costo) y su "
    "intervalo del 95 %, y también las quejas. ¿Qué recomienda? Escriba la letra en `respuesta_5`.",
    {"a": "Cambiar hoy toda la cartera a la retadora: el simulador lo garantiza.",
     "b": "Llevar la retadora a una prueba real campeona/retadora (por ejemplo 90/10), vigilando las quejas.",
     "c": "Seguir probando en el simulador: el intervalo de la diferencia incluye el cero.",
     "d": "Descartar la retadora: cobra neto menos que la campeona."},
    _decision,
    why={"a": "el simulador es un modelo: un triunfo simulado se confirma con una prueba real en una parte "
              "de la cartera antes de cambiarla toda.",
         "b": "si todo el intervalo pareado del cobro neto queda arriba de cero, el siguiente paso es una "
              "prueba real en una parte de la cartera, cuidando que las quejas no se disparen.",
         "c": "solo corresponde si el intervalo del cobro neto incluye el cero: revise los dos extremos.",
         "d": "solo corresponde si todo el intervalo del cobro neto queda debajo de cero."},
    hints=("Lea los dos extremos del intervalo de la diferencia del cobro neto: ¿están del mismo lado del "
           "cero?",
           "Un resultado simulado nunca se aplica a toda la cartera sin una prueba real."),
))
