"""The natural timescale t_nat of a series: mean-crossing, maxima and spectral-peak estimates (PECCARY's tNatApprox)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from .._validation import check_choice, check_scalar, check_series
from ..options import T_NAT_METHODS


@dataclass(frozen=True)
class NaturalTimescale:
    """A series' natural timescale, the method that gave it, and every method's estimate (time units)."""

    t_nat: float
    method: str
    crossings: float
    maxima: float
    spectrum: float


def natural_timescale(x, dt: float = 1.0, method: str = "auto") -> NaturalTimescale:
    """Natural timescale t_nat of a series: its typical period, in the units of ``dt``.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series (finite values).
    dt : float
        Sampling interval.
    method : {"auto", "crossings", "maxima", "spectrum"}
        ``crossings``: twice the mean spacing of the crossings of the mean,
        with hysteresis: a crossing counts once the series has moved from
        below mean - s/4 to above mean + s/4 or back (s: standard
        deviation), so noise jittering about the mean adds no crossings.
        PECCARY's default ("ncross") counts every sign change over the
        duration. ``maxima``: mean spacing of local maxima (a flat top
        counts once). ``spectrum``: 1 / frequency of the highest
        periodogram peak above zero frequency. ``auto`` uses the spectral
        peak when it stands out (its 5 bins hold at least 20% of the
        power, as for a periodic signal even under strong noise), else the
        crossings when there are at least 4 (two cycles), else the
        spectral peak.

    Returns
    -------
    NaturalTimescale
        ``t_nat``, ``method`` (the one used) and the estimates of all three
        methods (NaN where a method has too few events).

    Notes
    -----
    All three agree for a clean sine wave. Under noise, maxima follow the
    noise's wiggles and crossings need the hysteresis band; for chaos and
    broad spectra the spectral peak is erratic and the crossings give the
    period of the dominant oscillation.

    References
    ----------
    S. M. Hyman, K. J. Daniel, D. A. Schaffner, PECCARY (2024), ``tNatApprox``.

    Examples
    --------
    >>> import numpy as np
    >>> ts = natural_timescale(np.sin(2 * np.pi * np.arange(10_000) / 100), dt=0.01)
    >>> ts.method, round(ts.t_nat, 6), round(ts.crossings, 6)
    ('spectrum', 1.0, 1.0)
    """
    method = check_choice(method, "method", ("auto",) + T_NAT_METHODS)
    dt = check_scalar(dt, "dt", 0.0, include_min=False)
    x = check_series(x, "x", min_size=3)
    from ..ordinal import scale_to_unit_magnitude

    x, _ = scale_to_unit_magnitude(x)  # timescales do not depend on the amplitude; squares of 1e300 overflow
    at = _mean_crossings(x)
    n_cross = int(at.size)
    crossings = 2.0 * float(np.mean(np.diff(at))) * dt if n_cross >= 2 else math.nan
    maxima = _mean_maxima_spacing(x) * dt
    period, share = _spectral_peak(x)
    spectrum = period * dt
    if method == "auto":
        method = "spectrum" if share >= SPECTRAL_PEAK_SHARE or n_cross < 4 else "crossings"
    t_nat = {"crossings": crossings, "maxima": maxima, "spectrum": spectrum}[method]
    if not math.isfinite(t_nat):
        raise ValueError(f"cannot estimate a natural timescale by {method}: the series has too few "
                         f"{'crossings' if method == 'crossings' else 'maxima' if method == 'maxima' else 'variation'}")
    return NaturalTimescale(float(t_nat), method, float(crossings), float(maxima), float(spectrum))


#: Half-width of the hysteresis band of the crossing count, in standard deviations.
CROSSING_HYSTERESIS = 0.25


def _mean_crossings(x: np.ndarray) -> np.ndarray:
    """Times (in samples) of the crossings of the mean, with a hysteresis band of +-0.25 std.

    Samples inside the band keep the previous state; each change of state is
    timed at the mean crossing, interpolated, inside the stretch of samples
    between the two states.
    """
    return crossing_times(x, x.mean(), CROSSING_HYSTERESIS * x.std())


def crossing_times(x: np.ndarray, mean: float, band: float) -> np.ndarray:
    """:func:`_mean_crossings` with the mean and the half-width of the band given (a chunked series knows
    them from an earlier pass)."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.empty(max(x.size - 1, 0))  # at most one change of state between neighbouring samples
    return out[:_crossing_kernel(x, float(mean), float(band), out)].copy()


