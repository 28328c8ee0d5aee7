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
    return _js_distance(ordinal_distribution(x, dim, tau, tie_precision),
                        ordinal_distribution(y, dim, tau, tie_precision))


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
