"""Hostile inputs through the Python API: amplitudes near the ends of float64, where squares overflow or vanish."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.fractal.dfa import dfa
from tscomplex.fractal.mfdfa import mfdfa

X = np.random.default_rng(24).standard_normal(2000)


@pytest.mark.parametrize("scale", [2.0 ** 700, 2.0 ** -1000])
def test_dfa_and_mfdfa_return_the_fluctuation_in_the_data_units(scale):
    # the exponent is free of the amplitude; F(n) is not: scaled by the same factor as the data, as a plain
    # numpy DFA of the unscaled series times that factor
    ref, got = dfa(X), dfa(X * scale)
    assert got.alpha == pytest.approx(ref.alpha, abs=1e-9)
    np.testing.assert_allclose(got.fluctuation / scale, ref.fluctuation, rtol=1e-9)
    profile = np.cumsum(X - X.mean())
    n = int(ref.scales[0])
    segments = profile[: profile.size // n * n].reshape(-1, n)
    t = np.arange(n)
    residuals = [seg - np.polyval(np.polyfit(t, seg, 1), t) for seg in segments]
    plain = np.sqrt(np.mean([np.mean(r * r) for r in residuals]))
    assert ref.fluctuation[0] == pytest.approx(plain, rel=1e-6)
    ref_q, got_q = mfdfa(X), mfdfa(X * scale)
    np.testing.assert_allclose(got_q.h, ref_q.h, atol=1e-9)
    np.testing.assert_allclose(got_q.fluctuation / scale, ref_q.fluctuation, rtol=1e-9)


def test_a_tau_beyond_int64_is_a_value_error():
    from tscomplex.plane.sweep import tau_sweep_full

    with pytest.raises(ValueError, match="tau must be at most"):
        tau_sweep_full(X, [10 ** 30], dim=3)


@pytest.mark.parametrize("d", [1, 2, 3])
def test_pair_counts_of_a_subnormal_series_with_an_ordinary_r_count_every_pair(d):
    """Found by hypothesis in CI: scaling a subnormal series up made r = 1 overflow (math.ldexp, OverflowError).
    r far beyond every difference holds every pair."""
    from tscomplex.entropy._counting import pairs_within

    x = np.array([0.0] * 7 + [2.225073858507e-311])
    n = x.size - d + 1
    total, counts = pairs_within(x, n, d, 1.0, per_point=True)
    assert total == n * (n - 1) // 2
    np.testing.assert_array_equal(counts, np.full(n, n))
