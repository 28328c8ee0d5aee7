"""The embedding delay: auto mutual information, autocorrelation, and the delay chosen from them."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_choice, check_int
from ..options import LAG_METHODS
from .delay import _as_unit_series


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
    bins = check_int(bins, "bins", 2)
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
    x = _as_unit_series(x)
    max_lag = check_int(max_lag, "max_lag", 0)
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
    x = _as_unit_series(x)
    check_choice(method, "lag_method", LAG_METHODS)
    if max_lag is None:
        max_lag = int(min(1000, max(2, x.size // 10)))
    max_lag = check_int(max_lag, "max_lag", 1)
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
        bins = check_int(bins, "bins", 2)
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
