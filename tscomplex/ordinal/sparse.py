"""Sparse ordinal counts: only the patterns a series shows, for d! much larger than the number of windows.

At d = 10 there are 3,628,800 patterns; a series of 10^4 samples shows at most
10^4 of them. Allocating, permuting and walking the full d! vector then costs
far more than counting. Here each window's rank-vector code (see
:mod:`tscomplex.ordinal.codes`) is computed with the same shared comparisons as the
dense kernel, the codes are sorted, equal codes are merged, and only the seen
codes are translated to their lexicographic argsort rank (O(d^2) each, no
table of d! entries). The result is (indices, counts, n_outcomes): the
lexicographic indices of the seen patterns in increasing order, their counts
(or summed window variances when weighted), and d!.

Weighted sums are added in window order within each pattern (a stable sort),
so they are the very sums the dense kernel forms.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..options import DEFAULT_DIM, DEFAULT_TAU
from .codes import COUNT_BLOCK, _block_rank_codes, _weights
from .series import n_windows, prepare_series

#: Use sparse counts when the windows number at most d! / SPARSE_FACTOR.
SPARSE_FACTOR = 4


#: From this d on, a dense histogram is read back as its non-zero entries (no d!-long float passes).
LARGE_DIM = 9


def nonzero_counts_of_prepared(x: np.ndarray, dim: int, tau: int):
    """(rank codes, counts, n_outcomes) of the patterns seen, counted in a dense int64 histogram.

    For long series at large d: one histogram of d! entries is filled and
    read once for its non-zero entries; nothing else of length d! is built.
    Unweighted only; the numbering is the rank-vector code (``ordered=False``). A long series is split
    over threads as :func:`tscomplex.ordinal.counts.code_histogram` splits it (the same integer counts).
    """
    from .counts import code_histogram, count_parts

    n = math.factorial(dim)
    hist, _ = code_histogram(x, dim, tau, n, count_parts(n_windows(x.size, dim, tau)))
    codes = np.flatnonzero(hist)
    return codes, hist[codes].astype(np.float64), n


def use_sparse(n_samples: int, dim: int, tau: int) -> bool:
    """Whether sparse counting is cheaper than a dense d! histogram for this series length."""
    return n_windows(n_samples, dim, tau) * SPARSE_FACTOR <= math.factorial(dim)


@njit(cache=True, nogil=True)
def _lex_of_rank_codes(codes, dim, out):
    """Lexicographic argsort rank of each rank-vector Lehmer code (O(d^2) branch-free steps per code).

    The rank vector is decoded from the right (rank i is c_i, later ranks at or
    above it move up by one); the argsort permutation's Lehmer digit for rank
    r = ranks[b] is the number of earlier samples a < b with a higher rank.
    """
    fact = np.ones(dim, np.int64)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    ranks = np.empty(dim, np.int64)
    for n in range(codes.shape[0]):
        code = codes[n]
        for i in range(dim - 1, -1, -1):
            r = (code // fact[i]) % (dim - i)
            for j in range(i + 1, dim):
                ranks[j] += ranks[j] >= r
            ranks[i] = r
        lex = 0
        for b in range(1, dim):
            c = 0
            rb = ranks[b]
            for a in range(b):
                c += ranks[a] > rb
            lex += c * fact[rb]
        out[n] = lex


def sparse_counts_of_prepared(x: np.ndarray, dim: int, tau: int, weighted: bool = False, ordered: bool = True):
    """(indices, counts, n_outcomes) of a series already checked by :func:`tscomplex.ordinal.series.prepare_series`.

    With ``ordered=False`` the indices are rank-vector codes instead of
    lexicographic ranks (the same patterns in another numbering): enough for
    every measure that does not depend on the order of the outcomes (all but
    Fisher information), and it skips translating the codes.
    """
    nw = n_windows(x.size, dim, tau)
    codes = np.empty(nw, np.int32 if dim <= 12 else np.int64)  # 12! < 2**31; int32 sorts twice as fast
    _block_rank_codes(x, dim, tau, codes, min(COUNT_BLOCK, max(nw, 1)))
    if weighted:
        order = np.argsort(codes, kind="stable")
        codes = codes[order]
        w = np.empty(nw, np.float64)
        _weights(x, dim, tau, w)
        w = w[order]
    else:
        codes.sort()
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    seen = codes[starts].astype(np.int64)
    if weighted:
        counts = _group_sums(w, starts)  # left to right in window order, as the dense kernel adds
        if not np.all(np.isfinite(counts)):
            raise ValueError("weighted counts overflow: window variances of values this large (beyond about "
                             "1e154) exceed the largest double; rescale the series")
    else:
        counts = np.diff(np.append(starts, nw)).astype(np.float64)
    if not ordered:
        return seen, counts, math.factorial(dim)
    lex = np.empty(seen.size, np.int64)
    _lex_of_rank_codes(seen, dim, lex)
    order = np.argsort(lex)
    return lex[order], counts[order], math.factorial(dim)


@njit(cache=True, nogil=True)
def _group_sums(w, starts):
    """Sums of w over [starts[g], starts[g+1]), added left to right as the dense kernel adds them."""
    out = np.zeros(starts.shape[0])
    for g in range(starts.shape[0]):
        stop = starts[g + 1] if g + 1 < starts.shape[0] else w.shape[0]
        s = 0.0
        for t in range(starts[g], stop):
            s += w[t]
        out[g] = s
    return out


def sparse_ordinal_counts(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, weighted: bool = False,
                          tie_precision: int | None = None):
    """The ordinal patterns a series shows and their counts, without a vector of all d! patterns.

    Returns
    -------
    indices : ndarray of int64
        Lexicographic argsort ranks (as in :func:`tscomplex.ordinal.ordinal_counts`) of
        the patterns seen, increasing.
    counts : ndarray of float64
        Their counts (window variances summed when ``weighted``); the
        ``counts`` of :func:`~tscomplex.ordinal.ordinal_counts` at ``indices``.
    n_outcomes : int
        d!, the number of possible patterns; the others have count 0.

    Examples
    --------
    >>> idx, counts, n = sparse_ordinal_counts([4, 7, 9, 10, 6, 11, 3], dim=3)
    >>> idx.tolist(), counts.tolist(), n
    ([0, 2, 4], [2.0, 1.0, 2.0], 6)
    """
    x = prepare_series(x, dim, tau, tie_precision)
    return sparse_counts_of_prepared(x, dim, tau, weighted)
