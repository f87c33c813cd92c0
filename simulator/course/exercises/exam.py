"""Exam mode: items drawn per learner from variants; the first complete attempt counts; attempts capped.

Practice lets a learner try until right; an exam has to measure what they knew
the first time. Each exam item has at least three variants (names, amounts,
dates, the indicator read, the call's seed) and each learner gets one, drawn from
their name and the item's id: neighbours cannot pass each other letters or
numbers, and a learner sees the same variant every time. Every readable answer is
saved as an attempt; the first one counts for the certificate, later ones only
raise the best score the trainer sees; past the trainer's cap
(``COBRANZA_INTENTOS_EXAMEN``, 3 by default) answers are refused. A check only
says right or wrong: no reason, no hint. The exam's call is graded from the call
the role-play widget saved, never from a typed list (:class:`RecordedCall`).
Each item belongs to the exams of some tracks (:mod:`simulator.course.tracks`):
the agent's exam has no statistics item, the manager's has every item. A
learner on the agent track who opens a manager item reads that it is not part
of their exam, and nothing they answer there is checked or saved. A learner
with no track (a file from before tracks) is graded on the complete exam.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from simulator.course.exercises import tracking
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback, Text
from simulator.course.exercises.options import learner_seed
from simulator.course.exercises.roleplay import course_scenario, judge_saved_call
from simulator.course.tracks import AGENT, MANAGER, TRACKS
from simulator.random_streams import CourseStream, seeded_generator

__all__ = ["CAP_VARIABLE", "DEFAULT_CAP", "MIN_VARIANTS", "PASS_SHARE", "Attempt", "ExamItem", "ExamResult",
           "RecordedCall", "attempt_cap", "exam_result", "variant_index"]

#: Environment variable with how many attempts each exam item allows (set by the trainer).
CAP_VARIABLE = "COBRANZA_INTENTOS_EXAMEN"
#: Attempts per item when the trainer sets none (or an unreadable number).
DEFAULT_CAP = 3
#: Fewest variants an exam item may have.
MIN_VARIANTS = 3
#: Share of items right at the first complete attempt that passes the exam (4 of 5).
PASS_SHARE = 0.8


def attempt_cap() -> int:
    """Attempts allowed per exam item: ``$COBRANZA_INTENTOS_EXAMEN`` if a whole number >= 1, else 3."""
    text = os.environ.get(CAP_VARIABLE, "").strip()
    return int(text) if text.isdigit() and int(text) >= 1 else DEFAULT_CAP


def variant_index(trainee: str | None, item_id: str, count: int) -> int:
    """The variant (0 to ``count - 1``) of item ``item_id`` that ``trainee`` gets, always the same one."""
    generator = seeded_generator(learner_seed(trainee, item_id), CourseStream.EXAM_VARIANT, 0)
    return int(generator.integers(count))


@dataclass(frozen=True)
class Attempt:
    """One counted attempt at an exam item: right or not, its 0-1 score, the variant, when."""

    passed: bool
    score: float
    variant: int | None
    recorded_at: str


def _verdict(correct: bool, counted: int) -> Feedback:
    said = "Respuesta correcta." if correct else "Respuesta incorrecta."
    if not tracking.is_on():
        return Feedback(correct, f"{said} Sin registrarse (`sign_in()`), esta respuesta no cuenta para su "
                                 "constancia.")
    return Feedback(correct, f"{said} Intento {counted} de {attempt_cap()}; para su constancia cuenta el "
                             "primero.")


def _not_in_exam(item: ExamItem, track: str) -> str:
    owners = " o ".join(TRACKS[owner].lower() for owner in item.tracks)
    return (f"Esta sección es solo del examen de {owners}; su pista ({TRACKS[track].lower()}) no la "
            "incluye: no la responda, su respuesta no se revisa ni se guarda.")


def _cap_reached(cap: int) -> Feedback:
    return Feedback(False, f"Ya usó sus {cap} intentos de esta sección del examen: esta respuesta no se "
                           "revisa ni se guarda. Su constancia toma su primer intento; si necesita otra "
                           "oportunidad, hable con su formador.", readable=False)


class ExamItem(Exercise):
    """An exam question with variants; checks say only right or wrong and count attempts.

    Args:
        section: the certificate's label for it.
        build: variant data -> the exercise for that variant (a kind from
            :mod:`~simulator.course.exercises.kinds`, with this item's id).
        variants: at least :data:`MIN_VARIANTS` dicts of the data that changes.
        tracks: the tracks whose exam includes it (an agent skill: both; statistics: the manager's).
    """

    def __init__(self, id: str, section: str, build: Callable[[Mapping], Exercise],
                 variants: tuple[Mapping, ...], tracks: tuple[str, ...] = (AGENT, MANAGER)) -> None:
        if len(variants) < MIN_VARIANTS:
            raise ValueError(f"la pregunta de examen {id!r} necesita al menos {MIN_VARIANTS} variantes")
        if not tracks or set(tracks) - set(TRACKS):
            raise ValueError(f"la pregunta de examen {id!r} debe ser de las pistas {', '.join(TRACKS)}")
        self.id, self.section, self.variants, self._build = id, section, tuple(variants), build
        self.tracks = tuple(tracks)
        self._built: dict[int, Exercise] = {}
        first = self.exercise_for(0)
        super().__init__(id, first.title, "", self._judge_variant, first.hints)

    def exercise_for(self, index: int) -> Exercise:
        """The exercise of variant ``index`` (built once)."""
        if index not in self._built:
            built = self._build(self.variants[index])
            if built.id != self.id:
                raise ValueError(f"la variante {index} de {self.id!r} se llama {built.id!r}")
            self._built[index] = built
        return self._built[index]

    def in_exam_of(self, track: str | None) -> bool:
        """True when the exam of ``track`` includes this item (None: the complete exam)."""
        return track is None or track in self.tracks

    def _outside(self) -> Feedback | None:
        """Why the signed-in learner's exam leaves this item out, or None when it is theirs."""
        track = tracking.signed_in_track()
        if self.in_exam_of(track):
            return None
        return Feedback(False, _not_in_exam(self, track), readable=False)

    def variant_of(self, trainee: str | None) -> int:
        """The variant ``trainee`` gets (None: nobody signed in)."""
        return variant_index(trainee, self.id, len(self.variants))

    @property
    def variant(self) -> Mapping:
        """The signed-in learner's variant data."""
        return self.variants[self.variant_of(tracking.signed_in())]

    @property
    def current(self) -> Exercise:
        """The signed-in learner's variant, e.g. for ``letter_for`` in a solution cell."""
        return self.exercise_for(self.variant_of(tracking.signed_in()))

    @property
    def statement(self) -> str:
        outside = self._outside()
        if outside is not None:
            return outside.message
        return (f"{self.current.statement}\n\n*Examen: tiene {attempt_cap()} intentos, cuenta el primero y "
                "la revisión solo dice si acertó.*")

    def attempts(self, trainee: str, rows: Iterable[Mapping]) -> list[Attempt]:
        """This item's counted attempts among ``trainee``'s saved results, oldest first, up to the cap."""
        found = [Attempt(bool(row["passed"]), float(row["score"] or 0.0),
                         (row["details"] or {}).get("variante"), row["recorded_at"])
                 for row in rows if row["kind"] == tracking.KIND and row["activity"] == self.id]
        return found[:attempt_cap()]

    def hint(self) -> Text:
        return Text("En el examen no hay pistas: responda con lo que practicó.")

    def _judge_variant(self, answer: object) -> Feedback:
        index = self.variant_of(tracking.signed_in())
        feedback = self.exercise_for(index)._judge(answer)
        return dataclasses.replace(feedback, details={**(feedback.details or {}), "variante": index})

    def _review(self, answer: object) -> Feedback:
        outside = self._outside()
        if outside is not None:
            return outside
        cap, trainee = attempt_cap(), tracking.signed_in()
        if trainee is not None and len(self.attempts(trainee, tracking.saved())) >= cap:
            return _cap_reached(cap)
        feedback = super()._review(answer)
        if not feedback.readable:
            return dataclasses.replace(feedback, message=f"{feedback.message} No cuenta como intento.",
                                       hint="")
        counted = len(self.attempts(trainee, tracking.saved())) if trainee is not None else 0
        return _verdict(feedback.correct, counted)

    def _keep(self, feedback: Feedback) -> None:
        if feedback.readable:
            super()._keep(feedback)


def _graded_from_progress(answer: object) -> Feedback:
    """A recorded call's variants never judge a typed answer (see :meth:`RecordedCall._review`)."""
    return Feedback(False, "La llamada del examen se califica desde su avance, no desde una respuesta "
                           "escrita.")


class RecordedCall(ExamItem):
    """The exam's call, graded from the call the role-play widget saved to the learner's progress.

    Each variant is a version of the scenario's story (another debtor, amounts
    and dates: :mod:`simulator.roleplay.story`) with its own seed; the learner
    plays the widget with ``item.variant["variante"]`` and ``item.variant["semilla"]``,
    and each finished call of that version and seed, played in exam mode (no
    feedback until the end), is an attempt. ``check()`` takes no answer: it reads
    the saved calls.
    """

    def __init__(self, id: str, section: str, title: str, statement: str, *, scenario: str,
                 seeds: tuple[int, ...], threshold: int, hints: tuple[str, ...]) -> None:
        self.scenario, self.threshold = scenario, threshold
        versions = len(course_scenario(scenario).variants) + 1
        if len(seeds) != versions:
            raise ValueError(f"la llamada de examen {id!r} necesita una semilla por cada una de las "
                             f"{versions} variantes de {scenario!r}; recibió {len(seeds)}")

        def build(variant: Mapping) -> Exercise:
            return Exercise(id, title, statement.format(**variant), _graded_from_progress, hints)

        super().__init__(id, section, build,
                         tuple({"variante": number, "semilla": seed} for number, seed in enumerate(seeds)))

    def check(self, answer: object = None) -> Feedback:
        """Grade the saved calls; ``answer`` is ignored (the call is the one the widget saved)."""
        return super().check(answer)

    def _calls(self, trainee: str, rows: Iterable[Mapping]) -> list[tuple[Attempt, Feedback]]:
        index = self.variant_of(trainee)
        version = self.variants[index]
        calls = []
        for row in rows:
            details = row["details"] or {}
            ours = row["kind"] == tracking.ROLEPLAY_KIND and row["activity"] == self.scenario
            played = (details.get("seed"), details.get("variant", 0), details.get("modo_examen"))
            if ours and played == (version["semilla"], version["variante"], True):
                verdict = judge_saved_call(details, self.threshold)
                calls.append((Attempt(verdict.correct, float(details.get("total", 0)) / 100.0, index,
                                      row["recorded_at"]), verdict))
        return calls

    def attempts(self, trainee: str, rows: Iterable[Mapping]) -> list[Attempt]:
        return [attempt for attempt, _ in self._calls(trainee, rows)][:attempt_cap()]

    def _review(self, answer: object) -> Feedback:
        outside = self._outside()
        if outside is not None:
            return outside
        trainee, cap = tracking.signed_in(), attempt_cap()
        if trainee is None:
            return Feedback(False, "Regístrese con `sign_in()` al inicio del cuaderno y juegue la llamada en "
                                   "el widget: se califica la llamada que el widget guarda en su avance.",
                            readable=False)
        calls = self._calls(trainee, tracking.saved())
        if not calls:
            version = self.variant
            return Feedback(False, "Todavía no hay en su avance una llamada terminada de este escenario "
                                   f"(variante {version['variante']}, semilla {version['semilla']}) en modo "
                                   "examen: juéguela hasta el final en el widget de arriba y vuelva a "
                                   "ejecutar esta celda.",
                            readable=False)
        first, _ = calls[0]
        said = "aprobada" if first.passed else "no aprobada"
        message = (f"Su primera llamada terminada, la que cuenta, quedó {said} "
                   f"({round(100 * first.score)}/100). Lleva {min(len(calls), cap)} de {cap} llamadas.")
        if len(calls) > cap:
            message += f" Las llamadas después de la número {cap} no cuentan."
        return Feedback(first.passed, message, details={"variante": first.variant})


@dataclass(frozen=True)
class ExamResult:
    """One learner's exam (the agent's or the manager's, ``track``): each item's counted attempts, in
    exam order."""

    trainee: str
    track: str
    items: tuple[tuple[ExamItem, tuple[Attempt, ...]], ...]

    @property
    def complete(self) -> bool:
        """Every item has at least one attempt: the first complete attempt exists."""
        return all(attempts for _, attempts in self.items)

    @property
    def first_score(self) -> int | None:
        """Items right at their first attempt; None until the first attempt is complete."""
        return sum(attempts[0].passed for _, attempts in self.items) if self.complete else None

    @property
    def best_score(self) -> int:
        """Items right at some counted attempt."""
        return sum(any(attempt.passed for attempt in attempts) for _, attempts in self.items)

    @property
    def attempts_used(self) -> int:
        """The most attempts used at any one item."""
        return max((len(attempts) for _, attempts in self.items), default=0)

    @property
    def completed_at(self) -> str | None:
        """When the first complete attempt was finished (ISO time of its last answer)."""
        return max(attempts[0].recorded_at for _, attempts in self.items) if self.complete else None

    @property
    def passed(self) -> bool:
        """At least :data:`PASS_SHARE` of the items right at the first complete attempt."""
        first = self.first_score
        return first is not None and first >= math.ceil(PASS_SHARE * len(self.items))


def exam_result(trainee: str, rows: Iterable[Mapping], items: Iterable[ExamItem],
                track: str | None = None) -> ExamResult:
    """``trainee``'s exam from saved results (rows of :meth:`ProgressStore.results`): the items of
    ``items`` in the exam of their ``track``; without a track, the complete (manager's) exam."""
    own = [row for row in rows if row["trainee"] == trainee]
    return ExamResult(trainee, track or MANAGER, tuple((item, tuple(item.attempts(trainee, own)))
                                                       for item in items if item.in_exam_of(track)))
