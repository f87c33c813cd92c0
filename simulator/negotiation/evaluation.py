"""Run a policy over many simulated debtors and summarise it with 95 % intervals.

Debtor ``i`` is the same for every policy evaluated with the same seed, so two
policies are compared debtor by debtor (a paired difference, whose interval is
far narrower than comparing two means). A policy that raises, returns something
that is not a move, or runs past the time limit fails that debtor only: the
debtor counts as no agreement and no recovery, and the evaluation goes on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from simulator.errors import NegotiationError
from simulator.intervals import mean_ci95
from simulator.negotiation.debtor import Debtor
from simulator.negotiation.guard import PolicyTimeout, deadline
from simulator.negotiation.offers import OFFER_TYPES
from simulator.negotiation.scoring import Score, score
from simulator.negotiation.session import MAX_ROUNDS, Negotiation, NegotiationState

__all__ = ["DEFAULT_TIMEOUT", "METRICS", "METRIC_LABELS", "Evaluation", "evaluate", "paired_difference",
           "play"]

#: Seconds a policy may take for one whole debtor.
DEFAULT_TIMEOUT = 2.0
#: Output metric -> (Score field, only over debtors with an agreement).
METRICS = {
    "expected_recovery_per_account": ("expected_recovery_mxn", False),
    "agreement_rate": ("agreement", False),
    "kept_rate": ("kept_probability", True),
    "mean_discount": ("discount_pct", True),
    "current_rate": ("current_at_end", True),
    "overdue_left": ("overdue_left_mxn", True),
    "compliance_violations": ("compliance_violations", False),
    "mean_rounds": ("rounds", False),
}
#: Spanish label of each output metric.
METRIC_LABELS = {
    "expected_recovery_per_account": "Recuperación esperada por cuenta (MXN)",
    "agreement_rate": "Tasa de acuerdo",
    "kept_rate": "Probabilidad de cumplir el acuerdo (entre acuerdos)",
    "mean_discount": "Quita promedio (% del saldo, entre acuerdos)",
    "current_rate": "Acuerdos que dejan la cuenta al corriente al terminar, si se cumplen",
    "overdue_left": "Vencido que queda al terminar el acuerdo (MXN, entre acuerdos)",
    "compliance_violations": "Ofertas fuera de política por cuenta",
    "mean_rounds": "Rondas por negociación",
}

Policy = Callable[[NegotiationState], object]


class _BrokenPolicy(Exception):
    """A policy that returned something that is not a move."""


@dataclass
class Evaluation:
    """Per-debtor results of one policy; failed debtors carry ``None`` scores."""

    policy: str
    scores: list[Score | None]
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many debtors the policy failed on."""
        return len(self.failures)

    @property
    def first_failure(self) -> str | None:
        """The first failure's Spanish message, naming the debtor."""
        return self.failures[0][1] if self.failures else None

    def values(self, metric: str) -> np.ndarray:
        """Per-debtor values of an output metric; NaN where it does not apply."""
        name, agreements_only = METRICS[metric]
        out = np.full(len(self.scores), np.nan)
        for index, result in enumerate(self.scores):
            if result is None:
                out[index] = np.nan if agreements_only else _FAILED.get(name, np.nan)
                continue
            value = getattr(result, name)
            out[index] = np.nan if value is None else float(value)
        return out

    def summary(self) -> dict[str, dict]:
        """``{metric: {"mean", "ci95": [low, high]}}``; null where no debtor qualifies."""
        return {metric: _interval(self.values(metric)) for metric in METRICS}


_FAILED = {"expected_recovery_mxn": 0.0, "agreement": 0.0, "compliance_violations": 0.0}


def _interval(values: np.ndarray) -> dict:
    data = values[~np.isnan(values)]
    if data.size == 0:
        return {"mean": None, "ci95": [None, None]}
    mean, low, high = mean_ci95(data)
    return {"mean": round(mean, 10), "ci95": [round(low, 10), round(high, 10)]}


def play(policy: Policy, debtor: Debtor, timeout: float = DEFAULT_TIMEOUT,
         max_rounds: int = MAX_ROUNDS) -> Negotiation:
    """One negotiation driven by ``policy`` under a time limit for the whole debtor.

    Raises:
        NegotiationError: the policy raised, returned something that is not a move,
            or ran out of time; the message names the debtor and says what happened.
    """
    negotiation = Negotiation(debtor, max_rounds)
    where = f"deudor {debtor.index} ({debtor.account.account_id}), ronda {{}}"
    try:
        with deadline(timeout) as check:
            while not negotiation.finished:
                offer = policy(negotiation.state)
                check()
                if not isinstance(offer, OFFER_TYPES):
                    raise _BrokenPolicy(offer)
                negotiation.respond(offer)
    except PolicyTimeout:
        raise NegotiationError(f"{where.format(negotiation.rounds + 1)}: la política no respondió en "
                               f"{timeout:g} s (¿un ciclo infinito?); se detuvo.") from None
    except _BrokenPolicy as broken:
        value = broken.args[0]
        raise NegotiationError(
            f"{where.format(negotiation.rounds + 1)}: la política devolvió {value!r} "
            f"({type(value).__name__}); debe devolver Escuchar(), Abono(...), Liquidacion(...), "
            "Plan(...), Aceptar() o Terminar().") from None
    except RecursionError:
        raise NegotiationError(f"{where.format(negotiation.rounds + 1)}: la política se llamó a sí "
                               "misma sin fin (RecursionError).") from None
    except (Exception, SystemExit) as error:
        raise NegotiationError(f"{where.format(negotiation.rounds + 1)}: la política falló con "
                               f"{type(error).__name__}: {error}") from None
    return negotiation


def evaluate(policy: Policy, debtors: list[Debtor], *, name: str = "",
             timeout: float = DEFAULT_TIMEOUT) -> Evaluation:
    """Score ``policy`` on every debtor; a failure is recorded and the next debtor follows."""
    if not math.isfinite(timeout) or timeout <= 0.0:
        raise NegotiationError(f"el límite de tiempo debe ser un número de segundos mayor que 0; "
                               f"se recibió {timeout!r}", field="--timeout")
    result = Evaluation(name or getattr(policy, "__name__", "politica"), [])
    for debtor in debtors:
        try:
            result.scores.append(score(play(policy, debtor, timeout)))
        except NegotiationError as error:
            result.scores.append(None)
            result.failures.append((debtor.index, str(error)))
    return result


def paired_difference(first: Evaluation, second: Evaluation,
                      metric: str = "expected_recovery_per_account") -> dict:
    """Mean of ``first - second`` debtor by debtor and its 95 % t-interval.

    Both evaluations must use the same debtors (same seed and count); debtors
    where either value does not apply (e.g. no agreement) are left out.
    """
    a, b = first.values(metric), second.values(metric)
    if a.size != b.size:
        raise NegotiationError("las dos evaluaciones deben usar los mismos deudores (misma semilla y número)")
    return _interval(a - b)
