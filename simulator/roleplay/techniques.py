"""The closed vocabularies a scenario may use: techniques, personas, endings, axes.

Scenario files name techniques, personas and endings by these keys; the
schema refuses any other, so a typo in a trainer's YAML is caught by the loader
and the linter instead of silently scoring nothing. A technique's kind decides
how it is scored: a ``breach`` fails the session whatever the other scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["AXES", "AXIS_LABELS", "ENDINGS", "PERSONAS", "PROMISE_ENDINGS", "TECHNIQUES", "Ending",
           "Technique"]

#: Rubric axes: the 3 C's of collection plus compliance.
AXES = ("comunicacion", "compromiso", "confianza", "cumplimiento")
#: How a learner reads each axis: YAML keys have no accents, the debrief does.
AXIS_LABELS = {"comunicacion": "Comunicación", "compromiso": "Compromiso", "confianza": "Confianza",
               "cumplimiento": "Cumplimiento"}


@dataclass(frozen=True)
class Technique:
    """A move a collector can make, with the label and lesson a learner reads."""

    label: str
    kind: Literal["good", "poor", "breach"]
    lesson: str


TECHNIQUES: dict[str, Technique] = {
    "identificacion": Technique(
        "Identificación", "good",
        "Decir su nombre, la empresa y a quién representa al iniciar el contacto es obligatorio."),
    "verificar_titular": Technique(
        "Verificar al titular", "good",
        "Confirmar que habla con el titular antes de mencionar la deuda protege su privacidad."),
    "saludo_cordial": Technique(
        "Saludo cordial", "good", "Un tono amable abre la conversación sin ceder firmeza."),
    "escucha_activa": Technique(
        "Escucha activa", "good",
        "Dejar hablar al deudor y retomar lo que dijo muestra que se le entiende."),
    "pregunta_abierta": Technique(
        "Pregunta abierta", "good",
        "Una pregunta que no se responde con sí o no revela la situación real."),
    "empatia": Technique(
        "Empatía", "good", "Reconocer la dificultad del deudor sin justificar el atraso."),
    "firmeza": Technique(
        "Firmeza", "good", "Ser claro en que la deuda se debe pagar, con respeto y sin amenazas."),
    "anclaje": Technique(
        "Anclaje", "good",
        "Proponer primero una cifra algo mayor que la meta deja espacio para ceder hacia ella."),
    "concesion": Technique(
        "Concesión medida", "good", "Ceder poco y a cambio de un compromiso concreto."),
    "resumen": Technique(
        "Resumen", "good", "Repetir monto, fecha y medio de pago evita malentendidos."),
    "fecha_de_pago": Technique(
        "Fecha ligada al ingreso", "good",
        "Acordar el pago para el día en que el deudor recibe su ingreso lo hace cumplible."),
    "alternativas": Technique(
        "Ofrecer alternativas", "good",
        "Presentar opciones (abono, plan, quita autorizada) dentro de la política."),
    "informar_consecuencias": Technique(
        "Informar consecuencias reales", "good",
        "Explicar con exactitud lo que pasará (intereses, reporte al buró) sin exagerar."),
    "canal_oficial": Technique(
        "Pago por canal oficial", "good",
        "El pago se hace solo en cuentas o sucursales de la institución, nunca al gestor."),
    "validar_objecion": Technique(
        "Distinguir objeción de situación", "good",
        "Una objeción se argumenta; una situación real se comprende y se busca una salida."),
    "derivar": Technique(
        "Canalizar al área correcta", "good",
        "Una disputa o un posible fraude se registra y se envía al área que lo investiga."),
    "registro": Technique(
        "Dejar registro", "good", "Anotar lo acordado permite dar seguimiento a la promesa."),
    "seguimiento": Technique(
        "Seguimiento", "good", "Retomar una promesa incumplida con respeto y sin reproches."),
    "aceptar_evasiva": Technique(
        "Aceptar una evasiva", "poor",
        "\"Luego le pago\" no es una promesa: sin monto y fecha no hay compromiso."),
    "interrumpir": Technique(
        "Interrumpir", "poor", "Cortar al deudor impide conocer su situación y lo irrita."),
    "discutir": Technique(
        "Discutir", "poor", "Entrar en una discusión aleja el acuerdo."),
    "presion_indebida": Technique(
        "Presión indebida", "poor",
        "Forzar un monto que el deudor no puede pagar produce promesas que se rompen."),
    "sobreoferta": Technique(
        "Ceder de más", "poor",
        "Ofrecer el máximo descuento de entrada convierte ese descuento en el nuevo punto de partida."),
    "amenaza": Technique(
        "Amenaza", "breach",
        "Amenazar, intimidar o insultar está prohibido: es motivo de queja ante la autoridad."),
    "revelar_a_terceros": Technique(
        "Revelar la deuda a terceros", "breach",
        "Solo se habla de la deuda con el titular, el aval o el obligado solidario."),
    "afirmacion_legal_falsa": Technique(
        "Afirmación legal falsa", "breach",
        "Anunciar cárcel, embargos o demandas que no existen es engañoso y está prohibido."),
    "fuera_de_horario": Technique(
        "Contacto fuera de horario", "breach",
        "En México solo se puede contactar de 7:00 a 22:00 y en los días permitidos."),
    "sin_identificacion": Technique(
        "Sin identificación", "breach",
        "Ocultar quién llama o para quién trabaja está prohibido en cada contacto."),
    "cobro_en_efectivo": Technique(
        "Recibir efectivo", "breach",
        "El gestor no puede recibir dinero: los pagos van a cuentas oficiales de la institución."),
    "exhibir": Technique(
        "Exhibir o avergonzar", "breach",
        "Avergonzar al deudor, exhibirlo en redes o en su trabajo, o presionarlo por medio de sus "
        "parientes está prohibido: la deuda es solo entre la institución y el titular."),
}

#: Debtor personas of the seeds; ``tercero`` is whoever answers instead of the debtor.
PERSONAS: dict[str, str] = {
    "puntual": "Paga a tiempo; solo necesita un recordatorio",
    "olvidadizo": "Olvida la fecha de pago, pero quiere pagar",
    "dificultad_temporal": "Quiere pagar, pero sus ingresos bajaron por un tiempo",
    "en_disputa": "No reconoce el cargo o el monto",
    "evasivo": "Promete sin comprometerse y pospone",
    "enojado": "Llega molesto a la llamada",
    "resistente": "Puede pagar, pero no quiere",
    "insolvente": "No tiene con qué pagar por ahora",
    "tercero": "Contesta otra persona, no el titular",
}


@dataclass(frozen=True)
class Ending:
    """How a call can end, and whether that ending is a success for the collector."""

    label: str
    success: bool


ENDINGS: dict[str, Ending] = {
    "promesa_de_pago": Ending("Promesa de pago", True),
    "acuerdo": Ending("Acuerdo (plan o liquidación)", True),
    "recordatorio_confirmado": Ending("Recordatorio confirmado", True),
    "canalizado": Ending("Caso canalizado al área correspondiente", True),
    "mensaje_dejado": Ending("Mensaje dejado sin revelar la deuda", True),
    "llamada_agendada": Ending("Nueva llamada agendada", False),
    "escalamiento": Ending("Escalamiento a la siguiente etapa", False),
    "sin_acuerdo": Ending("Sin acuerdo", False),
    "colgo": Ending("El deudor colgó", False),
    "queja": Ending("Queja ante la autoridad", False),
}

#: Endings that close with money agreed: their promise must be firm to count.
PROMISE_ENDINGS = ("promesa_de_pago", "acuerdo")
