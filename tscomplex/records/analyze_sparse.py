"""The measures of an ``analyze`` record from the patterns seen only, where d! dwarfs the windows.

At d = 10 there are 3,628,800 patterns and a series of 10^4 samples shows at
most 10^4 of them; building, normalising and walking a vector of all d!
counts then costs more than counting (issue 14). The same measures, and the
multi-turn fraction of the regime, follow from the non-zero counts and d!
(:mod:`tscomplex.information`'s sparse functions); they equal the dense ones
to rounding.
"""

from __future__ import annotations

import numpy as np


def sparse_measures(x, dim: int, tau: int, weighted: bool, tie_precision, q):
    """(measures dict keyed as in the record, multi-turn fraction), or None where the dense path is as cheap.

    From d = 9 on (below it a vector of d! counts costs less than decoding
    the patterns seen: at d = 8 and N = 10^4 the dense record takes 0.8 ms and
    this one 5 ms), sparse counts are used when 4 windows or fewer fall on each
    of the d! patterns, and a longer unweighted series is counted in the dense
    histogram and read back as its non-zero entries.
    """
    from ..ordinal import check_dim, check_tau, prepare_series
    from ..ordinal.sparse import LARGE_DIM, nonzero_counts_of_prepared, sparse_counts_of_prepared, use_sparse

    shape = np.shape(x)
    if len(shape) != 1:
        return None  # the dense path checks the series and says what is wrong
    dim, tau = check_dim(dim), check_tau(tau)
    if dim < LARGE_DIM:
        return None
    if use_sparse(shape[0], dim, tau):
        x = prepare_series(x, dim, tau, tie_precision)
        codes, counts, n_outcomes = sparse_counts_of_prepared(x, dim, tau, weighted, ordered=False)
        plain = sparse_counts_of_prepared(x, dim, tau, False, ordered=False)[1] if weighted else counts
    elif dim >= LARGE_DIM and not weighted:
        x = prepare_series(x, dim, tau, tie_precision)
        codes, counts, n_outcomes = nonzero_counts_of_prepared(x, dim, tau)
        plain = counts
    else:
        return None
    return measures_of_codes(codes, counts, plain, n_outcomes, dim, q)


def measures_of_raw(raw, plain_raw, dim: int, q):
    """(measures, multi-turn fraction) from counts over all d! rank-vector codes (the chunked path's
    accumulators), reading only the patterns seen; ``plain_raw`` are the plain counts of weighted ``raw``."""
    import math

    if not np.all(np.isfinite(raw)):
        raise ValueError("weighted counts overflow: window variances of values this large (beyond about 1e154) "
                         "exceed the largest double; rescale the series")
    codes = np.flatnonzero(raw if plain_raw is None else plain_raw)
    counts = raw[codes]
    plain = counts if plain_raw is None else plain_raw[codes]
    return measures_of_codes(codes, counts, plain, math.factorial(dim), dim, q)


def measures_of_codes(codes, counts, plain, n_outcomes: int, dim: int, q):
    """(measures keyed as in the record, multi-turn fraction) of the patterns seen, given by rank-vector code,
    with their (possibly weighted) ``counts`` and ``plain`` counts, out of ``n_outcomes`` = d!."""
    from .. import information as info
    from ..ordinal.sparse import _lex_of_rank_codes

    p = info.probabilities(counts)  # the dense path's error when no pattern has weight
    lex = np.empty(codes.size, np.int64)
    _lex_of_rank_codes(codes, dim, lex)
    order = np.argsort(lex)
    h, c = info.sparse_complexity_entropy(p, n_outcomes)
    measures = {"permutation_entropy": h, "statistical_complexity": c,
                "fisher_information": info.sparse_fisher_information(lex[order], p[order], n_outcomes),
                "missing_patterns": info.sparse_missing_fraction(plain, n_outcomes)}
    if q is not None:
        measures["q"] = q
        measures["renyi_entropy"] = info.sparse_renyi_entropy(p, n_outcomes, q)
        measures["tsallis_entropy"] = info.sparse_tsallis_entropy(p, n_outcomes, q)
    multi = multi_turn_of_rank_codes(codes, dim)
    return measures, float(counts[multi].sum() / counts.sum())


def rank_vectors(codes, dim: int) -> np.ndarray:
    """The rank vector (rank of each sample in its window) of each rank-vector Lehmer code, one row each.

    The inverse of the codes :mod:`tscomplex.ordinal` counts: decoded from the
    right, rank i is its digit c_i and later ranks at or above it move up by one.
    """
    codes = np.asarray(codes, dtype=np.int64)
    fact = np.ones(dim, np.int64)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    ranks = np.zeros((codes.size, dim), np.int64)
    for i in range(dim - 1, -1, -1):
        r = (codes // fact[i]) % (dim - i)
        later = ranks[:, i + 1:]
        later += later >= r[:, None]
        ranks[:, i] = r
    return ranks


def multi_turn_of_rank_codes(codes, dim: int) -> np.ndarray:
    """True for each pattern (given by its rank-vector code) whose up/down sequence turns twice or more."""
    ranks = rank_vectors(codes, dim)
    up = ranks[:, 1:] > ranks[:, :-1]
    return np.count_nonzero(up[:, 1:] != up[:, :-1], axis=1) >= 2

