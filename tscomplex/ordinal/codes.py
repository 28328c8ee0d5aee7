"""Ordinal pattern codes: the numba kernels that code and count windows, and the pattern numbering.

Conventions (Bandt & Pompe, PRL 88, 174102, 2002; ordpy >= 1.2.3; peccary):

* the window at t is (x_t, x_{t+tau}, ..., x_{t+(d-1)tau}); there are
  N - (d-1)tau overlapping windows;
* its pattern is the stable argsort of the window (on ties the earlier sample
  counts as smaller), numbered 0 .. d!-1 by the lexicographic rank of that
  argsort permutation.

How the kernel avoids sorting: for window t let c_i be the number of later
samples in the window that are strictly smaller than sample i.  Then
L = sum_i c_i (d-1-i)! is the Lehmer code of the *rank* vector of the window,
another bijection onto 0 .. d!-1, found with comparisons alone.  The counting
kernel shares those comparisons between overlapping windows (d-1 per sample,
in blocks of windows so that the loops vectorize; see ``_count_codes``).  A
table of d! entries maps L to the lexicographic rank of the argsort
permutation (the inverse of the rank vector).  Counting is done in L-space and
permuted once at the end.  No N x d array is ever built: memory is O(d! + block)
beyond the input.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_int
from .series import check_dim

# --------------------------------------------------------------------------- kernels


@njit(cache=True, nogil=True)
def _factorials(dim):
    f = np.ones(dim, dtype=np.int64)
    for i in range(dim - 2, -1, -1):
        f[i] = f[i + 1] * (dim - 1 - i)
    return f  # f[i] = (dim-1-i)!


@njit(cache=True, nogil=True)
def _rank_code_table(dim):
    """table[L] = lexicographic rank of the argsort permutation whose rank vector has Lehmer code L."""
    n = 1
    for k in range(2, dim + 1):
        n *= k
    fact = _factorials(dim)
    table = np.empty(n, dtype=np.int64)
    perm = np.arange(dim)  # argsort permutations in lexicographic order
    ranks = np.empty(dim, dtype=np.int64)
    for index in range(n):
        for i in range(dim):
            ranks[perm[i]] = i
        code = 0
        for i in range(dim - 1):
            c = 0
            for j in range(i + 1, dim):
                if ranks[j] < ranks[i]:
                    c += 1
            code += c * fact[i]
        table[code] = index
        # next permutation in lexicographic order
        i = dim - 2
        while i >= 0 and perm[i] >= perm[i + 1]:
            i -= 1
        if i < 0:
            break
        j = dim - 1
        while perm[j] <= perm[i]:
            j -= 1
        perm[i], perm[j] = perm[j], perm[i]
        lo = i + 1
        hi = dim - 1
        while lo < hi:
            perm[lo], perm[hi] = perm[hi], perm[lo]
            lo += 1
            hi -= 1
    return table


@njit(cache=True, nogil=True)
def _window_rank_code(x, t, dim, tau, fact):
    code = 0
    for i in range(dim - 1):
        xi = x[t + i * tau]
        c = 0
        for j in range(i + 1, dim):
            c += x[t + j * tau] < xi  # branch-free: random data would mispredict half the time
        code += c * fact[i]
    return code


# --------------------------------------------------------------------------- the counting kernel
#
# For one delay tau the comparison of window samples i < j depends only on the
# start s = t + i*tau and the lag l = j - i: B_l[s] = [x[s + l*tau] < x[s]].
# With P_k[s] = B_1[s] + ... + B_k[s], the count of later, smaller samples of
# window sample i is c_i = P_{d-1-i}[t + i*tau], and the rank-vector Lehmer
# code of :mod:`tscomplex.ordinal` is L = sum_i c_i (d-1-i)!. So each sample
# costs d-1 comparisons (not d(d-1)/2 per window), all in flat loops over
# contiguous slices that LLVM vectorizes; counts go to four interleaved
# histograms so that runs of one pattern do not stall on a single counter.
# The tau sweep of :mod:`tscomplex.plane` uses it directly: H and C are
# symmetric in the outcomes, so there the L order is never permuted.


@njit(cache=True, nogil=True)
def _lag_step(xa, xb, prev, cur, length):
    for s in range(length):
        cur[s] = prev[s] + (xb[s] < xa[s])


@njit(cache=True, nogil=True)
def _code_add(p, codes, weight, length):
    for t in range(length):
        codes[t] += weight * p[t]


@njit(cache=True, nogil=True)
def _lag_prefixes(x, dim, tau, start, m, prefix):
    """prefix[k][s] = P_k[start + s] for k = 1 .. d-1 and the m windows from ``start`` (one call per block)."""
    for k in range(1, dim):
        length = m + (dim - 1 - k) * tau
        _lag_step(x[start:start + length], x[start + k * tau:start + k * tau + length],
                  prefix[k - 1], prefix[k], length)


@njit(cache=True, nogil=True)
def _first_nonfinite(x, lo, hi):
    """Index of the first NaN or infinite value of x[lo:hi], or -1 (one vectorized pass while x is in cache)."""
    ok = True
    for i in range(lo, hi):
        ok &= (x[i] - x[i]) == 0.0  # 0 for a finite value, NaN (never equal) for NaN and inf
    if ok:
        return -1
    for i in range(lo, hi):
        if not (x[i] - x[i]) == 0.0:
            return i
    return -1


@njit(cache=True, nogil=True)
def _count_codes(x, dim, tau, hist, block):
    """Add one count per window of delay tau to hist (1 or 4 interleaved rows, rank-code order).

    Returns the index of the first NaN or infinite sample, or -1: each block
    of samples is checked while it is in cache, so finiteness costs no extra
    pass over memory (a NaN compares false, so its windows still get a code in
    0 .. d!-1 and nothing is written out of bounds; the caller refuses them).
    float32 and float64 series are both taken as they are: comparisons of
    float32 values give the same answers after widening, so the counts agree.
    """
    fact = np.ones(dim, np.int32)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    nw = x.shape[0] - (dim - 1) * tau
    prefix = np.zeros((dim, block + (dim - 2) * tau), np.int8)  # prefix[0] stays zero
    codes = np.empty(block, np.int32)
    bad = -1
    for start in range(0, nw, block):
        m = min(block, nw - start)
        if bad < 0:
            bad = _first_nonfinite(x, start, start + m)
        _lag_prefixes(x, dim, tau, start, m, prefix)
        codes[:m] = 0
        for i in range(dim - 1):
            _code_add(prefix[dim - 1 - i, i * tau:i * tau + m], codes, fact[i], m)
        t = 0
        if hist.shape[0] == 4:
            while t + 4 <= m:
                hist[0, codes[t]] += 1
                hist[1, codes[t + 1]] += 1
                hist[2, codes[t + 2]] += 1
                hist[3, codes[t + 3]] += 1
                t += 4
        while t < m:
            hist[0, codes[t]] += 1
            t += 1
    if bad < 0:
        bad = _first_nonfinite(x, max(nw, 0), x.shape[0])
    return bad


@njit(cache=True, nogil=True)
def _window_variance(x, t, dim, tau):
    """Population variance of window t: the weight of weighted permutation entropy (Fadlallah et al. 2013)."""
    mean = 0.0
    for i in range(dim):
        mean += x[t + i * tau]
    mean /= dim
    var = 0.0
    for i in range(dim):
        dev = x[t + i * tau] - mean
        var += dev * dev
    return var / dim


@njit(cache=True, nogil=True)
def _accumulate_weighted(x, dim, tau, counts):
    """Add each window's population variance to counts[L] (Fadlallah et al. 2013)."""
    fact = _factorials(dim)
    n_windows = x.shape[0] - (dim - 1) * tau
    for t in range(n_windows):
        counts[_window_rank_code(x, t, dim, tau, fact)] += _window_variance(x, t, dim, tau)


