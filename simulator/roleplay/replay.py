"""Play a fixed sequence of choices: headless play, the linter's model-path check, tests."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.errors import DialogueError
from simulator.roleplay.engine import RolePlay
from simulator.roleplay.schema import Scenario
from simulator.roleplay.scoring import Debrief, debrief
from simulator.roleplay.techniques import ENDINGS

__all__ = ["MODEL_AXIS_FLOOR", "model_path_problems", "play_path"]

#: Every axis of the model call must reach this, so the example is worth copying.
MODEL_AXIS_FLOOR = 75


def play_path(scenario: Scenario, choices: Sequence[int], inputs: Sequence[str] = (), *,
              difficulty: str | None = None, seed: int = 1) -> tuple[RolePlay, Debrief]:
    """Say ``choices`` in order, handing ``inputs`` to the options that ask for a value.

    Raises:
        DialogueError: naming the step whose choice or typed value is wrong.
    """
    session = RolePlay(scenario, difficulty, seed)
    pending = list(inputs)
    for step, index in enumerate(choices, start=1):
        options = session.choices
        asks = 0 <= index < len(options) and options[index].asks_for
        typed = pending.pop(0) if asks and pending else None
        try:
            session.choose(index, typed)
        except DialogueError as error:
            raise DialogueError(f"paso {step}: {error.message}", field=error.field) from None
    return session, debrief(session)


def model_path_problems(scenario: Scenario) -> list[str]:
    """Why the scenario's ``camino_modelo`` is not an exemplary call (empty when it is)."""
    path = scenario.model_path
    if path is None:
        return ["falta 'camino_modelo': la llamada ejemplar (opciones y entradas) que sirve de solución"]
    try:
        session, result = play_path(scenario, path.choices, path.inputs)
    except DialogueError as error:
        return [f"'camino_modelo' no se puede jugar: {error.message}"]
    if not session.finished:
        return ["'camino_modelo' termina antes de llegar a un final"]
    problems = []
    if not ENDINGS[result.ending].success:
        problems.append(f"'camino_modelo' termina en '{result.ending}', que no es un final de éxito")
    if not result.objective["ideal"]:
        problems.append("'camino_modelo' debe alcanzar la meta ideal ('meta'); "
                        + (" ".join(result.objective["faltas"]) or "el monto queda debajo del ideal"))
    low = {axis: score for axis, score in result.scores.items() if score < MODEL_AXIS_FLOOR}
    if low or not result.passed:
        problems.append(f"'camino_modelo' debe aprobar con al menos {MODEL_AXIS_FLOOR} en cada eje; "
                        f"obtuvo {result.scores}")
    return problems
