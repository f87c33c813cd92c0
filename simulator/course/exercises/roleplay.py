"""A role-play exercise: the learner's call, written as the options chosen, played and scored.

The answer is the list of option numbers said in a scenario, in order, with
the amount or date typed where an option asks for one, e.g.
``[2, 0, (1, "1,700"), (0, "el lunes"), 3]``, numbered as the widget showed
them: every play shows the options in an order drawn from the learner, the
scenario and the attempt (:func:`play_order_seed`), and the check uses the order
of the learner's last saved play of the scenario. It plays the answer through the
role-play engine with a fixed seed (so chance branches are the ones the learner
saw in the widget with that seed) and scores it with the engine's own debrief:
it passes when the call ends as the exercise asks, meets the scenario's goal
(``meta``), with no compliance breach, the required techniques and a total at or
above the threshold. The feedback
names the breach and its step, the technique missing, or the step that could
not be played. :func:`judge_saved_call` applies the same rules to a call the
role-play widget saved (the exam grades that, never a typed list).
"""

from __future__ import annotations

import dataclasses
import numbers
from functools import cache

from simulator.course.exercises import tracking
from simulator.course.exercises.answers import shown
from simulator.course.exercises.exercise import Exercise
from simulator.course.exercises.feedback import Feedback
from simulator.course.exercises.forms import AnswerForm
from simulator.errors import DialogueError
from simulator.paths import dataset
from simulator.roleplay import PASS_MARK, TECHNIQUES, Debrief, RolePlay, Scenario, debrief, load_scenario
from simulator.roleplay.order import order_seed
from simulator.roleplay.replay import shown_path
from simulator.roleplay.techniques import ENDINGS

__all__ = ["ANSWER_EXAMPLE", "CallExercise", "answer_as_shown", "course_scenario", "judge_saved_call",
           "play_order_seed",
           "roleplay"]

#: How an answer looks, quoted back when one cannot be read.
ANSWER_EXAMPLE = '[0, 2, (1, "1,500"), (0, "el viernes"), 0]'

#: Added to every role-play statement: the numbers are the shown ones, and which play they refer to.
ORDER_NOTE = ("Use los números tal como los vio: el orden de las opciones cambia en cada intento, y su "
              "lista se revisa con el orden de la última llamada de este escenario que guardó (o con el del "
              "primer intento, si no inició sesión).")

_Move = tuple[int, str | None]


class _Unplayable(Exception):
    """An answer that cannot be played; carries the Spanish message."""


@cache
def course_scenario(scenario_id: str) -> Scenario:
    """The shipped scenario ``scenario_id`` (``datasets/dialogues``), loaded once per session."""
    return load_scenario(dataset("dialogues", f"{scenario_id}.yaml"))


def play_order_seed(scenario_id: str, *, last_play: bool = False) -> int:
    """The order seed of the signed-in learner's next play of a scenario (or of the last one saved).

    The attempt is the number of the learner's earlier saved plays of the scenario,
    so each new call shows a new order; anyone not signed in always gets attempt 0.
    """
    attempt = tracking.earlier(tracking.ROLEPLAY_KIND, scenario_id)
    return order_seed(tracking.signed_in(), scenario_id, max(attempt - 1, 0) if last_play else attempt)


def answer_as_shown(scenario_id: str, answer: list, *, seed: int = 1, difficulty: str | None = None) -> list:
    """An answer written with the file's option numbers, renumbered as the learner's last play
    showed them: how a solution or a test writes an answer that works for whoever checks it."""
    moves = _moves(answer)
    inputs = [typed for _, typed in moves if typed is not None]
    numbers = shown_path(course_scenario(scenario_id), [index for index, _ in moves], inputs,
                         difficulty=difficulty, seed=seed,
                         order_seed=play_order_seed(scenario_id, last_play=True))
    return [number if typed is None else (number, typed) for number, (_, typed) in zip(numbers, moves,
                                                                                        strict=True)]


