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
    # issue 13: a trend's periodogram is a straight f^-beta line, so it has no natural timescale (this was
    # "spectrum", t_nat = the whole record, before the power-law rule)
    assert ts.method == "power_law" and np.isnan(ts.t_nat)
    arc = np.sin(np.linspace(0, 3 * np.pi, 400))  # 1.5 cycles, 3 crossings, no power law: the spectral peak
    ts = plane.natural_timescale(arc)
    assert ts.method == "spectrum" and ts.warning is not None  # t_nat over a tenth of the record
    with pytest.raises(ValueError, match="too few"):
        plane.natural_timescale(np.ones(100), method="crossings")



def power_law_noise(n, k, seed):
    """Gaussian noise with power spectrum f^-k (random phases), unit variance."""
    rng = np.random.default_rng(seed)
    freqs = np.fft.rfftfreq(n)
    amp = np.zeros_like(freqs)
    amp[1:] = freqs[1:] ** (-k / 2)
    x = np.fft.irfft(amp * np.exp(2j * np.pi * rng.uniform(size=freqs.size)) * rng.standard_normal(freqs.size), n)
    return x / x.std()


@pytest.mark.parametrize("k", [1.0, 2.0, 3.0])
@pytest.mark.parametrize("n", [2_000, 20_000])
def test_red_power_law_spectra_have_no_natural_timescale(k, n):
    """Red (f^-2), brown (f^-3) and pink noise: the 'peak' was the lowest bin, t_nat a third of the record or
    all of it; now t_nat is NaN with the reason, and the fitted exponent is reported."""
    ts = plane.natural_timescale(power_law_noise(n, k, seed=int(10 * k) + n))
    assert ts.method == "power_law"
    assert np.isnan(ts.t_nat)
    assert ts.spectral_exponent == pytest.approx(k, abs=0.3)
    assert "power law" in ts.reason and ts.warning == ts.reason
    walk = plane.natural_timescale(np.cumsum(np.random.default_rng(n).standard_normal(n)))  # brown too
    assert walk.method == "power_law" and walk.spectral_exponent == pytest.approx(2.0, abs=0.3)


def test_power_law_rule_leaves_peaks_white_noise_and_chaos_alone():
    rng = np.random.default_rng(8)
    n = 20_000
    white = plane.natural_timescale(rng.standard_normal(n))
    assert white.method == "crossings" and white.spectral_exponent == pytest.approx(0.0, abs=0.2)
    sine_in_brown = np.sin(2 * np.pi * np.arange(n) / 50.0) * 3 + power_law_noise(n, 2.0, 1)
    ts = plane.natural_timescale(sine_in_brown)  # a peak stands far above the line
    assert ts.method == "spectrum" and ts.t_nat == pytest.approx(50.0, rel=1e-2)
    assert plane.natural_timescale(logistic(N)).method == "crossings"
    law = plane.power_law_spectrum(np.arange(1, 1000, dtype=float) ** -2.0)  # an exact f^-2 line
    # band means sit a little above the line at each band's geometric centre: a few hundredths of bias
    assert law.is_power_law and law.exponent == pytest.approx(2.0, abs=0.1) and law.rms < 0.05


def test_long_natural_timescale_is_warned_about():
    x = np.sin(2 * np.pi * np.arange(1000) / 250.0)  # 4 cycles: t_nat is a quarter of the record
    ts = plane.natural_timescale(x)
    assert ts.t_nat == pytest.approx(250.0, rel=1e-2)
    assert ts.warning is not None and "of the record" in ts.warning
    assert plane.natural_timescale(np.sin(2 * np.pi * np.arange(10_000) / 100)).warning is None