@njit(cache=True, nogil=True)
def _rank_codes(x, dim, tau, out):
    fact = _factorials(dim)
    for t in range(out.shape[0]):
        out[t] = _window_rank_code(x, t, dim, tau, fact)


_TABLES: dict[int, np.ndarray] = {}
COUNT_BLOCK = 4096  # windows coded per pass of the counting kernel: its buffers stay in L1/L2


@njit(cache=True, nogil=True)
def _block_rank_codes(x, dim, tau, out, block):
    """out[t] = rank-vector Lehmer code of window t (the codes ``_count_codes`` histograms)."""
    fact = np.ones(dim, np.int64)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    nw = out.shape[0]
    prefix = np.zeros((dim, block + (dim - 2) * tau), np.int8)
    for start in range(0, nw, block):
        m = min(block, nw - start)
        _lag_prefixes(x, dim, tau, start, m, prefix)
        for t in range(m):
            out[start + t] = 0
        for i in range(dim - 1):
            f = fact[i]
            p = prefix[dim - 1 - i]
            off = i * tau
            for t in range(m):
                out[start + t] += f * p[off + t]


@njit(cache=True, nogil=True)
def _weights(x, dim, tau, out):
    """Population variance of each window (the weights of weighted permutation entropy)."""
    for t in range(out.shape[0]):
        out[t] = _window_variance(x, t, dim, tau)


