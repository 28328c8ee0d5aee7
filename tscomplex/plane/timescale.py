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
    spectral_exponent: float = math.nan  #: beta of a P(f) ~ f^-beta fit of the periodogram (NaN: too short)
    reason: str | None = None  #: why t_nat is NaN (method "power_law")
    warning: str | None = None  #: t_nat over a tenth of the record, or a power-law spectrum


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
        periodogram peak above zero frequency. ``auto`` first looks for a
        red power-law spectrum (:func:`power_law_spectrum`: a straight
        log-log periodogram, P ~ f^-beta with beta >= 0.8, and no peak
        standing 10 times above the line): such a series (red, brown noise,
        a random walk) has no natural timescale, its "peak" is the lowest
        frequency bin, and ``auto`` gives t_nat = NaN, method
        ``power_law`` and the reason. Otherwise it uses the spectral
        peak when it stands out (its 5 bins hold at least 20% of the
        power, as for a periodic signal even under strong noise), else the
        crossings when there are at least 4 (two cycles), else the
        spectral peak.

    Returns
    -------
    NaturalTimescale
        ``t_nat``, ``method`` (the one used) and the estimates of all three
        methods (NaN where a method has too few events), the fitted
        ``spectral_exponent``, the ``reason`` when t_nat is NaN, and a
        ``warning`` when t_nat exceeds a tenth of the record (then the
        ideal delay spans a large part of the record and leaves few
        independent windows) or the spectrum is a power law.

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
    power = _periodogram(x)
    period, share = peak_of_power(power, x.size)
    spectrum = period * dt
    law = power_law_spectrum(power)
    chosen, reason = choose_method(method, law, share, n_cross)
    if reason is not None:
        return NaturalTimescale(math.nan, chosen, float(crossings), float(maxima), float(spectrum),
                                law.exponent, reason, reason)
    t_nat = {"crossings": crossings, "maxima": maxima, "spectrum": spectrum}[chosen]
    if not math.isfinite(t_nat):
        raise ValueError(f"cannot estimate a natural timescale by {chosen}: the series has too few "
                         f"{'crossings' if chosen == 'crossings' else 'maxima' if chosen == 'maxima' else 'variation'}")
    return NaturalTimescale(float(t_nat), chosen, float(crossings), float(maxima), float(spectrum), law.exponent,
                            None, long_timescale_warning(t_nat, (x.size - 1) * dt, chosen))


#: A natural timescale longer than this share of the record is warned about.
LONG_T_NAT = 0.1


def long_timescale_warning(t_nat: float, duration: float, method: str) -> str | None:
    """The warning for a t_nat over :data:`LONG_T_NAT` of the record's duration, or None."""
    if not duration > 0 or t_nat <= LONG_T_NAT * duration:
        return None
    return (f"t_nat = {t_nat:.4g} (by {method}) is {t_nat / duration:.2g} of the record, more than "
            f"{LONG_T_NAT:g}: the record holds few natural cycles, so t_nat and the ideal tau are uncertain")


def choose_method(method: str, law: "PowerLaw", share: float, n_cross: int) -> tuple[str, str | None]:
    """(the method ``auto`` stands for, or ``method`` itself; the reason t_nat is NaN, or None) - the rule of
    :func:`natural_timescale`, shared with the chunked reader."""
    if method != "auto":
        return method, None
    if law.is_power_law:
        return "power_law", (f"the spectrum is a power law (P ~ f^-{law.exponent:.2f}, a straight log-log "
                             f"periodogram with no peak {PEAK_OVER_FIT:g} times above it): red noise has no "
                             f"natural timescale, so t_nat and the ideal tau are null")
    return ("spectrum" if share >= SPECTRAL_PEAK_SHARE or n_cross < 4 else "crossings"), None


@dataclass(frozen=True)
class PowerLaw:
    """A straight-line fit of the log-log periodogram: P ~ f^-exponent."""

    exponent: float  #: beta (NaN: too few bins to fit)
    rms: float  #: rms distance of the band means from the line, in decades
    peak_ratio: float  #: the largest 5-bin power over the line's 5-bin power
    is_power_law: bool


#: A spectrum is a red power law when its fitted exponent is at least this (pink noise is 1)...
RED_EXPONENT = 0.8
#: ...its log-log band means lie within this rms (decades) of the line (a band of >= 4 bins scatters by
#: about 0.22 decades, a broad hump or a white-noise floor bends the line by much more)...
STRAIGHT_RMS = 0.3
#: ...and no 5 neighbouring bins hold this many times the line's power (a periodic component does).
PEAK_OVER_FIT = 30.0
#: Fewest positive-frequency bins to fit a line to, and the fewest bins in a band.
MIN_FIT_BINS = 32
BAND_BINS = 8


def power_law_spectrum(power: np.ndarray) -> PowerLaw:
    """Fit log10 P = a - beta log10 k to the band means of a periodogram without its zero bin (bins k = 1..m).

    Bands are spaced logarithmically (20 per record, at least 4 bins each),
    so each decade of frequency counts alike and the chi-squared scatter of
    single bins averages out.
    """
    power = np.asarray(power, dtype=np.float64)
    m = power.size
    if m < MIN_FIT_BINS or not np.all(np.isfinite(power)) or not power.max() > 0:
        return PowerLaw(math.nan, math.nan, math.nan, False)
    edges = [1]
    for edge in np.geomspace(1, m + 1, 21)[1:]:
        if edge >= edges[-1] + BAND_BINS:
            edges.append(int(round(edge)))
    edges[-1] = m + 1
    k = np.arange(1, m + 1, dtype=np.float64)
    centres = np.array([math.sqrt(a * (b - 1)) for a, b in zip(edges[:-1], edges[1:])])
    means = np.array([power[a - 1:b - 1].mean() for a, b in zip(edges[:-1], edges[1:])])
    if centres.size < 4 or not np.all(means > 0):
        return PowerLaw(math.nan, math.nan, math.nan, False)
    slope, intercept = np.polyfit(np.log10(centres), np.log10(means), 1)
    rms = float(np.sqrt(np.mean((np.log10(means) - (intercept + slope * np.log10(centres))) ** 2)))
    line = 10.0 ** intercept * k ** slope
    five = np.ones(5)
    ratio = float(np.max(np.convolve(power, five, "valid") / np.convolve(line, five, "valid")))
    exponent = float(-slope)
    return PowerLaw(exponent, rms, ratio, exponent >= RED_EXPONENT and rms <= STRAIGHT_RMS and ratio < PEAK_OVER_FIT)


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
    return peak_of_power(_periodogram(x), x.size)


def _periodogram(x: np.ndarray) -> np.ndarray:
    """Hann-windowed periodogram of the series less its mean, without the zero-frequency bin."""
    return np.abs(np.fft.rfft((x - x.mean()) * np.hanning(x.size)))[1:] ** 2


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

