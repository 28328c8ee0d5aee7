"""Ordinal patterns: a series -> integer pattern codes -> counts over all d! patterns.

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

MIN_DIM = 2
MAX_DIM = 10


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
def _count_codes(x, dim, tau, hist, block):
    """Add one count per window of delay tau to hist (1 or 4 interleaved rows, rank-code order)."""
    fact = np.ones(dim, np.int32)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    nw = x.shape[0] - (dim - 1) * tau
    prefix = np.zeros((dim, block + (dim - 2) * tau), np.int8)  # prefix[0] stays zero
    codes = np.empty(block, np.int32)
    for start in range(0, nw, block):
        m = min(block, nw - start)
        for k in range(1, dim):
            length = m + (dim - 1 - k) * tau
            _lag_step(x[start:start + length], x[start + k * tau:start + k * tau + length],
                      prefix[k - 1], prefix[k], length)
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


@njit(cache=True, nogil=True)
def _accumulate_weighted(x, dim, tau, counts):
    """Add each window's population variance to counts[L] (Fadlallah et al. 2013)."""
    fact = _factorials(dim)
    n_windows = x.shape[0] - (dim - 1) * tau
    for t in range(n_windows):
        mean = 0.0
        for i in range(dim):
            mean += x[t + i * tau]
        mean /= dim
        var = 0.0
        for i in range(dim):
            dev = x[t + i * tau] - mean
            var += dev * dev
        counts[_window_rank_code(x, t, dim, tau, fact)] += var / dim


@njit(cache=True, nogil=True)
def _rank_codes(x, dim, tau, out):
    fact = _factorials(dim)
    for t in range(out.shape[0]):
        out[t] = _window_rank_code(x, t, dim, tau, fact)


# --------------------------------------------------------------------------- checked wrappers

_TABLES: dict[int, np.ndarray] = {}
COUNT_BLOCK = 4096  # windows coded per pass of the counting kernel: its buffers stay in L1/L2


def pattern_table(dim: int) -> np.ndarray:
    """Map from rank-vector Lehmer code to the lexicographic argsort rank (cached per dim)."""
    check_dim(dim)
    table = _TABLES.get(dim)
    if table is None:
        table = _TABLES[dim] = _rank_code_table(dim)
    return table


def check_dim(dim) -> int:
    if isinstance(dim, bool) or int(dim) != dim:
        raise ValueError(f"dim must be an integer, got {dim!r}")
    dim = int(dim)
    if not MIN_DIM <= dim <= MAX_DIM:
        raise ValueError(f"dim must be between {MIN_DIM} and {MAX_DIM}, got {dim}")
    return dim


def check_tau(tau) -> int:
    if isinstance(tau, bool) or int(tau) != tau:
        raise ValueError(f"tau must be an integer, got {tau!r}")
    tau = int(tau)
    if tau < 1:
        raise ValueError(f"tau must be >= 1, got {tau}")
    return tau


def n_windows(n: int, dim: int, tau: int) -> int:
    """Number of overlapping windows of a series of length n."""
    return max(n - (dim - 1) * tau, 0)


