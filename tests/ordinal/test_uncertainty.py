"""Confidence intervals of H and C: coverage on processes with known pattern probabilities, the analytic
variance against a Monte-Carlo one, the long-run covariance and the bias terms against plain numpy."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import complexity_entropy, ordinal_counts
from tscomplex.information import complexity_entropy_from_probabilities
from tscomplex.ordinal.uncertainty import (
    _derivatives,
    confidence_intervals,
    default_block_length,
    long_run_covariance,
    miller_madow_entropy,
)


def ar1(rng, n, phi):
    e = rng.standard_normal(n + 200)
    x = np.empty_like(e)
    x[0] = e[0]
    for i in range(1, e.size):
        x[i] = phi * x[i - 1] + e[i]
    return x[200:]


def true_hc(phi):
    """H and C at d = 3 of a Gaussian AR(1): P(012) = P(210) = arcsin(sqrt((1-r2)/(1-r1))/2)/pi (Bandt &
    Shiha 2007), r1 = phi, r2 = phi^2, the other four patterns share the rest equally."""
    p = math.asin(0.5 * math.sqrt((1 - phi ** 2) / (1 - phi))) / math.pi
    return complexity_entropy_from_probabilities(np.array([p] + [(1 - 2 * p) / 4] * 4 + [p]))


def coverage(method, phi, n=2000, trials=200, **kwargs):
    h, c = true_hc(phi)
    rng = np.random.default_rng(2024)
    hits = np.zeros(2)
    for k in range(trials):
        ci = confidence_intervals(ar1(rng, n, phi), 3, 1, method=method, seed=k, **kwargs)
        hits += [ci["permutation_entropy_ci_low"] <= h <= ci["permutation_entropy_ci_high"],
                 ci["statistical_complexity_ci_low"] <= c <= ci["statistical_complexity_ci_high"]]
    return hits / trials


def test_true_probabilities_of_white_noise_are_uniform():
    assert true_hc(0.0) == pytest.approx((1.0, 0.0), abs=1e-12)


@pytest.mark.parametrize("phi", [0.5, 0.8])
@pytest.mark.parametrize("method,kwargs", [("analytic", {}), ("bootstrap", {"resamples": 200})])
def test_coverage_on_ar1_is_near_nominal(method, kwargs, phi):
    cov = coverage(method, phi, **kwargs)
    assert np.all(np.abs(cov - 0.95) <= 0.04), cov


@pytest.mark.parametrize("method,kwargs", [("analytic", {}), ("bootstrap", {"resamples": 200})])
def test_white_noise_is_covered_at_least_nominally(method, kwargs):
    # H = 1 is the largest value H can take: the sampling distribution is one-sided and the intervals are
    # conservative there (coverage near 1); they must never under-cover
    cov = coverage(method, 0.0, trials=150, **kwargs)
    assert np.all(cov >= 0.95 - 0.04), cov


@pytest.mark.parametrize("phi", [0.3, 0.6])
def test_analytic_standard_error_matches_monte_carlo(phi):
    rng = np.random.default_rng(7)
    estimates, errors = [], []
    for k in range(300):
        x = ar1(rng, 3000, phi)
        estimates.append(complexity_entropy(x, 3, 1))
        ci = confidence_intervals(x, 3, 1)
        errors.append((ci["permutation_entropy_std_error"], ci["statistical_complexity_std_error"]))
    ratio = np.mean(errors, axis=0) / np.std(estimates, axis=0, ddof=1)
    assert np.all(np.abs(ratio - 1) < 0.15), ratio


def test_bootstrap_standard_error_agrees_with_analytic():
    x = ar1(np.random.default_rng(3), 20000, 0.5)
    a = confidence_intervals(x, 4, 1)
    b = confidence_intervals(x, 4, 1, method="bootstrap", seed=1, resamples=400)
    for key in ("permutation_entropy_std_error", "statistical_complexity_std_error"):
        assert b[key] == pytest.approx(a[key], rel=0.2)


def test_long_run_covariance_against_plain_sums():
    rng = np.random.default_rng(1)
    index = rng.integers(0, 4, size=500)
    size, overlap, bandwidth = 4, 2, 3
    n = index.size
    ind = np.eye(size)[index]  # n x size indicators
    p = ind.mean(axis=0)
    expected = (ind - p).T @ (ind - p) / n
    for k in range(1, overlap + bandwidth + 1):
        w = 1.0 if k <= overlap else 1 - (k - overlap) / (bandwidth + 1)
        # the joint frequency of the pair (t, t+k), centred by p p^T of the whole series
        gamma = sum(np.outer(ind[t], ind[t + k]) for t in range(n - k)) / (n - k) - np.outer(p, p)
        expected += w * (gamma + gamma.T)
    np.testing.assert_allclose(long_run_covariance(index, size, overlap, bandwidth), expected, atol=1e-12)


def test_second_order_bias_of_independent_draws_is_miller_madow():
    p = np.array([0.1, 0.2, 0.3, 0.4, 0.0, 0.0])
    support = np.flatnonzero(p)
    (_, hess_h), _ = _derivatives(p, support)
    n = 1000
    sigma = (np.diag(p[support]) - np.outer(p[support], p[support])) / n  # multinomial
    bias = 0.5 * np.trace(hess_h @ sigma)
    assert bias == pytest.approx(-(support.size - 1) / (2 * n * math.log(6)), rel=1e-12)


def test_gradients_match_finite_differences():
    p = np.array([0.05, 0.15, 0.3, 0.2, 0.1, 0.2])
    support = np.arange(6)
    (gh, _), (gc, _) = _derivatives(p, support)
    eps = 1e-6
    for i in range(6):
        up, down = p.copy(), p.copy()
        up[i] += eps
        down[i] -= eps
        hu, cu = complexity_entropy_from_probabilities(up)  # not renormalized: partial derivatives
        hd, cd = complexity_entropy_from_probabilities(down)
        assert (hu - hd) / (2 * eps) == pytest.approx(gh[i], rel=1e-5)
        assert (cu - cd) / (2 * eps) == pytest.approx(gc[i], rel=1e-5, abs=1e-8)


def test_miller_madow_against_the_formula():
    x = np.random.default_rng(2).standard_normal(500)
    counts = ordinal_counts(x, 4)
    p = counts[counts > 0] / counts.sum()
    h = -np.sum(p * np.log(p)) / np.log(24)
    assert miller_madow_entropy(counts) == pytest.approx(h + (p.size - 1) / (2 * counts.sum() * np.log(24)))


def test_bootstrap_is_seeded_and_reports_its_choices():
    x = ar1(np.random.default_rng(4), 3000, 0.3)
    a = confidence_intervals(x, 4, 2, method="bootstrap", seed=11, resamples=50)
    assert a == confidence_intervals(x, 4, 2, method="bootstrap", seed=11, resamples=50)
    assert a["ci_seed"] == 11 and a["ci_resamples"] == 50
    assert a["ci_block_length"] == default_block_length(3000 - 6, 4, 2) == 15


def test_one_pattern_gives_a_zero_width_interval():
    ci = confidence_intervals(np.arange(100.0), 3)
    assert ci["permutation_entropy_ci_low"] == ci["permutation_entropy_ci_high"] == 0.0


@pytest.mark.parametrize("kwargs,match", [({"level": 1.0}, "ci_level"), ({"method": "jackknife"}, "ci_method"),
                                          ({"method": "bootstrap", "block_length": 10 ** 6}, "block_length")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        confidence_intervals(np.random.default_rng(0).normal(size=300), 3, **kwargs)
