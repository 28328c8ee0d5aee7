"""A deterministic map is recognised by one-step prediction and embedded at delay 1 (issue 13).

Two maps were missed by the chaos flag: Chebyshev's T_6 (false nearest neighbours asked for six
dimensions, because its slope of up to 36 separates true neighbours by more than Kennel's factor
of ten; in six delays no neighbour is close enough to diverge over one e-fold), and Holmes'
Duffing map, whose x oscillates slowly (r(1) = 0.86), so the mutual information gave it delay 7
and the divergence was judged as a flow's. Both are predicted from their last one or two values
far better than any linear predictor can: that is the test, and it sets delay 1 and the dimension.
Each reference exponent here is computed independently, in plain numpy.
"""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.embedding.prediction import MAP_RATIO, linear_error, map_test, nearest_neighbour_error
from tscomplex.lyapunov import max_lyapunov


def chebyshev(n=10_000, degree=6, x0=0.3, transient=100):
    """x_{k+1} = T_n(x_k) = cos(n arccos x_k); its Lyapunov exponent is ln n exactly (the map is conjugate to
    the n-fold angle map). Rounding makes the orbit leave the arcsine density's support slowly, so it is
    iterated in the angle (theta -> n theta mod 2 pi, nudged off the periodic orbits) and read through cos."""
    rng = np.random.default_rng(0)
    theta = np.empty(transient + n)
    theta[0] = np.arccos(x0)
    for k in range(transient + n - 1):
        theta[k + 1] = (degree * theta[k] + 1e-12 * rng.standard_normal()) % (2 * np.pi)
    return np.cos(theta[transient:])


def holmes_duffing(n=10_000, a=2.75, b=0.2, transient=1000):
    """x_{k+1} = y_k, y_{k+1} = -b x_k + a y_k - y_k^3 (Holmes 1979); lambda from the QR of the Jacobians."""
    x, y = 0.1, 0.1
    q = np.eye(2)
    total = 0.0
    out = np.empty(n)
    for k in range(transient + n):
        jac = np.array([[0.0, 1.0], [-b, a - 3 * y * y]])
        x, y = y, -b * x + a * y - y ** 3
        if k >= transient:
            out[k - transient] = x
            q, r = np.linalg.qr(jac @ q)
            total += np.log(abs(r[0, 0]))
    return out, total / n


def test_chebyshev_t6_is_a_one_dimensional_map_with_exponent_ln_6():
    x = chebyshev()
    test = map_test(x)
    assert test.deterministic_map and test.dim == 1
    result = max_lyapunov(x)
    assert (result.lag, result.dim) == (1, 1)
    assert result.chaotic is True, result.reason
    assert result.max_lyapunov == pytest.approx(np.log(6), rel=0.05)


def test_holmes_duffing_map_is_two_dimensional_at_delay_1():
    x, reference = holmes_duffing()
    assert reference == pytest.approx(0.48, abs=0.03)  # tscomplex's tangent-space spectrum: 0.477
    result = max_lyapunov(x)
    assert (result.lag, result.dim, result.deterministic_map) == (1, 2, True)
    assert result.chaotic is True, result.reason
    assert result.max_lyapunov == pytest.approx(reference, rel=0.15)
    assert result.one_step_error_ratio < MAP_RATIO


def test_the_errors_are_what_their_definitions_say():
    """The linear error of an AR(1) is its innovation's share of the variance, sqrt(1 - phi^2); the nearest
    neighbour of i.i.d. noise predicts with a second independent draw: sqrt(2) standard deviations."""
    rng = np.random.default_rng(3)
    e = rng.standard_normal(20_000)
    x = np.empty_like(e)
    x[0] = e[0]
    for k in range(1, x.size):
        x[k] = 0.8 * x[k - 1] + e[k]
    assert linear_error(x, 1) == pytest.approx(0.6, abs=0.02)
    assert nearest_neighbour_error(e, 1) == pytest.approx(np.sqrt(2), abs=0.05)
    logistic = np.empty(5000)
    logistic[0] = 0.3
    for k in range(4999):
        logistic[k + 1] = 3.9 * logistic[k] * (1 - logistic[k])
    assert nearest_neighbour_error(logistic, 1) < 0.01


