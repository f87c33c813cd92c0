"""Behaviour and channel parameters: one validated object loaded from YAML.

The defaults live in ``simulator/parameters.yaml``; a calibration writes a file
of the same shape, and ``--parameters FILE`` swaps it in without touching code.
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.buckets import BUCKET_NAMES
from simulator.errors import ParametersError
from simulator.risk_score import BucketMetrics, RiskBands, RiskFeature, RiskMetrics, RiskModel
from simulator.yaml_lines import load_located_yaml, validate_located

__all__ = [
    "CONTACT_DATA_FIELDS",
    "ChannelParameters",
    "ContactFatigue",
    "ModelParameters",
    "OUTCOMES",
    "PersonaParameters",
    "SettlementParameters",
    "StaffPoolName",
    "load_parameters",
]

CONTACT_DATA_FIELDS = ("phone_valid", "whatsapp_opt_in", "email_valid", "address_valid")
OUTCOMES = ("promise", "refusal", "dispute", "complaint")

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]


class StaffPoolName(StrEnum):
    """The team a channel's contacts need (``resource``): agents call, field agents visit."""

    AGENTES = "agentes"
    VISITADORES = "visitadores"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonaParameters(_Frozen):
    """A latent debtor type: how its repayment intensity moves and how it answers."""

    description: str
    floor_per_day: NonNegative
    decay_per_day: float = Field(gt=0.0)
    jump_statement_per_day: NonNegative
    jump_payday_per_day: NonNegative
    jump_payment_per_day: NonNegative
    contact_response: NonNegative
    channel_response: dict[str, NonNegative] = {}
    answer_probability: Probability
    capacity_to_instalment: float = Field(gt=0.0)
    full_payment_probability: Probability
    honesty: Probability
    overpromise_probability: Probability
    settlement_acceptance: Probability
    savings_months: NonNegative
    outcome_weights: dict[Literal["promise", "refusal", "dispute", "complaint"], float]

    def response_to(self, channel: str) -> float:
        """Multiplier of a channel's effect for this persona."""
        return self.contact_response * self.channel_response.get(channel, 1.0)


class ChannelParameters(_Frozen):
    """A contact channel: its cost, reach and effect on repayment."""

    contact_class: Literal["call", "visit", "message", "letter", "none"]
    cost_mxn: NonNegative
    requires: Literal["phone_valid", "whatsapp_opt_in", "email_valid", "address_valid"] | None = (
        None
    )
    consent_required: bool = False
    reach_probability: Probability
    effect_per_day: NonNegative
    conversation: bool = False
    resource: StaffPoolName | None = None
    connected_minutes: NonNegative = 0.0
    attempt_minutes: NonNegative = 0.0
    third_party_probability: Probability = 0.0
    commission_rate: Probability = 0.0
    handover: bool = False

    def has_data(self, row) -> bool:
        """True when the account (a portfolio row) has the contact datum this channel needs."""
        return self.requires is None or bool(getattr(row, self.requires))


class SettlementParameters(_Frozen):
    """How a debtor values a settlement (quita) and pays it (docs/modelo.md, «Quitas»).

    The propensity rises with days past due along a logistic curve: a debtor
    deeper and longer in arrears values a discount more, so accepts it more
    often and raises more money for it (savings, family, a bonus).
    """

    max_payments: int = Field(ge=1, le=12)
    propensity_floor: Probability
    propensity_midpoint_days: NonNegative
    propensity_width_days: float = Field(gt=0.0)
    borrowing_months: NonNegative

    def propensity(self, days_past_due: float) -> float:
        """Value of a discount to a debtor ``days_past_due`` days late, from ``propensity_floor`` to 1."""
        rise = 1.0 / (1.0 + math.exp((self.propensity_midpoint_days - days_past_due)
                                     / self.propensity_width_days))
        return self.propensity_floor + (1.0 - self.propensity_floor) * rise


