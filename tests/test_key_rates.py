"""The default world stays plausible: every simulated key rate inside its documented range.

The ranges and their sources live in ``simulator/experiments/key_rates.yaml``,
which the table «Tasas clave» of docs/modelo.md is printed from
(``docs/scripts/tasas_clave.py``), so the doc and this test read the same numbers.
"""

from __future__ import annotations

import pytest

from simulator import RunSettings, dataset, load_parameters, run_strategy
from simulator.errors import ParametersError
from simulator.experiments.key_rates import load_key_rates, measure_key_rates, out_of_range


def test_every_documented_rate_has_a_range_and_a_source():
    rates = load_key_rates()
    for name, rate in rates.rates.items():
        assert rate.source.strip(), name
        if rate.simulated:
            assert rate.low <= rate.high, name


@pytest.mark.slow  # about 25 s: the no-contact, staged and settlement strategies on the demo portfolio
def test_every_key_rate_of_the_default_world_is_inside_its_documented_range():
    rates = load_key_rates()
    measured = measure_key_rates(load_parameters(), rates)
    assert set(measured) == {name for name, rate in rates.rates.items() if rate.simulated}
    assert out_of_range(measured, rates) == {}


@pytest.mark.slow
def test_the_former_deep_subprime_defaults_fall_outside_the_ranges():
    """The design assumptions 0.1 (kept for the calibration) are the world issue 21 described."""
    rates = load_key_rates()
    former = measure_key_rates(load_parameters(dataset("calibration", "supuestos_0_1.yaml")), rates)
    outside = out_of_range(former, rates)
    assert {"roll_al_corriente", "roll_1-30", "roll_31-60", "reminder_effect"} <= set(outside)


def test_a_set_fitted_on_minimum_payments_is_refused_on_a_portfolio(sample_portfolio, strategy):
    calibrated = load_parameters(dataset("calibration", "uci.yaml"))
    with pytest.raises(ParametersError, match="pago mínimo") as refused:
        run_strategy(sample_portfolio.head(20), strategy("nada"), calibrated,
                     RunSettings(days=30, seed=1, replications=1))
    assert "validate" in refused.value.message and refused.value.field == "instalment_basis"