@pytest.mark.parametrize("kind", ["white", "ar2", "sine", "two-tone", "coarse flow"])
def test_noise_linear_processes_and_flows_are_not_maps(kind):
    rng = np.random.default_rng(7)
    n = 10_000
    t = np.arange(n)
    if kind == "white":
        x = rng.standard_normal(n)
    elif kind == "ar2":  # complex roots: a noisy oscillation
        x = np.zeros(n)
        e = rng.standard_normal(n)
        for k in range(2, n):
            x[k] = 1.6 * x[k - 1] - 0.9 * x[k - 2] + e[k]
    elif kind == "sine":
        x = np.sin(2 * np.pi * t / 37.3)
    elif kind == "two-tone":
        x = np.sin(0.05 * t) + 0.6 * np.sin(0.05 * (1 + 5 ** 0.5) / 2 * t)
    else:  # the Lorenz system sampled every 0.05 time units, 15 samples a turn: coarse, but still a flow
        from scipy.integrate import solve_ivp

        sol = solve_ivp(lambda _, v: [10 * (v[1] - v[0]), v[0] * (28 - v[2]) - v[1], v[0] * v[1] - 8 / 3 * v[2]],
                        (0, 0.05 * (n + 500)), [1.0, 1.0, 20.0], t_eval=0.05 * np.arange(n + 500), rtol=1e-9,
                        atol=1e-9)
        x = sol.y[0, 500:]
    test = map_test(x)
    assert test.deterministic_map is False, test
    assert test.dim is None


def test_the_record_names_the_map_rule_and_a_given_embedding_skips_it():
    from tscomplex.io import Series
    from tscomplex.records.lyapunov import lyapunov_records

    x, _ = holmes_duffing(n=5000)
    record = lyapunov_records(Series("s", "v", x))[0]
    assert record["deterministic_map"] is True and record["one_step_error_ratio"] < MAP_RATIO
    assert record["embedding_lag_method"] == "deterministic_map"
    assert record["embedding_dim_method"] == "one_step_prediction"
    given = lyapunov_records(Series("s", "v", x), dim=3)[0]
    assert given["deterministic_map"] is None and given["embedding_dim_method"] is None
    # the test is asked at a given delay of 1 (it chooses the dimension), not at another given delay
    assert lyapunov_records(Series("s", "v", x), lag=1)[0]["embedding_dim"] == 2
    assert lyapunov_records(Series("s", "v", x), lag=3)[0]["deterministic_map"] is None


@pytest.mark.parametrize("phase", [0.0, 0.37, 0.6940726137845467])  # the last: the held-out series
def test_a_periodic_sequence_repeats_to_rounding_and_is_not_taken_for_a_map(phase):
    """A triangle wave of period 15 computed from its phase modulo 1: its nearest neighbour is an exact repeat
    up to rounding, so it predicts the next value to 1e-16, far better than any linear predictor. Taken for a
    map (delay 1), its neighbours 1e-16 apart drifted apart by rounding over three steps, a "scaling region"
    with a positive slope: chaotic (a held-out series, issue 13). A chaotic orbit never repeats: an error at
    the rounding level is a periodic sequence's, and the usual rules decide."""
    t = np.arange(10_000, dtype=float)
    u = (t / 15.0 + phase) % 1.0
    x = 1 - 2 * np.abs(u - 0.5)
    test = map_test(x)
    assert test.deterministic_map is False
    assert min(test.nonlinear) < 1e-8 < min(test.linear)
    assert max_lyapunov(x).chaotic is not True
    if phase > 0.5:  # what taking it for a map did (lag 1, dim 3) is now caught by the rounding rule too
        given = max_lyapunov(x, lag=1, dim=3)
        assert given.chaotic is False and given.chaotic_rule == "repeats_to_rounding"


def test_pairs_that_never_part_beyond_rounding_are_not_divergence():
    """A triangle wave of period 27 from its phase modulo 1 (a held-out series, chaotic on main too): its
    neighbours repeat it to 1e-15, and their distance wandered by rounding from ln d = -33.4 to -31.6 over
    three steps, a straight rise of an e-fold: "chaotic". A curve that never leaves 1e-8 of the standard
    deviation is not divergence: not chaotic, with its own rule and reason."""
    from tscomplex.lyapunov.flag import RULE_ROUNDING, repeats_to_rounding

    t = np.arange(10_000, dtype=float)
    u = (t / 27.0 + 0.6696895731698432) % 1.0
    x = 1 - 2 * np.abs(u - 0.5)
    result = max_lyapunov(x)
    assert result.chaotic is False and result.chaotic_rule == RULE_ROUNDING, result
    assert result.max_lyapunov is None and "rounding" in result.reason
    assert np.max(result.divergence) < np.log(1e-8 * x.std())
    # the chaotic logistic map's pairs part to the size of the attractor
    y = np.empty(5000)
    y[0] = 0.3
    for k in range(4999):
        y[k + 1] = 3.9 * y[k] * (1 - y[k])
    assert not repeats_to_rounding(max_lyapunov(y).divergence, y.std())
