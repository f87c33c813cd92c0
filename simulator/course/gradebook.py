"""The trainer's view of a cohort's progress file: who did what, how well, and which topics are weak.

Every learner may try an activity many times; the gradebook keeps the count,
the best and the last score, and whether it was ever passed, because a trainer
asks "has Ana mastered this yet?" rather than "how did her first try go?".
Scores are not averaged across kinds: an exercise scores 0-1, a role-play
0-100 and a negotiation in pesos, so "passed" is the common currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from simulator.course.exercises import all_exercises
from simulator.course.exercises.tracking import KIND as EXERCISE_KIND
from simulator.course.progress import ProgressError, ProgressStore
from simulator.plots import FLAGGED, NEUTRAL, REFERENCE, new_figure

__all__ = ["WEAK_SHARE", "activity_table", "cohort_table", "exercises_passed", "load_results", "topic_figure",
           "topic_of", "topic_table", "weak_topics"]

#: A topic is weak when the cohort passed less than this share of its attempted activities.
WEAK_SHARE = 0.6

#: Topic names for results that are not exercises (their activity is a scenario or a debtor).
_KIND_TOPICS = {"juego_de_rol": "juego de rol", "negociacion": "negociación con deudores simulados"}
#: Exercise id prefixes (module names, unaccented) as the trainer reads them; others lose their underscores.
_EXERCISE_TOPICS = {"comunicacion": "comunicación", "evaluacion": "evaluación", "negociacion": "negociación"}

_ACTIVITY_COLUMNS = ["alumno", "tema", "tipo", "actividad", "intentos", "aprobada", "mejor_puntaje",
                     "ultimo_puntaje", "primer_intento", "ultimo_intento"]


def topic_of(kind: str, activity: str) -> str:
    """The topic a result counts for, in Spanish: an exercise's id prefix, else the kind of activity."""
    if kind == EXERCISE_KIND:
        prefix = activity.split(".", 1)[0]
        return _EXERCISE_TOPICS.get(prefix, prefix.replace("_", " "))
    return _KIND_TOPICS.get(kind, kind)


def load_results(path: str | Path) -> pd.DataFrame:
    """Every saved result of the cohort file at ``path``, oldest first.

    A result whose details cannot be read keeps its score and has
    ``details_readable`` False (see :mod:`simulator.course.progress`).

    Raises:
        ProgressError: the file does not exist or is not a progress database.
    """
    path = Path(path)
    if not path.is_file():
        raise ProgressError("no existe el archivo de avance; los resultados aparecen cuando un alumno "
                            "se registra con sign_in() y revisa su primer ejercicio", file=str(path))
    rows = ProgressStore(path).results()
    table = pd.DataFrame(rows, columns=["trainee", "kind", "activity", "score", "passed", "details",
                                        "recorded_at", "details_readable"])
    table["topic"] = [topic_of(kind, activity) for kind, activity in zip(table["kind"], table["activity"],
                                                                         strict=True)]
    return table


def activity_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per learner and activity: attempts, ever passed, best and last score, first and last try."""
    if results.empty:
        return pd.DataFrame(columns=_ACTIVITY_COLUMNS)
    grouped = results.groupby(["trainee", "topic", "kind", "activity"], sort=True)
    table = grouped.agg(intentos=("passed", "size"), aprobada=("passed", "any"),
                        mejor_puntaje=("score", "max"), ultimo_puntaje=("score", "last"),
                        primer_intento=("recorded_at", "first"), ultimo_intento=("recorded_at", "last"))
    table = table.reset_index().rename(columns={"trainee": "alumno", "topic": "tema", "kind": "tipo",
                                                "activity": "actividad"})
    return table[_ACTIVITY_COLUMNS]


def exercises_passed(activities: pd.DataFrame) -> dict[str, int]:
    """Course exercises each learner has passed in some attempt, from :func:`activity_table`."""
    exercises = activities[activities["tipo"] == EXERCISE_KIND]
    return {trainee: int(passed) for trainee, passed in exercises.groupby("alumno")["aprobada"].sum().items()}


def cohort_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per learner: activities tried and passed, course exercises passed, attempts, last activity."""
    activities = activity_table(results)
    course, passed = len(all_exercises()), exercises_passed(activities)
    rows = []
    for trainee, own in activities.groupby("alumno", sort=True):
        rows.append({
            "alumno": trainee,
            "actividades": len(own),
            "aprobadas": int(own["aprobada"].sum()),
            "porcentaje_aprobadas": round(100.0 * own["aprobada"].mean(), 1),
            "ejercicios_aprobados": f"{passed.get(trainee, 0)} de {course}",
            "intentos": int(own["intentos"].sum()),
            "ultima_actividad": own["ultimo_intento"].max(),
        })
    return pd.DataFrame(rows, columns=["alumno", "actividades", "aprobadas", "porcentaje_aprobadas",
                                       "ejercicios_aprobados", "intentos", "ultima_actividad"])


def topic_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: learners who tried it, share of their activities passed, attempts per activity."""
    activities = activity_table(results)
    if activities.empty:
        return pd.DataFrame(columns=["tema", "alumnos", "actividades", "porcentaje_aprobadas",
                                     "intentos_por_actividad"])
    table = activities.groupby("tema", sort=True).agg(
        alumnos=("alumno", "nunique"), actividades=("actividad", "size"),
        porcentaje_aprobadas=("aprobada", "mean"), intentos_por_actividad=("intentos", "mean"))
    table["porcentaje_aprobadas"] = (100.0 * table["porcentaje_aprobadas"]).round(1)
    table["intentos_por_actividad"] = table["intentos_por_actividad"].round(2)
    return table.reset_index()


def weak_topics(results: pd.DataFrame, share: float = WEAK_SHARE) -> list[str]:
    """Topics where the cohort passed less than ``share`` of the activities it tried, weakest first."""
    topics = topic_table(results)
    weak = topics[topics["porcentaje_aprobadas"] < 100.0 * share]
    return weak.sort_values(["porcentaje_aprobadas", "tema"])["tema"].tolist()


def topic_figure(topics: Sequence[str], shares: Sequence[float], weak: Sequence[str]) -> Figure:
    """Share of activities passed per topic, weak topics in vermillion against blue (colour-blind safe)."""
    figure = new_figure(8.5, 0.9 + 0.45 * max(len(topics), 1))
    axes = figure.add_subplot()
    axes.barh(list(topics), list(shares), color=[FLAGGED if topic in weak else NEUTRAL for topic in topics])
    axes.axvline(100.0 * WEAK_SHARE, color=REFERENCE, linestyle="--", linewidth=1)
    axes.set_xlim(0, 100)
    axes.set_xlabel("actividades aprobadas (%)")
    axes.set_title("Avance del grupo por tema")
    weak_label = f"débil (menos del {100 * WEAK_SHARE:.0f} %)"
    axes.legend(handles=[Patch(color=NEUTRAL, label="sin problema"), Patch(color=FLAGGED, label=weak_label)],
                loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure
