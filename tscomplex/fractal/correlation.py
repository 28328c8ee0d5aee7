"""Correlation dimension: Grassberger-Procaccia correlation sums with a Theiler window, and Takens' estimator.

The embedding is chosen as :func:`tscomplex.lyapunov.max_lyapunov` chooses it
(:func:`~tscomplex.lyapunov.auto_lag`, :func:`~tscomplex.lyapunov.auto_dim`,
:func:`~tscomplex.lyapunov.auto_theiler`), pairs are counted with a KD-tree
over all radii at once, and the scaling region is found deterministically and
reported, as the Lyapunov fit region is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numba import njit

from .._validation import check_int, check_series
from ..lyapunov import auto_dim, auto_lag, auto_theiler, delay_embedding

RADII_PER_DECADE = 12
DECADES = 3.0  # radii from 10^-3 of the attractor's extent to the extent
MIN_PAIRS = 50  # radii with fewer pairs than this are not used
SLOPE_TOLERANCE = 0.1  # local slopes in the scaling region agree with the fitted slope within 10%
MIN_REGION_DECADES = 0.5  # the scaling region spans at least a factor 10^0.5 in r
MAX_REFERENCES = 2000  # reference points (the pairs are counted against all points)
EXTRA_DIMS = 2  # curves are also computed for this many dimensions above the chosen one, to check saturation
CONVERGED_TOLERANCE = 0.1  # D2 at dims m, m+1, m+2 agree within this fraction: converged


@dataclass
class CorrelationDimensionResult:
    """D2 (slope), Takens' D_T, the region [fit_start, fit_end] (radii), the embedding, and the curves."""

    correlation_dimension: float
    takens_dimension: float
    fit_start: float | None
    fit_end: float | None
    fit_r2: float | None
    embedding_dim: int
    embedding_lag: int
    theiler: int
    converged: bool | None
    radii: np.ndarray
    dims: list = field(default_factory=list)  # embedding dimensions of the curves
    sums: list = field(default_factory=list)  # C(r) per dimension
    slopes_by_dim: dict = field(default_factory=dict)  # dimension -> D2 over the same region
    reason: str | None = None

    def as_record(self) -> dict:
        def num(v):
            return float(v) if v is not None and math.isfinite(v) else None

        record = {"correlation_dimension": num(self.correlation_dimension),
                  "correlation_dimension_takens": num(self.takens_dimension),
                  "correlation_dimension_fit_start": num(self.fit_start),
                  "correlation_dimension_fit_end": num(self.fit_end),
                  "correlation_dimension_fit_r2": num(self.fit_r2),
                  "correlation_dimension_converged": self.converged,
                  "embedding_dim": self.embedding_dim, "embedding_lag": self.embedding_lag,
                  "theiler_window": self.theiler}
        if self.reason:
            record["correlation_dimension_note"] = self.reason
        return record


@njit(cache=True, nogil=True)
def _close_in_time_counts(y, refs, theiler, radii):
    """Pairs (ref i, j != i) with |i - j| <= theiler and distance <= radii[k], cumulative in k."""
    m = y.shape[0]
    out = np.zeros(radii.size, np.int64)
    for i in refs:
        for j in range(max(0, i - theiler), min(m, i + theiler + 1)):
            if j == i:
                continue
            d = 0.0
            for k in range(y.shape[1]):
                d = max(d, abs(y[i, k] - y[j, k]))
            # first radius >= d
            lo, hi = 0, radii.size
            while lo < hi:
                mid = (lo + hi) // 2
                if radii[mid] < d:
                    lo = mid + 1
                else:
                    hi = mid
            if lo < radii.size:
                out[lo] += 1
    return np.cumsum(out)


def correlation_sum(y, radii, theiler: int = 0, max_references: int = MAX_REFERENCES):
    """C(r): the fraction of pairs of delay vectors, more than ``theiler`` samples apart, within max-norm r.

    Returns (C, pair counts). References are every k-th vector (at most
    ``max_references``), each paired with all vectors; the KD-tree counts
    pairs for all radii in one dual-tree pass.
    """
    from scipy.spatial import cKDTree

    y = np.ascontiguousarray(y, dtype=float)
    m = y.shape[0]
    step = max(1, math.ceil(m / max_references))
    refs = np.arange(0, m, step, dtype=np.int64)
    radii = np.asarray(radii, dtype=float)
    tree = cKDTree(y)
    ref_tree = cKDTree(y[refs])
    counts = ref_tree.count_neighbors(tree, radii, p=np.inf).astype(np.int64) - refs.size  # minus self-pairs
    counts -= _close_in_time_counts(y, refs, int(theiler), radii)
    lo = np.maximum(refs - theiler, 0)
    hi = np.minimum(refs + theiler, m - 1)
    total = int(np.sum(m - (hi - lo + 1)))
    if total <= 0:
        raise ValueError(f"no pairs are more than the Theiler window ({theiler}) apart")
    return counts / total, counts


def _local_slopes(logr, logc):
    return np.gradient(logc, logr)


def scaling_region(logr, logc, tol: float = SLOPE_TOLERANCE, min_decades: float = MIN_REGION_DECADES):
    """Largest [a, b] (indices) whose local slopes all lie within ``tol`` of the slope fitted over it."""
    ok = np.isfinite(logc)
    slopes = _local_slopes(logr, np.where(ok, logc, 0.0))
    best = None
    n = logr.size
    min_width = min_decades * math.log(10)
    for a in range(n):
        if not ok[a]:
            continue
        for b in range(a + 2, n):
            if not ok[b]:
                break
            slope = np.polyfit(logr[a:b + 1], logc[a:b + 1], 1)[0]
            inner = slopes[a:b + 1]
            if slope <= 0 or np.any(np.abs(inner - slope) > tol * slope):
                break
            if logr[b] - logr[a] >= min_width and (best is None or b - a > best[1] - best[0]):
                best = (a, b)
    return best


def _takens(radii, c, upper: int) -> float:
    """Takens' ML estimate D_T(r_u) = C(r_u) / integral_0^r_u C(r)/r dr, C piecewise power law (TISEAN c2t)."""
    use = np.flatnonzero(c[: upper + 1] > 0)
    if use.size < 2:
        return math.nan
    r, cc = radii[use], c[use]
    s = np.diff(np.log(cc)) / np.diff(np.log(r))
    if s[0] <= 0:
        return math.nan
    integral = cc[0] / s[0]  # below the first radius: the same power law down to 0
    for k in range(s.size):
        integral += (cc[k + 1] - cc[k]) / s[k] if s[k] > 0 else cc[k] * math.log(r[k + 1] / r[k])
    return float(cc[-1] / integral)


