"""Regimes: regular, complex, stochastic for known series, and the documented threshold."""

from __future__ import annotations

import math

import numpy as np
import pytest
from plane_series import N, fourier_noise, henon, logistic, tent

from tscomplex import plane
from tscomplex.measures import complexity_entropy
from tscomplex.ordinal import ordinal_counts

# the point alone with the fixed split is what most tests here check; its warning is tested on its own below
pytestmark = pytest.mark.filterwarnings("ignore:classify\\(\\) without windows:UserWarning")


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_sine_waves_are_regular(dim):
    for period in (100.0, 61.8, 250.0):
        x = np.array([math.sin(2 * math.pi * i / period) for i in range(N)])
        t_nat = plane.natural_timescale(x).t_nat
        for tau in (1, plane.ideal_tau(t_nat, dim)):
            h, c = complexity_entropy(x, dim, tau)
            assert plane.classify(h, c, dim) == "regular", (period, tau)
            details = regime_of(x, dim, tau)
            assert details["regime"] == "regular" and details["multi_turn_fraction"] == 0.0


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_noises_are_stochastic(dim):
    cases = {"white": np.random.default_rng(11).standard_normal(N)}
    for k in (0.5, 1.0, 1.5, 2.0, 2.5):
        cases[f"f^-{k}"] = fourier_noise(N, k, seed=int(10 * k))
    for name, x in cases.items():
        h, c = complexity_entropy(x, dim, 1)
        assert plane.classify(h, c, dim) == "stochastic", name
        details = regime_of(x, dim)
        assert details["regime"] == "stochastic", (name, details)


def regime_of(x, dim, tau=1):
    h, c = complexity_entropy(x, dim, tau)
    return plane.regime_details(h, c, dim, plane.multi_turn_fraction(ordinal_counts(x, dim, tau)))


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_chaotic_maps_are_complex(dim):
    for name, x in {"logistic": logistic(N), "henon": henon(N), "tent": tent(N)}.items():
        details = regime_of(x, dim)
        assert details["regime"] == "complex", (name, details)
        assert details["regime_rule"].endswith("C >= threshold(H)")
        assert details["multi_turn_fraction"] > 0.4
        h, c = complexity_entropy(x, dim, 1)
        assert c > details["regime_complexity_threshold"] > details["noise_curve_complexity"]
        if dim >= 5:  # from d = 5 on, the plane's lines alone suffice
            assert plane.classify(h, c, dim) == "complex"


def test_henon_at_d4_needs_the_turn_test():
    """At d = 4 the Henon map sits inside PECCARY's regular zone; its many multi-turn windows move it out."""
    x = henon(N)
    h, c = complexity_entropy(x, 4, 1)
    assert h < plane.periodic_entropy_bounds(4)[1]
    assert plane.classify(h, c, 4) == "regular"
    details = regime_of(x, 4)
    assert details["regime"] == "complex"
    assert details["regime_rule"].startswith("H <= H_max_per but multi-turn windows")



def test_regime_rule_uses_the_documented_lines():
    dim = 5
    h_per = plane.periodic_entropy_bounds(dim)[1]
    assert plane.classify(h_per - 1e-9, 0.0, dim) == "regular"
    h = 0.8
    c_noise = float(plane.noise_complexity(h, dim))
    c_max = float(plane.max_complexity(h, dim))
    split = c_noise + 0.5 * (c_max - c_noise)
    assert plane.classify(h, split + 1e-9, dim) == "complex"
    assert plane.classify(h, split - 1e-9, dim) == "stochastic"
    assert plane.classify(h, 0.5 * c_noise, dim) == "stochastic"
    d = plane.regime_details(h, c_noise, dim)
    assert d["noise_curve_complexity"] == pytest.approx(c_noise)
    assert d["regime_complexity_threshold"] == pytest.approx(split)
    assert d["periodic_entropy_bound"] == pytest.approx(h_per)


def test_classify_refuses_dim3_and_nan():
    with pytest.raises(ValueError, match="dim >= 4"):
        plane.classify(0.5, 0.2, 3)
    with pytest.raises(ValueError, match="finite"):
        plane.classify(float("nan"), 0.2, 5)
    assert plane.regime_fields(0.5, 0.2, 3)["regime"] is None



