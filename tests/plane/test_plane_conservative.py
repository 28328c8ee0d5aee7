"""Conservative (Hamiltonian) chaos: time-reversible, deterministic, with a continuous spectrum (plane/evidence.py
line_fraction against plain numpy, and the regimes it decides)."""

from __future__ import annotations

import numpy as np
import pytest
from test_plane_verdicts import regime_at  # the regime as the commands compute it

from tscomplex import plane
from tscomplex.plane.evidence import LINE_HALF_WIDTH, LINE_RATIO, line_fraction


def numpy_line_fraction(x):
    y = x - x.mean()
    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(y.size) / (y.size - 1))  # Hann
    power = np.abs(np.fft.rfft(y * w))[1:] ** 2
    padded = np.concatenate((np.full(LINE_HALF_WIDTH, power[0]), power, np.full(LINE_HALF_WIDTH, power[-1])))
    local = np.array([np.median(padded[i:i + 2 * LINE_HALF_WIDTH + 1]) for i in range(power.size)])
    return power[power > LINE_RATIO * local].sum() / power.sum()


@pytest.mark.parametrize("kind", ["tones", "noise", "noisy_tones"])
def test_line_fraction_matches_numpy(kind):
    rng = np.random.default_rng(7)
    t = np.arange(4096.0)
    tones = np.sin(2 * np.pi * t / 37) + 0.7 * np.sin(2 * np.pi * t * 1.618 / 37 + 1)
    x = {"tones": tones, "noise": rng.standard_normal(t.size),
         "noisy_tones": tones + 0.5 * rng.standard_normal(t.size)}[kind]
    got = line_fraction(x)
    assert got == pytest.approx(numpy_line_fraction(x), rel=1e-9, abs=1e-12)
    if kind == "tones":
        assert got > 0.99
    elif kind == "noise":
        assert got < 0.01
    assert line_fraction(x[:100]) is None and line_fraction(np.ones(5000)) is None


@pytest.mark.parametrize("ic", [(0.0, -0.25, 0.42081, 0.0), (0.0, -0.1, 0.5676, 0.0)])  # E = 1/8, E = 1/6
@pytest.mark.parametrize("component", [0, 1])
def test_chaotic_henon_heiles_orbit_is_complex(ic, component):
    """Issue 13: a chaotic Henon-Heiles orbit read regular (tau = 1) or by chance; it has no arrow of time, but
    forbidden patterns and a continuous spectrum."""
    from tscomplex import simulate

    x = simulate("henon_heiles", n=20_000, ic=list(ic)).values[:, component]
    for tau in (None, 1):  # the ideal tau (7 and 8 here), and tau = 1
        rec = regime_at(x, tau=tau)
        assert rec["forbidden_pattern_fraction"] >= 0.1 and rec["spectral_line_fraction"] < 0.5
        if component == 0 and tau is None:  # x misses twice as many patterns as Gaussian series with its spectrum
            assert rec["regime"] == "complex" and "conservative" in rec["regime_rule"], rec
        elif rec["regime"] is not None:
            assert rec["regime"] == "complex" and "conservative" in rec["regime_rule"], rec
        else:  # at tau = 1 the orbit is oversampled, and y's narrow-band spectrum explains its forbidden patterns
            # even at the ideal tau (34% and 28%, against up to 47% and 38% for Gaussian series with its spectrum):
            # no regime, saying why
            assert "Gaussian surrogates with its spectrum" in rec["regime_rule"], rec


def _lowpass(n, cutoff, seed):
    """White Gaussian noise low-pass filtered in the frequency domain (a brick wall at ``cutoff`` of Nyquist),
    with 1,000 samples cut at each end: a smooth linear Gaussian process whose ends do not match."""
    e = np.random.default_rng(seed).standard_normal(n + 2000)
    spectrum = np.fft.rfft(e)
    spectrum[int(cutoff * spectrum.size):] = 0.0
    return np.fft.irfft(spectrum, n=e.size)[1000:-1000]


@pytest.mark.parametrize("n", [2_000, 10_000, 50_000])
@pytest.mark.parametrize("kind", ["lowpass", "narrow_band"])
def test_smooth_linear_noise_is_not_conservative_chaos(kind, n):
    """Found on series outside the corpus: low-pass filtered noise and a narrow-band AR(2) (r = 0.99, period 25)
    miss most patterns at tau = 1 (smooth paths), are time-reversible with a continuous spectrum, and read
    'complex: conservative (Hamiltonian) chaos'. Gaussian surrogates with the same spectrum miss as many."""
    if kind == "lowpass":
        x = _lowpass(n, 0.05, seed=n)
    else:
        r, w = 0.99, 2 * np.pi / 25
        e = np.random.default_rng(n).standard_normal(n + 2000)
        x = np.zeros_like(e)
        for i in range(2, e.size):
            x[i] = 2 * r * np.cos(w) * x[i - 1] - r * r * x[i - 2] + e[i]
        x = x[2000:]
    rec = regime_at(x, tau=1)
    assert rec["regime"] != "complex", rec
    if rec["forbidden_pattern_fraction"] >= 0.1 and rec["pattern_recurrence_lag"] is None:
        assert rec["regime"] in (None, "stochastic"), rec


