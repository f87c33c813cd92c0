"""A few interpretable global multipliers applied to the persona parameters.

Calibration does not move the 8 x 16 persona numbers one by one (six months of
one bank's data cannot identify them); it moves a handful of global knobs and
keeps the order of the personas as designed:

- ``floor``: scales every persona's ``floor_per_day`` (paying without a trigger);
- ``cycle``: scales ``jump_statement_per_day`` and ``jump_payday_per_day``
  (paying in response to the monthly statement and to payday);
- ``capacity``: scales ``capacity_to_instalment`` (how much is paid at once);
- ``full_payment``: multiplies the odds of ``full_payment_probability`` (paying
  all that is due rather than a part of it);
- ``contrast``: how far apart the personas are in ``floor_per_day`` and
  ``capacity_to_instalment``: each value ``v`` becomes ``g * (v / g) ** contrast``
  with ``g`` the geometric mean over personas (1 = as designed, 0 = all alike),
  before the scales above;
- ``arrears_full``: scales ``full_payment_arrears_factor`` (how much each
  overdue instalment past the first lowers the chance of paying all that is
  due), capped at 1;
- ``willing_current`` / ``willing_late``: multiply the odds of the personas
  that want to pay (:data:`WILLING`) against the others in the persona mix of
  current accounts / of late accounts (every late bucket);
- ``willing_full``: multiplies those odds once more, on top of
  ``willing_current``, in the mix of full payers (``FULL_PAYER_MIX``, current
  accounts that paid their whole April bill), which the calibration portfolio
  names for them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from simulator.calibration.portfolio import FULL_PAYER_MIX
from simulator.parameters import ModelParameters

__all__ = ["Multipliers", "WILLING", "apply_multipliers"]

#: Personas who want to pay (the others do not pay without pressure or cannot).
WILLING = ("puntual", "olvidadizo", "dificultad_temporal")
_CURRENT_BUCKET = "al_corriente"


@dataclass(frozen=True)
class Multipliers:
    """Global multipliers; all 1.0 leaves the parameters unchanged."""

    floor: float = 1.0
    cycle: float = 1.0
    capacity: float = 1.0
    full_payment: float = 1.0
    contrast: float = 1.0
    arrears_full: float = 1.0
    willing_current: float = 1.0
    willing_late: float = 1.0
    willing_full: float = 1.0

    def as_dict(self) -> dict[str, float]:
        """Names and values, rounded for files and reports."""
        return {name: round(value, 4) for name, value in asdict(self).items()}


def _tilt(mix: dict[str, float], odds: float) -> dict[str, float]:
    """Mix with the willing personas' odds multiplied by ``odds``, shares within groups kept."""
    willing = sum(share for name, share in mix.items() if name in WILLING)
    others = 1.0 - willing
    if willing <= 0.0 or others <= 0.0:
        return dict(mix)
    new_willing = odds * willing / (odds * willing + others)
    scale_willing, scale_others = new_willing / willing, (1.0 - new_willing) / others
    tilted = {name: share * (scale_willing if name in WILLING else scale_others)
              for name, share in mix.items()}
    total = sum(tilted.values())
    return {name: round(share / total, 6) for name, share in tilted.items()}


def _compress(personas: dict[str, dict], name: str, contrast: float) -> None:
    """Pull ``name`` of every persona towards the geometric mean over personas."""
    values = [persona[name] for persona in personas.values() if persona[name] > 0.0]
    if not values:
        return
    centre = math.exp(sum(math.log(v) for v in values) / len(values))
    for persona in personas.values():
        if persona[name] > 0.0:
            persona[name] = centre * (persona[name] / centre) ** contrast


def _odds(probability: float, factor: float) -> float:
    """``probability`` with its odds multiplied by ``factor`` (0 and 1 stay put)."""
    if probability <= 0.0 or probability >= 1.0:
        return probability
    odds = factor * probability / (1.0 - probability)
    return round(odds / (1.0 + odds), 6)


def _normalised(mix: dict[str, float]) -> dict[str, float]:
    """Rounded shares that sum to 1 exactly enough for the parameter validator."""
    names = list(mix)
    shares = [mix[name] for name in names]
    largest = max(range(len(names)), key=shares.__getitem__)
    shares[largest] = round(1.0 - sum(s for i, s in enumerate(shares) if i != largest), 6)
    return dict(zip(names, shares, strict=True))


def apply_multipliers(parameters: ModelParameters, multipliers: Multipliers) -> ModelParameters:
    """A new, validated parameter set with ``multipliers`` applied; the full payers' mix
    starts from the current accounts' one when ``parameters`` has none."""
    data = parameters.model_dump()
    for name in ("floor_per_day", "capacity_to_instalment"):
        _compress(data["personas"], name, multipliers.contrast)
    for persona in data["personas"].values():
        persona["floor_per_day"] *= multipliers.floor
        persona["jump_statement_per_day"] *= multipliers.cycle
        persona["jump_payday_per_day"] *= multipliers.cycle
        persona["capacity_to_instalment"] *= multipliers.capacity
        persona["full_payment_probability"] = _odds(persona["full_payment_probability"],
                                                     multipliers.full_payment)
    data["full_payment_arrears_factor"] = min(1.0, data["full_payment_arrears_factor"]
                                              * multipliers.arrears_full)
    current = data["persona_mix"][_CURRENT_BUCKET]
    odds = {bucket: multipliers.willing_late for bucket in data["persona_mix"]}
    odds[_CURRENT_BUCKET] = multipliers.willing_current
    odds[FULL_PAYER_MIX] = multipliers.willing_current * multipliers.willing_full
    data["persona_mix"] = {bucket: _normalised(_tilt(data["persona_mix"].get(bucket, current), factor))
                           for bucket, factor in odds.items()}
    return ModelParameters.model_validate(data)