def _power_law_noise(n, k, rng):
    f = np.fft.rfftfreq(n)
    amplitude = np.zeros_like(f)
    amplitude[1:] = f[1:] ** (-k / 2)
    return np.fft.irfft((rng.normal(size=f.size) + 1j * rng.normal(size=f.size)) * amplitude, n)


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_sample_size_aware_split_keeps_noise_stochastic(dim):
    """With the window count given, the split shrinks, but f^-k noises of 10^4 samples stay stochastic."""
    rng = np.random.default_rng(dim)
    for k in (0.0, 0.5, 1.0, 2.0, 3.0):
        for _ in range(5):
            x = _power_law_noise(10_000, k, rng)
            h, c = complexity_entropy(x, dim)
            windows = x.size - (dim - 1)
            assert plane.classify(h, c, dim, plane.multi_turn_fraction(ordinal_counts(x, dim)), windows) \
                == "stochastic", (k, h, c)


@pytest.mark.parametrize("name", ["lorenz", "thomas", "sprott_b"])
@pytest.mark.parametrize("dim", [5, 6])
def test_chaotic_flows_at_the_ideal_tau_are_complex(name, dim):
    """PECCARY's use case: a chaotic flow sampled at its ideal delay reads as complex, not stochastic.

    (Rössler's phase-coherent x sits just inside the periodic bound at d = 5 and reads as regular.)
    """
    from tscomplex import simulate

    traj = simulate(name, 20_000)
    x = traj.component("x")
    tau = plane.ideal_tau(plane.natural_timescale(x, traj.dt).t_nat, dim, traj.dt)
    counts = ordinal_counts(x, dim, tau)
    h, c = complexity_entropy(x, dim, tau)
    fields = plane.regime_fields(h, c, dim, plane.multi_turn_fraction(counts), x.size - (dim - 1) * tau)
    assert fields["regime"] == "complex", (tau, h, c, fields)


def test_split_fraction_limits():
    assert plane.split_fraction(5) == 0.5
    assert plane.split_fraction(5, 10 * 120) == 0.5
    assert plane.split_fraction(5, 25 * 120) == pytest.approx(0.2)
    assert plane.split_fraction(5, 10**6) == 0.1



@pytest.mark.parametrize("dim", [4, 5, 6])
@pytest.mark.parametrize("windows", [None, 1_000, 25 * 720, 10**7])
def test_vectorised_threshold_is_the_classifiers_threshold(dim, windows):
    """complexity_threshold over an array of H equals, point by point, the threshold regime_details uses
    and the documented formula written out here."""
    hs = np.linspace(0.0, 1.0, 201)
    vector = plane.complexity_threshold(hs, dim, windows)
    assert vector.shape == hs.shape
    for h, value in zip(hs, vector):
        assert value == plane.regime_details(h, 0.0, dim, windows=windows)["regime_complexity_threshold"]
        assert value == plane.complexity_threshold(float(h), dim, windows)
        c_noise = float(plane.noise_complexity(h, dim))
        gap = max(float(plane.max_complexity(h, dim)) - c_noise, 0.0)
        s = 0.5 if not windows else min(0.5, max(0.1, 5.0 * math.factorial(dim) / windows))
        assert value == pytest.approx(c_noise + max(s * gap, min(0.005, gap)), abs=1e-15)
    assert np.all(vector >= plane.noise_complexity(hs, dim))
    with pytest.raises(ValueError, match="dim"):
        plane.complexity_threshold(hs, 9)


def test_classify_without_windows_warns_that_its_split_is_fixed():
    """Issue 13: the point alone, without the window count, uses the fixed split s = 0.5 and says so; with the
    window count it uses the commands' split, silently, and a long series' point can then read complex."""
    import warnings

    h = 0.9
    c_noise, c_max = plane.noise_complexity(h, 5), plane.max_complexity(h, 5)
    c = c_noise + 0.2 * (c_max - c_noise)  # above the split of 10^5 windows (s = 0.1), below s = 0.5
    with pytest.warns(UserWarning, match="fixed split"):
        assert plane.classify(h, c, 5) == "stochastic"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plane.classify(h, c, 5, windows=100_000) == "complex"
