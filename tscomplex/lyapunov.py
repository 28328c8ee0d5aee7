"""The largest Lyapunov exponent from a scalar series (Rosenstein 1993, Kantz 1994), with automatic embedding.

The pipeline is a chain of small functions, each usable on its own:

1. :func:`auto_lag` picks the delay (first minimum of the auto mutual
   information, or first zero of the autocorrelation);
2. :func:`auto_dim` picks the embedding dimension (false nearest neighbours or
   Cao's method);
3. :func:`auto_theiler` picks the Theiler window (the mean period of the
   series, as Rosenstein et al. did);
4. :func:`divergence_curve` follows nearest neighbours in the delay embedding
   (found with scipy's ``cKDTree``; no N x N distance matrix is ever built) and
   returns the average log divergence ln d(k);
5. :func:`scaling_region` finds, deterministically, the largest stretch of the
   curve over which the local slopes agree, and fits a line there.

:func:`max_lyapunov` runs them all and returns a :class:`MaxLyapunovResult`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numba import njit

METHODS = ("rosenstein", "kantz")
LAG_METHODS = ("mi", "acf")
DIM_METHODS = ("fnn", "cao")
MAX_REFERENCES = 200_000  # default cap on reference trajectories (neighbours are still searched among all points)
MIN_VECTORS = 50  # fewest embedding vectors max_lyapunov accepts beyond the trajectory and the Theiler window
SLOPE_TOLERANCE = 0.25  # local slopes in the scaling region agree with the fitted slope within this fraction
SATURATION_FRACTION = 0.9  # the curve is cut where it has risen this fraction of the way to its plateau
MIN_REGION_STEPS = 3  # a scaling region spans at least this many local slopes
MIN_REGION_RISE = 1.0  # ... and the curve rises at least this much (in ln units, about one e-fold) over it
GOOD_FIT_R2 = 0.95  # the line fits the scaling region at least this well


# --------------------------------------------------------------------------- checks


def _as_series(x, name="the series") -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {x.shape}")
    if x.size < 3:
        raise ValueError(f"{name} has {x.size} values; at least 3 are needed")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if x.min() == x.max():  # not np.ptp, whose subtraction overflows near the float64 limit
        raise ValueError(f"{name} is constant: neighbours never separate, so there is no exponent to estimate")
    return x


def _check_positive_int(value, name, minimum=1):
    if isinstance(value, bool) or int(value) != value or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


# --------------------------------------------------------------------------- embedding


def delay_embedding(x, dim: int, lag: int) -> np.ndarray:
    """Delay vectors y_i = (x_i, x_{i+lag}, ..., x_{i+(dim-1)lag}).

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    dim : int
        Embedding dimension m >= 1.
    lag : int
        Delay in samples, >= 1.

    Returns
    -------
    numpy.ndarray, shape (N - (dim-1)*lag, dim)
        A read-only strided view of ``x`` (no copy).

    Notes
    -----
    Takens' delay reconstruction; there are M = N - (m-1)·lag vectors.

    References
    ----------
    F. Takens, Lecture Notes in Mathematics 898, 366 (1981).

    Examples
    --------
    >>> delay_embedding([0, 1, 2, 3, 4], dim=2, lag=2)
    array([[0., 2.],
           [1., 3.],
           [2., 4.]])
    """
    x = np.ascontiguousarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be one-dimensional, got shape {x.shape}")
    dim = _check_positive_int(dim, "dim")
    lag = _check_positive_int(lag, "lag")
    m = x.size - (dim - 1) * lag
    if m < 1:
        raise ValueError(f"a series of {x.size} values is too short for dim={dim}, lag={lag}: "
                         f"it needs more than (dim-1)*lag = {(dim - 1) * lag} values")
    return np.lib.stride_tricks.as_strided(x, shape=(m, dim), strides=(x.strides[0], lag * x.strides[0]),
                                           writeable=False)


# --------------------------------------------------------------------------- lag


@njit(cache=True, nogil=True)
def _mutual_information_kernel(codes, bins, first_lag, last_lag):
    n = codes.size
    out = np.zeros(last_lag - first_lag + 1)
    joint = np.zeros((bins, bins))
    pa = np.zeros(bins)
    pb = np.zeros(bins)
    for lag in range(first_lag, last_lag + 1):
        joint[:, :] = 0.0
        pa[:] = 0.0
        pb[:] = 0.0
        m = n - lag
        for i in range(m):
            a = codes[i]
            b = codes[i + lag]
            joint[a, b] += 1.0
            pa[a] += 1.0
            pb[b] += 1.0
        total = 0.0
        for a in range(bins):
            for b in range(bins):
                c = joint[a, b]
                if c > 0.0:
                    total += c * math.log(c * m / (pa[a] * pb[b]))
        out[lag - first_lag] = total / m
    return out


def auto_mutual_information(x, max_lag: int, bins: int = 16) -> np.ndarray:
    """Auto mutual information I(tau) of a series with itself, tau = 0 .. max_lag, in nats.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    max_lag : int
        Largest delay; must be smaller than the length of the series.
    bins : int, default 16
        Number of equal-width bins over the range of x (TISEAN's ``mutual`` uses 16).

    Returns
    -------
    numpy.ndarray of length max_lag + 1
        I(0) is the entropy of the binned series.

    Notes
    -----
    I(tau) = sum_{a,b} p_ab(tau) ln[p_ab(tau) / (p_a p_b)], with p_a and p_b the
    marginals of the N - tau pairs (x_t, x_{t+tau}).

    References
    ----------
    A. M. Fraser and H. L. Swinney, Phys. Rev. A 33, 1134 (1986).

    Examples
    --------
    >>> noise = np.random.default_rng(0).standard_normal(10_000)
    >>> ami = auto_mutual_information(noise, 3)
    >>> round(float(ami[0]), 2), bool(ami[1] < 0.02)   # entropy of the bins; independent samples
    (2.2, True)
    """
    x, max_lag = _series_and_max_lag(x, max_lag)
    bins = _check_positive_int(bins, "bins", 2)
    return _mutual_information_kernel(_bin_codes(x, bins), bins, 0, max_lag)


def _bin_codes(x, bins):
    lo, hi = x.min(), x.max()
    return np.minimum(((x - lo) / (hi - lo) * bins).astype(np.int64), bins - 1)


def autocorrelation(x, max_lag: int) -> np.ndarray:
    """Mean-removed autocorrelation r(tau), tau = 0 .. max_lag (r(0) = 1), computed by FFT.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    max_lag : int
        Largest delay; must be smaller than the length of the series.

    Returns
    -------
    numpy.ndarray of length max_lag + 1

    Notes
    -----
    r(tau) = sum_{t=0}^{N-1-tau} (x_t - m)(x_{t+tau} - m) / sum_t (x_t - m)^2, the
    biased estimator (it divides every lag by the same sum), which is positive
    semi-definite.

    References
    ----------
    G. E. P. Box and G. M. Jenkins, *Time Series Analysis* (1970), ch. 2.

    Examples
    --------
    >>> r = autocorrelation(np.sin(2 * np.pi * np.arange(1000) / 100), 30)
    >>> int(np.argmax(r[1:] <= 0)) + 1   # first zero: about a quarter period
    26
    """
    x, max_lag = _series_and_max_lag(x, max_lag)
    return _autocorrelation(x, max_lag)


def _series_and_max_lag(x, max_lag):
    x = _as_series(x)
    max_lag = _check_positive_int(max_lag, "max_lag", 0)
    if max_lag >= x.size:
        raise ValueError(f"max_lag={max_lag} must be smaller than the series length {x.size}")
    return x, max_lag


def _autocorrelation(x, max_lag):
    d = x - x.mean()
    nfft = 1 << int(2 * d.size - 1).bit_length()
    f = np.fft.rfft(d, nfft)
    acov = np.fft.irfft(f * np.conj(f), nfft)[: max_lag + 1]
    return acov / acov[0]


def _first_local_minimum(values, start=1):
    """Index of the first local minimum of values[start:], or None."""
    for i in range(start, values.size - 1):
        if values[i] <= values[i + 1] and values[i] < values[i - 1]:
            return i
    return None


def auto_lag(x, method: str = "mi", max_lag: int | None = None, bins: int = 16) -> int:
    """An embedding delay chosen from the data.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    method : {"mi", "acf"}, default "mi"
        ``"mi"``: the first local minimum of the auto mutual information
        (Fraser & Swinney). ``"acf"``: the first lag at which the mean-removed
        autocorrelation reaches zero.
    max_lag : int, optional
        Largest lag searched (default: N // 10, at most 1000).
    bins : int, default 16
        Bins of the mutual-information histogram.

    Returns
    -------
    int
        The delay in samples, >= 1.

    Notes
    -----
    Delays exist to undo the redundancy of finely sampled flows, whose
    consecutive samples are nearly equal (r(1) close to +1). When they are not
    (r(1) < 1/2: maps and noise, including maps whose orbit alternates between
    two bands and so has r(1) near -1, such as the logistic map at r = 3.65),
    the delay is 1 whatever the method: a larger delay only folds the attractor
    and shortens the scaling region. When no minimum
    (or zero) is found up to ``max_lag``, the first lag at which I (or r) has
    fallen below 1/e of its value at lag 0 is used, else ``max_lag``.

    References
    ----------
    A. M. Fraser and H. L. Swinney, Phys. Rev. A 33, 1134 (1986).
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).

    Examples
    --------
    >>> t = np.arange(5000) * 0.01
    >>> auto_lag(np.sin(2 * np.pi * t), method="acf")   # about a quarter of the 100-sample period
    26
    """
    x = _as_series(x)
    if method not in LAG_METHODS:
        raise ValueError(f"lag method must be one of {', '.join(LAG_METHODS)}, got {method!r}")
    if max_lag is None:
        max_lag = int(min(1000, max(2, x.size // 10)))
    max_lag = _check_positive_int(max_lag, "max_lag", 1)
    max_lag = min(max_lag, x.size - 2)
    acf = _autocorrelation(x, max_lag)
    if acf[1] < 0.5:  # not |r(1)|: a strong anti-correlation is a map's band alternation, not a slow flow
        return 1
    if method == "acf":
        zero = np.flatnonzero(acf[1:] <= 0.0)
        if zero.size:
            return int(zero[0]) + 1
        curve = acf
    else:
        # computed in blocks, so a long series pays only for the lags up to its first minimum
        bins = _check_positive_int(bins, "bins", 2)
        codes = _bin_codes(x, bins)
        curve = np.empty(0)
        while curve.size <= max_lag:
            last = min(max_lag, max(2 * curve.size, 64) - 1)
            curve = np.concatenate([curve, _mutual_information_kernel(codes, bins, curve.size, last)])
            minimum = _first_local_minimum(curve)
            if minimum is not None:
                return int(minimum)
    below = np.flatnonzero(curve[1:] < curve[0] / math.e)
    return int(below[0]) + 1 if below.size else int(max_lag)


# --------------------------------------------------------------------------- dimension


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


def _query_points(m, max_points):
    """Evenly spaced, deterministic reference indices 0 .. m-1 (all when m <= max_points)."""
    if m <= max_points:
        return np.arange(m)
    return np.unique(np.linspace(0, m - 1, max_points).astype(np.int64))


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
    x = _as_series(x)
    lag = _check_positive_int(lag, "lag")
    max_dim = _check_positive_int(max_dim, "max_dim")
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
    x = _as_series(x)
    lag = _check_positive_int(lag, "lag")
    max_dim = _check_positive_int(max_dim, "max_dim")
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
    x = _as_series(x)
    if method not in DIM_METHODS:
        raise ValueError(f"dimension method must be one of {', '.join(DIM_METHODS)}, got {method!r}")
    lag = _check_positive_int(lag, "lag")
    max_dim = _check_positive_int(max_dim, "max_dim")
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


# --------------------------------------------------------------------------- Theiler window


def mean_period(x) -> float:
    """Mean period of a series in samples: the inverse of the power-weighted mean frequency.

    Parameters
    ----------
    x : array_like, 1-D

    Returns
    -------
    float

    Notes
    -----
    f_mean = sum_k f_k P(f_k) / sum_k P(f_k) over the positive frequencies of the
    periodogram of the mean-removed series (f in cycles per sample); the mean
    period is 1 / f_mean. Rosenstein et al. used it as the Theiler window.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).

    Examples
    --------
    >>> round(mean_period(np.sin(2 * np.pi * np.arange(10000) / 100)), 1)
    100.0
    """
    x = _as_series(x)
    power = np.abs(np.fft.rfft(x - x.mean())) ** 2
    freq = np.fft.rfftfreq(x.size)
    power[0] = 0.0
    return float(power.sum() / (freq * power).sum())


def auto_theiler(x) -> int:
    """Theiler window in samples: the mean period, rounded up (Rosenstein et al.).

    Pairs closer in time than this are never taken as neighbours, so that the
    divergence measured is between different stretches of the trajectory.

    Examples
    --------
    >>> auto_theiler(np.sin(2 * np.pi * np.arange(10000) / 100))
    100
    """
    return int(math.ceil(mean_period(x) - 1e-9))


# --------------------------------------------------------------------------- neighbours and divergence


def _valid_neighbors(tree, y, refs, theiler, n_neighbors, radius=np.inf, k0=None):
    """Up to ``n_neighbors`` nearest points of each reference further than ``theiler`` samples away in time.

    Returns an (len(refs), n_neighbors) int64 array of indices, -1 where none
    was found (within ``radius``). The KD-tree is asked for k neighbours with k
    growing (x4) only for the references whose k nearest are all too close in time.
    At most 2·theiler + 1 points are excluded, so k = n_neighbors + 2·theiler + 1
    always suffices and ends the search.
    """
    m = y.shape[0]
    out = np.full((refs.size, n_neighbors), -1, dtype=np.int64)
    todo = np.arange(refs.size)
    enough = min(m, n_neighbors + 2 * theiler + 1)
    k = k0 or (n_neighbors + 2)  # self and one spare; most points of a map need no more
    while todo.size:
        k = min(k, enough)
        rows_per_call = max(1000, 4_000_000 // k)
        still = []
        for start in range(0, todo.size, rows_per_call):
            rows = todo[start:start + rows_per_call]
            dist, idx = tree.query(y[refs[rows]], k=k, distance_upper_bound=radius)
            idx = idx.reshape(rows.size, k)
            missing = idx >= m
            valid = ~missing & (np.abs(idx - refs[rows, None]) > theiler)
            rank = np.cumsum(valid, axis=1)
            done = (rank[:, -1] >= n_neighbors) | missing.any(axis=1) | (k >= enough)
            sel = valid & (rank <= n_neighbors) & done[:, None]
            r, c = np.nonzero(sel)
            out[rows[r], rank[r, c] - 1] = idx[r, c]
            still.append(rows[~done])
        todo = np.concatenate(still) if still else todo[:0]
        k *= 4
    return out


@njit(cache=True, nogil=True, fastmath=True)
def _nearest_divergence_kernel(yt, refs, nearest, k_start, k_end):
    """Rosenstein's case of :func:`_divergence_kernel` (one neighbour each), on the transposed embedding
    yt (dim, M), with ln d = ln(d²)/2 to save the square root."""
    dim, m = yt.shape
    sums = np.zeros(k_end - k_start + 1)
    counts = np.zeros(k_end - k_start + 1, dtype=np.int64)
    for a in range(refs.size):
        i = refs[a]
        j = nearest[a]
        if j < 0:
            continue
        last = min(k_end, m - 1 - max(i, j))
        for k in range(k_start, last + 1):
            s = 0.0
            for c in range(dim):
                diff = yt[c, i + k] - yt[c, j + k]
                s += diff * diff
            if s > 0.0:
                sums[k - k_start] += 0.5 * math.log(s)
                counts[k - k_start] += 1
    return sums, counts


@njit(cache=True, nogil=True)
def _divergence_kernel(y, refs, neighbors, k_start, k_end):
    """Sums over references of ln(mean over its neighbours of ||y_{i+k} - y_{j+k}||), and their counts,
    for k = k_start .. k_end."""
    m, dim = y.shape
    sums = np.zeros(k_end - k_start + 1)
    counts = np.zeros(k_end - k_start + 1, dtype=np.int64)
    for a in range(refs.size):
        i = refs[a]
        for k in range(k_start, k_end + 1):
            if i + k >= m:
                break
            total = 0.0
            used = 0
            for b in range(neighbors.shape[1]):
                j = neighbors[a, b]
                if j < 0 or j + k >= m:
                    continue
                s = 0.0
                for c in range(dim):
                    diff = y[i + k, c] - y[j + k, c]
                    s += diff * diff
                total += math.sqrt(s)
                used += 1
            if used > 0 and total > 0.0:
                sums[k - k_start] += math.log(total / used)
                counts[k - k_start] += 1
    return sums, counts


def divergence_curve(y, n_steps: int, theiler: int = 0, method: str = "rosenstein", radius: float | None = None,
                     n_neighbors: int = 8, max_references: int | None = None) -> np.ndarray:
    """The average log divergence <ln d(k)> of nearby trajectories in an embedding, k = 0 .. n_steps.

    Parameters
    ----------
    y : array_like, shape (M, dim)
        Embedding vectors in time order (see :func:`delay_embedding`).
    n_steps : int
        Number of steps each pair is followed.
    theiler : int, default 0
        Neighbours must be more than this many samples apart in time.
    method : {"rosenstein", "kantz"}
        ``"rosenstein"``: the single nearest neighbour of each reference point.
        ``"kantz"``: up to ``n_neighbors`` nearest neighbours within ``radius``
        (default: twice the median nearest-neighbour distance), whose distances
        are averaged before the logarithm.
    max_references : int, optional
        Use at most this many evenly spaced reference points (all by default).

    Returns
    -------
    numpy.ndarray of length n_steps + 1
        NaN where no pair could be followed that far.

    Notes
    -----
    Rosenstein: d_i(k) = ||y_{i+k} - y_{j(i)+k}|| with j(i) the nearest neighbour
    of y_i at |i - j| > theiler, and the curve is the mean of ln d_i(k) over all
    i with i + k and j + k inside the series. Kantz: S(k) = < ln( mean_{j in U(i)}
    ||y_{i+k} - y_{j+k}|| ) >_i over the neighbourhood U(i) of radius epsilon.
    In both, the slope of the linear part is the largest exponent per sample.
    Neighbours come from a KD-tree, never from a distance matrix.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).
    H. Kantz, Phys. Lett. A 185, 77 (1994).

    Examples
    --------
    >>> x = np.empty(2000); x[0] = 0.1
    >>> for i in range(1999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> curve = divergence_curve(delay_embedding(x, 2, 1), n_steps=3, theiler=1)
    >>> bool(0.4 < curve[2] - curve[1] < 1.0)   # about ln 2 per step
    True
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2:
        raise ValueError(f"y must be a 2-D array of embedding vectors, got shape {y.shape}")
    n_steps = _check_positive_int(n_steps, "n_steps", 0)
    theiler = _check_positive_int(theiler, "theiler", 0)
    m = y.shape[0]
    if m <= 2 * theiler + 1:
        raise ValueError(f"{m} vectors are too few for a Theiler window of {theiler}: "
                         f"no pair is more than {theiler} samples apart")
    n_neighbors = _check_positive_int(n_neighbors, "n_neighbors")
    if radius is not None and not radius > 0:
        raise ValueError(f"radius must be positive, got {radius}")
    y = np.ascontiguousarray(y)
    refs, neighbors = _pairs(y, theiler, method, radius, n_neighbors, max_references)
    return _curve(y, refs, neighbors, 0, n_steps)


def _pairs(y, theiler, method, radius, n_neighbors, max_references):
    """Reference indices and their neighbours (an array with -1 for none) for the divergence curve."""
    from scipy.spatial import cKDTree

    m = y.shape[0]
    tree = cKDTree(y, balanced_tree=False, compact_nodes=False)
    refs = _query_points(m, max_references or m).astype(np.int64)
    if method == "rosenstein":
        return refs, _valid_neighbors(tree, y, refs, theiler, 1)
    if radius is None:
        nearest = _valid_neighbors(tree, y, refs, theiler, 1)[:, 0]
        ok = nearest >= 0
        radius = 2.0 * float(np.median(np.linalg.norm(y[refs[ok]] - y[nearest[ok]], axis=1))) if ok.any() else 0.0
        if not radius > 0:  # duplicated points: fall back to the nearest neighbours themselves
            return refs, nearest[:, None]
    return refs, _valid_neighbors(tree, y, refs, theiler, n_neighbors, radius=radius)


def _curve(y, refs, neighbors, k_start, k_end):
    from .interrupts import interruptible  # a long divergence curve must not hold Ctrl-C back

    if neighbors.shape[1] == 1:
        sums, counts = interruptible(_nearest_divergence_kernel, np.ascontiguousarray(y.T), refs,
                                     np.ascontiguousarray(neighbors[:, 0]), k_start, k_end)
    else:
        sums, counts = interruptible(_divergence_kernel, y, refs, neighbors, k_start, k_end)
    with np.errstate(invalid="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


# --------------------------------------------------------------------------- the scaling region


@dataclass
class ScalingRegion:
    """A straight stretch of a divergence curve: steps [start, end] and the line fitted there."""

    start: int
    end: int
    slope: float
    intercept: float
    r2: float


def _line(k, y):
    slope, intercept = np.polyfit(k, y, 1)
    resid = y - (slope * k + intercept)
    ss = np.sum((y - y.mean()) ** 2)
    r2 = 1.0 - np.sum(resid ** 2) / ss if ss > 0 else 0.0
    return float(slope), float(intercept), float(r2)


@njit(cache=True, nogil=True)
def _largest_agreeing_region(y, lo, hi, tol, min_steps, min_rise):
    """Longest [p, q] in [lo, hi] whose local slopes y[k+1]-y[k] all lie within tol of the fitted slope."""
    best_p, best_q = -1, -1
    for p in range(lo, hi):
        sk = 0.0
        sy = 0.0
        skk = 0.0
        sky = 0.0
        smin = np.inf
        smax = -np.inf
        # seed the sums with point p
        sk += p
        sy += y[p]
        skk += p * p
        sky += p * y[p]
        for q in range(p + 1, hi + 1):
            s = y[q] - y[q - 1]
            smin = min(smin, s)
            smax = max(smax, s)
            sk += q
            sy += y[q]
            skk += q * q
            sky += q * y[q]
            n = q - p + 1
            slope = (n * sky - sk * sy) / (n * skk - sk * sk)
            if slope <= 0.0 or smin < (1.0 - tol) * slope or smax > (1.0 + tol) * slope:
                break
            if q - p >= min_steps and y[q] - y[p] >= min_rise and q - p > best_q - best_p:
                best_p, best_q = p, q
    return best_p, best_q


def scaling_region(curve, tol: float = SLOPE_TOLERANCE, min_steps: int = MIN_REGION_STEPS,
                   min_rise: float = MIN_REGION_RISE, smooth: int = 1) -> ScalingRegion | None:
    """The largest linear (exponential-growth) region of a divergence curve, found deterministically.

    Parameters
    ----------
    curve : array_like
        ln d(k) for k = 0, 1, ... (NaN entries end the usable part).
    tol : float, default 0.25
        Every local slope in the region lies within this fraction of the slope fitted over it.
    min_steps : int, default 3
        Shortest region, in steps.
    min_rise : float, default 1.0
        The curve must rise at least this much (ln units) over the region.
    smooth : int, default 1
        Local slopes are taken over this many steps, y(k+smooth) - y(k); use about
        a quarter of the orbit period for finely sampled flows whose curves wiggle.

    Returns
    -------
    ScalingRegion or None
        None when no region with a positive slope meets the criteria.

    Notes
    -----
    1. Saturation: the curve is cut where it first rises 90% of the way from
       its start to its plateau (its maximum).
    2. Initial alignment: the search ignores nothing by fiat; the steps where the
       neighbour pairs are still turning into the unstable direction have
       slopes that disagree with the linear part and so fall outside it.
    3. Among all stretches [p, q] of the remaining curve whose local slopes agree
       with the least-squares slope of the stretch within ``tol``, the longest one
       (the earliest on ties) is fitted by least squares.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993), sec. 3.

    Examples
    --------
    >>> k = np.arange(30.0)
    >>> curve = np.minimum(-8 + 0.7 * k, 0.0)   # linear growth, then a plateau
    >>> region = scaling_region(curve)
    >>> region.start, region.end, round(region.slope, 3)
    (0, 11, 0.7)
    """
    y = np.asarray(curve, dtype=float)
    if y.ndim != 1:
        raise ValueError("curve must be one-dimensional")
    bad = np.flatnonzero(~np.isfinite(y))
    if bad.size:
        y = y[: bad[0]]
    if y.size < 2:
        return None
    smooth = _check_positive_int(smooth, "smooth")
    if smooth > 1:
        kernel = np.ones(smooth) / smooth
        ys = np.convolve(y, kernel, mode="valid")
        offset = (smooth - 1) / 2.0
    else:
        ys, offset = y, 0.0
    if ys.size < 2:
        return None
    top = int(np.argmax(ys))
    rise = ys[top] - ys[0]
    if not rise > 0:
        return None
    cut = int(np.argmax(ys >= ys[0] + SATURATION_FRACTION * rise))
    p, q = _largest_agreeing_region(ys, 0, cut, float(tol), int(min_steps), float(min_rise))
    if p < 0:
        return None
    start = int(round(p + offset))
    end = int(round(q + offset))
    k = np.arange(start, end + 1, dtype=float)
    slope, intercept, r2 = _line(k, y[start:end + 1])
    return ScalingRegion(start, end, slope, intercept, r2)


# --------------------------------------------------------------------------- the estimate


@dataclass
class MaxLyapunovResult:
    """The largest Lyapunov exponent of a series and how it was obtained.

    ``max_lyapunov`` is per time unit (per sample when dt = 1) and is None
    when no scaling region was found; ``chaotic`` is True only when a scaling
    region was found, fits well, and its slope is positive, and None when the
    data cannot decide (a record of fewer than 20 mean periods), with the
    reason.
    """

    max_lyapunov: float | None
    max_lyapunov_per_sample: float | None
    chaotic: bool | None
    method: str
    dim: int
    lag: int
    theiler: int
    dt: float
    n_steps: int
    fit_start: int | None
    fit_end: int | None
    fit_r2: float | None
    fit_intercept: float | None
    divergence: np.ndarray = field(repr=False)
    reason: str = ""
    slope_window: int | None = None  # steps over which the local slopes of the scaling-region search were taken

    @property
    def steps(self) -> np.ndarray:
        """k = 0 .. n_steps, the abscissa of ``divergence``."""
        return np.arange(self.divergence.size)

    def as_record(self) -> dict:
        """The flat fields of a record (without the curve)."""
        return {
            "method": self.method, "max_lyapunov": self.max_lyapunov,
            "max_lyapunov_per_sample": self.max_lyapunov_per_sample, "chaotic": self.chaotic,
            "embedding_dim": self.dim, "embedding_lag": self.lag, "theiler": self.theiler,
            "trajectory_steps": self.n_steps,
            "fit_start": self.fit_start, "fit_end": self.fit_end, "fit_r2": self.fit_r2,
            "slope_window": self.slope_window,
        }

    def __getitem__(self, key):  # dict-style access, as the records use the same names
        return getattr(self, {"embedding_dim": "dim", "embedding_lag": "lag"}.get(key, key))


#: Fewest mean periods a series must span for the automatic choices to go on.
MIN_CYCLES = 20
#: Pairs are followed automatically for at most this fraction (1/k) of the embedding, and at most
#: MAX_AUTO_STEPS steps (Lorenz at dt = 0.01 saturates by 650; give n_steps for slower curves).
MAX_STEPS_FRACTION = 10
MAX_AUTO_STEPS = 4096


def _auto_steps(dim, lag, theiler):
    """First guess at how many steps to follow pairs; doubled until the curve saturates."""
    return int(max(20, 2 * (dim - 1) * lag, 2 * theiler))


def _saturated(curve, smooth):
    """True when the last fifth of the curve is flat compared with its steepest rise."""
    y = curve[np.isfinite(curve)]
    if y.size < 10:
        return False
    w = max(1, min(smooth, y.size // 5))  # a slope window longer than the curve so far says nothing yet
    slopes = (y[w:] - y[:-w]) / w
    tail = slopes[-max(1, slopes.size // 5):]
    top = np.max(slopes)
    return bool(top <= 0 or np.mean(tail) < 0.1 * top)


def max_lyapunov(x, dim: int | None = None, lag: int | None = None, theiler: int | None = None, dt: float = 1.0,
                 method: str = "rosenstein", lag_method: str = "mi", dim_method: str = "fnn",
                 n_steps: int | None = None, max_dim: int = 10, max_references: int | None = None,
                 radius: float | None = None) -> MaxLyapunovResult:
    """The largest Lyapunov exponent of a scalar series, with every choice made from the data by default.

    Parameters
    ----------
    x : array_like, 1-D
        The series, uniformly sampled.
    dim : int, optional
        Embedding dimension (default: false nearest neighbours, see :func:`auto_dim`).
    lag : int, optional
        Delay in samples (default: :func:`auto_lag` with ``lag_method``).
    theiler : int, optional
        Theiler window in samples (default: the mean period, :func:`auto_theiler`).
        When that is more than a twentieth of the series (a random walk, a
        trend, a record of a few cycles) the data cannot decide: ``chaotic`` is
        None, with the reason, at once.
    dt : float, default 1.0
        Sampling interval; the exponent is reported per time unit (``max_lyapunov``)
        and per sample (``max_lyapunov_per_sample``).
    method : {"rosenstein", "kantz"}, default "rosenstein"
    lag_method : {"mi", "acf"}, default "mi"
        First minimum of the auto mutual information, or first zero of the autocorrelation.
    dim_method : {"fnn", "cao"}, default "fnn"
    n_steps : int, optional
        How many steps pairs are followed (default: from 2·max(theiler, (dim-1)·lag),
        at least 20, doubled until the curve reaches its plateau; never more than
        a tenth of the embedding or 4096 steps, so a curve that never saturates
        stays cheap).
    max_dim : int, default 10
        Largest dimension the automatic choice may take.
    max_references : int, optional
        Follow at most this many evenly spaced reference points (default
        200,000; their neighbours are searched among all points). Averaging
        the curve over more references than this changes it by less than its
        statistical error, and costs time linear in their number.
    radius : float, optional
        Kantz's neighbourhood radius (default: twice the median nearest-neighbour distance).

    Returns
    -------
    MaxLyapunovResult
        With ``max_lyapunov`` (per time unit; None without a scaling region),
        ``max_lyapunov_per_sample``, ``chaotic``, ``dim``, ``lag``, ``theiler``,
        ``fit_start``/``fit_end`` (steps), ``fit_r2``, ``divergence`` (ln d(k)) and
        ``reason`` (why it is not chaotic, or undecided, if so).

    Raises
    ------
    ValueError
        For a constant series, non-finite values, bad options, or a series too
        short for the requested embedding.

    Notes
    -----
    The divergence curve <ln d(k)> grows as ln d(0) + lambda·k·dt while pairs are
    close, and saturates at the size of the attractor. lambda is the slope of
    the largest stretch of the curve over which the local slopes agree within
    25%, after the plateau is cut (see :func:`scaling_region`). ``chaotic`` needs
    that stretch to exist, to rise at least one e-fold, to fit with r² >= 0.95,
    and a positive slope. Everything is deterministic.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).
    H. Kantz, Phys. Lett. A 185, 77 (1994).
    M. B. Kennel, R. Brown and H. D. I. Abarbanel, Phys. Rev. A 45, 3403 (1992).
    A. M. Fraser and H. L. Swinney, Phys. Rev. A 33, 1134 (1986).

    Examples
    --------
    >>> x = np.empty(10_000); x[0] = 0.1
    >>> for i in range(9_999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> result = max_lyapunov(x)
    >>> result.chaotic, round(result.max_lyapunov, 2)   # ln 2 = 0.693
    (True, 0.69)
    """
    from .ordinal import scale_to_unit_magnitude

    x = _as_series(x)
    # distances of values near 1e300 overflow and those near 1e-310 are subnormal; the slope does not depend on
    # the amplitude, so an extreme series is scaled by 2**-e (exactly) and ln d(k) shifted back by e ln 2 below
    x, exponent = scale_to_unit_magnitude(x)
    if radius is not None and exponent:
        radius = math.ldexp(radius, -exponent)
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if not (isinstance(dt, (int, float, np.floating)) and math.isfinite(dt) and dt > 0):
        raise ValueError(f"dt must be a positive number, got {dt!r}")
    n = x.size
    if lag is None:
        lag = auto_lag(x, lag_method)
    lag = _check_positive_int(lag, "lag")
    if dim is None:
        if n - lag * 2 < MIN_VECTORS:
            raise ValueError(f"a series of {n} values is too short to embed with lag={lag}")
        dim = auto_dim(x, lag, dim_method, max_dim)
    dim = _check_positive_int(dim, "dim")
    too_few_cycles = False
    if theiler is None:
        theiler = auto_theiler(x)
        # a series spanning fewer than 20 mean periods (a random walk, a trend, or too short a record)
        # does not revisit its attractor often enough for nearby trajectories to be found and followed
        too_few_cycles = theiler > n // MIN_CYCLES
    theiler = _check_positive_int(theiler, "theiler", 0)
    m = n - (dim - 1) * lag
    need = MIN_VECTORS + 2 * theiler + 1
    # an automatic window too long for the embedding is the undecided case below, not an error; too few
    # vectors for any window is still an error
    if m < need and not (too_few_cycles and m > MIN_VECTORS):
        raise ValueError(f"a series of {n} values is too short for dim={dim}, lag={lag}, theiler={theiler}: "
                         f"the embedding has {max(m, 0)} vectors and needs at least {need}")
    if too_few_cycles:  # undecided, not "not chaotic": a short chaotic record looks the same
        return MaxLyapunovResult(None, None, None, method, dim, lag, theiler, float(dt), 0, None, None, None,
                                 None, np.empty(0),
                                 reason=f"the series spans only {n / theiler:.1f} mean periods ({theiler} samples "
                                        f"each), fewer than {MIN_CYCLES}: a random walk or trend, or too short a "
                                        "record (give --theiler to override)")
    y = np.ascontiguousarray(delay_embedding(x, dim, lag))
    if max_references is None:
        max_references = MAX_REFERENCES
    # local slopes of a map (lag 1) are taken step by step, those of a flow over a quarter of the Theiler
    # window; a flow's divergence rate swings with the phase of the orbit (Rossler's curve rises in steps,
    # one a turn), and when no stretch qualifies at a quarter turn the slopes are taken over one whole mean
    # period, which averages the swing out
    smooth = max(1, int(round(theiler / 4))) if lag > 1 else 1
    windows = (smooth, max(smooth, int(round(mean_period(x))))) if lag > 1 else (1,)
    auto_steps = n_steps is None
    if auto_steps:
        # a curve that never saturates (noise, a random walk) must not be followed for half the series:
        # the cost is references x steps
        most = max(1, min(MAX_AUTO_STEPS, max(20, (m - 1) // MAX_STEPS_FRACTION)))
        steps = min(_auto_steps(dim, lag, theiler), most)
    else:
        steps = min(_check_positive_int(n_steps, "n_steps"), m - 1)
        most = steps
    if radius is not None and not radius > 0:
        raise ValueError(f"radius must be positive, got {radius}")
    refs, neighbors = _pairs(y, theiler, method, radius, 8, max_references)
    curve = _curve(y, refs, neighbors, 0, steps)
    # follow the pairs further until the curve reaches its plateau, extending it rather than recomputing
    while auto_steps and not _saturated(curve, smooth) and steps < most:
        more = min(2 * steps, most)
        curve = np.concatenate([curve, _curve(y, refs, neighbors, steps + 1, more)])
        steps = more
    for window in dict.fromkeys(windows):
        region = scaling_region(curve, smooth=window)
        if region is not None:
            break
    if exponent:  # back to the data's units: ln d(k) of the unscaled series
        curve = curve + exponent * math.log(2.0)
    if region is None:
        return MaxLyapunovResult(None, None, False, method, dim, lag, theiler, float(dt), steps, None, None, None,
                                 None, curve, reason="no scaling region: the divergence curve has no straight rise",
                                 slope_window=windows[-1])
    per_sample = region.slope
    chaotic = bool(per_sample > 0 and region.r2 >= GOOD_FIT_R2)
    reason = "" if chaotic else f"the fit over the scaling region is poor (r2 = {region.r2:.3f})"
    return MaxLyapunovResult(per_sample / dt, per_sample, chaotic, method, dim, lag, theiler, float(dt), steps,
                             region.start, region.end, region.r2, region.intercept + exponent * math.log(2.0), curve,
                             reason=reason, slope_window=window)