def test_a_torus_of_the_same_system_stays_regular():
    from tscomplex import simulate

    hh = simulate("henon_heiles", n=20_000, ic=[0.0, 0.0, 0.5, 0.0])
    for component in (0, 1):
        rec = regime_at(hh.values[:, component])
        assert rec["spectral_line_fraction"] > 0.99
        assert rec["regime"] == "regular", rec


@pytest.mark.parametrize("noise", [0.0, 0.1, 0.2])
def test_quasi_periodic_with_noise_is_not_conservative_chaos(noise):
    t = np.arange(20_000.0)
    x = np.sin(2 * np.pi * t / 61) + 0.7 * np.sin(2 * np.pi * t * 1.618034 / 61 + 2)
    x = x + noise * x.std() * np.random.default_rng(3).standard_normal(t.size)
    rec = regime_at(x)
    assert rec["spectral_line_fraction"] > 0.9
    assert rec["regime"] != "complex", rec


@pytest.mark.parametrize("seed", [0, 1])
def test_linear_processes_never_take_the_conservative_path(seed):
    """Every pattern is seen, so the path needs forbidden patterns it cannot show."""
    e = np.random.default_rng(seed).standard_normal(20_000)
    x = np.zeros_like(e)
    for i in range(2, e.size):
        x[i] = 1.56 * x[i - 1] - 0.81 * x[i - 2] + e[i]
    rec = regime_at(x, tau=1)
    assert rec["forbidden_pattern_fraction"] < 0.1  # one pattern of 120 unseen at most
    assert rec["regime"] == "stochastic", rec


def _rule(forbidden, lines, p=0.5, p_amp=0.5, h=0.7, c=0.35):
    ev = {"reversal_p_value": p, "forbidden_fraction": forbidden, "recurrence": None, "asymmetry_p_value": p_amp,
          "line_fraction": lines}
    out = plane.regime_details(h, c, 5, 0.3, 20_000, evidence=ev)
    return out["regime"], out["regime_rule"]


def test_the_reversible_branches_of_the_rule():
    assert _rule(0.3, 0.1)[0] == "complex" and "conservative" in _rule(0.3, 0.1)[1]
    assert _rule(0.3, 0.95) == ("regular", _rule(0.3, 0.95)[1]) and "quasi-periodic" in _rule(0.3, 0.95)[1]
    assert _rule(0.05, 0.95)[0] is None and "spectral lines" in _rule(0.05, 0.95)[1]
    assert _rule(0.0, 0.0)[0] == "stochastic" and "linear Gaussian" in _rule(0.0, 0.0)[1]
    assert _rule(0.3, None)[0] == "regular"  # no spectrum (too short): the patterns alone, as before
    # the amplitudes' asymmetry alone makes a point irreversible
    assert _rule(0.0, 0.0, p_amp=1e-6)[0] == "complex"
    assert "amplitude asymmetry p = 1e-06" in _rule(0.0, 0.0, p_amp=1e-6)[1]


def test_three_tones_with_few_forbidden_patterns_are_not_read_as_a_linear_process():
    """A three-tone signal over 10^5 samples visits nearly every pattern (7% forbidden at its ideal tau), and read
    as a linear process; its power is in lines, which no linear process has. Noisy phase-coherent chaos has that
    too, so the answer is null with the reason rather than regular."""
    t = np.arange(100_000.0)
    f1 = 1 / 79.0
    x = (np.sin(2 * np.pi * f1 * t) + 0.7 * np.sin(2 * np.pi * f1 * np.sqrt(3) * t + 1.0)
         + 0.4 * np.sin(2 * np.pi * f1 * np.e / 2 * t + 4.0))
    rec = regime_at(x)
    assert rec["forbidden_pattern_fraction"] < 0.1 and rec["spectral_line_fraction"] > 0.9
    assert rec["regime"] is None and "spectral lines" in rec["regime_rule"], rec


def test_very_red_noise_missing_patterns_by_chance_is_not_conservative_chaos():
    """f^-2.9 noise in 5,000 samples misses 10-12% of the patterns at d = 5 by chance (examples/batch_folder.sh
    makes these two); its spectrum is a red power law, so no regime rather than a chaos it does not have."""
    n = 5000
    rng = np.random.default_rng(1)
    f = np.fft.rfftfreq(n)
    series = []
    for k in np.linspace(0, 3, 50):
        spectrum = np.fft.rfft(rng.standard_normal(n))
        spectrum[0], spectrum[1:] = 0, spectrum[1:] * f[1:] ** (-k / 2)
        series.append(np.fft.irfft(spectrum, n))
    for x in series[47:49]:  # k = 2.88, 2.94
        rec = regime_at(x, tau=1)
        assert rec["forbidden_pattern_fraction"] >= 0.1 and rec["spectral_line_fraction"] < 0.5
        assert rec["regime"] is None and "red power-law" in rec["regime_rule"], rec
