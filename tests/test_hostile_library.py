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
