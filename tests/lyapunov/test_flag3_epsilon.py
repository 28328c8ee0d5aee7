"""The chaos flag on flows whose Rosenstein curve is concave all the way: Kantz's curves over a ladder of radii and
two dimensions (``kantz_epsilon_range``), and a drifting series judged by its increments (``differenced``).

References for the exponents come from the equations (``systems show NAME``: tscomplex's tangent-space spectrum),
never from the estimator under test; the helpers the rule relies on are checked against plain numpy written here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import simulate
from tscomplex.embedding import delay_embedding
from tscomplex.embedding.theiler import mean_period, peak_period
from tscomplex.lyapunov import max_lyapunov
from tscomplex.lyapunov.epsilon_range import (
    DRIFT_RATIO,
    drift_ratio,
    drifts,
    epsilon_range_region,
    unrelated_level,
)
from tscomplex.lyapunov.scaling import slope_windows

DOUBLE_PENDULUM = 0.773  # lambda_1 from the equations (systems show double_pendulum)
UEDA = 0.102  # lambda_1 from the equations (systems show ueda; Sprott 2003: 0.1034)
ROSSLER = 0.0714  # Sprott 2003 and tscomplex's spectrum


@pytest.fixture(scope="module")
def double_pendulum():
    return simulate("double_pendulum", n=20_000)


# --------------------------------------------------------------------------- the double pendulum at 2·10^4 samples


@pytest.mark.parametrize("column", [0, 2, 3])  # theta1, omega1, omega2
def test_double_pendulum_at_2e4_samples_reads_chaotic_from_small_radii(double_pendulum, column):
    """Rosenstein's curve (all nearest neighbours, most a tenth of the attractor away) is concave all the way;
    the references with a neighbour inside 2-5% of the attractor's size give curves straight over 1-3 e-folds,
    with one slope at m and m + 1. Exponents 0.72-0.86 when written, against 0.773: within 25%."""
    x = double_pendulum.values[:, column]
    result = max_lyapunov(x, dt=double_pendulum.dt)
    assert result.chaotic is True, result.reason
    assert result.chaotic_rule == "kantz_epsilon_range"
    assert result.max_lyapunov == pytest.approx(DOUBLE_PENDULUM, rel=0.25)
    record = result.as_record()
    assert 0 < record["epsilon_min"] < record["epsilon_max"] <= 2 * 0.04 * np.std(x) * math.sqrt(result.dim)
    # the curve in the result is the one fitted: the line through the fit region matches it there
    k = np.arange(result.fit_start, result.fit_end + 1)
    line = result.fit_intercept + result.max_lyapunov_per_sample * k
    assert np.max(np.abs(line - result.divergence[k])) < 0.3


def test_double_pendulum_outer_angle_drifts_and_its_increments_read_chaotic(double_pendulum):
    """theta2 turns over the top again and again: unwrapped, it wanders over tens of radians, its mean period
    is most of the record and the rule said too_few_cycles. Its increments oscillate with the motion."""
    theta2 = double_pendulum.values[:, 1]
    assert np.ptp(theta2) > 4 * np.pi  # it does turn over
    assert drift_ratio(theta2) >= DRIFT_RATIO
    result = max_lyapunov(theta2, dt=double_pendulum.dt)
    assert result.differenced is True and result.as_record()["differenced"] is True
    assert "increments" in result.reason
    assert result.chaotic is True, result.reason
    assert result.max_lyapunov == pytest.approx(DOUBLE_PENDULUM, rel=0.35)


# --------------------------------------------------------------------------- the forced oscillator and Rossler z


def test_ueda_x_at_dt_005_reads_chaotic_with_slopes_over_the_forcing_period():
    """Ueda's oscillator is driven with period 2 pi (126 samples at dt = 0.05); harmonics put the mean period
    at 98 samples, and slopes over 98 steps keep a swing. Over the forcing period the curves agree."""
    tr = simulate("ueda", n=20_000, dt=0.05)
    x = tr.values[:, 0]
    assert peak_period(x) == pytest.approx(2 * np.pi / 0.05, rel=0.05)
    result = max_lyapunov(x, dt=tr.dt)
    assert result.chaotic is True, result.reason
    assert result.chaotic_rule == "kantz_epsilon_range"
    assert result.max_lyapunov == pytest.approx(UEDA, rel=0.35)


def test_rossler_z_is_never_given_a_phase_mismatch_for_an_exponent():
    """Rossler's z is spiky; at small radii in its 10-dimensional embedding the neighbours part three e-folds
    in three turns and then close again, far below the distance of unrelated points: not divergence (7 times
    the true rate). Whatever the flag, an exponent reported for it must be the right one."""
    tr = simulate("rossler", n=20_000, dt=0.05)
    result = max_lyapunov(tr.values[:, 2], dt=tr.dt)
    if result.chaotic is True:
        assert result.max_lyapunov == pytest.approx(ROSSLER, rel=0.5)
    else:
        assert result.chaotic_rule == "no_scaling_region" and "Kantz" in result.reason


# --------------------------------------------------------------------------- never chaotic


def _ar1(n, phi, seed):
    rng = np.random.default_rng(seed)
    x = np.zeros(n + 500)
    e = rng.standard_normal(n + 500)
    for i in range(1, n + 500):
        x[i] = phi * x[i - 1] + e[i]
    return x[500:]


@pytest.mark.parametrize("kind", ["ar1 0.95", "three-tone", "sine"])
def test_no_common_region_for_noise_or_tori(kind):
    """The rule itself, called directly on series it must never call chaotic."""
    n = 20_000
    t = np.arange(n, dtype=float)
    x = {"ar1 0.95": lambda: _ar1(n, 0.95, 3),
         "three-tone": lambda: np.sin(t / 11) + 0.6 * np.sin(t / 11 * 2 ** 0.5 + 1) + 0.4 * np.sin(t / 11 * 3 ** 0.5),
         "sine": lambda: np.sin(2 * np.pi * t / 80)}[kind]()
    lag, dim, theiler = max(1, round(mean_period(x) / 4)), 4, math.ceil(mean_period(x))
    region = epsilon_range_region(x, dim, lag, theiler, slope_windows(x, lag, theiler), 600)
    assert not region.found, (kind, region)
    assert region.reason
    assert max_lyapunov(x).chaotic is not True


def test_a_random_walk_is_judged_by_its_increments_and_is_not_chaotic():
    walk = np.cumsum(np.random.default_rng(5).standard_normal(10_000))
    assert drifts(walk)
    result = max_lyapunov(walk)
    assert result.differenced is True
    assert result.chaotic is False, result.reason


def test_a_few_cycles_of_a_sharp_wave_stay_undecided():
    """Three turns of a square wave: its increments are its edges, repeated values, not a motion."""
    t = np.arange(1000)
    square = np.where((t % 333) < 166, 1.0, -1.0)
    assert drift_ratio(square) >= DRIFT_RATIO and not drifts(square)
    result = max_lyapunov(square)
    assert result.chaotic is None and result.chaotic_rule == "too_few_cycles" and result.differenced is False


# --------------------------------------------------------------------------- the helpers, against plain numpy


def test_drift_ratio_against_plain_numpy():
    rng = np.random.default_rng(0)
    x = np.sin(np.arange(5000) / 7.0) + 0.01 * rng.standard_normal(5000)

    def mean_period_here(v):
        v = v - v.mean()
        p = np.abs(np.fft.rfft(v)) ** 2
        f = np.arange(p.size) / v.size
        return p[1:].sum() / (f[1:] * p[1:]).sum()

    assert drift_ratio(x) == pytest.approx(mean_period_here(x) / mean_period_here(np.diff(x)), rel=1e-9)
    assert drift_ratio(x) < 2  # an oscillation does not drift


def test_peak_period_against_plain_numpy():
    t = np.arange(8192)
    x = np.sin(2 * np.pi * t / 128) + 0.9 * np.sin(2 * np.pi * t / 32)
    assert peak_period(x) == pytest.approx(128.0)
    assert mean_period(x) < 100  # the harmonic pulls the mean period down


def test_unrelated_level_against_plain_numpy():
    rng = np.random.default_rng(1)
    x = rng.standard_normal(4001)
    y = delay_embedding(x, 3, 2)
    m = y.shape[0]
    i = np.linspace(0, m // 2 - 1, min(5000, m // 2)).astype(int)
    expected = np.mean([math.log(math.dist(y[a], y[a + m // 2])) for a in i])
    assert unrelated_level(y) == pytest.approx(expected, rel=1e-12)
    # independent unit Gaussians: |d|^2 / 2 is chi^2 with 3 degrees, so E ln|d| = (ln 4 + digamma(3/2)) / 2 = 0.71
    assert unrelated_level(y) == pytest.approx(0.5 * (math.log(4) + (2 - 2 * math.log(2) - 0.5772156649)), abs=0.05)


def test_curves_beside_a_small_scale_exponent_are_kantz_curves_of_the_same_series(double_pendulum):
    """``--curves`` writes the curve the exponent came from and its neighbours at m - 1 and m + 1: for the
    small-scale rule those are Kantz's at the same radius (scaled with sqrt(m)), and for a drifting series
    they are the increments' curves."""
    from tscomplex.io.series import Series
    from tscomplex.records.lyapunov import divergence_curve_points, lyapunov_result

    series = Series("pendulum", "theta2", double_pendulum.values[:, 1], double_pendulum.dt)
    _, result = lyapunov_result(series)
    assert result.differenced and result.epsilon_min is not None
    points = divergence_curve_points(series, result)
    dims = sorted({p["embedding_dim"] for p in points})
    assert dims == [result.dim - 1, result.dim, result.dim + 1]
    assert {p["method"] for p in points} == {"kantz"}
    chosen = [p["s"] for p in points if p["chosen"]]
    assert np.allclose(chosen, result.divergence, equal_nan=True)
    beside = np.array([p["s"] for p in points if p["embedding_dim"] == result.dim + 1], dtype=float)
    # the increments' curve at m + 1 starts near the same radius, not at the raw angle's scale
    assert abs(beside[0] - result.divergence[0]) < 1.0
