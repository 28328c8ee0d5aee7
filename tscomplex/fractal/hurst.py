"""The Hurst exponent by rescaled-range (R/S) analysis, with the Anis-Lloyd-Peters small-sample correction."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from .._validation import check_scales, check_series
from .dfa import fit_line

MIN_SCALE = 16


@dataclass(frozen=True)
class HurstResult:
    """H (corrected and plain), the scales fitted [fit_start, fit_end] and the R/S curve."""

    hurst_exponent: float
    hurst_exponent_uncorrected: float
    fit_start: int
    fit_end: int
    fit_r2: float
    scales: np.ndarray
    rescaled_range: np.ndarray
    expected_range: np.ndarray

    def as_record(self) -> dict:
        return {"hurst_exponent": self.hurst_exponent, "hurst_exponent_uncorrected": self.hurst_exponent_uncorrected,
                "hurst_fit_start": self.fit_start, "hurst_fit_end": self.fit_end, "hurst_fit_r2": self.fit_r2}


@njit(cache=True, nogil=True)
def _mean_rescaled_range(x, n):
    """Mean of R/S over the floor(N/n) non-overlapping segments of length n with S > 0 (NaN if none)."""
    total = 0.0
    used = 0
    for v in range(x.size // n):
        start = v * n
        mean = 0.0
        for t in range(n):
            mean += x[start + t]
        mean /= n
        z = 0.0
        zmin = 0.0
        zmax = 0.0
        ss = 0.0
        for t in range(n):
            d = x[start + t] - mean
            z += d
            zmin = min(zmin, z)
            zmax = max(zmax, z)
            ss += d * d
        s = math.sqrt(ss / n)
        if s > 0.0:
            total += (zmax - zmin) / s
            used += 1
    return total / used if used else np.nan


def expected_rescaled_range(n: int) -> float:
    """E[R/S](n) of iid Gaussian noise (Anis & Lloyd 1976, with Peters' (n - 1/2)/n factor)."""
    i = np.arange(1, n)
    head = (n - 0.5) / n
    if n <= 340:
        gamma = math.exp(math.lgamma((n - 1) / 2) - math.lgamma(n / 2)) / math.sqrt(math.pi)
    else:
        gamma = 1.0 / math.sqrt(n * math.pi / 2)
    return float(head * gamma * np.sum(np.sqrt((n - i) / i)))


def hurst_exponent(x, scales=None, corrected: bool = True) -> float:
    """The Hurst exponent H of a series by rescaled-range analysis.

    Parameters
    ----------
    x : array_like, 1-D
        The series (increments: white noise gives 0.5).
    scales : array_like of int, optional
        Segment lengths (default: about 10 per decade from 16 to N/4).
    corrected : bool, default True
        Subtract the R/S of white noise (Anis-Lloyd-Peters), which removes the
        small-sample bias that makes plain R/S give about 0.55 for noise.

    Returns
    -------
    float
        H; see :func:`hurst_result` for the fit range and the curve.

    Notes
    -----
    For each segment of length n: Z(t) = sum_{k<=t} (x_k - mean), R = max Z -
    min Z (Z(0) = 0 included), S the population SD; (R/S)(n) is the mean over
    the segments. Plain H is the slope of ln (R/S)(n) against ln n; the
    corrected H is 0.5 plus the slope of ln (R/S)(n) - ln E[R/S](n), with

        E[R/S](n) = (n - 1/2)/n · Gamma((n-1)/2) / (sqrt(pi) Gamma(n/2)) · sum_{i=1}^{n-1} sqrt((n-i)/i).

    References
    ----------
    H. E. Hurst, Trans. Am. Soc. Civ. Eng. 116, 770 (1951).
    A. A. Anis and E. H. Lloyd, Biometrika 63, 111 (1976); E. E. Peters,
    Fractal Market Analysis (Wiley, 1994).
    """
    result = hurst_result(x, scales)
    return result.hurst_exponent if corrected else result.hurst_exponent_uncorrected


def hurst_result(x, scales=None) -> HurstResult:
    """H with its fit range and R/S curve (see :func:`hurst_exponent`)."""
    x = check_series(x, min_size=3)
    if x.min() == x.max():
        raise ValueError("x is constant: its rescaled range is undefined")
    from ..ordinal import scale_to_unit_magnitude

    x, _ = scale_to_unit_magnitude(x)  # R/S is a ratio, but the SD behind it overflows or vanishes at extremes
    if scales is None:
        hi = x.size // 4
        if hi < MIN_SCALE:
            raise ValueError(f"a series of {x.size} values is too short for R/S analysis "
                             f"(at least {4 * MIN_SCALE} are needed)")
        count = max(2, int(round(math.log10(hi / MIN_SCALE) * 10)) + 1)
        scales = np.unique(np.round(np.geomspace(MIN_SCALE, hi, count)).astype(np.int64))
    else:
        scales = check_scales(scales)
        if scales[0] < 3 or scales[-1] > x.size:
            raise ValueError(f"scales must lie between 3 and the series length {x.size}")
    rs = np.array([_mean_rescaled_range(x, int(n)) for n in scales])
    expected = np.array([expected_rescaled_range(int(n)) for n in scales])
    use = np.isfinite(rs) & (rs > 0)
    if np.count_nonzero(use) < 2:
        raise ValueError("fewer than two scales have a defined rescaled range")
    logn = np.log(scales[use])
    plain = fit_line(logn, np.log(rs[use]))
    corrected = fit_line(logn, np.log(rs[use]) - np.log(expected[use]))
    picked = scales[use]
    return HurstResult(0.5 + corrected.slope, plain.slope, int(picked[0]), int(picked[-1]), plain.r2,
                       np.asarray(scales), rs, expected)