#: Up to this d the table is built with numpy (d = 8: 40,320 rows, milliseconds), so that a first run
#: after install does not compile :func:`_rank_code_table` (about 0.7 s); above it, numba builds it in place.
NUMPY_TABLE_MAX_DIM = 8


def lexicographic_rank_vectors(dim: int) -> np.ndarray:
    """The rank vector of every argsort permutation of d samples, in the permutations' lexicographic order
    (row k: the ranks of the window whose pattern is numbered k), built with numpy: each block of one
    first element holds the permutations of the other values in order. For d up to about 8 (40,320 rows)."""
    perms = np.zeros((1, 1), dtype=np.int64)
    for k in range(2, dim + 1):
        blocks = []
        for first in range(k):
            rest = perms + (perms >= first)  # the (k-1)-permutations on the values other than `first`
            blocks.append(np.hstack([np.full((rest.shape[0], 1), first, dtype=np.int64), rest]))
        perms = np.vstack(blocks)
    ranks = np.empty_like(perms)
    ranks[np.arange(perms.shape[0])[:, None], perms] = np.arange(dim)  # the inverse permutation
    return ranks


def _rank_code_table_numpy(dim: int) -> np.ndarray:
    """:func:`_rank_code_table` with numpy arrays: the Lehmer code of each rank vector, in order."""
    ranks = lexicographic_rank_vectors(dim)
    n = ranks.shape[0]
    code = np.zeros(n, dtype=np.int64)
    for i in range(dim - 1):
        later_smaller = (ranks[:, i + 1:] < ranks[:, i:i + 1]).sum(axis=1)
        code += later_smaller * math.factorial(dim - 1 - i)
    table = np.empty(n, dtype=np.int64)
    table[code] = np.arange(n)
    return table


def pattern_table(dim: int) -> np.ndarray:
    """Map from rank-vector Lehmer code to the lexicographic argsort rank (cached per dim)."""
    check_dim(dim)
    table = _TABLES.get(dim)
    if table is None:
        build = _rank_code_table_numpy if dim <= NUMPY_TABLE_MAX_DIM else _rank_code_table
        table = _TABLES[dim] = build(dim)
    return table


def pattern_of_code(code: int, dim: int) -> np.ndarray:
    """The argsort permutation numbered ``code`` in lexicographic order (inverse of the numbering)."""
    dim = check_dim(dim)
    code = check_int(code, "code", 0, math.factorial(dim) - 1)
    items = list(range(dim))
    perm = []
    for i in range(dim - 1, -1, -1):
        f = math.factorial(i)
        perm.append(items.pop(code // f))
        code %= f
    return np.array(perm)
