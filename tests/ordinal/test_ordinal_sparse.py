"""Sparse counts and measures equal the dense d! path (ties, weights, delays, d = 3..10)."""

import math

import numpy as np
import pytest

from tscomplex import information as info
from tscomplex import measures
from tscomplex.ordinal import ordinal_counts
from tscomplex.ordinal.sparse import sparse_ordinal_counts, use_sparse


def plain_numpy_counts(x, dim, tau, weighted=False):
    """Independent reference: stable argsort of each window, numbered by its lexicographic rank."""
    x = np.asarray(x, dtype=np.float64)
    nw = x.size - (dim - 1) * tau
    windows = np.stack([x[i * tau:i * tau + nw] for i in range(dim)], axis=1)
    perms = np.argsort(windows, axis=1, kind="stable")
    codes = np.zeros(nw, dtype=np.int64)
    for i in range(dim - 1):
        smaller_later = (perms[:, i + 1:] < perms[:, i:i + 1]).sum(axis=1)
        codes += smaller_later * math.factorial(dim - 1 - i)
    weights = windows.var(axis=1) if weighted else np.ones(nw)
    out = {}
    for code, w in zip(codes.tolist(), weights.tolist()):
        out[code] = out.get(code, 0.0) + w
    return out


def series(n, seed=0):
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=n), 1)  # many ties
    x[n // 3:n // 3 + 20] = 0.5  # a constant stretch: weighted windows of weight 0
    return x


@pytest.mark.parametrize("dim", range(3, 11))
@pytest.mark.parametrize("tau", [1, 3])
@pytest.mark.parametrize("weighted", [False, True])
def test_sparse_counts_equal_dense_and_plain_numpy(dim, tau, weighted):
    x = series(1500, seed=dim)
    idx, counts, n = sparse_ordinal_counts(x, dim, tau, weighted=weighted)
    assert n == math.factorial(dim)
    assert np.all(np.diff(idx) > 0)
    reference = plain_numpy_counts(x, dim, tau, weighted=weighted)
    assert sorted(reference) == idx.tolist()
    np.testing.assert_allclose(counts, [reference[i] for i in idx.tolist()], rtol=1e-12, atol=1e-15)
    dense = ordinal_counts(x, dim, tau, weighted=weighted)
    np.testing.assert_array_equal(dense[idx], counts)  # the same sums, added in the same order
    rest = np.ones(n, bool)
    rest[idx] = False
    assert not dense[rest].any()


def dense_measures(x, dim, tau, weighted, q):
    p = info.probabilities(ordinal_counts(x, dim, tau, weighted=weighted))
    h, c = info.complexity_entropy_from_probabilities(p)
    return {"h": h, "c": c, "f": info.fisher_information_from_probabilities(p),
            "m": info.missing_fraction(ordinal_counts(x, dim, tau)),
            "r": info.renyi_entropy(p, q), "t": info.tsallis_entropy(p, q)}


@pytest.mark.parametrize("dim,n", [(6, 100), (7, 300), (8, 2000), (9, 3000), (10, 5000)])
@pytest.mark.parametrize("weighted", [False, True])
def test_series_measures_take_the_sparse_path_and_equal_dense(dim, n, weighted):
    x = series(n, seed=dim + 10)
    tau = 2
    assert use_sparse(x.size, dim, tau)
    q = 2.0
    got = {"h": measures.permutation_entropy(x, dim, tau, weighted=weighted),
           "c": measures.complexity_entropy(x, dim, tau, weighted=weighted)[1],
           "f": measures.fisher_information(x, dim, tau, weighted=weighted),
           "m": measures.missing_patterns(x, dim, tau),
           "r": measures.renyi_permutation_entropy(x, dim, tau, q=q, weighted=weighted),
           "t": measures.tsallis_permutation_entropy(x, dim, tau, q=q, weighted=weighted)}
    want = dense_measures(x, dim, tau, weighted, q)
    for key in want:
        assert got[key] == pytest.approx(want[key], rel=1e-10, abs=1e-14), key
    assert measures.complexity_entropy(x, dim, tau, weighted=weighted)[0] == pytest.approx(want["h"], rel=1e-10)


def test_dense_path_is_kept_where_counts_fill_d_factorial():
    assert not use_sparse(10_000, 5, 1)
    assert use_sparse(10_000, 9, 1) and use_sparse(10_000, 10, 1)


@pytest.mark.parametrize("seed", range(30))
def test_sparse_information_measures_equal_dense_on_random_supports(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    p = np.zeros(n)
    m = int(rng.integers(1, n + 1))
    support = rng.choice(n, size=m, replace=False)
    if seed % 3 == 0:  # runs of neighbours and both ends
        support = np.unique(np.concatenate([support, [0, n - 1], np.arange(min(5, n))]))
    p[support] = rng.random(support.size) + 0.01
    p /= p.sum()
    idx = np.flatnonzero(p)
    nz = p[idx]
    h, c = info.complexity_entropy_from_probabilities(p)
    hs, cs = info.sparse_complexity_entropy(nz, n)
    assert hs == pytest.approx(h, rel=1e-12, abs=1e-15) and cs == pytest.approx(c, rel=1e-10, abs=1e-15)
    assert info.sparse_fisher_information(idx, nz, n) == pytest.approx(info.fisher_information_from_probabilities(p),
                                                                       rel=1e-12)
    for q in (0.5, 1, 2, math.inf):
        assert info.sparse_renyi_entropy(nz, n, q) == pytest.approx(info.renyi_entropy(p, q), rel=1e-12, abs=1e-15)
    for q in (0.5, 1, 3):
        assert info.sparse_tsallis_entropy(nz, n, q) == pytest.approx(info.tsallis_entropy(p, q), rel=1e-12, abs=1e-15)
    assert info.sparse_missing_fraction(nz, n) == info.missing_fraction(p)


def test_fisher_of_a_single_pattern_and_of_two_neighbours():
    assert info.sparse_fisher_information([3], [1.0], 24) == 1.0
    # p = (0, 1/2, 1/2, 0): F = 1/2 (1/2 + 0 + 1/2) = 1/2
    assert info.sparse_fisher_information([1, 2], [0.5, 0.5], 4) == pytest.approx(0.5)
    assert info.fisher_information_from_probabilities([0, 0.5, 0.5, 0]) == pytest.approx(0.5)


def test_sparse_path_refuses_bad_series_like_the_dense_one():
    x = series(200)
    x[7] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        measures.permutation_entropy(x, dim=10)
    with pytest.raises(ValueError, match="too short"):
        measures.permutation_entropy(np.arange(5.0), dim=10)
    with pytest.raises(ValueError, match="positive weight"):
        measures.permutation_entropy(np.ones(100), dim=9, weighted=True)


@pytest.mark.parametrize("dim", range(2, 8))
def test_code_translation_equals_the_pattern_table(dim):
    from tscomplex.ordinal import pattern_table
    from tscomplex.ordinal.sparse import _lex_of_rank_codes

    codes = np.arange(math.factorial(dim), dtype=np.int64)
    out = np.empty_like(codes)
    _lex_of_rank_codes(codes, dim, out)
    np.testing.assert_array_equal(out, pattern_table(dim))


def test_unordered_counts_are_the_same_patterns_in_rank_code_numbering():
    from tscomplex.ordinal import prepare_series
    from tscomplex.ordinal.sparse import sparse_counts_of_prepared

    x = prepare_series(series(4000), 9, 1)
    idx, counts, _ = sparse_counts_of_prepared(x, 9, 1, ordered=True)
    codes, raw, _ = sparse_counts_of_prepared(x, 9, 1, ordered=False)
    np.testing.assert_array_equal(np.sort(counts), np.sort(raw))
    assert codes.size == idx.size and np.all(np.diff(codes) > 0)


@pytest.mark.parametrize("dim,n", [(9, 100_000), (10, 1_000_000)])
def test_long_series_at_large_d_read_only_the_non_zero_counts_and_equal_dense(dim, n):
    x = series(n, seed=dim)
    assert not use_sparse(x.size, dim, 1)
    want = dense_measures(x, dim, 1, False, 2.0)
    assert measures.permutation_entropy(x, dim) == pytest.approx(want["h"], rel=1e-10)
    h, c = measures.complexity_entropy(x, dim)
    assert h == pytest.approx(want["h"], rel=1e-10) and c == pytest.approx(want["c"], rel=1e-10)
    assert measures.missing_patterns(x, dim) == want["m"]
    assert measures.renyi_permutation_entropy(x, dim, q=2.0) == pytest.approx(want["r"], rel=1e-10)
    assert measures.fisher_information(x, dim) == pytest.approx(want["f"], rel=1e-10)
