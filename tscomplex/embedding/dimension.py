"""The embedding dimension: false nearest neighbours (Kennel) and Cao's E1, and the dimension chosen from them."""

from __future__ import annotations

import numpy as np

from .._validation import check_choice, check_int
from ..options import DIM_METHODS
from .delay import MIN_VECTORS, _as_unit_series, _query_points, delay_embedding


def _neighbour_in_dim(x, lag, d, max_points, p=2.0):
    """For reference points of the d-dim embedding: (refs, distance to the nearest other vector, the gap
    between the two in coordinate d+1). Only vectors that have a coordinate d+1 take part."""
    from scipy.spatial import cKDTree

    m = x.size - d * lag
    y = delay_embedding(x[: m + (d - 1) * lag], d, lag)
    tree = cKDTree(y, balanced_tree=False, compact_nodes=False)
    refs = _query_points(m, max_points)
    dist, idx = tree.query(y[refs], k=2, p=p)
    first_is_self = idx[:, 0] == refs  # with duplicated vectors the point itself may come second
    j = np.where(first_is_self, idx[:, 1], idx[:, 0])
    r = np.where(first_is_self, dist[:, 1], dist[:, 0])
    return refs, r, np.abs(x[refs + d * lag] - x[j + d * lag])


def false_nearest_neighbors(x, lag: int, max_dim: int = 10, rtol: float = 10.0, atol: float = 2.0,
                            max_points: int = 20_000) -> np.ndarray:
    """Fraction of false nearest neighbours for dimensions 1 .. max_dim.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    lag : int
        Embedding delay.
    max_dim : int, default 10
        Largest dimension tested.
    rtol, atol : float
        Kennel's thresholds (10 and 2 by default; Kennel et al. used 10-15 and 2).
    max_points : int, default 20000
        At most this many evenly spaced reference points are tested (all
        points are searched as neighbours), so the cost stays near O(N log N).

    Returns
    -------
    numpy.ndarray of length max_dim
        ``fnn[d-1]`` is the fraction for dimension d.

    Notes
    -----
    In dimension d, the nearest neighbour y_j of y_i (Euclidean, found with a
    KD-tree) is false when adding coordinate d+1 separates them:
    |x_{i+d·lag} - x_{j+d·lag}| > rtol · R_d(i), or R_{d+1}(i) > atol · sigma_x.

    References
    ----------
    M. B. Kennel, R. Brown and H. D. I. Abarbanel, Phys. Rev. A 45, 3403 (1992).

    Examples
    --------
    >>> x = np.empty(3000); x[0] = 0.1
    >>> for i in range(2999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> false_nearest_neighbors(x, lag=1, max_dim=3).round(3)   # x_{t+1} is a function of x_t
    array([0., 0., 0.])
    """
    x = _as_unit_series(x)
    lag = check_int(lag, "lag", 1)
    max_dim = check_int(max_dim, "max_dim", 1)
    if x.size - max_dim * lag < 2:
        raise ValueError(f"a series of {x.size} values is too short for max_dim={max_dim}, lag={lag}")
    return np.array([_fnn_fraction(x, lag, d, rtol, atol, max_points) for d in range(1, max_dim + 1)])


def _fnn_fraction(x, lag, d, rtol=10.0, atol=2.0, max_points=20_000):
    _, r, extra = _neighbour_in_dim(x, lag, d, max_points)
    r_next = np.sqrt(r * r + extra * extra)
    false = (extra > rtol * r) | (r_next > atol * x.std())
    return float(false.mean())


def cao_e1(x, lag: int, max_dim: int = 10, max_points: int = 20_000) -> np.ndarray:
    """Cao's E1(d) = E(d+1) / E(d) for d = 1 .. max_dim.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    lag : int
        Embedding delay.
    max_dim, max_points : int
        As for :func:`false_nearest_neighbors`.

    Returns
    -------
    numpy.ndarray of length max_dim
        E1 approaches 1 once d is large enough.

    Notes
    -----
    With the maximum norm, a(i, d) = ||y_i(d+1) - y_n(d+1)|| / ||y_i(d) - y_n(d)||
    where y_n is the nearest neighbour of y_i in dimension d, and E(d) is the
    mean of a(i, d) over i.

    References
    ----------
    L. Cao, Physica D 110, 43 (1997).

    Examples
    --------
    >>> x = np.sin(0.0637 * np.arange(4000))   # a closed curve: two dimensions suffice
    >>> bool(cao_e1(x, lag=25, max_dim=4)[1] > 0.9)   # saturated from d = 2
    True
    """
    x = _as_unit_series(x)
    lag = check_int(lag, "lag", 1)
    max_dim = check_int(max_dim, "max_dim", 1)
    if x.size - (max_dim + 1) * lag < 2:
        raise ValueError(f"a series of {x.size} values is too short for max_dim={max_dim}, lag={lag}")
    e = np.empty(max_dim + 1)
    for d in range(1, max_dim + 2):
        _, r, extra = _neighbour_in_dim(x, lag, d, max_points, p=np.inf)
        r_next = np.maximum(r, extra)
        ok = r > 0
        e[d - 1] = np.mean(r_next[ok] / r[ok]) if ok.any() else np.inf
    return e[1:] / e[:-1]


def auto_dim(x, lag: int, method: str = "fnn", max_dim: int = 10, fnn_threshold: float = 0.01,
             cao_threshold: float = 0.9) -> int:
    """An embedding dimension chosen from the data.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    lag : int
        Embedding delay.
    method : {"fnn", "cao"}, default "fnn"
        False nearest neighbours (the first d whose fraction is below
        ``fnn_threshold``) or Cao's method (the first d with E1(d) >= ``cao_threshold``).
    max_dim : int, default 10
        Largest dimension; lowered when the series is too short for it.

    Returns
    -------
    int
        When no dimension meets the criterion (noise), the one with the fewest
        false neighbours (FNN) or ``max_dim`` (Cao).

    References
    ----------
    M. B. Kennel, R. Brown and H. D. I. Abarbanel, Phys. Rev. A 45, 3403 (1992).
    L. Cao, Physica D 110, 43 (1997).

    Examples
    --------
    >>> x = np.empty(5000); x[:2] = 0.0
    >>> for i in range(1, 4999): x[i + 1] = 1 - 1.4 * x[i] ** 2 + 0.3 * x[i - 1]
    >>> auto_dim(x, lag=1)   # the Henon map needs two delays
    2
    """
    x = _as_unit_series(x)
    check_choice(method, "dim_method", DIM_METHODS)
    lag = check_int(lag, "lag", 1)
    max_dim = check_int(max_dim, "max_dim", 1)
    max_dim = min(max_dim, (x.size - MIN_VECTORS) // lag - 1)
    if max_dim < 1:
        raise ValueError(f"a series of {x.size} values is too short to choose a dimension with lag={lag}")
    if method == "fnn":
        fnn = []
        for d in range(1, max_dim + 1):  # stop at the first good dimension
            fnn.append(_fnn_fraction(x, lag, d))
            if fnn[-1] < fnn_threshold:
                return d
        return int(np.argmin(fnn)) + 1
    e1 = cao_e1(x, lag, max_dim)
    good = np.flatnonzero(e1 >= cao_threshold)
    return int(good[0]) + 1 if good.size else int(max_dim)
