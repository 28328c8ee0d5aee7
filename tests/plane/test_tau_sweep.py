"""The tau sweep against ordpy's values and complexity_entropy per tau, and PECCARY's ideal tau."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plane_series import N, logistic

from tscomplex import plane
from tscomplex.measures import complexity_entropy
from tscomplex.ordinal import ordinal_counts


def test_ideal_tau_follows_peccary():
    assert plane.ideal_tau(100.0, 5) == 10
    assert plane.ideal_tau(1.0, 5, dt=0.01) == 10
    assert plane.ideal_tau(2.0, 5) == 1  # never below 1
    for t_nat in (37.0, 100.0, 512.0):
        tau = plane.ideal_tau(t_nat, 6)
        assert 0.3 <= plane.pattern_time(tau, 6, 1.0) / t_nat <= 0.5
    with pytest.raises(ValueError):
        plane.ideal_tau(0.0, 5)


# --------------------------------------------------------------------------- tau sweep


def test_tau_sweep_matches_ordpy_reference():
    x = np.sin(2 * np.pi * np.arange(N) / 100)
    h, c = plane.tau_sweep(x, [1, 10, 50], 5)
    np.testing.assert_allclose(h, [0.214437, 0.525400, 0.669743], atol=1e-6)
    np.testing.assert_allclose(c, [0.191580, 0.386890, 0.404629], atol=1e-6)
    h, c = plane.tau_sweep(logistic(N), [1], 6)
    assert (h[0], c[0]) == pytest.approx((0.627287, 0.483355), abs=1e-6)
    h, c, turns = plane.tau_sweep_full(x, [1, 10, 50], 5)
    for tau, f in zip([1, 10, 50], turns):
        assert f == pytest.approx(plane.multi_turn_fraction(ordinal_counts(x, 5, tau)), abs=1e-15)


@pytest.mark.parametrize("dim", [2, 3, 5, 7, 9])
def test_tau_sweep_equals_complexity_entropy_per_tau(dim):
    rng = np.random.default_rng(dim)
    x = np.round(rng.standard_normal(3000), 1)  # many ties
    taus = [1, 2, 3, 17, 40]
    h, c = plane.tau_sweep(x, taus, dim)
    for tau, hv, cv in zip(taus, h, c):
        ref = complexity_entropy(x, dim, tau)
        assert hv == pytest.approx(ref[0], abs=1e-13)
        assert cv == pytest.approx(ref[1], abs=1e-13)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=40, max_size=300), st.integers(1, 6), st.integers(-3, 3))
def test_tau_sweep_invariant_to_shift_and_scale(values, tau, shift):
    x = np.asarray(values, dtype=float)
    if x.size < 4 * tau + 1:
        return
    h1, c1 = plane.tau_sweep(x, [tau], 5)
    h2, c2 = plane.tau_sweep(4.0 * x + shift, [tau], 5)
    assert h1[0] == h2[0] and c1[0] == c2[0]


def test_tau_sweep_refuses_too_large_tau_naming_the_largest():
    x = np.random.default_rng(0).standard_normal(1000)
    with pytest.raises(ValueError, match="largest usable tau is 249"):
        plane.tau_sweep(x, [1, 300], 5)
    with pytest.raises(ValueError, match="largest usable tau is 220"):
        plane.tau_sweep(x, [1, 230], 5, min_windows=120)
    with pytest.raises(ValueError, match="tau must be >= 1"):
        plane.tau_sweep(x, [0, 3], 5)
    with pytest.raises(ValueError, match="NaN"):
        plane.tau_sweep(np.array([1.0, np.nan, 2.0, 3.0, 4.0, 5.0]), [1], 3)

