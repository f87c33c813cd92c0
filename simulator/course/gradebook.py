"""The trainer's view of a cohort's progress file: who did what, how well, and which topics are weak.

Every learner may try an activity many times; the gradebook keeps the count,
the first, best and last score, whether it was passed at the first try and ever.
"Has Ana mastered this yet?" reads the best; "what did the group know before
practising?" reads the first, so weak topics are flagged on first attempts (a
topic passed only on the fifth try is still weak). The final exam is scored on
the first complete attempt (:mod:`simulator.course.exercises.exam`), on the exam
of the learner's track (the agent's or the manager's), read from the track they
chose at sign-in; a learner who chose none (a file from before tracks) is graded
on the complete exam. Scores are
not averaged across kinds: an exercise scores 0-1, a role-play 0-100 and a
negotiation in pesos, so "passed" is the common currency. A role-play call the
trainer reviewed counts as ``revisada`` and passes or fails as the trainer
decided (:mod:`simulator.course.review`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from simulator.course.exercises import all_exercises, exam_items
from simulator.course.exercises.exam import exam_result
from simulator.course.exercises.tracking import KIND as EXERCISE_KIND
from simulator.course.exercises.tracking import ROLEPLAY_KIND
from simulator.course.progress import ProgressError, ProgressStore
from simulator.course.review import reviewed_verdict
from simulator.plots import FLAGGED, NEUTRAL, REFERENCE, new_figure

__all__ = ["WEAK_SHARE", "activity_table", "cohort_table", "exam_table", "exercises_passed", "load_results",
           "topic_figure", "topic_of", "topic_table", "weak_topics"]

#: A topic is weak when the cohort passed less than this share of its attempted activities at the first try.
WEAK_SHARE = 0.6

#: Topic names for results that are not exercises (their activity is a scenario or a debtor).
_KIND_TOPICS = {ROLEPLAY_KIND: "juego de rol", "negociacion": "negociación con deudores simulados"}
#: Exercise id prefixes (module names, unaccented) as the trainer reads them; others lose their underscores.
_EXERCISE_TOPICS = {"comunicacion": "comunicación", "evaluacion": "evaluación", "negociacion": "negociación"}

_ACTIVITY_COLUMNS = ["alumno", "tema", "tipo", "actividad", "intentos", "aprobada_primer_intento", "aprobada",
                     "revisada", "primer_puntaje", "mejor_puntaje", "ultimo_puntaje", "primer_intento",
                     "ultimo_intento"]
_TOPIC_COLUMNS = ["tema", "alumnos", "actividades", "porcentaje_primer_intento", "porcentaje_aprobadas",
                  "intentos_por_actividad"]
_EXAM_COLUMNS = ["alumno", "examen", "primer_intento", "mejor", "intentos_max", "aprobado"]


def topic_of(kind: str, activity: str) -> str:
    """The topic a result counts for, in Spanish: an exercise's id prefix, else the kind of activity."""
    if kind == EXERCISE_KIND:
        prefix = activity.split(".", 1)[0]
        return _EXERCISE_TOPICS.get(prefix, prefix.replace("_", " "))
    return _KIND_TOPICS.get(kind, kind)


def load_results(path: str | Path) -> pd.DataFrame:
    """Every saved result of the cohort file at ``path``, oldest first.

    A result whose details cannot be read keeps its score and has
    ``details_readable`` False (see :mod:`simulator.course.progress`). A call
    the trainer reviewed has ``revisada`` True and ``passed`` as the trainer decided.
    ``track`` and ``edition`` are the learner's latest choice at sign-in (None if never made).

    Raises:
        ProgressError: the file does not exist or is not a progress database.
    """
    path = Path(path)
    if not path.is_file():
        raise ProgressError("no existe el archivo de avance; los resultados aparecen cuando un alumno "
                            "se registra con sign_in() y revisa su primer ejercicio", file=str(path))
    store = ProgressStore(path)
    rows, reviews, profiles = store.results(), store.reviews(), store.profiles()
    for row in rows:
        chosen = profiles.get(row["trainee"], {})
        row["track"], row["edition"] = chosen.get("track"), chosen.get("edition")
        own = [review for review in reviews if review["result_id"] == row["id"]]
        row["revisada"] = bool(own) and row["details_readable"]
        if row["revisada"]:
            row["passed"] = reviewed_verdict(row["details"], row["passed"], own)
    table = pd.DataFrame(rows, columns=["id", "trainee", "kind", "activity", "score", "passed", "revisada",
                                        "details", "recorded_at", "details_readable", "track",
                                        "edition"])
    table["topic"] = [topic_of(kind, activity) for kind, activity in zip(table["kind"], table["activity"],
                                                                         strict=True)]
    return table


