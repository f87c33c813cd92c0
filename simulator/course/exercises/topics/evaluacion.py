"""The final assessment in exam mode: a recorded call, a negotiation, the rules, and a strategy decision.

The first three sections test agent skills and make the agent's exam; the two
statistics sections (reading a paired difference, the champion/challenger
decision) belong to the manager's exam only, which has all five.

Every section is an :class:`~simulator.course.exercises.exam.ExamItem` with at
least three variants (names, amounts, days, hours, the indicator read; the call's
debtor, amounts and dates with its seed; the negotiation's anchoring case, drawn
so that no amount seen in practice or in the teaching example answers it); each
learner gets one. The strategy questions read a real comparison
(:func:`strategy_case`), run on the first check and cached, so the right answer
always follows the simulator. The Spanish texts are course content (CC BY 4.0).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from simulator.course.exercises.anchor_case import EXAM_CASES, TOLERANCE, opening_ask, statement
from simulator.course.exercises.exam import ExamItem, RecordedCall
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.kinds import choice, numeric
from simulator.course.exercises.registry import register
from simulator.course.exercises.strategy_design import design_sample
from simulator.course.tracks import MANAGER
from simulator.experiments.compare import Comparison, compare_strategies
from simulator.experiments.settings import RunSettings
from simulator.parameters import load_parameters
from simulator.paths import dataset
from simulator.strategies import load_strategy

__all__ = ["CASE", "CALL_SEEDS", "strategy_case"]

#: The manager's case: who is compared, on what and for how long.
CASE = {"champion": "escalonada", "challenger": "personalizada", "accounts": 600, "sample_seed": 4,
        "days": 90, "seed": 3, "replications": 4}

#: Seeds of the exam's call, one per version of its story: they pick the debtor's chance branches.
CALL_SEEDS = (2, 4, 7, 9)

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




def _decision(kpi: str, more_is_better: bool) -> str:
    """Take a clear simulated win to a live test; drop a loss; keep testing when the interval spans 0."""
    _, low, high = _paired(kpi)
    if not more_is_better:
        low, high = -high, -low
    return "b" if low > 0 else "d" if high < 0 else "c"


register(RecordedCall(
    "evaluacion.llamada", "Llamada de seguimiento en modo examen", "Sección 1. La llamada, en modo examen",
    "Juegue **«Seguimiento de una promesa incumplida»** en el widget de arriba: ya tiene su versión de "
    "la historia (variante {variante}: su deudor, sus montos y sus fechas), su semilla ({semilla}) y el "
    "modo examen encendido, así que no verá la retroalimentación de cada paso hasta el final. Al "
    "terminar, el widget guarda la llamada en su avance; luego ejecute `ej1.check()` para calificarla. "
    "Cuenta su primera llamada terminada con esa variante y esa semilla.\n\n"
    "Se aprueba con un acuerdo, sin faltas de cumplimiento y con al menos 85 de 100.",
    scenario="promesa_incumplida", seeds=CALL_SEEDS, threshold=85,
    hints=("Antes de pedir otra fecha, pregunte qué pasó con la promesa anterior.",),
))


def _negotiation(variant: Mapping) -> Exercise:
    case = variant["caso"]
    return numeric(
        "evaluacion.negociacion", "Sección 2. La negociación", statement(case, "respuesta_2"),
        opening_ask(case), tolerance=TOLERANCE,
        why="un ancla que, tras concesiones cortas sobre lo último pedido, cierra justo en la meta.",
        hints=("Trabaje hacia atrás desde la meta, una concesión a la vez.",), exam=True,
    )


register(ExamItem("evaluacion.negociacion", "Negociación: el ancla de un caso nuevo", _negotiation,
                  tuple({"caso": case} for case in EXAM_CASES)))


def _rules(case: Mapping) -> Exercise:
    return choice(
        "evaluacion.normativa", "Sección 3. Lo que nunca se hace",
        "¿Cuáles de estas acciones están **prohibidas** para un gestor de cobranza? Escriba las letras en "
        "`respuesta_3`, por ejemplo `\"ab\"`.",
        {"a": case["tercero"],
         "b": "Identificarse con su nombre, el de su empresa y el del acreedor al inicio de la llamada.",
         "c": f"Llamar a las {case['hora']} porque a esa hora el cliente sí contesta.",
         "d": case["amenaza"],
         "e": f"Presentarse como {case['autoridad']} sin serlo.",
         "f": f"Ofrecer {case['plan']} dentro de la política de la empresa."},
        "acde",
        why={"a": "revelar la deuda a terceros está prohibido: solo se habla de ella con el titular, su "
                  "aval u obligado solidario.",
             "b": "identificarse es obligatorio, no prohibido.",
             "c": "fuera del horario permitido no se contacta, aunque el cliente conteste.",
             "d": case["por_que_amenaza"],
             "e": "hacerse pasar por autoridad o abogado es engañar al cliente.",
             "f": "un plan dentro de la política es una buena práctica."},
        hints=("Busque lo que engaña, amenaza, expone al cliente o lo molesta fuera de horario.",),
        multiple=True,
    )


register(ExamItem("evaluacion.normativa", "Lo que un gestor nunca hace", _rules, (
    {"tercero": "Decirle a la vecina que su amigo tiene una deuda atrasada, para que le pase el recado.",
     "hora": "22:30", "amenaza": "Decir que el cliente irá a la cárcel si no paga hoy.",
     "por_que_amenaza": "una deuda civil no lleva a la cárcel; es una amenaza falsa.",
     "autoridad": "abogado o funcionario de un juzgado", "plan": "un plan de pagos"},
    {"tercero": "Decirle al jefe de Tomás que Tomás tiene una deuda atrasada, para que le avise.",
     "hora": "6:40", "amenaza": "Decir que la policía irá por el cliente si no paga hoy.",
     "por_que_amenaza": "la policía no cobra deudas civiles; es una amenaza falsa.",
     "autoridad": "notario o agente del ministerio público", "plan": "un plan de 6 pagos mensuales"},
    {"tercero": "Contarle a la cuñada de Elena que Elena debe 8,000 pesos, para que la convenza de pagar.",
     "hora": "23:15", "amenaza": "Decir que los hijos del cliente no podrán inscribirse en la escuela si "
                                 "no paga.",
     "por_que_amenaza": "la escuela de los hijos no depende de la deuda; es una amenaza falsa que además "
                        "expone a la familia.",
     "autoridad": "actuario de un juzgado", "plan": "un plan de 4 pagos quincenales"},
)))


def _difference(case: Mapping) -> Exercise:
    return numeric(
        "evaluacion.diferencia", "Sección 4. Leer la comparación",
        f"El cuaderno compara `{CASE['champion']}` (campeona) con `{CASE['challenger']}` (retadora) en "
        f"{CASE['accounts']} cuentas, {CASE['days']} días y {CASE['replications']} réplicas con números "
        f"aleatorios comunes. ¿Cuántos **puntos porcentuales** cambia la **{case['nombre']}** "
        f"(`{case['kpi']}`) de la retadora respecto de la campeona (la media de la diferencia pareada)? "
        "Escriba el número en `respuesta_4`, con signo, por ejemplo `-0.8` o `1.2`.",
        lambda: 100.0 * _paired(case["kpi"])[0], tolerance=0.05,
        why="es la media de las diferencias réplica por réplica, la que se lee en la tabla de diferencias.",
        hints=("Busque la tabla de diferencias pareadas y escriba el número en puntos porcentuales.",),
        fmt=lambda value: f"{value:g} pp", exam=True,
    )


register(ExamItem("evaluacion.diferencia", "Lectura de una comparación de estrategias", _difference, (
    {"kpi": "recovery_rate", "nombre": "tasa de recuperación"},
    {"kpi": "cure_rate", "nombre": "tasa de cura"},
    {"kpi": "promise_rate", "nombre": "tasa de promesas"},
), tracks=(MANAGER,)))


def _manager(case: Mapping) -> Exercise:
    name, better = case["nombre"], "más es mejor" if case["mas_es_mejor"] else "menos es mejor"
    return choice(
        "evaluacion.decision", "Sección 5. La decisión del gerente",
        f"Con esa comparación, mire la diferencia pareada de **{name}** (`{case['kpi']}`; {better}) y su "
        "intervalo del 95 %, y también las quejas. ¿Qué recomienda? Escriba la letra en `respuesta_5`.",
        {"a": "Cambiar hoy toda la cartera a la retadora: el simulador lo garantiza.",
         "b": "Llevar la retadora a una prueba real campeona/retadora (por ejemplo 90/10), vigilando las "
              "quejas.",
         "c": "Seguir probando en el simulador: el intervalo de la diferencia incluye el cero.",
         "d": f"Descartar la retadora: en {name} le va peor que a la campeona."},
        lambda: _decision(case["kpi"], case["mas_es_mejor"]),
        why={"a": "el simulador es un modelo: un triunfo simulado se confirma con una prueba real en una "
                  "parte de la cartera antes de cambiarla toda.",
             "b": f"si todo el intervalo pareado de {name} queda del lado bueno del cero, el siguiente paso "
                  "es una prueba real en una parte de la cartera, cuidando que las quejas no se disparen.",
             "c": f"solo corresponde si el intervalo de {name} incluye el cero: revise los dos extremos.",
             "d": f"solo corresponde si todo el intervalo de {name} queda del lado malo del cero."},
        hints=("Lea los dos extremos del intervalo de la diferencia: ¿están del mismo lado del cero?",),
    )


register(ExamItem("evaluacion.decision", "Decisión de gerente: campeona o retadora", _manager, (
    {"kpi": "net_recovery", "nombre": "el cobro neto (cobrado menos costo)", "mas_es_mejor": True},
    {"kpi": "collected_amount", "nombre": "el monto cobrado", "mas_es_mejor": True},
    {"kpi": "cost_per_peso", "nombre": "el costo por peso cobrado", "mas_es_mejor": False},
), tracks=(MANAGER,)))
