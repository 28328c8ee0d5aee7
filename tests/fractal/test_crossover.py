"""The automatic DFA fit range: a crossover is found where there is one, and only there."""

import numpy as np
import pytest

from tscomplex.fractal.crossover import find_crossover
from tscomplex.fractal.dfa import dfa
from tscomplex.fractal.mfdfa import mfdfa



def power_law_noise(n, beta, seed):
    """Gaussian noise with power spectrum ~ f^-beta, by spectral synthesis."""
    rng = np.random.default_rng(seed)
    f = np.fft.rfftfreq(n)
    f[0] = 1.0
    spectrum = (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size)) * f ** (-beta / 2)
    spectrum[0] = 0.0
    return np.fft.irfft(spectrum, n)


def reference_fluctuation(x, n):
    """DFA-1 F(n) by the definition: a straight line fitted in every forward and backward segment of the profile."""
    y = np.cumsum(x - x.mean())
    ns = len(y) // n
    t = np.arange(n)
    f2 = [np.mean((y[s:s + n] - np.polyval(np.polyfit(t, y[s:s + n], 1), t)) ** 2)
          for s in [v * n for v in range(ns)] + [len(y) - (v + 1) * n for v in range(ns)]]
    return np.sqrt(np.mean(f2))


def test_broken_line_is_split_at_its_corner():
    x = np.linspace(0, 3, 31)
    y = np.where(x < 1.5, 1.8 * x, 1.8 * 1.5 + 0.3 * (x - 1.5))
    found = find_crossover(x, y)
    assert found is not None
    assert found.slope_short == pytest.approx(1.8, abs=1e-9)
    assert found.slope_long == pytest.approx(0.3, abs=0.05)
    assert np.log(found.scale) == pytest.approx(1.5, abs=0.1)


@pytest.mark.parametrize("y", [lambda x: 0.7 * x + 1, lambda x: 0.7 * x + 0.02 * x ** 2,
                               lambda x: 0.5 * x + 0.01 * np.sin(20 * x)])
def test_straight_or_gently_curved_lines_have_none(y):
    x = np.linspace(0, 3, 31)
    assert find_crossover(x, y(x)) is None


def test_too_few_points_to_judge():
    x = np.linspace(0, 1, 11)
    assert find_crossover(x, np.where(x < 0.5, 2 * x, 1.0)) is None


def test_white_noise_plus_a_weak_random_walk_has_its_known_crossover():
    # F^2(n) = F_white^2 + F_walk^2: alpha 0.5 below the scale where the two are equal, 1.5 above.
    rng = np.random.default_rng(5)
    n = 200_000
    white = rng.standard_normal(n)
    walk = np.cumsum(0.015 * rng.standard_normal(n))
    result = dfa(white + walk)
    # the crossing of the two components' own F(n) ~ c n^alpha, from the plain-numpy reference at one scale each
    c_white = reference_fluctuation(white, 200) / 200 ** 0.5
    c_walk = reference_fluctuation(walk, 200) / 200 ** 1.5
    expected = c_white / c_walk
    assert 150 < expected < 1000  # inside the default scales 10..20000, with a decade or more on each side
    assert result.crossover == pytest.approx(expected, rel=0.6)
    assert result.alpha_short < 0.75 and result.alpha_long > 1.25
    one_line = dfa(white + walk, fit_range="all")
    assert 0.75 < one_line.alpha < 1.25 and one_line.fit_regime == "all"  # the blend a single line reports
    # the long-scale regime is fitted, and the record says so and why
    assert result.fit_regime == "long" and result.alpha == result.alpha_long
    record = result.as_record()
    assert record["dfa_crossover"] == result.crossover and "crossover near n =" in record["dfa_fit_reason"]
    side = result.scales[(result.scales >= result.fit_start) & (result.scales <= result.fit_end)]
    assert np.all(side > result.crossover) and result.fit_end == result.scales[-1]


def test_the_same_side_is_fitted_wherever_the_crossover_lies():
    rng = np.random.default_rng(1)
    regimes = []
    for step in (0.005, 0.02, 0.06):  # crossover from high to low scales
        r = dfa(rng.standard_normal(20_000) + np.cumsum(step * rng.standard_normal(20_000)))
        assert r.crossover is not None
        regimes.append((r.fit_regime, r.alpha == r.alpha_long > 1.0 > r.alpha_short))
    assert regimes == [("long", True)] * 3


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("beta", [0, 1])
def test_no_crossover_in_power_law_noise_of_ten_thousand(seed, beta):
    result = dfa(power_law_noise(10_000, beta, seed=100 + seed))
    assert result.fit_regime == "all" and result.crossover is None
    assert result.alpha_short is None and result.alpha_long is None
    assert result.as_record()["dfa_fit_reason"] == "all scales: no crossover"


def test_short_series_have_too_few_scales_to_judge():
    result = dfa(np.random.default_rng(0).standard_normal(800))  # scales 10..80: 10 of them
    assert result.fit_regime == "all" and "too few" in result.fit_reason


def test_given_range_is_not_second_guessed():
    rng = np.random.default_rng(5)
    x = rng.standard_normal(50_000) + np.cumsum(0.015 * rng.standard_normal(50_000))
    result = dfa(x, fit_range=(10, 5000))
    assert result.fit_regime == "given" and result.crossover is None
    assert 10 <= result.fit_start < result.fit_end <= 5000
    with pytest.raises(ValueError, match="fit_range"):
        dfa(x, fit_range="auto")


def test_mfdfa_fits_the_range_dfa_chooses():
    rng = np.random.default_rng(5)
    x = rng.standard_normal(100_000) + np.cumsum(0.015 * rng.standard_normal(100_000))
    d = dfa(x)
    m = mfdfa(x, q=[-2, 2])
    assert d.crossover is not None
    assert (m.fit_start, m.fit_end) == (d.fit_start, d.fit_end)
    assert m.h[1] == pytest.approx(d.alpha, rel=1e-9)


def test_lorenz_x_is_fitted_on_one_side_of_its_bend():
    from tscomplex import simulate

    x = simulate("lorenz", 20_000).component("x")
    result = dfa(x)
    assert result.crossover is not None
    assert result.alpha_short > 1.5 and result.alpha_long < 1.0  # smooth below the mean period, bounded above
    assert result.fit_r2 > 0.98  # one line across the bend gave 0.96


def test_no_crossover_in_sixty_short_noises():
    # the calibration of the rule's thresholds, on seeds it was not tuned on
    found = [(beta, n, seed) for beta in (0, 0.5, 1) for n in (3000, 10_000) for seed in range(10)
             if dfa(power_law_noise(n, beta, seed=900 + seed)).crossover is not None]
    assert found == []