def max_tau(n: int, dim: int, min_windows: int = 1) -> int:
    """Largest tau that still leaves ``min_windows`` windows in a series of length n."""
    return max((n - min_windows) // (dim - 1), 0)


def check_finite_series(x) -> np.ndarray:
    """A one-dimensional, all-finite series as contiguous float64, or ValueError saying what is wrong."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"expected a one-dimensional series, got shape {x.shape}")
    finite = np.isfinite(x)
    if not finite.all():
        bad = np.flatnonzero(~finite)
        raise ValueError(f"series has {bad.size} NaN or infinite values (first at index {bad[0]})")
    return x


def prepare_series(x, dim: int, tau: int, tie_precision: int | None = None) -> np.ndarray:
    """Validate a series for ordinal analysis and return it as contiguous float64.

    Raises ValueError when the series is not one-dimensional, holds NaN or inf,
    or is shorter than (dim-1)*tau + 1 samples.
    """
    dim = check_dim(dim)
    tau = check_tau(tau)
    x = check_finite_series(x)
    need = (dim - 1) * tau + 1
    if x.size < need:
        raise ValueError(
            f"series of {x.size} samples is too short for dim={dim}, tau={tau}: "
            f"needs at least (dim-1)*tau+1 = {need}"
        )
    if tie_precision is not None:
        x = round_ties(x, tie_precision)
    return x


def round_ties(x: np.ndarray, tie_precision: int) -> np.ndarray:
    """``np.round(x, tie_precision)``, except that a value too large to scale by 10**K stays as it is.

    np.round multiplies by 10**K first, which overflows to inf for |x| near the
    largest double although such a value has no decimals left to round.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        rounded = np.round(x, int(tie_precision))
    overflow = ~np.isfinite(rounded)
    if overflow.any():
        rounded[overflow] = x[overflow]
    return rounded


#: Series whose largest magnitude lies outside [2**-MAGNITUDE_BITS, 2**MAGNITUDE_BITS] are rescaled.
MAGNITUDE_BITS = 100


def scale_to_unit_magnitude(x: np.ndarray) -> tuple[np.ndarray, int]:
    """(x * 2**-e, e): a finite series brought near magnitude 1 when it is extreme, else (x, 0).

    Measures that do not depend on the amplitude (timescales, Lyapunov slopes,
    value symbols) square or sum the data, which overflows for |x| beyond
    about 1e154 and loses everything in the subnormals below 1e-308. Scaling by
    a power of two is exact, so it changes no digit of the result; series of
    ordinary magnitude (2**-100 to 2**100, about 1e-30 to 1e30) are returned
    untouched.

    Examples
    --------
    >>> scale_to_unit_magnitude(np.array([3e200, -1e200]))[1]
    666
    >>> scale_to_unit_magnitude(np.array([0.5, 2.0]))[1]
    0
    """
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    if peak == 0.0 or 2.0 ** -MAGNITUDE_BITS <= peak <= 2.0 ** MAGNITUDE_BITS:
        return x, 0
    exponent = math.frexp(peak)[1]
    return np.ldexp(x, -exponent), exponent


def ordinal_counts(x, dim: int = 5, tau: int = 1, weighted: bool = False,
                   tie_precision: int | None = None) -> np.ndarray:
    """Counts of every ordinal pattern of dimension ``dim`` and delay ``tau``.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series. NaN and inf are refused.
    dim : int
        Embedding dimension d, 2 <= d <= 10.
    tau : int
        Embedding delay in samples, >= 1.
    weighted : bool
        If True each window adds its population variance instead of 1
        (weighted permutation entropy, Fadlallah et al., PRE 87, 022911, 2013).
    tie_precision : int, optional
        Round the data to this many decimals first (ordpy's ``tie_precision``).

    Returns
    -------
    counts : ndarray of float64, shape (d!,)
        ``counts[k]`` belongs to the k-th argsort permutation in lexicographic
        order; zeros are kept. Unweighted counts sum to N - (d-1)tau.

    Examples
    --------
    >>> ordinal_counts([4, 7, 9, 10, 6, 11, 3], dim=2)
    array([4., 2.])
    """
    x = prepare_series(x, dim, tau, tie_precision)
    raw = np.zeros(math.factorial(dim), dtype=np.float64)
    accumulate_raw_counts(x, dim, tau, weighted, raw)
    return raw_to_pattern_counts(raw, dim)


def accumulate_raw_counts(x: np.ndarray, dim: int, tau: int, weighted: bool, raw: np.ndarray) -> None:
    """Add the windows of a prepared float64 series to raw (rank-code ordered) counts.

    Counts are additive, so a long series can be fed in chunks that overlap by
    (dim-1)*tau samples; :func:`raw_to_pattern_counts` then reorders them once.
    """
    if weighted:
        _accumulate_weighted(x, dim, tau, raw)
    else:
        rows = 4 if raw.shape[0] <= 40320 else 1  # interleaved histograms only while they stay small
        hist = np.zeros((rows, raw.shape[0]), dtype=np.int64)
        _count_codes(x, dim, tau, hist, COUNT_BLOCK)
        raw += hist.sum(axis=0)


def raw_to_pattern_counts(raw: np.ndarray, dim: int) -> np.ndarray:
    """Reorder counts indexed by rank-vector code into lexicographic argsort order.

    Raises ValueError when a count is not finite, which only weighted counts
    can be: a window variance overflows for values beyond about 1e154.
    """
    if not np.all(np.isfinite(raw)):
        raise ValueError("weighted counts overflow: window variances of values this large (beyond about 1e154) "
                         "exceed the largest double; rescale the series")
    counts = np.empty_like(raw)
    counts[pattern_table(dim)] = raw
    return counts


def ordinal_codes(x, dim: int = 5, tau: int = 1, tie_precision: int | None = None) -> np.ndarray:
    """Pattern code (0 .. d!-1, lexicographic argsort rank) of every window, as int64.

    Examples
    --------
    >>> ordinal_codes([1.0, 3.0, 2.0, 4.0], dim=3)
    array([1, 2])
    """
    x = prepare_series(x, dim, tau, tie_precision)
    out = np.empty(n_windows(x.size, dim, tau), dtype=np.int64)
    _rank_codes(x, dim, tau, out)
    return pattern_table(dim)[out]


def pattern_of_code(code: int, dim: int) -> np.ndarray:
    """The argsort permutation numbered ``code`` in lexicographic order (inverse of the numbering)."""
    dim = check_dim(dim)
    if not 0 <= code < math.factorial(dim):
        raise ValueError(f"code must be in [0, {math.factorial(dim)}), got {code}")
    items = list(range(dim))
    perm = []
    for i in range(dim - 1, -1, -1):
        f = math.factorial(i)
        perm.append(items.pop(code // f))
        code %= f
    return np.array(perm)