@njit(cache=True, nogil=True)
def _crossing_kernel(x, mean, band, out):
    """One pass: at each change of hysteresis state, the middle sign change of x - mean since the last
    decided sample, interpolated linearly; returns how many times it wrote to ``out``."""
    upper = mean + band
    lower = mean - band
    state = 0
    last = 0
    m = 0
    for t in range(x.shape[0]):
        v = x[t]
        s = 1 if v > upper else (-1 if v < lower else 0)
        if s == 0:
            continue
        if state != 0 and s != state:
            # every sign change of x - mean lies between samples f and f+1, last <= f < t; there is at least one
            count = 0
            for f in range(last, t):
                if (x[f] >= mean) != (x[f + 1] >= mean):
                    count += 1
            target = count // 2
            for f in range(last, t):
                if (x[f] >= mean) != (x[f + 1] >= mean):
                    if target == 0:
                        lo = x[f] - mean
                        hi = x[f + 1] - mean
                        out[m] = f + lo / (lo - hi)
                        m += 1
                        break
                    target -= 1
        state = s
        last = t
    return m


def _mean_maxima_spacing(x: np.ndarray) -> float:
    """Mean distance in samples between local maxima; a plateau peak counts once, at its middle."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.empty(max(x.size // 2, 1))  # a maximum needs a lower sample on each side
    centers = out[:_maxima_kernel(x, out)]
    return float(np.mean(np.diff(centers))) if centers.size >= 2 else math.nan


@njit(cache=True, nogil=True)
def _maxima_kernel(x, out):
    """One pass over the runs of equal values: a run higher than the runs on both sides is a maximum,
    at the middle of the run; returns how many centres it wrote to ``out``."""
    m = 0
    have_before = False
    before = 0.0  # the value of the run before the current one
    start = 0  # the current run: samples start .. i-1, value x[start]
    for i in range(1, x.shape[0]):
        if x[i] == x[i - 1]:
            continue
        value = x[start]  # the current run ends at i-1; the last run has none after it, so is never a maximum
        if have_before and value > before and value > x[i]:
            out[m] = 0.5 * (start + (i - 1))
            m += 1
        before = value
        have_before = True
        start = i
    return m


#: auto uses the spectral peak when the 5 periodogram bins around it hold this share of the power.
SPECTRAL_PEAK_SHARE = 0.2


def _spectral_peak(x: np.ndarray) -> tuple[float, float]:
    """(period in samples, share of the power in the 5 bins around it) of the highest periodogram peak."""
    power = np.abs(np.fft.rfft((x - x.mean()) * np.hanning(x.size)))[1:] ** 2
    return peak_of_power(power, x.size)


def peak_of_power(power: np.ndarray, length: int) -> tuple[float, float]:
    """(period in samples, share of the power in the 5 bins around it) of the highest peak of a one-sided
    power spectrum without its zero-frequency bin, over records of ``length`` samples."""
    if power.size < 1 or not power.max() > 0:
        return math.nan, 0.0
    k = int(np.argmax(power))
    share = float(power[max(0, k - 2):k + 3].sum() / power.sum())
    freq = k + 1.0  # cycles per record
    if 0 < k < power.size - 1 and np.all(power[k - 1:k + 2] > 0):
        # vertex of the parabola through the log powers of the peak and its neighbours (Gaussian interpolation)
        a, b, c = np.log(power[k - 1:k + 2])
        if a - 2 * b + c < 0:
            freq += 0.5 * (a - c) / (a - 2 * b + c)
    return length / freq, share