def correlation_dimension(x, dim: int | None = None, lag: int | None = None, theiler: int | None = None,
                          max_dim: int = 10, max_references: int = MAX_REFERENCES) -> CorrelationDimensionResult:
    """Correlation dimension D2 of a series by the Grassberger-Procaccia method, with Takens' estimator.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    dim, lag : int, optional
        Embedding dimension and delay (default: :func:`auto_dim` with false
        nearest neighbours, :func:`auto_lag` with the auto mutual information,
        as :func:`tscomplex.lyapunov.max_lyapunov` chooses them).
    theiler : int, optional
        Pairs closer in time than this are left out (default: the mean period,
        :func:`auto_theiler`).
    max_dim : int, default 10
        Largest dimension the automatic choice may take.
    max_references : int, default 2000
        Reference vectors (spread evenly); each is paired with every vector.

    Returns
    -------
    CorrelationDimensionResult
        D2 and D_T (NaN with ``reason`` when there is no scaling region),
        the region in radii, the embedding, whether D2 converged over the
        dimensions m, m+1, m+2, and the curves C(r) per dimension.

    Notes
    -----
    C(r) = #{(i, j) : |i - j| > w, max_k |y_{i,k} - y_{j,k}| <= r} / #{(i, j) : |i - j| > w}
    over log-spaced radii (12 per decade over 3 decades of the attractor's
    extent); radii with fewer than 50 pairs are dropped. D2 is the
    least-squares slope of ln C against ln r over the longest range (at least
    half a decade) whose local slopes all agree with it within 10%. Takens'
    maximum-likelihood estimate at the top r_u of that range is
    D_T = C(r_u) / integral_0^{r_u} C(r)/r dr, with C a power law between
    radii. The same region is fitted at dims m+1 and m+2: for a
    low-dimensional attractor D2 stays put (``converged``); for noise it
    grows with the dimension and ``converged`` is False.

    References
    ----------
    P. Grassberger and I. Procaccia, Phys. Rev. Lett. 50, 346 (1983); Physica D 9, 189 (1983).
    J. Theiler, Phys. Rev. A 34, 2427 (1986).
    F. Takens, Lecture Notes in Mathematics 1125, 99 (1985).
    R. Hegger, H. Kantz and T. Schreiber, Chaos 9, 413 (1999) (TISEAN).
    """
    x = check_series(x, min_size=100)
    if x.min() == x.max():
        raise ValueError("x is constant: all delay vectors coincide, so there is no dimension to estimate")
    from ..ordinal import scale_to_unit_magnitude

    # distances overflow beyond about 1e154 (the extent beyond 1e308) and vanish below 1e-154: an extreme series
    # is scaled by a power of two (exactly), and the radii given back in the data's units
    x, exponent = scale_to_unit_magnitude(x)
    lag = auto_lag(x) if lag is None else check_int(lag, "lag", 1)
    dim = auto_dim(x, lag, max_dim=max_dim) if dim is None else check_int(dim, "dim", 1, 30)
    theiler = auto_theiler(x) if theiler is None else check_int(theiler, "theiler", 0)
    extent = float(x.max() - x.min())
    count = int(DECADES * RADII_PER_DECADE) + 1
    radii = extent * np.logspace(-DECADES, 0, count)
    dims, sums = [], []
    for d in range(dim, dim + EXTRA_DIMS + 1):
        if x.size - (d - 1) * lag <= 2 * theiler + 2:
            break
        c, pairs = correlation_sum(delay_embedding(x, d, lag), radii, theiler, max_references)
        c = np.where(pairs >= MIN_PAIRS, c, np.nan)
        dims.append(d)
        sums.append(c)
    if not dims:
        raise ValueError(f"a series of {x.size} values is too short for dim={dim}, lag={lag}, theiler={theiler}")
    logr = np.log(radii)
    logc = np.log(sums[0])
    region = scaling_region(logr, logc)
    with np.errstate(over="ignore"):  # radii beyond the largest double (an extent near 2e308) are inf
        radii_out = np.ldexp(radii, exponent)
    result = CorrelationDimensionResult(math.nan, math.nan, None, None, None, dim, lag, theiler, None, radii_out,
                                        dims, sums)
    if region is None:
        result.reason = ("no scaling region: ln C(r) has no stretch of half a decade whose slopes agree within 10%"
                         " (too short a series, or noise)")
        return result
    a, b = region
    slope, intercept = np.polyfit(logr[a:b + 1], logc[a:b + 1], 1)
    resid = logc[a:b + 1] - (slope * logr[a:b + 1] + intercept)
    r2 = 1 - np.sum(resid ** 2) / np.sum((logc[a:b + 1] - logc[a:b + 1].mean()) ** 2)
    result.correlation_dimension = float(slope)
    result.fit_start, result.fit_end, result.fit_r2 = float(result.radii[a]), float(result.radii[b]), float(r2)
    result.takens_dimension = _takens(radii, np.nan_to_num(sums[0]), b)
    for d, c in zip(dims, sums):  # the same region at m+1, m+2 (where they have enough pairs)
        lc = np.log(c[a:b + 1])
        finite = np.isfinite(lc)
        if np.count_nonzero(finite) >= 3:
            result.slopes_by_dim[d] = float(np.polyfit(logr[a:b + 1][finite], lc[finite], 1)[0])
    others = [v for d, v in result.slopes_by_dim.items() if d > dim]
    if not others:
        result.reason = "convergence over dimensions not checked: dims m+1, m+2 have too few close pairs"
    if others:
        result.converged = bool(all(abs(v - slope) <= CONVERGED_TOLERANCE * slope for v in others))
        if not result.converged:
            listed = ", ".join(f"m={d}: {v:.3g}" for d, v in result.slopes_by_dim.items())
            result.reason = (f"D2 changes with the embedding dimension ({listed}): no plateau over dimensions, "
                             "as for noise; the value is not a dimension of an attractor")
    return result