def activity_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per learner and activity: attempts, passed at the first try and ever, first, best and last
    score, first and last try."""
    if results.empty:
        return pd.DataFrame(columns=_ACTIVITY_COLUMNS)
    grouped = results.groupby(["trainee", "topic", "kind", "activity"], sort=True)
    table = grouped.agg(intentos=("passed", "size"), aprobada_primer_intento=("passed", "first"),
                        aprobada=("passed", "any"), revisada=("revisada", "any"),
                        primer_puntaje=("score", "first"),
                        mejor_puntaje=("score", "max"), ultimo_puntaje=("score", "last"),
                        primer_intento=("recorded_at", "first"), ultimo_intento=("recorded_at", "last"))
    table = table.reset_index().rename(columns={"trainee": "alumno", "topic": "tema", "kind": "tipo",
                                                "activity": "actividad"})
    return table[_ACTIVITY_COLUMNS]


def exercises_passed(activities: pd.DataFrame) -> dict[str, int]:
    """Course exercises each learner has passed in some attempt, from :func:`activity_table`."""
    exercises = activities[activities["tipo"] == EXERCISE_KIND]
    return {trainee: int(passed) for trainee, passed in exercises.groupby("alumno")["aprobada"].sum().items()}


def _choices(results: pd.DataFrame) -> dict[str, tuple[str | None, str | None]]:
    """Each learner's track and country edition as chosen at sign-in (None where never chosen)."""
    def chosen(value: object) -> str | None:
        return value if isinstance(value, str) else None  # pandas may read a missing choice as NaN

    return {trainee: (chosen(own["track"].iloc[0]), chosen(own["edition"].iloc[0]))
            for trainee, own in results.groupby("trainee", sort=True)}


def cohort_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per learner: track and country chosen, activities tried, passed at the first try and ever,
    course exercises passed, role-play calls the trainer reviewed, attempts, last activity."""
    activities = activity_table(results)
    course, passed, chosen = len(all_exercises()), exercises_passed(activities), _choices(results)
    rows = []
    for trainee, own in activities.groupby("alumno", sort=True):
        rows.append({
            "alumno": trainee,
            "pista": chosen[trainee][0],
            "pais": chosen[trainee][1],
            "actividades": len(own),
            "aprobadas_primer_intento": int(own["aprobada_primer_intento"].sum()),
            "aprobadas": int(own["aprobada"].sum()),
            "porcentaje_aprobadas": round(100.0 * own["aprobada"].mean(), 1),
            "ejercicios_aprobados": f"{passed.get(trainee, 0)} de {course}",
            "revisadas": int(own["revisada"].sum()),
            "intentos": int(own["intentos"].sum()),
            "ultima_actividad": own["ultimo_intento"].max(),
        })
    return pd.DataFrame(rows, columns=["alumno", "pista", "pais", "actividades", "aprobadas_primer_intento",
                                       "aprobadas", "porcentaje_aprobadas", "ejercicios_aprobados",
                                       "revisadas", "intentos", "ultima_actividad"])


def topic_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: learners who tried it, share of their activities passed at the first try and
    ever, attempts per activity."""
    activities = activity_table(results)
    if activities.empty:
        return pd.DataFrame(columns=_TOPIC_COLUMNS)
    table = activities.groupby("tema", sort=True).agg(
        alumnos=("alumno", "nunique"), actividades=("actividad", "size"),
        porcentaje_primer_intento=("aprobada_primer_intento", "mean"),
        porcentaje_aprobadas=("aprobada", "mean"), intentos_por_actividad=("intentos", "mean"))
    for column in ("porcentaje_primer_intento", "porcentaje_aprobadas"):
        table[column] = (100.0 * table[column].astype(float)).round(1)
    table["intentos_por_actividad"] = table["intentos_por_actividad"].round(2)
    return table.reset_index()


def weak_topics(results: pd.DataFrame, share: float = WEAK_SHARE) -> list[str]:
    """Topics where the cohort passed less than ``share`` of the activities it tried at the first try,
    weakest first."""
    topics = topic_table(results)
    weak = topics[topics["porcentaje_primer_intento"] < 100.0 * share]
    return weak.sort_values(["porcentaje_primer_intento", "tema"])["tema"].tolist()


def exam_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per learner who started the final exam: which exam (their track's), first-attempt and
    best score, attempts, passed."""
    rows, items = results.to_dict("records"), exam_items()
    out = []
    for trainee, (track, _) in _choices(results).items():
        exam = exam_result(trainee, rows, items, track)
        if not any(attempts for _, attempts in exam.items):
            continue
        total = len(exam.items)
        first = "incompleto" if exam.first_score is None else f"{exam.first_score} de {total}"
        out.append({"alumno": trainee, "examen": exam.track, "primer_intento": first,
                    "mejor": f"{exam.best_score} de {total}", "intentos_max": exam.attempts_used,
                    "aprobado": exam.passed})
    return pd.DataFrame(out, columns=_EXAM_COLUMNS)


def topic_figure(topics: Sequence[str], shares: Sequence[float], weak: Sequence[str]) -> Figure:
    """Share of activities passed at the first attempt per topic, weak topics in vermillion against blue
    (colour-blind safe)."""
    figure = new_figure(8.5, 0.9 + 0.45 * max(len(topics), 1))
    axes = figure.add_subplot()
    axes.barh(list(topics), list(shares), color=[FLAGGED if topic in weak else NEUTRAL for topic in topics])
    axes.axvline(100.0 * WEAK_SHARE, color=REFERENCE, linestyle="--", linewidth=1)
    axes.set_xlim(0, 100)
    axes.set_xlabel("actividades aprobadas al primer intento (%)")
    axes.set_title("Avance del grupo por tema")
    weak_label = f"débil (menos del {100 * WEAK_SHARE:.0f} %)"
    axes.legend(handles=[Patch(color=NEUTRAL, label="sin problema"), Patch(color=FLAGGED, label=weak_label)],
                loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return figure
