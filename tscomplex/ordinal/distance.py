"""Distances between series by their ordinal pattern distributions: the permutation Jensen-Shannon distance.

Zunino, Olivares, Ribeiro & Rosso, PRE 105, 045310 (2022): with P and Q the
ordinal distributions of two series (same d and tau),

    D(P, Q) = sqrt( [S((P + Q)/2) - S(P)/2 - S(Q)/2] / ln 2 ),

S the Shannon entropy (natural log). D is a metric, 0 for equal distributions
and 1 for distributions with disjoint supports. It is ordpy's
``permutation_js_distance`` (base e, normalized) for two series.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..options import DEFAULT_DIM, DEFAULT_TAU


def _entropy(p: np.ndarray) -> float:
    nz = p[p > 0]
    return float(-np.dot(nz, np.log(nz)))


def _distribution(p, name: str) -> np.ndarray:
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 1 or p.size < 2:
        raise ValueError(f"{name} must be a one-dimensional probability vector over d! patterns, "
                         f"got shape {p.shape}")
    total = float(p.sum())  # NaN or inf anywhere makes the sum so
    if not (math.isfinite(total) and total > 0) or p.min() < 0:
        raise ValueError(f"{name} must hold finite non-negative counts or probabilities with a positive sum")
    return p / total


def _dim_of(size: int) -> str:
    for d in range(2, 13):
        if math.factorial(d) == size:
            return f"dim {d}"
    return "no dim"


def jensen_shannon_distance(p, q) -> float:
    """The Jensen-Shannon distance, in [0, 1], between two distributions (counts or probabilities) over the
    same outcomes: sqrt(JSD / ln 2). Raises ValueError when they differ in length (two different dims)."""
    p, q = _distribution(p, "p"), _distribution(q, "q")
    if p.size != q.size:
        raise ValueError(f"p has {p.size} outcomes ({_dim_of(p.size)}) and q has {q.size} ({_dim_of(q.size)}): "
                         "the distance compares ordinal distributions of the same dim")
    return _js_distance(p, q)


def _js_distance(p: np.ndarray, q: np.ndarray) -> float:
    """sqrt(JSD / ln 2) of two probability vectors already checked and of the same length."""
    divergence = _entropy((p + q) / 2) - (_entropy(p) + _entropy(q)) / 2
    return float(math.sqrt(min(max(divergence / math.log(2), 0.0), 1.0)))  # rounding can leave -1e-17


@njit(cache=True, nogil=True)
def _js_distance_of_counts(a, b):
    """sqrt(JSD / ln 2) of two count vectors over the same outcomes, in any common order of the outcomes."""
    sa = 0.0
    sb = 0.0
    for i in range(a.shape[0]):
        sa += a[i]
        sb += b[i]
    h_mix = 0.0
    h_a = 0.0
    h_b = 0.0
    for i in range(a.shape[0]):
        p = a[i] / sa
        q = b[i] / sb
        if p > 0.0:
            h_a -= p * math.log(p)
        if q > 0.0:
            h_b -= q * math.log(q)
        m = 0.5 * (p + q)
        if m > 0.0:
            h_mix -= m * math.log(m)
    d = (h_mix - 0.5 * (h_a + h_b)) / math.log(2.0)
    return math.sqrt(min(max(d, 0.0), 1.0))  # rounding can leave -1e-17


def _raw_counts(x, dim: int, tau: int, tie_precision: int | None) -> np.ndarray:
    """Counts of all d! patterns in rank-code order (a fixed permutation of the lexicographic order, which the
    distance, symmetric in the outcomes, does not need undone). ``dim`` and ``tau`` are checked ints.

    A short float series goes straight to the counting kernel (which checks finiteness in its pass): at
    N = 1000 the checks and copies around it cost more than the counting.
    """
    from .codes import COUNT_BLOCK, _count_codes
    from .counts import THREAD_MIN_WINDOWS, accumulate_raw_counts
    from .series import nonfinite_error, prepare_series

    arr = x if isinstance(x, np.ndarray) else None
    n_patterns = math.factorial(dim)
    if (tie_precision is None and arr is not None and arr.ndim == 1 and arr.dtype == np.float64
            and arr.flags.c_contiguous and (dim - 1) * tau < arr.size < 2 * THREAD_MIN_WINDOWS
            and n_patterns <= 40320):
        hist = np.zeros((1, n_patterns), dtype=np.int64)
        if _count_codes(arr, dim, tau, hist, COUNT_BLOCK) >= 0:
            raise nonfinite_error(arr, "series")
        return hist[0]
    x = prepare_series(x, dim, tau, tie_precision, finite=False)  # the counting pass checks finiteness
    raw = np.zeros(n_patterns, dtype=np.float64)
    if accumulate_raw_counts(x, dim, tau, False, raw) >= 0:
        raise nonfinite_error(x, "series")
    return raw


def ordinal_distribution(x, dim: int, tau: int, tie_precision: int | None = None) -> np.ndarray:
    """Probabilities of all d! patterns of ``x`` (lexicographic order)."""
    from .counts import ordinal_counts

    counts = ordinal_counts(x, dim, tau, tie_precision=tie_precision)
    return counts / counts.sum()


def permutation_jensen_shannon_distance(x, y, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                                        tie_precision: int | None = None) -> float:
    """Permutation Jensen-Shannon distance between the ordinal distributions of two series.

    Parameters
    ----------
    x, y : array_like
        Finite one-dimensional series, each at least (dim-1)*tau + 1 samples (lengths may differ).
    dim, tau : int
        Pattern length and delay, the same for both.

    Returns
    -------
    float
        sqrt(JSD(P, Q) / ln 2) in [0, 1]: 0 for the same distribution, 1 for disjoint ones.

    References
    ----------
    Zunino, Olivares, Ribeiro & Rosso, Phys. Rev. E 105, 045310 (2022).

    Examples
    --------
    >>> permutation_jensen_shannon_distance([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], dim=3)
    1.0
    """
    from .series import check_dim, check_tau

    dim, tau = check_dim(dim), check_tau(tau)
    a, b = _raw_counts(x, dim, tau, tie_precision), _raw_counts(y, dim, tau, tie_precision)
    return float(_js_distance_of_counts(a.astype(np.float64), b.astype(np.float64)))


def distance_matrix(distributions) -> np.ndarray:
    """The symmetric matrix of Jensen-Shannon distances between every pair of distributions (zero diagonal)."""
    k = len(distributions)
    out = np.zeros((k, k))
    for i in range(k):
        for j in range(i + 1, k):
            out[i, j] = out[j, i] = jensen_shannon_distance(distributions[i], distributions[j])
    return out


def permutation_jensen_shannon_distances(series, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *,
                                         tie_precision: int | None = None) -> np.ndarray:
    """The k x k matrix of permutation Jensen-Shannon distances between k series (a list of arrays)."""
    return distance_matrix([ordinal_distribution(s, dim, tau, tie_precision) for s in series])
