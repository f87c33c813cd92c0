"""Play a fixed sequence of choices: headless play, the linter's model-path check, tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.compliance.edition import Edition
from simulator.errors import DialogueError
from simulator.roleplay.engine import RolePlay
from simulator.roleplay.order import option_orders
from simulator.roleplay.schema import Scenario
from simulator.roleplay.scoring import Debrief, debrief
from simulator.roleplay.techniques import ENDINGS

__all__ = ["MODEL_AXIS_FLOOR", "WRITE", "ModelCall", "model_calls", "model_path_problems", "play_path",
           "shown_path"]

#: Every axis of the model call must reach this, so the example is worth copying.
MODEL_AXIS_FLOOR = 75
#: A step of ``choices`` answered in the learner's own words (the next of ``written``), not by an option.
WRITE = "e"


def play_path(scenario: Scenario, choices: Sequence[int | str], inputs: Sequence[str] = (), *,
              difficulty: str | None = None, seed: int = 1, order_seed: int | None = None,
              variant: int = 0, written: Sequence[str] = (), edition: Edition | None = None,
              ) -> tuple[RolePlay, Debrief]:
    """Say ``choices`` in order, handing ``inputs`` to the options that ask for a value, in
    ``edition`` (Mexico's when None).

    The numbers are the shown ones under ``order_seed`` (the authored ones when None).
    ``inputs`` may name story values ("{ideal}"), so one model call fits every variant; amounts
    written in Mexican form are told in the edition's money, so it fits every edition too.
    A :data:`WRITE` step answers with the next text of ``written``, judged as typed.

    Raises:
        DialogueError: naming the step whose choice, typed value or written answer is
            wrong, or saying how many written answers are missing or left over.
    """
    session = RolePlay(scenario, difficulty, seed, order_seed=order_seed, variant=variant, edition=edition)
    pending = [session.fill(typed) for typed in inputs]
    answers = list(written)
    for step, index in enumerate(choices, start=1):
        try:
            if index == WRITE:
                if not answers:
                    raise DialogueError(f"'{WRITE}' pide una respuesta escrita, pero no quedan textos "
                                        f"(se dieron {len(written)})", field="escritos")
                session.write(answers.pop(0))
                continue
            options = session.choices
            asks = isinstance(index, int) and 0 <= index < len(options) and options[index].asks_for
            typed = pending.pop(0) if asks and pending else None
            session.choose(index, typed)  # type: ignore[arg-type]  # any other text is refused by choose
        except DialogueError as error:
            raise DialogueError(f"paso {step}: {error.message}", field=error.field) from None
    if answers:
        raise DialogueError(f"sobran {len(answers)} respuesta(s) escrita(s): hay más textos que pasos "
                            f"'{WRITE}' en la lista", field="escritos")
    return session, debrief(session)


def shown_path(scenario: Scenario, choices: Sequence[int], inputs: Sequence[str] = (), *,
               difficulty: str | None = None, seed: int = 1, order_seed: int) -> list[int]:
    """The authored ``choices`` as the numbers shown under ``order_seed``: a path written once
    in the file's order (a model call, a test) becomes what a player with that seed presses.

    Raises:
        DialogueError: naming the step whose choice or typed value is wrong.
    """
    authored, _ = play_path(scenario, choices, inputs, difficulty=difficulty, seed=seed)
    orders = option_orders(scenario, order_seed)
    return [orders[move.node].index(move.authored) for move in authored.moves]


@dataclass(frozen=True)
class ModelCall:
    """One level's ``camino_modelo`` as played: the session and its debrief, or why it cannot be played."""

    session: RolePlay | None
    result: Debrief | None
    error: str | None = None


def model_calls(scenario: Scenario, edition: Edition | None = None) -> dict[str, ModelCall]:
    """Every level's ``camino_modelo`` played once in ``edition``: the linter's goal checks
    (:func:`model_path_problems`) and its lawful-script check (:mod:`simulator.roleplay.script`)
    read these."""
    calls = {}
    for level, path in (scenario.model_paths or {}).items():
        try:
            calls[level] = ModelCall(*play_path(scenario, path.choices, path.inputs, difficulty=level,
                                                edition=edition))
        except DialogueError as error:
            calls[level] = ModelCall(None, None, error.message)
    return calls


def model_path_problems(scenario: Scenario, calls: dict[str, ModelCall]) -> list[str]:
    """Why the scenario's ``camino_modelo``, played as ``calls`` (:func:`model_calls`), is not an
    exemplary call at every level (empty when it is).

    A harder debtor must ask for more than a friendly tone: the exemplary call at
    "dificil" has to use at least one technique the one at "facil" does without.
    """
    if scenario.model_paths is None:
        return ["falta 'camino_modelo': la llamada ejemplar (opciones y entradas) por nivel, que sirve de "
                "solución"]
    problems, used = [], {}
    for level, call in calls.items():
        level_problems, used[level] = _level_problems(call)
        problems += [f"'camino_modelo' en {level}: {problem}" for problem in level_problems]
    if not problems and not used["dificil"] - used["facil"]:
        problems.append("'camino_modelo' en dificil no pide ninguna técnica que fácil no use; un deudor "
                        "difícil debe exigir más que amabilidad (p. ej. validar_objecion o firmeza)")
    return problems


def _level_problems(call: ModelCall) -> tuple[list[str], set[str]]:
    session, result = call.session, call.result
    if session is None or result is None:
        return [f"no se puede jugar: {call.error}"], set()
    if not session.finished:
        return ["termina antes de llegar a un final"], set()
    problems = []
    if not ENDINGS[result.ending].success:
        problems.append(f"termina en '{result.ending}', que no es un final de éxito")
    if not result.objective["ideal"]:
        problems.append("debe alcanzar la meta ideal ('meta'); "
                        + (" ".join(result.objective["faltas"]) or "el monto queda debajo del ideal"))
    low = {axis: score for axis, score in result.scores.items() if score < MODEL_AXIS_FLOOR}
    if low or not result.passed:
        problems.append(f"debe aprobar con al menos {MODEL_AXIS_FLOOR} en cada eje; obtuvo {result.scores}")
    return problems, {tag for move in session.moves for tag in move.techniques}
