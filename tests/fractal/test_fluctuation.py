"""DFA, R/S Hurst and MFDFA against plain-numpy definitions and the known exponents of noises."""

import numpy as np
import pytest

from tscomplex.fractal.dfa import dfa
from tscomplex.fractal.hurst import expected_rescaled_range, hurst_exponent, hurst_result
from tscomplex.fractal.mfdfa import mfdfa

N = 100_000


def power_law_noise(n, beta, seed):
    """Gaussian noise with power spectrum ~ f^-beta, by spectral synthesis."""
    rng = np.random.default_rng(seed)
    f = np.fft.rfftfreq(n)
    f[0] = 1.0
    spectrum = (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size)) * f ** (-beta / 2)
    spectrum[0] = 0.0
    return np.fft.irfft(spectrum, n)


def reference_fluctuation(x, n, order):
    """F(n) by the definition: np.polyfit in every forward and backward segment of the profile."""
    y = np.cumsum(x - x.mean())
    ns = len(y) // n
    starts = [v * n for v in range(ns)] + [len(y) - (v + 1) * n for v in range(ns)]
    t = np.arange(n)
    f2 = []
    for s in starts:
        seg = y[s:s + n]
        fit = np.polyval(np.polyfit(t, seg, order), t)
        f2.append(np.mean((seg - fit) ** 2))
    return np.sqrt(np.mean(f2)), np.array(f2)


@pytest.mark.parametrize("order", [1, 2, 3])
def test_fluctuation_function_matches_the_definition(order):
    x = np.random.default_rng(order).standard_normal(1003)
    result = dfa(x, order=order, scales=[10, 17, 50, 101])
    for n, f in zip(result.scales, result.fluctuation):
        assert f == pytest.approx(reference_fluctuation(x, int(n), order)[0], rel=1e-9)


@pytest.mark.parametrize("order", [1, 2, 3])
@pytest.mark.parametrize("beta, alpha", [(0, 0.5), (1, 1.0), (2, 1.5)])
def test_alpha_of_power_law_noises(order, beta, alpha):
    x = power_law_noise(N, beta, seed=10 + beta) if beta < 2 else np.cumsum(np.random.default_rng(3).standard_normal(N))
    result = dfa(x, order=order)
    assert result.alpha == pytest.approx(alpha, abs=0.05)
    assert result.fit_start == result.scales[0] and result.fit_end == result.scales[-1]
    assert result.fit_r2 > 0.98


def test_fit_range_is_reported_and_used():
    x = np.random.default_rng(0).standard_normal(20_000)
    result = dfa(x, fit_range=(20, 500))
    assert 20 <= result.fit_start < result.fit_end <= 500
    assert result.as_record()["dfa_fit_start"] == result.fit_start


def test_dfa_invariant_to_shift_and_scale():
    x = np.random.default_rng(1).standard_normal(5000)
    assert dfa(5 * x - 3).alpha == pytest.approx(dfa(x).alpha, rel=1e-9)


def test_dfa_bad_input():
    with pytest.raises(ValueError, match="order must be between 1 and 3"):
        dfa(np.random.default_rng(0).standard_normal(1000), order=4)
    with pytest.raises(ValueError, match="too short"):
        dfa(np.random.default_rng(0).standard_normal(50))
    with pytest.raises(ValueError, match="constant"):
        dfa(np.ones(1000))
    with pytest.raises(ValueError, match="half the series"):
        dfa(np.random.default_rng(0).standard_normal(100), scales=[10, 60])


def test_expected_rescaled_range_of_noise():
    # Monte Carlo check of the Anis-Lloyd-Peters formula at a small n, where the bias is largest
    rng = np.random.default_rng(4)
    n = 32
    x = rng.standard_normal((20_000, n))
    z = np.cumsum(x - x.mean(axis=1, keepdims=True), axis=1)
    r = np.maximum(z.max(axis=1), 0) - np.minimum(z.min(axis=1), 0)
    assert np.mean(r / x.std(axis=1)) == pytest.approx(expected_rescaled_range(n), rel=0.02)


@pytest.mark.parametrize("h", [0.5, 0.7])
def test_hurst_of_fractional_noise(h):
    x = power_law_noise(N, 2 * h - 1, seed=20)
    assert hurst_exponent(x) == pytest.approx(h, abs=0.05)


def test_hurst_reports_both_and_the_range():
    x = np.random.default_rng(5).standard_normal(10_000)
    result = hurst_result(x)
    assert result.hurst_exponent_uncorrected > result.hurst_exponent  # plain R/S is biased up for noise
    assert result.fit_start == 16 and result.fit_end == 2500
    with pytest.raises(ValueError, match="constant"):
        hurst_exponent(np.zeros(100))
    with pytest.raises(ValueError, match="too short"):
        hurst_exponent(np.arange(20.0))


def test_mfdfa_of_white_noise_is_monofractal_and_h2_is_dfa():
    x = np.random.default_rng(6).standard_normal(2 ** 16)
    result = mfdfa(x)
    assert np.all(np.abs(result.h - 0.5) < 0.06)
    assert result.width < 0.15
    two = np.flatnonzero(result.q == 2)[0]
    assert result.h[two] == pytest.approx(dfa(x).alpha, rel=1e-9)


def test_mfdfa_of_binomial_cascade_follows_the_analytic_h():
    p = 0.3
    x = np.ones(1)
    for _ in range(16):
        x = np.ravel(np.column_stack([x * p, x * (1 - p)]))
    result = mfdfa(x, q=[-4, -2, 2, 4])
    analytic = [1 / q - np.log2(p ** q + (1 - p) ** q) / q for q in (-4, -2, 2, 4)]
    assert result.h == pytest.approx(analytic, abs=0.08)
    assert result.width > 0.5


def test_mfdfa_matches_the_definition_at_one_scale():
    x = np.random.default_rng(8).standard_normal(2000)
    result = mfdfa(x, q=[-2, 0, 3], scales=[20, 40])
    _, f2 = reference_fluctuation(x, 20, 1)
    assert result.fluctuation[0, 0] == pytest.approx(np.mean(f2 ** -1) ** -0.5, rel=1e-9)
    assert result.fluctuation[1, 0] == pytest.approx(np.exp(0.5 * np.mean(np.log(f2))), rel=1e-9)
    assert result.fluctuation[2, 0] == pytest.approx(np.mean(f2 ** 1.5) ** (1 / 3), rel=1e-9)


def test_mfdfa_bad_input():
    x = np.random.default_rng(0).standard_normal(1000)
    with pytest.raises(ValueError, match="two finite"):
        mfdfa(x, q=[2])
    flat = np.concatenate([np.zeros(500), x[:500]])
    with pytest.raises(ValueError, match="q <= 0"):
        mfdfa(flat, q=[-1, 2], scales=[10, 20])
