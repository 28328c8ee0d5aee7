"""The natural timescale by every method: sines, noise, chaos, plateaus and the fallback."""

from __future__ import annotations

import numpy as np
import pytest
from plane_series import N, logistic

from tscomplex import plane


def test_natural_timescale_of_a_sine_by_every_method():
    dt = 0.02
    x = np.sin(2 * np.pi * np.arange(N) / 80.0)
    for method in ("crossings", "maxima", "spectrum"):
        ts = plane.natural_timescale(x, dt, method)
        assert ts.method == method
        assert ts.t_nat == pytest.approx(80 * dt, rel=1e-3)
    assert plane.natural_timescale(x, dt).method == "spectrum"  # a clear spectral peak


def test_natural_timescale_under_noise_and_chaos():
    rng = np.random.default_rng(4)
    x = np.sin(2 * np.pi * np.arange(50_000) / 80.0) + 0.3 * rng.standard_normal(50_000)
    ts = plane.natural_timescale(x)
    assert ts.method == "spectrum" and ts.t_nat == pytest.approx(80.0, rel=1e-3)
    weak = np.sin(2 * np.pi * np.arange(50_000) / 80.0) + 0.05 * rng.standard_normal(50_000)
    assert plane.natural_timescale(weak, method="crossings").t_nat == pytest.approx(80.0, rel=1e-2)
    chaos = plane.natural_timescale(logistic(N))
    assert chaos.method == "crossings" and 3.0 < chaos.t_nat < 5.0


def test_natural_timescale_plateaus_and_fallback():
    x = np.tile([0.0, 1.0, 2.0, 2.0, 2.0, 1.0], 50)  # flat tops count once
    assert plane.natural_timescale(x, method="maxima").t_nat == pytest.approx(6.0)
    ramp = np.sin(np.linspace(0, 1.5 * np.pi, 400)) + np.linspace(0, 3, 400)  # under 4 crossings
    ts = plane.natural_timescale(ramp)
    assert ts.method == "spectrum"
    with pytest.raises(ValueError, match="too few"):
        plane.natural_timescale(np.ones(100), method="crossings")

