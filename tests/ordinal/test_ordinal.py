"""Ordinal patterns: codes and counts against a plain-numpy reference and analytic cases."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tscomplex.ordinal import (
    accumulate_raw_counts,
    ordinal_codes,
    ordinal_counts,
    pattern_of_code,
    pattern_table,
    prepare_series,
    raw_to_pattern_counts,
)


def reference_codes(x, dim, tau):
    """Stable argsort of each window, numbered by its position in itertools.permutations order."""
    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    n = len(x) - (dim - 1) * tau
    return np.array([index[tuple(np.argsort(x[t:t + (dim - 1) * tau + 1:tau], kind="stable"))] for t in range(n)])


def reference_counts(x, dim, tau, weighted=False):
    counts = np.zeros(math.factorial(dim))
    codes = reference_codes(x, dim, tau)
    for t, code in enumerate(codes):
        window = np.asarray(x[t:t + (dim - 1) * tau + 1:tau], dtype=float)
        counts[code] += window.var() if weighted else 1.0
    return counts


@pytest.mark.parametrize("dim", [2, 3, 4, 5, 6, 7])
@pytest.mark.parametrize("tau", [1, 3])
def test_codes_match_reference_on_noise(dim, tau):
    x = np.random.default_rng(dim * 10 + tau).normal(size=800)
    np.testing.assert_array_equal(ordinal_codes(x, dim, tau), reference_codes(x, dim, tau))


@pytest.mark.parametrize("dim", [2, 4, 5, 8])
@pytest.mark.parametrize("tau", [1, 3])
def test_kernel_codes_match_reference(dim, tau, monkeypatch):
    """Short series are coded with numpy, long ones by the kernel: with the switch at 0 windows the kernel
    codes these, and both must agree with the reference (ties and NaN included)."""
    from tscomplex.ordinal import counts

    x = np.random.default_rng(dim + 7 * tau).normal(size=700)
    x[::9] = x[1::9]  # ties
    monkeypatch.setattr(counts, "NUMPY_CODES_MAX_WINDOWS", 0)
    kernel = ordinal_codes(x, dim, tau)
    np.testing.assert_array_equal(kernel, reference_codes(x, dim, tau))
    monkeypatch.undo()
    np.testing.assert_array_equal(ordinal_codes(x, dim, tau), kernel)


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_codes_match_reference_with_ties(dim):
    x = np.random.default_rng(1).integers(0, 3, size=600).astype(float)  # many ties
    np.testing.assert_array_equal(ordinal_codes(x, dim, 2), reference_codes(x, dim, 2))


@pytest.mark.parametrize("dim", [2, 3, 4, 5, 6, 7, 8])
def test_table_is_a_permutation(dim):
    table = pattern_table(dim)
    assert sorted(table.tolist()) == list(range(math.factorial(dim)))


@pytest.mark.parametrize("dim", [2, 3, 4, 5, 6, 7, 8])
def test_numpy_table_equals_the_kernel_table(dim):
    """Up to d = 8 the table is built with numpy (no compile on a first run); the numba kernel builds it above.
    Both must number the patterns the same way."""
    from tscomplex.ordinal.codes import _rank_code_table, _rank_code_table_numpy

    np.testing.assert_array_equal(_rank_code_table_numpy(dim), _rank_code_table(dim))


def test_table_from_a_plain_loop():
    """table[L] = lexicographic rank of the argsort permutation whose rank vector has Lehmer code L,
    written out with itertools for d = 6."""
    dim = 6
    expected = np.empty(math.factorial(dim), dtype=np.int64)
    for index, perm in enumerate(itertools.permutations(range(dim))):
        ranks = [0] * dim
        for i, p in enumerate(perm):
            ranks[p] = i
        code = sum(sum(ranks[j] < ranks[i] for j in range(i + 1, dim)) * math.factorial(dim - 1 - i)
                   for i in range(dim))
        expected[code] = index
    np.testing.assert_array_equal(pattern_table(dim), expected)


def test_table_dim_10_is_a_permutation():
    table = pattern_table(10)
    assert table.size == 3628800
    assert np.array_equal(np.sort(table), np.arange(3628800))


def test_dim_10_codes_match_reference():
    x = np.random.default_rng(5).normal(size=300)
    np.testing.assert_array_equal(ordinal_codes(x, 10, 1), reference_codes(x, 10, 1))


@pytest.mark.parametrize("dim", [3, 4, 6])
def test_pattern_of_code_inverts_numbering(dim):
    perms = list(itertools.permutations(range(dim)))
    for code in range(0, len(perms), max(1, len(perms) // 50)):
        assert tuple(pattern_of_code(code, dim)) == perms[code]


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 2), (5, 1), (6, 4)])
def test_counts_match_reference(dim, tau, weighted):
    x = np.random.default_rng(dim + tau).normal(size=700)
    np.testing.assert_allclose(ordinal_counts(x, dim, tau, weighted), reference_counts(x, dim, tau, weighted),
                               rtol=1e-12, atol=1e-12)


def test_docstring_example_and_ordpy_convention():
    assert ordinal_counts([4, 7, 9, 10, 6, 11, 3], dim=2).tolist() == [4.0, 2.0]
    # increasing window -> pattern 0; decreasing -> last pattern
    assert ordinal_codes(np.arange(10.0), dim=4).tolist() == [0] * 7
    assert ordinal_codes(-np.arange(10.0), dim=4).tolist() == [23] * 7


def test_constant_series_is_pattern_zero():
    # stable argsort of a constant window is the identity: every window is pattern 0
    counts = ordinal_counts(np.full(100, 3.0), dim=5)
    assert counts[0] == 96 and counts.sum() == 96


def test_period_two_uses_two_patterns():
    x = np.tile([0.0, 1.0], 50)
    counts = ordinal_counts(x, dim=3)
    assert np.count_nonzero(counts) == 2
    assert counts.sum() == 98


def test_tie_precision_rounds_first():
    x = np.array([1.0, 1.0001, 0.9999, 1.00002, 1.0, 0.99998])
    np.testing.assert_array_equal(ordinal_counts(x, 3, tie_precision=2), ordinal_counts(np.round(x, 2), 3))
    assert ordinal_counts(x, 3, tie_precision=2)[0] == 4  # all windows tie -> identity pattern


def test_chunked_counts_are_additive():
    x = np.random.default_rng(3).normal(size=5000)
    dim, tau = 5, 3
    raw = np.zeros(math.factorial(dim))
    overlap = (dim - 1) * tau
    for start in range(0, x.size, 1000):
        chunk = x[start:start + 1000 + overlap]
        if chunk.size > overlap:
            accumulate_raw_counts(prepare_series(chunk, dim, tau), dim, tau, False, raw)
    np.testing.assert_array_equal(raw_to_pattern_counts(raw, dim), ordinal_counts(x, dim, tau))


@pytest.mark.parametrize("bad,match", [
    (dict(dim=1), "dim must be between"),
    (dict(dim=11), "dim must be between"),
    (dict(tau=0), "tau must be >= 1"),
    (dict(tau=-2), "tau must be >= 1"),
    (dict(dim=2.5), "dim must be an integer"),
])
def test_bad_parameters(bad, match):
    with pytest.raises(ValueError, match=match):
        ordinal_counts(np.arange(100.0), **bad)


def test_too_short_and_nonfinite_are_refused():
    with pytest.raises(ValueError, match=r"too short .* needs at least \(dim-1\)\*tau\+1 = 9"):
        ordinal_counts(np.arange(8.0), dim=5, tau=2)
    x = np.arange(20.0)
    x[[4, 9]] = [np.nan, np.inf]
    with pytest.raises(ValueError, match="2 NaN or infinite values .first at index 4"):
        ordinal_counts(x, dim=3)
    with pytest.raises(ValueError, match="one-dimensional"):
        ordinal_counts(np.zeros((10, 2)), dim=3)


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(12, 200), elements=finite), st.integers(2, 6), st.integers(1, 3))
def test_counts_sum_to_number_of_windows(x, dim, tau):
    if x.size < (dim - 1) * tau + 1:
        return
    counts = ordinal_counts(x, dim, tau)
    assert counts.sum() == x.size - (dim - 1) * tau
    assert counts.shape == (math.factorial(dim),)
    np.testing.assert_array_equal(ordinal_codes(x, dim, tau), reference_codes(x, dim, tau))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(10, 120), elements=st.integers(-1000, 1000).map(float)),
       st.integers(2, 5), st.integers(1, 1000), st.integers(-1000, 1000))
def test_codes_invariant_under_positive_affine_maps(x, dim, a, b):
    # integer data and integer a, b keep the arithmetic exact, so ties stay ties
    np.testing.assert_array_equal(ordinal_codes(x, dim), ordinal_codes(a * x + b, dim))


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.integers(10, 120), elements=finite, unique=True), st.integers(2, 5))
def test_time_reversal_reverses_patterns(x, dim):
    """Without ties, the window read backwards has the reversed argsort ... of the reversed ranks."""
    codes = ordinal_codes(x, dim)
    codes_rev = ordinal_codes(x[::-1], dim)[::-1]
    for c, cr in zip(codes, codes_rev):
        perm = pattern_of_code(int(c), dim)
        # reversing the window maps sample i to d-1-i: argsort becomes d-1-perm
        assert tuple(pattern_of_code(int(cr), dim)) == tuple(dim - 1 - perm)


@pytest.mark.parametrize("dim", [2, 3, 4, 5, 6, 7, 8, 9])
@pytest.mark.parametrize("tau", [1, 2, 7])
def test_counting_kernel_equals_per_window_codes_with_ties(dim, tau):
    """Counts share comparisons between windows in blocks; the per-window coder is the check.

    Long enough to cross several blocks of the counting kernel.
    """
    from tscomplex.ordinal import COUNT_BLOCK

    x = np.random.default_rng(dim * tau).integers(0, 4, size=2 * COUNT_BLOCK + 777).astype(float)
    np.testing.assert_array_equal(np.bincount(ordinal_codes(x, dim, tau), minlength=math.factorial(dim)),
                                  ordinal_counts(x, dim, tau))


def test_dim_9_counts_match_reference():
    x = np.random.default_rng(8).normal(size=400)
    np.testing.assert_array_equal(ordinal_counts(x, 9, 2), reference_counts(x, 9, 2))
