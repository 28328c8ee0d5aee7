"""Property tests: the fast pair counts equal brute force on any small series; invariances of the measures."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.entropy._counting import pairs_within
from tscomplex.entropy.sample import sample_entropy_result
from tscomplex.fractal.dfa import dfa

series = st.lists(st.integers(-4, 4), min_size=8, max_size=60).map(lambda v: np.array(v, dtype=float))
real_series = st.lists(st.floats(-100, 100, allow_nan=False), min_size=8, max_size=60).map(np.array)


def brute(x, n, d, r):
    t = np.array([x[i:i + d] for i in range(n)])
    dist = np.max(np.abs(t[:, None, :] - t[None, :, :]), axis=2)
    within = dist <= r
    return int(np.triu(within, k=1).sum()), within.sum(axis=1)


@settings(max_examples=150)
@given(series, st.integers(1, 4), st.sampled_from([0.5, 1.0, 2.0, 3.0]))
def test_pair_counts_equal_brute_force_with_ties(x, d, r):
    n = x.size - d + 1
    total, counts = pairs_within(x, n, d, r, per_point=True)
    expected_total, expected_counts = brute(x, n, d, r)
    assert total == expected_total
    assert counts.tolist() == expected_counts.tolist()


@settings(max_examples=100)
@given(real_series, st.integers(1, 4), st.floats(0.1, 80))
def test_pair_counts_equal_brute_force_on_reals(x, d, r):
    n = x.size - d
    assert pairs_within(x, n, d, r)[0] == brute(x, n, d, r)[0]


@settings(max_examples=60)
@given(real_series.filter(lambda v: np.ptp(v) > 1e-3), st.floats(-50, 50), st.sampled_from([0.5, 2.0, 8.0]))
def test_sample_entropy_invariant_to_shift_and_scale(x, shift, scale):
    a = sample_entropy_result(x, 2, 0.3)
    b = sample_entropy_result(x * scale + shift, 2, 0.3)
    # the same pairs match unless a distance sits within rounding of r
    if (a.matches_m, a.matches_m1) == (b.matches_m, b.matches_m1):
        assert (math.isnan(a.value) and math.isnan(b.value)) or abs(a.value - b.value) < 1e-12


@settings(max_examples=30)
@given(st.integers(0, 10_000), st.floats(-1e3, 1e3), st.floats(0.01, 100))
def test_dfa_invariant_to_shift_and_scale(seed, shift, scale):
    x = np.random.default_rng(seed).standard_normal(600)
    assert abs(dfa(x * scale + shift).alpha - dfa(x).alpha) < 1e-9
