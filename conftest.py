"""Suite-wide setup: learners' files kept out of the home folder, and a simulated cohort.

Before anything runs (notebooks included, whose kernels inherit the
environment), progress and profile files point at a temporary folder, and the
cohort file is filled by simulated trainees who really play exercises,
role-plays and negotiations. The trainer's notebook and the gradebook tests
read that file; the ``simulated_cohort`` fixture says what was played, so tests
can compare the report with the truth.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

#: Answers to some course exercises, right and wrong, as a learner would type them.
_ANSWERS = {
    "fundamentos.tramo": ("c", "b"),
    "fundamentos.roll_rate": (15, 0.15),
    "comunicacion.apertura": ("b", "a"),
    "comunicacion.preguntas": ("ac", "b"),
    "comunicacion.horario": ("b", "c"),
}
_SCENARIOS = ("primera_llamada_30", "llamame_luego", "contesta_tercero")
_POLICIES = ("anclaje", "aceptar_primera")

#: Generated inputs tried per loader by the property-based tests, printed at the end of the run.
FUZZ_CASES: Counter[str] = Counter()

#: What the simulated trainees did: (trainee, kind, activity, passed) per attempt, in order.
SIMULATED_COHORT: list[tuple[str, str, str, bool]] = []


def _play_cohort(path: Path, trainees: int = 6, seed: int = 2026) -> None:
    """Each trainee, of a skill drawn from ``seed``, answers, calls and negotiates."""
    from simulator.course.exercises import get_exercise, track_progress
    from simulator.course.exercises.tracking import record
    from simulator.negotiation import draw_debtors, policies, score
    from simulator.negotiation.evaluation import play
    from simulator.paths import dataset
    from simulator.roleplay import load_scenario
    from simulator.roleplay.replay import play_path

    rng = np.random.default_rng(seed)
    debtors = draw_debtors(trainees, seed)
    try:
        for number in range(trainees):
            name, skill = f"Alumno {number + 1:02d}", rng.uniform(0.2, 0.95)
            track_progress(name, path)
            for exercise_id, (right, wrong) in _ANSWERS.items():
                tries = [right] if rng.random() < skill else [wrong] + ([right] * (rng.random() < 0.5))
                for answer in tries:
                    passed = get_exercise(exercise_id).check(answer).correct
                    SIMULATED_COHORT.append((name, "ejercicio", exercise_id, passed))
            for scenario_id in _SCENARIOS:
                scenario = load_scenario(dataset("dialogues", f"{scenario_id}.yaml"))
                choices = scenario.model_path.choices if rng.random() < skill else (0,)
                _, result = play_path(scenario, choices, scenario.model_path.inputs, seed=number)
                record("juego_de_rol", scenario_id, result.total, result.passed, result.to_dict())
                SIMULATED_COHORT.append((name, "juego_de_rol", scenario_id, result.passed))
            policy = _POLICIES[int(rng.random() >= skill)]
            result = score(play(getattr(policies, policy), debtors[number]))
            record("negociacion", f"deudor_{number}", result.expected_recovery_mxn, result.agreement,
                   result.to_dict())
            SIMULATED_COHORT.append((name, "negociacion", f"deudor_{number}", result.agreement))
    finally:
        track_progress(None)


def pytest_configure(config) -> None:
    """Point learners' files at a temporary folder and fill the cohort file there."""
    folder = Path(tempfile.mkdtemp(prefix="cobranza-cohorte-"))
    os.environ["COBRANZA_AVANCE"] = str(folder / "avance.sqlite")
    os.environ["COBRANZA_PERFIL"] = str(folder / "alumno.txt")
    os.environ.pop("COBRANZA_ALUMNO", None)
    _play_cohort(folder / "avance.sqlite")


@pytest.fixture(scope="session")
def simulated_cohort() -> tuple[Path, list[tuple[str, str, str, bool]]]:
    """The cohort file and every attempt the simulated trainees made, in order."""
    return Path(os.environ["COBRANZA_AVANCE"]), list(SIMULATED_COHORT)


@pytest.fixture(scope="session")
def fuzz_cases() -> Counter[str]:
    """Count one generated case per call: ``fuzz_cases["cartera CSV"] += 1``."""
    return FUZZ_CASES


def pytest_collection_modifyitems(config, items) -> None:
    """Mark notebook cells and browser tests by where they live, for ``make test-fast``."""
    for item in items:
        parts = item.path.parts
        if item.path.suffix == ".ipynb" or "notebooks" in parts or "exercises" in parts:
            item.add_marker(pytest.mark.notebook)
        if item.path.name == "test_dashboard_browser.py":
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many generated inputs each loader survived (only when some ran)."""
    if FUZZ_CASES:
        terminalreporter.section("casos generados por cargador (hypothesis)")
        for loader, cases in sorted(FUZZ_CASES.items()):
            terminalreporter.write_line(f"{loader}: {cases}")
