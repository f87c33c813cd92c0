"""Manager exercises in code on negotiation: what a promise is worth, and a policy that beats accepting
the first offer.

Agents weigh promises and negotiate with widgets (notebook 05); the manager
writes the same rule as a function and a whole policy, which the simulator
plays against simulated debtors (notebook 08). The Spanish texts are course
content (CC BY 4.0).
"""

from __future__ import annotations

from simulator.course.exercises.kinds import function
from simulator.course.exercises.policy import policy
from simulator.course.exercises.registry import register
from simulator.course.exercises.topics.negociacion_valor import expected_recovery
from simulator.negotiation.policies import aceptar_primera
from simulator.negotiation.scoring import ANNUAL_DISCOUNT_RATE

__all__ = ["POLICY_DEBTORS", "POLICY_SEED"]

#: Simulated debtors and seed of the policy exercise: enough for a clear interval, a second to run.
POLICY_DEBTORS, POLICY_SEED = 300, 2026

_RATE = 1.0 + ANNUAL_DISCOUNT_RATE

register(function(
    "estrategias.valor_promesa", "Ejercicio 6. Lo que vale una promesa",
    "Una promesa de pago no vale lo prometido: vale lo prometido **por la probabilidad de que se cumpla**, "
    f"y un peso que llega más tarde vale menos que uno de hoy. El curso descuenta el tiempo a {_RATE:.2f} "
    "por año: un pago dentro de `dias` días vale hoy "
    f"`monto × probabilidad × {_RATE:.2f} ** (-dias / 365)`.\n\n"
    "Complete la función `valor_esperado(monto_mxn, probabilidad, dias)` (la probabilidad va de 0 a 1) "
    "para que devuelva ese valor en pesos.",
    reference=expected_recovery,
    cases=((3_000.0, 0.35, 19), (1_800.0, 0.8, 4), (1_000.0, 1.0, 0), (500.0, 0.5, 365), (2_400.0, 0.5, 180)),
    tolerance=0.05,
    why=("Su función multiplica el monto por la probabilidad de cumplimiento y lo descuenta por los días "
         "de espera: así mide el simulador la recuperación esperada de cada acuerdo."),
    hints=("Son tres factores multiplicados: el monto, la probabilidad y el descuento por tiempo.",
           f"El descuento por tiempo es `{_RATE:.2f} ** (-dias / 365)`: con 0 días vale 1, con 365 días "
           f"vale 1 / {_RATE:.2f}.",
           f"return monto_mxn * probabilidad * {_RATE:.2f} ** (-dias / 365)"),
    mistakes=(
        (lambda m, p, d: m * p,
         "no descontó el tiempo; un pago dentro de 180 días vale menos que uno de hoy."),
        (lambda m, p, d: m * _RATE ** (-d / 365.0), "olvidó la probabilidad de que la promesa se cumpla."),
        (lambda m, p, d: m * p * (1.0 - ANNUAL_DISCOUNT_RATE * d / 365.0),
         f"descontó en línea recta; el descuento es una potencia: `{_RATE:.2f} ** (-dias / 365)`."),
        (lambda m, p, d: m * p * _RATE ** (d / 365.0),
         "el exponente lleva signo menos: esperar hace que el pago valga menos, no más."),
    ),
))

register(policy(
    "estrategias.politica", "Ejercicio 7. Una política que le gane a aceptar lo primero",
    "Escriba una **política de negociación**: una función `mi_politica(state)` que, en cada ronda de la "
    "llamada, devuelva una jugada: `Escuchar()`, `Abono(monto, fecha)`, `Liquidacion(quita, fecha)`, "
    "`Plan(...)`, `Aceptar()` o `Terminar()` (vea `docs/negociacion.md`).\n\n"
    f"La revisión la juega con **{POLICY_DEBTORS} deudores simulados** (semilla {POLICY_SEED}) y la compara, "
    "deudor por deudor, con `aceptar_primera`, que deja hablar al deudor y acepta lo primero que dice. "
    "Aprueba si su recuperación esperada por cuenta es mayor con un **intervalo de confianza pareado del "
    "95 % por encima de cero**, sin una sola oferta rechazada por el supervisor. Tarda unos segundos.",
    reference=aceptar_primera, debtors=POLICY_DEBTORS, seed=POLICY_SEED,
    hints=("Deje hablar primero al deudor (`Escuchar()` en la ronda 0): su respuesta le dice cuánto ofrece.",
           "Ancle arriba de lo que ofreció (alrededor del doble), en su próximo día de pago "
           "(`state.paydays[0]`), y ceda en pasos pequeños.",
           "No acepte evasivas (`state.last_counter_evasive`) y nunca pida menos que "
           "`state.limits.min_first_payment_mxn` ni más que `state.overdue_mxn`."),
))
