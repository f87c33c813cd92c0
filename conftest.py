"""Suite-wide setup: learners' files kept out of the home folder, and a simulated cohort on demand.

Before anything runs (notebooks included, whose kernels inherit the
environment), progress and profile files point at a temporary folder. The
cohort file, filled by simulated trainees who really play exercises, role-plays
and negotiations, costs seconds, so it is played only when something reads it:
the gradebook tests through the ``simulated_cohort`` fixture (which also says
what was played, so tests can compare the report with the truth), and the
trainer's notebook, whose kernel starts with ``COBRANZA_AVANCE`` pointing at it.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

#: nbval runs every notebook once; this plugin checks each cell's outputs (Spanish) and each exercise
#: notebook's results as it does (tests/notebook_checks.py).
pytest_plugins = ["notebook_checks"]

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
#: Notebooks that read the cohort file (nbval cells cannot ask for fixtures).
_COHORT_NOTEBOOKS = {"formador.ipynb"}

#: Generated inputs tried per loader by the property-based tests, printed at the end of the run.
FUZZ_CASES: Counter[str] = Counter()

#: One attempt of a simulated trainee: (trainee, kind, activity, passed).
Attempt = tuple[str, str, str, bool]
_FOLDER = pytest.StashKey[Path]()
_COHORT = pytest.StashKey[tuple[Path, list[Attempt]]]()


def _play_cohort(path: Path, trainees: int = 6, seed: int = 2026) -> list[Attempt]:
    """Each trainee, of a skill drawn from ``seed``, answers, calls and negotiates; returns the attempts."""
    from simulator.course.exercises import get_exercise, track_progress
    from simulator.course.exercises.tracking import record
    from simulator.negotiation import draw_debtors, policies, score
    from simulator.negotiation.evaluation import play
    from simulator.paths import dataset
    from simulator.roleplay import load_scenario
    from simulator.roleplay.replay import play_path

    rng = np.random.default_rng(seed)
    debtors = draw_debtors(trainees, seed)
    attempts: list[Attempt] = []
    try:
        for number in range(trainees):
            name, skill = f"Alumno {number + 1:02d}", rng.uniform(0.2, 0.95)
            track_progress(name, path)
            for exercise_id, (right, wrong) in _ANSWERS.items():
                tries = [right] if rng.random() < skill else [wrong] + ([right] * (rng.random() < 0.5))
                for answer in tries:
                    passed = get_exercise(exercise_id).check(answer).correct
                    attempts.append((name, "ejercicio", exercise_id, passed))
            for scenario_id in _SCENARIOS:
                scenario = load_scenario(dataset("dialogues", f"{scenario_id}.yaml"))
                choices = scenario.model_path().choices if rng.random() < skill else (0,)
                _, result = play_path(scenario, choices, scenario.model_path().inputs, seed=number)
                record("juego_de_rol", scenario_id, result.total, result.passed, result.to_dict())
                attempts.append((name, "juego_de_rol", scenario_id, result.passed))
            policy = _POLICIES[int(rng.random() >= skill)]
            result = score(play(getattr(policies, policy), debtors[number]))
            record("negociacion", f"deudor_{number}", result.expected_recovery_mxn, result.agreement,
                   result.to_dict())
            attempts.append((name, "negociacion", f"deudor_{number}", result.agreement))
    finally:
        track_progress(None)
    return attempts


def _cohort(config: pytest.Config) -> tuple[Path, list[Attempt]]:
    """The cohort file and its attempts, played the first time a test or notebook of this process asks."""
    if _COHORT not in config.stash:
        path = config.stash[_FOLDER] / "cohorte.sqlite"
        config.stash[_COHORT] = path, _play_cohort(path)
    return config.stash[_COHORT]


def pytest_configure(config: pytest.Config) -> None:
    """Point learners' files at a temporary folder, so no test or notebook writes in the home folder."""
    folder = Path(tempfile.mkdtemp(prefix="cobranza-alumnos-"))
    config.stash[_FOLDER] = folder
    os.environ["COBRANZA_AVANCE"] = str(folder / "avance.sqlite")
    os.environ["COBRANZA_PERFIL"] = str(folder / "alumno.txt")
    os.environ.pop("COBRANZA_ALUMNO", None)


@pytest.fixture(scope="session")
def simulated_cohort(pytestconfig: pytest.Config) -> tuple[Path, list[Attempt]]:
    """The cohort file and every attempt the simulated trainees made, in order."""
    path, attempts = _cohort(pytestconfig)
    return path, list(attempts)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    """Start the kernel of a notebook that reads the cohort with ``COBRANZA_AVANCE`` pointing at it.

    nbval starts a notebook's kernel while setting up its first cell, and the
    kernel keeps the environment it started with; the variable is restored
    right after, so nothing else sees the cohort.
    """
    if item.path.name not in _COHORT_NOTEBOOKS:
        return (yield)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COBRANZA_AVANCE", str(_cohort(item.config)[0]))
        return (yield)


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
