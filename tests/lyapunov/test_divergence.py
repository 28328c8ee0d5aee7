"""Tests of the divergence curves (tscomplex.lyapunov.divergence) against a brute-force reference written here."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lyapunov_series import logistic  # tests/lyapunov_series.py

from tscomplex.embedding import delay_embedding
from tscomplex.lyapunov.divergence import divergence_curve

@settings(max_examples=8, deadline=None)
@given(scale=st.floats(0.01, 100.0), offset=st.floats(-100.0, 100.0))
def test_divergence_curve_shifts_by_ln_scale(scale, offset):
    x = logistic(600, x0=0.3)
    y = delay_embedding(x, 2, 1)
    base = divergence_curve(y, 6, theiler=2)
    moved = divergence_curve(delay_embedding(scale * x + offset, 2, 1), 6, theiler=2)
    np.testing.assert_allclose(moved, base + math.log(scale), atol=1e-6)


def _brute_divergence(y, n_steps, theiler, radius=None, n_neighbors=1):
    m = y.shape[0]
    sums = np.zeros(n_steps + 1)
    counts = np.zeros(n_steps + 1)
    for i in range(m):
        dist = np.sqrt(((y - y[i]) ** 2).sum(axis=1))
        dist[np.abs(np.arange(m) - i) <= theiler] = np.inf
        order = np.argsort(dist, kind="stable")
        if radius is None:
            nbrs = order[:1]
        else:
            nbrs = [j for j in order[:n_neighbors] if dist[j] <= radius]
        for k in range(n_steps + 1):
            ds = [np.linalg.norm(y[i + k] - y[j + k]) for j in nbrs if i + k < m and j + k < m]
            if ds and np.mean(ds) > 0:
                sums[k] += np.log(np.mean(ds))
                counts[k] += 1
    return sums / counts


def test_rosenstein_divergence_matches_brute_force():
    x = np.random.default_rng(11).standard_normal(80).cumsum()
    y = delay_embedding(x, 2, 2)
    np.testing.assert_allclose(divergence_curve(y, 6, theiler=3), _brute_divergence(y, 6, 3), rtol=1e-12)


def test_kantz_divergence_matches_brute_force():
    x = np.random.default_rng(12).standard_normal(90).cumsum()
    y = delay_embedding(x, 3, 1)
    got = divergence_curve(y, 5, theiler=2, method="kantz", radius=1.5, n_neighbors=4)
    np.testing.assert_allclose(got, _brute_divergence(y, 5, 2, radius=1.5, n_neighbors=4), rtol=1e-12)


def test_divergence_needs_pairs_outside_the_theiler_window():
    with pytest.raises(ValueError, match="Theiler"):
        divergence_curve(np.arange(10.0)[:, None], 2, theiler=5)
