"""The course's practice calls in the order a learner meets them: every scenario once, easiest first.

One list, read by the notebooks (through ``ui.roleplay.course_call``) and checked
by a test, so that no scenario sits unused and the first call a new collector
makes is a friendly reminder, not an angry client. The exam's call comes last
and is not practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.roleplay.schema import DIFFICULTIES

__all__ = ["COURSE_CALLS", "CourseCall", "course_call_for"]


@dataclass(frozen=True)
class CourseCall:
    """A scenario as the course plays it: in which notebook and at which level."""

    notebook: str
    scenario: str
    level: str
    exam: bool = False

    def __post_init__(self) -> None:
        if self.level not in DIFFICULTIES:
            raise ValueError(f"unknown level {self.level!r}")


COURSE_CALLS = (
    CourseCall("02_comunicacion", "recordatorio_preventivo", "facil"),
    CourseCall("02_comunicacion", "cliente_enojado", "facil"),
    CourseCall("03_primera_llamada", "primera_llamada_30", "media"),
    CourseCall("04_objeciones", "llamame_luego", "media"),
    CourseCall("04_objeciones", "no_reconozco_deuda", "media"),
    CourseCall("05_negociacion", "negociacion_abono", "media"),
    CourseCall("05_negociacion", "deudor_insolvente", "media"),
    CourseCall("06_normativa", "contesta_tercero", "media"),
    CourseCall("06_normativa", "recoger_efectivo", "media"),
    CourseCall("06_normativa", "robo_de_identidad", "dificil"),
    CourseCall("06_normativa", "aviso_buro_90", "dificil"),
    CourseCall("10_evaluacion", "promesa_incumplida", "media", exam=True),
)


def course_call_for(scenario_id: str) -> CourseCall:
    """Where and at which level the course plays ``scenario_id``.

    Raises:
        KeyError: the course does not use that scenario.
    """
    return _BY_SCENARIO[scenario_id]


_BY_SCENARIO = {call.scenario: call for call in COURSE_CALLS}
