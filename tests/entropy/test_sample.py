"""Sample and approximate entropy against plain-numpy O(N^2) definitions, the white-noise limit, and bad input."""

import math
import warnings

import numpy as np
import pytest
from scipy.special import erf

from tscomplex.entropy.sample import approximate_entropy, match_counts, sample_entropy, sample_entropy_result


def reference_counts(x, m, r):
    """B, A of Richman & Moorman: the first N - m templates, pairs i < j, Chebyshev distance <= r."""
    n = len(x) - m
    t = np.array([x[i:i + m + 1] for i in range(n)])
    d_m = np.max(np.abs(t[:, None, :m] - t[None, :, :m]), axis=2)
    d_m1 = np.max(np.abs(t[:, None, :] - t[None, :, :]), axis=2)
    upper = np.triu(np.ones((n, n), bool), k=1)
    return int(np.sum((d_m <= r) & upper)), int(np.sum((d_m1 <= r) & upper))


def reference_apen(x, m, r):
    def phi(mm):
        t = np.array([x[i:i + mm] for i in range(len(x) - mm + 1)])
        d = np.max(np.abs(t[:, None, :] - t[None, :, :]), axis=2)
        return np.mean(np.log(np.mean(d <= r, axis=1)))
    return phi(m) - phi(m + 1)


@pytest.mark.parametrize("m", [1, 2, 3, 4])
@pytest.mark.parametrize("seed", [0, 1])
def test_counts_match_the_definition(m, seed):
    x = np.random.default_rng(seed).standard_normal(400).cumsum()
    r = 0.2 * np.std(x)
    assert match_counts(x, m, r) == reference_counts(x, m, r)
    b, a = reference_counts(x, m, r)
    assert sample_entropy(x, m, 0.2) == pytest.approx(-math.log(a / b), rel=1e-12)


def test_ties_at_exactly_r_count_as_matches():
    x = np.random.default_rng(3).integers(0, 5, 300).astype(float)  # many distances equal to r = 1
    for m in (1, 2, 3):
        assert match_counts(x, m, 1.0) == reference_counts(x, m, 1.0)
    assert approximate_entropy(x, 2, 1.0, absolute=True) == pytest.approx(reference_apen(x, 2, 1.0), rel=1e-12)


@pytest.mark.parametrize("m", [1, 2, 3])
def test_approximate_entropy_matches_the_definition(m):
    x = np.sin(np.arange(500) * 0.3) + 0.3 * np.random.default_rng(m).standard_normal(500)
    r = 0.25 * np.std(x)
    assert approximate_entropy(x, m, 0.25) == pytest.approx(reference_apen(x, m, r), rel=1e-12)


def test_absolute_tolerance_is_the_same_as_the_fraction_of_sd():
    x = np.random.default_rng(5).standard_normal(1000)
    assert sample_entropy(x, 2, 0.3 * np.std(x), absolute=True) == sample_entropy(x, 2, 0.3)


def test_white_noise_tends_to_the_analytic_value():
    # for iid Gaussian noise, A/B -> P(|X - Y| <= r) = erf(r / (2 sigma))
    x = np.random.default_rng(7).standard_normal(60_000)
    for r in (0.15, 0.2, 0.3):
        assert sample_entropy(x, 2, r) == pytest.approx(-math.log(erf(r / 2)), abs=0.03)


def test_regular_series_has_low_entropy():
    x = np.sin(2 * np.pi * np.arange(3000) / 50)
    noise = np.random.default_rng(2).standard_normal(3000)
    assert sample_entropy(x) < 0.3 < 2.0 < sample_entropy(noise)
    assert approximate_entropy(x) < 0.3 < 2.0 < approximate_entropy(noise)


def test_invariant_to_shift_and_scale():
    x = np.random.default_rng(9).standard_normal(800)
    assert sample_entropy(3 * x + 100) == pytest.approx(sample_entropy(x), rel=1e-9)


def test_constant_series_is_nan_with_a_reason():
    result = sample_entropy_result(np.ones(100))
    assert math.isnan(result.value) and "constant" in result.reason
    with pytest.warns(RuntimeWarning, match="constant"):
        assert math.isnan(sample_entropy(np.ones(100)))
    with pytest.warns(RuntimeWarning, match="constant"):
        assert math.isnan(approximate_entropy(np.ones(100)))


def test_no_matches_is_nan_not_inf():
    x = np.arange(50.0) ** 2  # all distances differ by more than r
    result = sample_entropy_result(x, 2, 0.5, absolute=True)
    assert math.isnan(result.value) and "no two templates" in result.reason
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert not math.isinf(sample_entropy(x, 2, 0.5, absolute=True))


@pytest.mark.parametrize("kwargs, message", [
    (dict(m=0), "m must be between 1 and 10"),
    (dict(m=2.5), "m must be an integer"),
    (dict(r=0), "r must be a finite number > 0"),
    (dict(r=-1), "r must be a finite number > 0"),
    (dict(r=float("nan")), "r must be a finite number > 0"),
])
def test_bad_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sample_entropy(np.random.default_rng(0).standard_normal(100), **kwargs)


def test_bad_series():
    with pytest.raises(ValueError, match="NaN"):
        sample_entropy([1.0, np.nan, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="at least"):
        sample_entropy([1.0, 2.0, 3.0], m=2)


def test_agrees_with_antropy_on_tie_free_data():
    """antropy counts distance < r (we count <= r) with r = 0.2 SD (ddof=0): identical without exact ties."""
    antropy = pytest.importorskip("antropy")
    x = np.random.default_rng(11).standard_normal(2000)
    assert sample_entropy(x) == pytest.approx(antropy.sample_entropy(x, order=2), rel=1e-9)
    assert approximate_entropy(x) == pytest.approx(antropy.app_entropy(x, order=2), rel=1e-9)


@pytest.mark.parametrize("kind", ["noise", "ties", "constant", "short", "sparse"])
@pytest.mark.parametrize("m", [1, 2, 3])
def test_one_count_for_both_equals_computing_them_apart(kind, m):
    """sample_and_approximate_entropy (used by the entropy command) gives exactly the separate results."""
    from tscomplex.entropy.sample import sample_and_approximate_entropy

    rng = np.random.default_rng(m)
    x = {"noise": rng.standard_normal(3000), "ties": rng.integers(0, 4, 3000).astype(float),
         "constant": np.ones(50), "short": rng.standard_normal(m + 2),
         "sparse": np.array([0.0, 10.0, 20.0, 35.0, 50.0, 71.0, 90.0])}[kind]
    r, absolute = (1.0, True) if kind == "ties" else (0.2, False)
    sampen, apen = sample_and_approximate_entropy(x, m, r, absolute)
    assert sampen == sample_entropy_result(x, m, r, absolute)
    b, a = reference_counts(x, m, sampen.tolerance) if kind != "constant" else (0, 0)
    assert (sampen.matches_m, sampen.matches_m1) == (b, a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        separate = approximate_entropy(x, m, r, absolute)
    assert (math.isnan(apen) and math.isnan(separate)) or apen == separate
