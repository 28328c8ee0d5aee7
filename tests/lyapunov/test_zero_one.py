"""The 0-1 test for chaos (tscomplex.lyapunov.zero_one): chaos near 1, regular near 0, a plain-numpy reference."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest

from lyapunov_series import logistic, lorenz_x_series  # tests/lyapunov_series.py

import tscomplex
from tscomplex.lyapunov import zero_one
from tscomplex.lyapunov.zero_one import modified_displacement, translation_variables, zero_one_test


def reference_k_per_c(phi, cs, n_cut):
    """K_c from Gottwald & Melbourne (2009), written out with plain loops over n (no FFT).

    p_c(n) = sum_{j<=n} phi_j cos(jc), q_c(n) = sum_{j<=n} phi_j sin(jc);
    M_c(n) = mean over j = 1..N-n of [p(j+n) - p(j)]^2 + [q(j+n) - q(j)]^2;
    D_c(n) = M_c(n) - (mean phi)^2 (1 - cos nc) / (1 - cos c); K_c = corr(n, D_c(n)).
    """
    phi = np.asarray(phi, dtype=float)
    j = np.arange(1, phi.size + 1)
    out = []
    for c in cs:
        p = np.cumsum(phi * np.cos(j * c))
        q = np.cumsum(phi * np.sin(j * c))
        d = np.empty(n_cut)
        for n in range(1, n_cut + 1):
            m = np.mean((p[n:] - p[:-n]) ** 2 + (q[n:] - q[:-n]) ** 2)
            d[n - 1] = m - phi.mean() ** 2 * (1 - np.cos(n * c)) / (1 - np.cos(c))
        out.append(np.corrcoef(np.arange(1, n_cut + 1), d)[0, 1])
    return np.array(out)


def quasi_periodic(n=10_000):
    t = np.arange(n)
    return np.sin(0.37 * t) + 0.8 * np.sin(0.37 * math.sqrt(2) * t)


def lorenz_at_ideal_tau():
    x = lorenz_x_series()
    t_nat = tscomplex.natural_timescale(x, 0.01).t_nat
    tau = tscomplex.ideal_tau(t_nat, dim=5, dt=0.01)
    return x, tau


# --------------------------------------------------------------------------- chaos and regular dynamics


def test_logistic_map_at_r4_is_chaotic():
    result = zero_one_test(logistic())
    assert result.k > 0.8 and result.chaotic


def test_lorenz_x_at_its_ideal_tau_is_chaotic():
    x, tau = lorenz_at_ideal_tau()
    assert tau > 5  # dt = 0.01 is far finer than the ideal sampling
    assert zero_one_test(x[::tau]).k > 0.8


def test_oversampled_lorenz_reads_as_regular():
    """The documented weakness: every sample of a finely sampled flow gives a low K."""
    x, _ = lorenz_at_ideal_tau()
    assert zero_one_test(x).k < 0.5


@pytest.mark.parametrize("name, x", [
    ("sine", np.sin(2 * np.pi * np.arange(10_000) / 37.3)),
    ("quasi-periodic", quasi_periodic()),
    ("logistic r = 3.55 (period 8)", logistic(r=3.55)[1000:]),
])
def test_regular_dynamics_give_k_near_zero(name, x):
    result = zero_one_test(x)
    assert result.k < 0.2, name
    assert result.chaotic is False


def test_noise_pushes_k_up():
    """The documented weakness: noise on a periodic signal makes p_c, q_c diffuse."""
    rng = np.random.default_rng(3)
    x = np.sin(2 * np.pi * np.arange(10_000) / 37.3)
    assert zero_one_test(x).k < 0.2
    assert zero_one_test(x + 0.5 * rng.standard_normal(x.size)).k > 0.8


# --------------------------------------------------------------------------- the definitions


@pytest.mark.parametrize("series", ["logistic", "sine", "offset"])
def test_agrees_with_a_plain_numpy_implementation(series):
    x = {"logistic": logistic(1500),
         "sine": np.sin(0.3 * np.arange(1500)),
         "offset": 2.0 + np.sin(0.3 * np.arange(1500)) + 0.5 * logistic(1500)}[series]  # a mean: V_osc matters
    result = zero_one_test(x, n_c=7, seed=5)
    want = reference_k_per_c(x, result.frequencies, x.size // 10)
    np.testing.assert_allclose(result.k_per_frequency, want, atol=1e-8)
    assert result.k == pytest.approx(np.median(want), abs=1e-8)


def test_translation_variables_and_displacement_follow_the_definitions():
    rng = np.random.default_rng(1)
    x = rng.standard_normal(400) + 1.0
    c = 1.1
    p, q = translation_variables(x, c)
    j = np.arange(1, x.size + 1)
    np.testing.assert_allclose(p, np.cumsum(x * np.cos(j * c)), atol=1e-9)
    np.testing.assert_allclose(q, np.cumsum(x * np.sin(j * c)), atol=1e-9)
    d = modified_displacement(x, c, n_cut=30)
    for n in (1, 7, 30):
        m = np.mean((p[n:] - p[:-n]) ** 2 + (q[n:] - q[:-n]) ** 2)
        assert d[n - 1] == pytest.approx(m - x.mean() ** 2 * (1 - np.cos(n * c)) / (1 - np.cos(c)), rel=1e-9)


def test_translation_stays_accurate_over_a_long_series():
    """e^{ijc} by rotation, refreshed every 256 steps: no drift against cos/sin at j = 10^5."""
    x = np.ones(100_000)
    p, q = translation_variables(x, 2.0)
    j = np.arange(1, x.size + 1)
    assert p[-1] == pytest.approx(np.cos(j * 2.0).sum(), abs=1e-8)
    assert q[-1] == pytest.approx(np.sin(j * 2.0).sum(), abs=1e-8)


def test_frequencies_are_seeded_and_in_range():
    x = logistic(2000)
    a, b = zero_one_test(x, seed=11), zero_one_test(x, seed=11)
    assert a.k == b.k and np.array_equal(a.frequencies, b.frequencies)
    assert not np.array_equal(a.frequencies, zero_one_test(x, seed=12).frequencies)
    assert np.all((a.frequencies > math.pi / 5) & (a.frequencies < 4 * math.pi / 5))
    assert a.frequencies.size == 100 and a.seed == 11 and a.n_cut == 200


def test_given_frequencies_are_used():
    result = zero_one_test(logistic(2000), frequencies=[1.0, 2.0])
    assert result.frequencies.tolist() == [1.0, 2.0] and result.seed is None


def test_threshold_decides_chaotic():
    result = zero_one_test(logistic(2000), threshold=1.0)
    assert result.k < 1.0 and result.chaotic is False


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("x, kw, words", [
    (np.ones(500), {}, "constant"),
    (np.arange(50.0), {}, "at least 100"),
    (np.r_[np.arange(200.0), np.nan], {}, "NaN"),
    (np.arange(200.0), {"n_c": 0}, "n_c"),
    (np.arange(200.0), {"frequencies": [4.0]}, "frequencies"),
    (np.arange(200.0), {"threshold": 2.0}, "threshold"),
])
def test_bad_input_says_why(x, kw, words):
    with pytest.raises(ValueError, match=words):
        zero_one_test(x, **kw)


def test_exported_and_doctests_pass():
    assert tscomplex.zero_one_test is zero_one_test
    assert doctest.testmod(zero_one, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


# --------------------------------------------------------------------------- invariance


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32 - 1), scale=st.floats(1e-3, 1e3), n=st.integers(100, 600))
def test_k_is_unchanged_by_a_positive_scale(seed, scale, n):
    """D_c(n) scales by a^2 when phi scales by a, so every correlation K_c, and K, stays the same."""
    x = np.cumsum(np.random.default_rng(seed).standard_normal(n)) + 3.0
    a, b = zero_one_test(x, n_c=5, seed=1), zero_one_test(scale * x, n_c=5, seed=1)
    np.testing.assert_allclose(a.k_per_frequency, b.k_per_frequency, atol=1e-7)
