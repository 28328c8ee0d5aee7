"""The scaling region of a divergence curve: the largest straight, rising stretch, found deterministically."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from .._validation import check_int
from ..embedding import mean_period

SLOPE_TOLERANCE = 0.25  # local slopes in the scaling region agree with the fitted slope within this fraction
SATURATION_FRACTION = 0.9  # the curve is cut where it has risen this fraction of the way to its plateau
MIN_REGION_STEPS = 3  # a scaling region spans at least this many local slopes
MIN_REGION_RISE = 1.0  # ... and the curve rises at least this much (in ln units, about one e-fold) over it


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
    smooth = check_int(smooth, "smooth", 1)
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


def slope_windows(x, lag: int, theiler: int) -> tuple[int, ...]:
    """Steps over which local slopes are taken: the first for the saturation test, all tried in turn by the fit.

    A map (lag 1) is taken step by step. A flow's divergence rate swings with the phase of
    the orbit (Rossler's curve rises in steps, one a turn), so its slopes are taken over a
    quarter of the Theiler window, and when no stretch qualifies there, over one whole mean
    period, which averages the swing out.
    """
    if lag <= 1:
        return (1,)
    smooth = max(1, int(round(theiler / 4)))
    return smooth, max(smooth, int(round(mean_period(x))))


def fit_scaling_region(curve, windows, first: int = 0) -> tuple[ScalingRegion | None, int]:
    """The scaling region found with the first slope window that has one, and that window (else the last).

    Steps before ``first`` (the noise jump at k = 0, see :func:`.flag.noise_jump`) are left out of the search.
    """
    for window in dict.fromkeys(windows):
        region = scaling_region(curve[first:], smooth=window)
        if region is not None:
            if first:
                region = ScalingRegion(region.start + first, region.end + first, region.slope,
                                       region.intercept - region.slope * first, region.r2)
            return region, window
    return None, windows[-1]
