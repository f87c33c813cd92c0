"""A saved role-play call with a typed answer, for the trainer-review tests (not a test module)."""

from __future__ import annotations

from simulator.course.exercises.tracking import ROLEPLAY_KIND
from simulator.course.progress import ProgressStore

TEXT = "Buenas tardes, <script>alert(1)</script> si no paga lo meto a la cárcel"


def typed_call(breach: bool = True) -> dict:
    """A saved call that failed only because the judge read a threat in the typed answer at step 2."""
    start = TEXT.index("lo meto")
    marks = [["identificacion", 0, 13]] + ([["amenaza", start, len(TEXT)]] if breach else [])
    return {"ending": "promesa", "objective_met": True,
            "breaches": [{"paso": 2, "tecnica": "amenaza"}] if breach else [],
            "choices": [{"paso": 1, "elegida": 0},
                        {"paso": 2, "elegida": 1, "escrito": {
                            "texto": TEXT, "elementos": ["identificacion"],
                            "faltas": ["amenaza"] if breach else [], "marcas": marks}}]}


def cohort(path) -> ProgressStore:
    """Ana's failed typed call (result 1) and an exercise she passed (result 2)."""
    store = ProgressStore(path)
    store.record("Ana <b>", ROLEPLAY_KIND, "promesa_rota", 55, False, typed_call())
    store.record("Ana <b>", "ejercicio", "comunicacion.x", 1.0, True, {})
    return store
