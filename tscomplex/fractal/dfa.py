"""Detrended fluctuation analysis (DFA) of order 1..3: the fluctuation function F(n) and its exponent alpha."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from .._validation import check_int, check_scales, check_series

MAX_ORDER = 3
SCALES_PER_DECADE = 10
MIN_SEGMENTS = 10  # the largest default scale leaves at least this many segments in each direction


@dataclass(frozen=True)
class LineFit:
    slope: float
    intercept: float
    r2: float


def fit_line(logx: np.ndarray, logy: np.ndarray) -> LineFit:
    """Least-squares line through (logx, logy), with r^2."""
    slope, intercept = np.polyfit(logx, logy, 1)
    resid = logy - (slope * logx + intercept)
    ss = float(np.sum((logy - logy.mean()) ** 2))
    return LineFit(float(slope), float(intercept), 1.0 - float(np.sum(resid ** 2)) / ss if ss > 0 else 0.0)


@dataclass(frozen=True)
class DFAResult:
    """alpha, the fit range [fit_start, fit_end] (scales in samples) and the curve F(n) it was fitted to."""

    alpha: float
    order: int
    fit_start: int
    fit_end: int
    fit_r2: float
    intercept: float
    scales: np.ndarray
    fluctuation: np.ndarray
    fit_regime: str = "given"  # "all" or "long" (automatic), or "given" (fit_range set)
    fit_reason: str = "fit range given"
    crossover: float | None = None  # scale in samples where the two regimes' lines meet
    alpha_short: float | None = None
    alpha_long: float | None = None

    def as_record(self) -> dict:
        return {"dfa_alpha": self.alpha, "dfa_order": self.order, "dfa_fit_start": self.fit_start,
                "dfa_fit_end": self.fit_end, "dfa_fit_r2": self.fit_r2, "dfa_fit_regime": self.fit_regime,
                "dfa_fit_reason": self.fit_reason, "dfa_crossover": self.crossover,
                "dfa_alpha_short": self.alpha_short, "dfa_alpha_long": self.alpha_long}


def default_scales(n: int, order: int = 1, min_scale: int | None = None, max_scale: int | None = None) -> np.ndarray:
    """About 10 log-spaced integer scales per decade from 4(order+1)+2 samples to N / 10."""
    lo = min_scale if min_scale is not None else 4 * (order + 1) + 2
    hi = max_scale if max_scale is not None else n // MIN_SEGMENTS
    if hi < lo:
        raise ValueError(f"a series of {n} values is too short for scales from {lo} to {hi} "
                         f"(DFA of order {order} needs at least {MIN_SEGMENTS * lo} values)")
    count = max(2, int(round(math.log10(hi / lo) * SCALES_PER_DECADE)) + 1)
    return np.unique(np.round(np.geomspace(lo, hi, count)).astype(np.int64))


def _basis(n: int, order: int) -> np.ndarray:
    """Orthonormal polynomial basis of degree <= order on t = 0..n-1 (n x (order+1)), from a QR."""
    t = (np.arange(n) - (n - 1) / 2.0) / n
    q, _ = np.linalg.qr(np.vander(t, order + 1, increasing=True))
    return np.ascontiguousarray(q)


@njit(cache=True, nogil=True)
def segment_variances(profile, n, basis):
    """Residual variance of the profile around its polynomial fit in each segment of length n.

    Segments are cut from the start and again from the end (Kantelhardt et
    al. 2002), 2 floor(N/n) in all, so no sample is left out when n does not
    divide N.
    """
    size = profile.size
    ns = size // n
    p = basis.shape[1]
    out = np.empty(2 * ns)
    coef = np.empty(p)
    for v in range(2 * ns):
        start = v * n if v < ns else size - (v - ns + 1) * n
        for k in range(p):
            acc = 0.0
            for t in range(n):
                acc += basis[t, k] * profile[start + t]
            coef[k] = acc
        ss = 0.0
        for t in range(n):
            fit = 0.0
            for k in range(p):
                fit += basis[t, k] * coef[k]
            r = profile[start + t] - fit
            ss += r * r
        out[v] = ss / n
    return out


def profile_of(x) -> np.ndarray:
    """Y(i) = sum_{k<=i} (x_k - mean x)."""
    return np.cumsum(x - np.mean(x))


def segment_variance_table(x: np.ndarray, scales: np.ndarray, order: int) -> list[np.ndarray]:
    """F^2(v, n) for every scale: one array of segment variances per scale."""
    profile = profile_of(x)
    return [segment_variances(profile, int(n), _basis(int(n), order)) for n in scales]


def dfa(x, order: int = 1, scales=None, fit_range=None) -> DFAResult:
    """Detrended fluctuation analysis: the scaling exponent alpha of F(n) ~ n^alpha.

    Parameters
    ----------
    x : array_like, 1-D
        The series (increments, not a random walk: white noise gives 0.5).
    order : int, default 1
        Order of the detrending polynomial (DFA-1 .. DFA-3).
    scales : array_like of int, optional
        Segment lengths n in samples (default: about 10 per decade, log
        spaced, from 4(order+1)+2 to N/10).
    fit_range : (int, int) or "all", optional
        Fit only the scales in [lo, hi], or ``"all"`` scales. Default: all
        scales unless the curve has a crossover (see Notes), in which case
        the scales above it.

    Returns
    -------
    DFAResult
        ``alpha``, the fit range actually used (``fit_start``, ``fit_end``, in
        samples) and its r², the curve (``scales``, ``fluctuation``), and how
        the range was chosen: ``fit_regime`` ("all", "long" or "given"), ``fit_reason``, and with a crossover its scale
        ``crossover`` and both exponents ``alpha_short``, ``alpha_long``.

    Notes
    -----
    The profile is Y(i) = sum_{k<=i} (x_k - <x>). It is cut into floor(N/n)
    segments from the start and as many from the end; in each segment v a
    polynomial of degree ``order`` is fitted to Y and F^2(v, n) is the mean
    squared residual. Then

        F(n) = sqrt( (1 / 2N_s) sum_v F^2(v, n) ),

    and alpha is the least-squares slope of ln F(n) against ln n. alpha = 0.5
    for white noise, 1 for 1/f noise, 1.5 for Brownian motion.

    Automatic fit range: one line and the best two-line split of ln F
    against ln n are compared (:mod:`tscomplex.fractal.crossover`). With at
    least 6 scales on each side, slopes differing by 0.3 or more and the two
    lines leaving at most a tenth of the one line's squared residual, the
    curve has a crossover: both exponents are reported and alpha is fitted
    over the long-scale regime, the same side for every series.

    References
    ----------
    C.-K. Peng et al., Phys. Rev. E 49, 1685 (1994).
    J. W. Kantelhardt et al., Physica A 295, 441 (2001).

    Examples
    --------
    >>> x = np.random.default_rng(0).standard_normal(100_000)
    >>> round(dfa(x).alpha, 1)
    0.5
    """
    x = check_series(x, min_size=3)
    order = check_int(order, "order", 1, MAX_ORDER)
    scales = default_scales(x.size, order) if scales is None else check_scales(scales)
    if scales[0] < order + 2:
        raise ValueError(f"scales must be at least order + 2 = {order + 2} samples, got {int(scales[0])}")
    if scales[-1] > x.size // 2:
        raise ValueError(f"the largest scale ({int(scales[-1])}) is more than half the series ({x.size} values)")
    if x.min() == x.max():
        raise ValueError("x is constant: its fluctuation function is zero at every scale")
    from ..ordinal import scale_to_unit_magnitude

    # the squared residuals overflow beyond about 1e154 and vanish below 1e-154: an extreme series is scaled by a
    # power of two (exactly), and F(n) scaled back into the data's units
    x, exponent = scale_to_unit_magnitude(x)
    variances = segment_variance_table(x, scales, order)
    fluctuation = np.ldexp(np.array([math.sqrt(float(np.mean(v))) for v in variances]), exponent)
    return _fit(scales, fluctuation, order, fit_range)


def _fit(scales, fluctuation, order, fit_range) -> DFAResult:
    scales = np.asarray(scales)
    auto = fit_range is None
    if auto or (isinstance(fit_range, str) and fit_range == "all"):
        lo, hi = int(scales[0]), int(scales[-1])
    elif isinstance(fit_range, str):
        raise ValueError(f"fit_range must be 'all' or (lo, hi), got {fit_range!r}")
    else:
        lo, hi = int(fit_range[0]), int(fit_range[1])
    use = (scales >= lo) & (scales <= hi) & (fluctuation > 0)
    if np.count_nonzero(use) < 2:
        raise ValueError(f"fewer than two scales with F(n) > 0 lie in the fit range {lo}..{hi}")
    if auto:
        use, extra = automatic_fit_range(scales, fluctuation, use)
    elif isinstance(fit_range, str):
        extra = {"fit_regime": "all", "fit_reason": "all scales asked for"}
    else:
        extra = {"fit_regime": "given", "fit_reason": "fit range given"}
    line = fit_line(np.log(scales[use]), np.log(fluctuation[use]))
    picked = scales[use]
    return DFAResult(line.slope, order, int(picked[0]), int(picked[-1]), line.r2, line.intercept,
                     scales, fluctuation, **extra)


def automatic_fit_range(scales, fluctuation, use):
    """(scales to fit, DFAResult fields saying why): all of them, or one side of a crossover."""
    from .crossover import MIN_POINTS, find_crossover

    index = np.flatnonzero(use)
    if index.size < 2 * MIN_POINTS:
        return use, {"fit_regime": "all",
                     "fit_reason": f"all scales: {index.size} are too few to look for a crossover "
                                   f"(needs {2 * MIN_POINTS})"}
    found = find_crossover(np.log(scales[index]), np.log(fluctuation[index]))
    if found is None:
        return use, {"fit_regime": "all", "fit_reason": "all scales: no crossover"}
    # Always the long side, so that a batch of series is fitted on the same side whatever its crossover
    # scale (choosing the wider side made alpha jump from one regime to the other as the crossover moved).
    regime = "long"
    chosen = np.zeros_like(use)
    chosen[index[found.split:]] = True
    reason = (f"crossover near n = {found.scale:.0f}: alpha {found.slope_short:.2f} below, "
              f"{found.slope_long:.2f} above; fitted the long-scale regime ({index.size - found.split} of "
              f"{index.size} scales)")
    return chosen, {"fit_regime": regime, "fit_reason": reason, "crossover": float(found.scale),
                    "alpha_short": found.slope_short, "alpha_long": found.slope_long}
