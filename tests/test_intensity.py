"""The exact sampler of the self-exciting repayment intensity."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from simulator.behaviour.intensity import Intensity

rates = st.floats(min_value=1e-4, max_value=2.0)
decays = st.floats(min_value=1e-3, max_value=5.0)


@given(floor=rates, decay=decays, excess=st.floats(0.0, 3.0), span=st.floats(0.0, 200.0))
def test_compensator_matches_numerical_integral(floor, decay, excess, span):
    intensity = Intensity(floor, decay, excess)
    numeric, _ = integrate.quad(lambda s: floor + excess * math.exp(-decay * s), 0.0, span)
    assert math.isclose(intensity.integral(span), numeric, rel_tol=1e-7, abs_tol=1e-9)


@given(floor=rates, decay=decays, excess=st.floats(0.0, 3.0), mass=st.floats(1e-6, 20.0))
@settings(max_examples=300)
def test_time_to_inverts_the_compensator(floor, decay, excess, mass):
    intensity = Intensity(floor, decay, excess)
    limit = 1e6
    t = intensity.time_to(mass, limit)
    assert t < math.inf
    assert math.isclose(intensity.integral(t), mass, rel_tol=1e-6, abs_tol=1e-9)


def test_no_payment_before_the_limit_when_mass_is_not_reached():
    intensity = Intensity(0.01, 0.5, 0.2)
    assert intensity.time_to(intensity.integral(10.0) + 1e-6, 10.0) == math.inf


def test_advance_decays_the_excess_only():
    intensity = Intensity(0.02, math.log(2.0), 0.4)
    intensity.advance(1.0)
    assert math.isclose(intensity.excess, 0.2) and intensity.floor == 0.02


def test_sampled_times_follow_the_model_distribution():
    """Exact inversion: first-payment times pass a Kolmogorov-Smirnov test
    against the survival function exp(-Lambda(t)) of the intensity."""
    rng = np.random.default_rng(3)
    floor, decay, excess = 0.01, 0.3, 0.25
    draws = [Intensity(floor, decay, excess).time_to(rng.exponential(), 1e9) for _ in range(4000)]

    def cdf(t):
        return 1.0 - np.exp(-(floor * t + excess * (1.0 - np.exp(-decay * t)) / decay))

    assert stats.kstest(draws, cdf).pvalue > 0.01


def test_a_payment_answers_the_prompts_so_far():
    intensity = Intensity(0.01, 0.25, excess_per_day=2.0)
    intensity.answer(0.02)
    assert intensity.rate() == pytest.approx(0.03)