class ContactFatigue(_Frozen):
    """How a debtor tires of being contacted (docs/modelo.md, «Fatiga de contacto»).

    Every executed attempt adds 1 to a load that fades as ``exp(-age / recovery_days)``:
    one attempt a week keeps it near 1.2, one a day near 7. The load lowers the
    chance of answering a call or visit, and shrinks the push a contact gives to
    paying; past ``saturation_load`` a contact pushes back (the debtor puts off a
    payment he meant to make), so repeated contact has diminishing and then
    negative returns without any rule saying so.
    """

    recovery_days: float = Field(gt=0.0)
    answer_drop: NonNegative
    saturation_load: float = Field(gt=0.0)

    def answer_factor(self, load: float) -> float:
        """What the load leaves of the chance of answering: ``exp(-answer_drop * load)``."""
        return math.exp(-self.answer_drop * load)

    def effect_factor(self, load: float) -> float:
        """What the load leaves of a contact's push: 1 when fresh, 0 at saturation, negative past it."""
        return 1.0 - load / self.saturation_load


class ModelParameters(_Frozen):
    """Everything the behaviour model needs, validated once.

    ``risk`` is the fitted risk score that strategies may segment by; a file
    without it still runs any strategy that does not use it.
    ``instalment_basis`` says what an instalment meant where the set was made:
    ``cuota_fija`` (balance over term, as in every portfolio file) or
    ``pago_minimo`` (a card's minimum payment, as in the UCI calibration), because
    ``capacity_to_instalment`` is counted in those instalments.
    """

    version: str
    source: str
    statement_lead_days: float = Field(ge=0.0, le=28.0)
    payday_hour: float = Field(ge=0.0, lt=24.0)
    write_off_days_past_due: float = Field(gt=0.0)
    minimum_payment_mxn: NonNegative
    off_payday_capacity_factor: Probability
    payday_window_days: NonNegative
    over_contact_threshold_per_week: int = Field(ge=0)
    over_contact_complaint_growth: NonNegative
    dispute_pause_days: NonNegative
    capacity_spread: NonNegative
    capacity_noise: NonNegative
    partial_payment_range: tuple[Probability, Probability]
    full_payment_arrears_factor: Probability = 1.0
    broken_promise_payment: Probability
    settlement_full_appeal_discount: Annotated[float, Field(gt=0.0, le=1.0)]
    promise_hour: Annotated[float, Field(ge=0.0, lt=24.0)]
    complaint_cost_mxn: NonNegative
    settlement: SettlementParameters
    contact_fatigue: ContactFatigue
    write_off_sale_price: Probability
    persona_mix: dict[str, dict[str, float]]
    personas: dict[str, PersonaParameters]
    channels: dict[str, ChannelParameters]
    risk: RiskModel | None = None
    instalment_basis: Literal["cuota_fija", "pago_minimo"] = "cuota_fija"

    @model_validator(mode="after")
    def _mix_is_consistent(self) -> ModelParameters:
        for bucket in BUCKET_NAMES:
            if bucket not in self.persona_mix:
                raise ValueError(f"persona_mix no tiene el tramo '{bucket}'")
        for label, mix in self.persona_mix.items():
            unknown = set(mix) - set(self.personas)
            if unknown:
                raise ValueError(f"persona_mix.{label} nombra personas sin definir: {sorted(unknown)}")
            if abs(sum(mix.values()) - 1.0) > 1e-6:
                raise ValueError(f"persona_mix.{label} debe sumar 1, suma {sum(mix.values()):.4f}")
        return self


#: The packaged defaults: a file beside this module, read like any ``--parameters`` file.
_DEFAULTS = Path(__file__).with_name("parameters.yaml")


def load_parameters(path: str | Path | None = None) -> ModelParameters:
    """Load and validate a parameter file (the packaged defaults when ``path`` is None).

    Raises:
        ParametersError: naming file, line and field of the first problem.
    """
    if path is None:
        path = _DEFAULTS
    located = load_located_yaml(path, ParametersError)
    models = (ModelParameters, PersonaParameters, ChannelParameters, SettlementParameters, RiskModel,
              RiskFeature, RiskBands, RiskMetrics, BucketMetrics)
    known = {name for model in models for name in model.model_fields}
    return validate_located(ModelParameters, located, ParametersError, str(path), known)
