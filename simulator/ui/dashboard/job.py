"""A comparison running behind the page: progress while it runs, and a way to stop it.

The page must stay responsive during a run of a minute, so the comparison runs
in a background thread. Cancelling sets an event that the progress callback
checks after every replication; it then raises
:class:`~simulator.experiments.backends.RunCancelled`, which the backends turn into
"drop the replications not yet started".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

import pandas as pd

from simulator.errors import CobranzaError
from simulator.experiments.adaptive import compare_adaptive
from simulator.experiments.backends import RunCancelled
from simulator.experiments.compare import Comparison, compare_strategies
from simulator.experiments.run_cache import RunCache
from simulator.experiments.settings import IN_PROCESS, Execution, RunSettings
from simulator.experiments.stopping import Precision
from simulator.parameters import ModelParameters
from simulator.strategies import Strategy

__all__ = ["ComparisonJob", "Countdown", "JobState"]

#: Seconds of progress needed before the page guesses how long is left.
_MIN_WINDOW_S = 1.0


class JobState:
    """The states a job goes through, as shown on the page."""

    WAITING = "en espera"
    RUNNING = "corriendo"
    DONE = "terminada"
    CANCELLED = "cancelada"
    FAILED = "falló"


class Countdown:
    """The status line while replications run: how many are done and about how long is left.

    The pace is measured from the first report on, not from the press: a run
    taken from the page's cache reports all its replications at once and
    would make the rest look instant.
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._first: tuple[float, int] | None = None

    def update(self, done: int, total: int) -> str:
        """Spanish status for ``done`` of ``total`` replications."""
        now = self._clock()
        if self._first is None:
            self._first = (now, done)
        started, first_done = self._first
        line = f"Simulando: {done} de {total} réplicas"
        window, progress = now - started, done - first_done
        if done >= total or window < _MIN_WINDOW_S or progress <= 0:
            return line + "."
        return f"{line}; {_time_left(window / progress * (total - done))}."


def _time_left(seconds: float) -> str:
    if seconds < 10.0:
        return "faltan unos segundos"
    if seconds < 90.0:
        return f"faltan unos {5 * round(seconds / 5)} s"
    return f"faltan unos {round(seconds / 60)} min"


class ComparisonJob:
    """One :func:`~simulator.experiments.compare.compare_strategies` call in a background thread.

    Args:
        settings, execution, cache, worlds: as
            :func:`~simulator.experiments.compare.compare_strategies`; runs found in ``cache``
            are not simulated again.
        precision: run as many replications as it needs
            (:func:`~simulator.experiments.adaptive.compare_adaptive`) instead of ``settings.replications``.
        on_first_stage: with ``precision``, called from the worker thread with the first
            stage's comparison and the replications planned in all, when more follow; that
            comparison stays in ``provisional``, so a cancel keeps what was computed.
        on_progress: called from the worker thread with ``(done, total)``
            replications after each one.
        on_finish: called from the worker thread with the job when it ends,
            whatever the way.
    """

    def __init__(self, portfolio: pd.DataFrame, strategies: Sequence[Strategy],
                 parameters: ModelParameters, settings: RunSettings, execution: Execution = IN_PROCESS,
                 *, cache: RunCache | None = None, worlds: Sequence[ModelParameters] = (),
                 precision: Precision | None = None,
                 on_progress: Callable[[int, int], None] | None = None,
                 on_first_stage: Callable[[Comparison, int], None] | None = None,
                 on_finish: Callable[[ComparisonJob], None] | None = None) -> None:
        self.state = JobState.WAITING
        self.comparison: Comparison | None = None
        self.provisional: Comparison | None = None
        self._precision = precision
        self._on_first_stage = on_first_stage
        self.error: str | None = None
        self.seconds = 0.0
        self._inputs = (portfolio, list(strategies), parameters, settings, execution)
        self._cache = cache
        self._worlds = list(worlds)
        self._on_progress = on_progress
        self._on_finish = on_finish
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tablero-comparacion", daemon=True)

    def start(self) -> ComparisonJob:
        """Start the run in its thread and return at once."""
        self.state = JobState.RUNNING
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the run to stop after the replications already running."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends; False if ``timeout`` seconds passed first."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise RunCancelled
        if self._on_progress is not None:
            self._on_progress(done, total)

    def _compare(self) -> Comparison:
        portfolio, strategies, parameters, settings, execution = self._inputs
        if self._precision is None:
            return compare_strategies(portfolio, strategies, parameters, settings, execution,
                                      progress=self._progress, cache=self._cache, worlds=self._worlds)
        return compare_adaptive(portfolio, strategies, parameters, settings, self._precision, execution,
                                progress=self._progress, cache=self._cache, on_first_stage=self._first_stage)

    def _first_stage(self, comparison: Comparison, planned: int) -> None:
        self.provisional = comparison
        if self._on_first_stage is not None:
            self._on_first_stage(comparison, planned)

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            self.comparison = self._compare()
            self.state = JobState.DONE
        except RunCancelled:
            self.state = JobState.CANCELLED
        except CobranzaError as error:
            self.state, self.error = JobState.FAILED, str(error)
        except Exception as error:  # a thread has no caller: the page must say what broke
            self.state = JobState.FAILED
            self.error = f"error inesperado durante la simulación ({type(error).__name__}: {error})"
        finally:
            self.seconds = time.perf_counter() - started
            if self._on_finish is not None:
                self._on_finish(self)
