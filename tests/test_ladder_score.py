"""«Seguimiento de la escalera» agrees with the debrief's ladder lines and ranks the reference policies."""

from __future__ import annotations

import numpy as np
from negotiation_sweep import REFERENCE_POLICIES, played

from simulator.negotiation.ladder_review import ladder_lines
from simulator.negotiation.scoring import score


def _faulted(line: str) -> bool:
    """A ladder line that says a judgement was not met."""
    return ((line.startswith("Abrió") and not line.startswith("Abrió con lo que pone la cuenta al corriente"))
            or line.startswith(("Se saltó escalones", "Hizo ", "La llamada terminó sin acuerdo"))
            or (line.startswith("El acuerdo no es un escalón") and "buen cierre" not in line))


def test_the_ladder_score_is_full_exactly_when_the_debrief_finds_no_fault_and_absent_without_offers():
    names = [policy.__name__ for policy in REFERENCE_POLICIES] + ["al azar", "al azar"]
    by_policy: dict[str, list[float]] = {}
    for number, (_, _, negotiation) in enumerate(played((1,), 150, 2)):
        lines, ladder = ladder_lines(negotiation), score(negotiation).ladder
        assert (ladder is None) == (not lines), lines
        if ladder is not None:
            assert (ladder == 100.0) == (not any(_faulted(line) for line in lines)), (ladder, lines)
            assert 0.0 <= ladder <= 100.0
        by_policy.setdefault(names[number % len(names)], []).append(ladder if ladder is not None else np.nan)
    escalera, aceptar_primera = np.nanmean(by_policy["escalera"]), np.nanmean(by_policy["aceptar_primera"])
    assert escalera > aceptar_primera + 20.0, (escalera, aceptar_primera)