def _option_number(value: object, position: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _Unplayable(f"El elemento {position} de su lista, {shown(value)}, no es un número de opción: "
                          f"escriba el número (0 es la primera opción) o, si la opción pide un monto o "
                          f"una fecha, un par como `(0, \"1,500\")`.")
    return int(value)


def _moves(answer: object) -> list[_Move]:
    """The (option, typed text) pairs of an answer, or a Spanish reason it cannot be read."""
    if not isinstance(answer, list | tuple):
        raise _Unplayable(f"Se esperaba una lista con los números de las opciones que elige, en orden, "
                          f"por ejemplo `{ANSWER_EXAMPLE}`; se recibió {shown(answer)}.")
    moves = []
    for position, item in enumerate(answer, start=1):
        if isinstance(item, list | tuple):
            if len(item) != 2 or not isinstance(item[1], str | numbers.Real) or isinstance(item[1], bool):
                raise _Unplayable(f"El elemento {position} de su lista, {shown(item)}, debe ser un par "
                                  "(número de opción, monto o fecha), por ejemplo `(0, \"1,500\")`.")
            moves.append((_option_number(item[0], position), str(item[1])))
        else:
            moves.append((_option_number(item, position), None))
    if not moves:
        raise _Unplayable("Su lista está vacía: escriba las opciones que elige, por ejemplo "
                          f"`{ANSWER_EXAMPLE}`.")
    return moves


def _play(scenario: Scenario, moves: list[_Move], difficulty: str | None,
          seed: int) -> tuple[RolePlay, Debrief]:
    session = RolePlay(scenario, difficulty, seed,
                       order_seed=play_order_seed(scenario.id, last_play=True))
    for step, (index, typed) in enumerate(moves, start=1):
        if session.finished:
            raise _Unplayable(f"La llamada terminó en el paso {step - 1} ({_ending(session)}), pero su "
                              f"lista sigue con {len(moves) - step + 1} opción(es) más: quítelas o revise "
                              "los pasos anteriores.")
        heard = session.debtor_line
        options = session.choices
        if typed is not None and 0 <= index < len(options) and options[index].asks_for is None:
            raise _Unplayable(f"Paso {step} (el deudor dijo «{heard}»): la opción {index} no pide monto ni "
                              f"fecha; escriba solo `{index}` en lugar de {shown((index, typed))}.")
        try:
            session.choose(index, typed)
        except DialogueError as error:
            raise _Unplayable(f"Paso {step} (el deudor dijo «{heard}»): {error.message}.") from None
    if not session.finished:
        raise _Unplayable(f"Su lista termina en el paso {len(moves)}, pero la llamada sigue: el deudor "
                          f"acaba de decir «{session.debtor_line}». Agregue las opciones que faltan hasta "
                          "el final.")
    return session, debrief(session)


def _ending(session: RolePlay) -> str:
    ending = session.scenario.nodes[session.node].ending
    return ENDINGS[ending].label if ending else "sin final"


def _problems(result: Debrief, endings: tuple[str, ...], required: tuple[str, ...],
              threshold: int) -> tuple[list[str], str]:
    """What keeps the call from passing, worst first, and the hint that fits the first problem."""
    problems, hint = [], ""
    steps: dict[int, list[dict]] = {}
    for breach in result.breaches:
        steps.setdefault(breach["paso"], []).append(breach)
    for step, found in steps.items():
        labels = " y ".join(breach["etiqueta"] for breach in found)
        problems.append(f"Falta de cumplimiento en el paso {step}: {labels} («{found[0]['texto']}»).")
        hint = hint or f"{found[0]['leccion']} Elija otra opción en el paso {step}."
    if result.ending not in endings:
        wanted = " o ".join(f"«{ENDINGS[key].label}»" for key in endings)
        problems.append(f"La llamada terminó en «{result.ending_label}» y se busca {wanted}. "
                        f"{result.ending_summary or ''}".strip())
    if result.ending in endings and not result.objective_met:
        problems.append("No cumplió la meta de la llamada: " + " ".join(result.objective["faltas"]))
        hint = hint or "Relea la meta en la ficha de la llamada: monto, fecha y canal oficial cuentan."
    used = {item["tecnica"] for item in result.techniques}
    missing = [tag for tag in required if tag not in used]
    if missing and not steps:
        problems.append("Faltó usar: " + ", ".join(TECHNIQUES[tag].label for tag in missing) + ".")
        hint = hint or TECHNIQUES[missing[0]].lesson
    if result.total < threshold:
        problems.append(f"Obtuvo {result.total}/100 y se pide al menos {threshold}.")
        if result.worst:
            hint = hint or f"Revise el paso {result.worst['paso']}: {result.worst['retro']}"
    if problems and result.ending in endings and result.ending_summary:
        problems.append(f"Sobre el final: {result.ending_summary}")
    return problems, hint


def _verdict(result: Debrief, goal: tuple[str, ...], required: tuple[str, ...], threshold: int) -> Feedback:
    """Pass or not, with what keeps the call from passing and the hint that fits it."""
    details = {"total": result.total, "final": result.ending, "puntajes": result.scores}
    problems, hint = _problems(result, goal, required, threshold)
    if problems:
        return Feedback(False, " ".join(problems), hint, details=details)
    return Feedback(True, f"La llamada terminó en «{result.ending_label}» con {result.total}/100 y sin "
                          f"faltas. {result.ending_summary or ''}".strip(), details=details)


def _success_endings() -> tuple[str, ...]:
    return tuple(key for key, ending in ENDINGS.items() if ending.success)


def judge_saved_call(details: dict, threshold: int) -> Feedback:
    """The verdict on a call as the role-play widget saved it (its debrief), by this kind's rules.

    A saved debrief missing a field (an older or damaged row) fails with a Spanish reason.
    """
    try:
        result = Debrief(**{field.name: details[field.name] for field in dataclasses.fields(Debrief)})
        return _verdict(result, _success_endings(), (), threshold)
    except (KeyError, TypeError, AttributeError) as error:
        return Feedback(False, f"La llamada guardada no se puede leer ({type(error).__name__}: {error}).")


class CallExercise(Exercise):
    """A role-play exercise; ``brief`` (the statement without the note on typed numbers), ``scenario``,
    ``difficulty`` and ``seed`` let a widget open the call, and :meth:`check` takes the call it played."""

    def __init__(self, id: str, title: str, brief: str, judge, hints: tuple[str, ...], *, scenario: str,
                 difficulty: str | None, seed: int) -> None:
        super().__init__(id, title, f"{brief}\n\n{ORDER_NOTE}", judge, hints, form=AnswerForm.CALL)
        self.brief, self.scenario, self.difficulty, self.seed = brief, scenario, difficulty, seed


def _result(scenario: Scenario, answer: object, difficulty: str | None, seed: int) -> Debrief:
    """The debrief of a call the widget played (a finished :class:`RolePlay`) or of a typed answer."""
    if isinstance(answer, RolePlay):
        if not answer.finished:
            raise _Unplayable("La llamada todavía no termina: siga eligiendo hasta el final.")
        other_level = difficulty not in (None, answer.difficulty)
        if answer.scenario.id != scenario.id or answer.seed != seed or other_level:
            raise _Unplayable(f"Esta llamada no es la del ejercicio: juegue «{scenario.title}».")
        return debrief(answer)
    return _play(scenario, _moves(answer), difficulty, seed)[1]


def roleplay(id: str, title: str, statement: str, *, scenario: str, hints: tuple[str, ...], seed: int = 1,
             difficulty: str | None = None, threshold: int = PASS_MARK, required: tuple[str, ...] = (),
             endings: tuple[str, ...] | None = None) -> CallExercise:
    """A call in ``scenario`` that must end well, cleanly and with a total of at least ``threshold``.

    Args:
        scenario: id of a scenario in ``datasets/dialogues`` (its file name without ``.yaml``); it is
            loaded here, so a missing or broken file raises ``DialogueError`` at registration.
        seed: the seed of the chance branches; tell the learner to play the widget with it.
        difficulty: a level of :data:`~simulator.roleplay.LEVELS`; the scenario's own by default.
        threshold: the lowest total (0-100) that passes; the engine's pass mark by default.
        required: technique tags the call must use (e.g. ``resumen``), named when missing.
        endings: endings that count as the goal; every successful ending by default.
    """
    goal = endings or _success_endings()
    unknown = [tag for tag in required if tag not in TECHNIQUES] + [key for key in goal if key not in ENDINGS]
    if unknown:
        raise ValueError(f"el ejercicio {id!r} nombra técnicas o finales que no existen: {unknown}")
    course_scenario(scenario)  # a missing or broken scenario file stops the author now, not the learner later

    def judge(answer: object) -> Feedback:
        try:
            result = _result(course_scenario(scenario), answer, difficulty, seed)
        except _Unplayable as problem:
            return Feedback(False, str(problem), readable=False)
        return _verdict(result, goal, required, threshold)

    return CallExercise(id, title, statement, judge, hints, scenario=scenario, difficulty=difficulty,
                        seed=seed)
