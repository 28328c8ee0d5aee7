"""Tests of the delay embedding and its automatic choices (tscomplex.embedding) against plain references."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tscomplex.embedding
from lyapunov_series import henon, logistic, lorenz_x_series  # tests/lyapunov_series.py

from tscomplex.embedding import (
    auto_lag,
    auto_mutual_information,
    autocorrelation,
    delay_embedding,
    false_nearest_neighbors,
    mean_period,
)

@pytest.fixture(scope="module")
def lorenz_x():
    return lorenz_x_series()



# --------------------------------------------------------------------------- building blocks vs plain references


@settings(max_examples=30, deadline=None)
@given(n=st.integers(5, 60), dim=st.integers(1, 5), lag=st.integers(1, 6))
def test_delay_embedding_matches_list_comprehension(n, dim, lag):
    x = np.arange(n, dtype=float) ** 1.5
    if n - (dim - 1) * lag < 1:
        with pytest.raises(ValueError, match="too short"):
            delay_embedding(x, dim, lag)
        return
    expected = np.array([[x[i + j * lag] for j in range(dim)] for i in range(n - (dim - 1) * lag)])
    np.testing.assert_array_equal(delay_embedding(x, dim, lag), expected)


def _reference_mutual_information(x, lag, bins):
    edges = np.linspace(x.min(), x.max(), bins + 1)
    a, b = (x[:-lag], x[lag:]) if lag else (x, x)
    joint, _, _ = np.histogram2d(a, b, bins=[edges, edges])
    p = joint / joint.sum()
    pa, pb = p.sum(axis=1), p.sum(axis=0)
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])))


def test_mutual_information_matches_histogram2d():
    rng = np.random.default_rng(3)
    x = np.cumsum(rng.standard_normal(3000))
    got = auto_mutual_information(x, 12, bins=10)
    expected = [_reference_mutual_information(x, lag, 10) for lag in range(13)]
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    # I(0) is the entropy of the binned series
    counts = np.histogram(x, np.linspace(x.min(), x.max(), 11))[0]
    p = counts[counts > 0] / x.size
    assert got[0] == pytest.approx(-np.sum(p * np.log(p)))


def test_autocorrelation_matches_plain_sum():
    rng = np.random.default_rng(4)
    x = rng.standard_normal(500).cumsum()
    d = x - x.mean()
    expected = [np.sum(d[: d.size - k] * d[k:]) / np.sum(d * d) for k in range(30)]
    np.testing.assert_allclose(autocorrelation(x, 29), expected, atol=1e-12)


def test_auto_lag_rules(lorenz_x):
    # maps and noise are decorrelated after one sample: lag 1
    assert auto_lag(logistic()) == 1
    assert auto_lag(henon()) == 1
    assert auto_lag(np.random.default_rng(0).standard_normal(5000), "acf") == 1
    # acf: the first lag where the reference autocorrelation reaches zero
    x = np.sin(2 * np.pi * np.arange(5000) / 80.0) + 0.05 * np.sin(np.arange(5000) * 0.37)
    d = x - x.mean()
    ref = np.array([np.sum(d[: d.size - k] * d[k:]) for k in range(100)])
    assert auto_lag(x, "acf") == int(np.flatnonzero(ref <= 0)[0])
    # mi: the first local minimum of the reference mutual information (about 0.17 time units for Lorenz x)
    ami = [_reference_mutual_information(lorenz_x, k, 16) for k in range(60)]
    first_min = next(k for k in range(1, 59) if ami[k] < ami[k - 1] and ami[k] <= ami[k + 1])
    assert auto_lag(lorenz_x, "mi") == first_min
    assert 12 <= first_min <= 22


def _brute_fnn(x, lag, max_dim, rtol=10.0, atol=2.0):
    out = []
    sigma = x.std()
    for d in range(1, max_dim + 1):
        m = x.size - d * lag
        y = np.array([[x[i + j * lag] for j in range(d)] for i in range(m)])
        false = 0
        for i in range(m):
            dist = np.sqrt(((y - y[i]) ** 2).sum(axis=1))
            dist[i] = np.inf
            j = int(np.argmin(dist))
            extra = abs(x[i + d * lag] - x[j + d * lag])
            if extra > rtol * dist[j] or math.hypot(dist[j], extra) > atol * sigma:
                false += 1
        out.append(false / m)
    return np.array(out)


def test_false_nearest_neighbours_match_brute_force():
    x = henon(400)
    np.testing.assert_allclose(false_nearest_neighbors(x, 1, 4), _brute_fnn(x, 1, 4))
    fnn = false_nearest_neighbors(henon(5000), 1, 3)
    assert fnn[0] > 0.3 and fnn[1] < 0.01  # Henon needs two coordinates


def test_mean_period_and_theiler_window():
    assert mean_period(np.sin(2 * np.pi * np.arange(20_000) / 50)) == pytest.approx(50.0, rel=1e-3)
    assert tscomplex.embedding.auto_theiler(np.sin(2 * np.pi * np.arange(20_000) / 50)) == 50


def test_auto_theiler_is_a_whole_number_of_samples():
    assert tscomplex.embedding.auto_theiler(np.sin(2 * np.pi * np.arange(10_000) / 100)) == 100


def test_embedding_docstring_examples_run():
    failures = tried = 0
    for name in ("delay", "lag", "dimension", "theiler"):
        result = doctest.testmod(getattr(tscomplex.embedding, name), optionflags=doctest.ELLIPSIS)
        failures, tried = failures + result.failed, tried + result.attempted
    assert tried > 8 and failures == 0


def test_embedding_choice_messages_name_the_parameters():
    x = np.sin(0.3 * np.arange(2000)) + 0.1 * np.cos(1.7 * np.arange(2000))
    with pytest.raises(ValueError, match="lag_method"):
        auto_lag(x, method="fft")
    with pytest.raises(ValueError, match="dim_method"):
        tscomplex.embedding.auto_dim(x, 1, method="pca")
    with pytest.raises(ValueError, match="constant"):
        auto_lag(np.ones(100))
