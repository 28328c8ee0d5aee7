"""The 0-1 test for chaos (Gottwald & Melbourne): K near 1 for chaos, near 0 for regular dynamics.

The correlation method with the modified mean-square displacement (Gottwald &
Melbourne 2009). For a frequency c the series phi drives the translation
variables p_c(n) = sum_{j<=n} phi_j cos(jc), q_c(n) = sum_{j<=n} phi_j sin(jc):
bounded for regular dynamics, a diffusion (mean-square displacement growing
linearly in n) for chaos. K_c is the correlation of the displacement with n, and K
the median of K_c over random c in (pi/5, 4pi/5), which damps the resonances of
single frequencies.

The mean-square displacement for every n up to N/10 is a sum of N - n squared
differences; written as |z|^2 sums and the autocorrelation of z = p + iq, it costs
two FFTs per frequency (numba has no FFT, so that one step is scipy's) instead of
N * N/10 operations. The arithmetic around it runs in numba kernels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from .._validation import check_int, check_scalar, check_series, is_constant

#: K above this is read as chaos (Gottwald & Melbourne report K near 0 or near 1; 0.5 splits them)
CHAOS_THRESHOLD = 0.5
#: the frequencies c are drawn uniformly from this interval (Gottwald & Melbourne 2009, section 3)
FREQUENCY_RANGE = (math.pi / 5, 4 * math.pi / 5)
#: the fewest samples for which the test is computed (n runs to N/10: at least 10 displacements)
MIN_SAMPLES = 100
#: the default seed of the frequencies: the same series gives the same K unless a seed is asked for
DEFAULT_SEED = 0


@dataclass(frozen=True)
class ZeroOneResult:
    """The 0-1 test of one series.

    ``k`` is the median of ``k_per_frequency`` (NaN where no frequency gave a
    correlation); ``frequencies`` are the c's, in the order drawn; ``n_cut`` the
    largest displacement n (N // 10); ``chaotic`` is ``k > threshold``.
    """

    k: float
    k_per_frequency: np.ndarray
    frequencies: np.ndarray
    seed: int | None
    n: int
    n_cut: int
    threshold: float = CHAOS_THRESHOLD

    @property
    def chaotic(self) -> bool | None:
        return None if not math.isfinite(self.k) else bool(self.k > self.threshold)


@njit(cache=True, nogil=True)
def _translation(phi, c):
    """z(n) = p_c(n) + i q_c(n) = sum_{j=1}^{n} phi_j e^{ijc}, n = 1 .. N (phi_1 is phi[0]).

    e^{ijc} is advanced by one rotation per step and taken afresh from cos and sin
    every 256 steps, so rounding never builds up over a long series.
    """
    z = np.empty(phi.size, dtype=np.complex128)
    step_re = math.cos(c)
    step_im = math.sin(c)
    p = 0.0
    q = 0.0
    re = 0.0
    im = 0.0
    for j in range(phi.size):
        if j % 256 == 0:
            angle = (j + 1) * c
            re = math.cos(angle)
            im = math.sin(angle)
        else:
            re, im = re * step_re - im * step_im, re * step_im + im * step_re
        p += phi[j] * re
        q += phi[j] * im
        z[j] = complex(p, q)
    return z


@njit(cache=True, nogil=True)
def _modified_displacement(z, lagged, n_cut, c, mean_phi):
    """D_c(n) = M_c(n) - V_osc(c, n), n = 1 .. n_cut, from z and lagged[n] = Re sum_j conj(z_j) z_{j+n}.

    M_c(n) = 1/(N-n) sum_{j=1}^{N-n} |z(j+n) - z(j)|^2 and V_osc = (E phi)^2 (1 - cos nc) / (1 - cos c).
    """
    size = z.size
    squares = np.empty(size + 1)  # squares[k] = sum_{j<k} |z_j|^2
    squares[0] = 0.0
    for j in range(size):
        squares[j + 1] = squares[j] + z[j].real * z[j].real + z[j].imag * z[j].imag
    out = np.empty(n_cut)
    scale = mean_phi * mean_phi / (1.0 - math.cos(c))
    for n in range(1, n_cut + 1):
        head = squares[size - n]  # |z_j|^2 over j < N - n
        tail = squares[size] - squares[n]  # |z_{j+n}|^2 over the same j
        msd = (head + tail - 2.0 * lagged[n]) / (size - n)
        out[n - 1] = msd - scale * (1.0 - math.cos(n * c))
    return out


@njit(cache=True, nogil=True)
def _correlation_with_n(d):
    """Pearson correlation of (1, 2, ..., len(d)) with d; NaN when d does not vary."""
    m = d.size
    mean_n = (m + 1) / 2.0
    mean_d = 0.0
    for i in range(m):
        mean_d += d[i]
    mean_d /= m
    sxy = 0.0
    syy = 0.0
    sxx = 0.0
    for i in range(m):
        a = (i + 1) - mean_n
        b = d[i] - mean_d
        sxy += a * b
        syy += b * b
        sxx += a * a
    if syy <= 0.0:
        return np.nan
    return sxy / math.sqrt(sxx * syy)


def translation_variables(x, c: float) -> tuple[np.ndarray, np.ndarray]:
    """The translation variables (p_c(n), q_c(n)), n = 1 .. N, of the 0-1 test at frequency ``c``.

    Bounded for regular dynamics, Brownian-like for chaos: the picture
    Gottwald & Melbourne draw to show what K measures.

    Examples
    --------
    >>> p, q = translation_variables([1.0, 0.0, -1.0], c=math.pi / 2)
    >>> np.round(p, 12).tolist(), np.round(q, 12).tolist()
    ([0.0, 0.0, 0.0], [1.0, 1.0, 2.0])
    """
    x = check_series(x, "x", min_size=1)
    c = check_scalar(c, "c", 0.0, math.pi, include_min=False, include_max=False)
    z = _translation(x, c)
    return z.real.copy(), z.imag.copy()


def modified_displacement(x, c: float, n_cut: int | None = None) -> np.ndarray:
    """D_c(n) = M_c(n) - V_osc(c, n) for n = 1 .. n_cut (default N // 10): the curve K_c correlates with n."""
    x = check_series(x, "x", min_size=2)
    c = check_scalar(c, "c", 0.0, math.pi, include_min=False, include_max=False)
    n_cut = _n_cut(x.size, n_cut)
    return _displacement(x, c, n_cut, _fft_length(x.size, n_cut))


def _n_cut(size, n_cut):
    if n_cut is None:
        return max(1, size // 10)
    return check_int(n_cut, "n_cut", 2, size - 1)


def _fft_length(size, n_cut):
    from scipy.fft import next_fast_len

    return next_fast_len(size + n_cut)  # no circular wrap for lags up to n_cut


def _displacement(x, c, n_cut, length):
    from scipy.fft import fft, irfft

    z = _translation(x, c)
    spectrum = fft(z, length)
    # sum_j conj(z_j) z_{j+n} is the inverse transform of |Z|^2; only its real part is needed, which is the
    # inverse transform of the even part of |Z|^2: a real (half-length) inverse FFT
    power = spectrum.real * spectrum.real
    power += spectrum.imag * spectrum.imag
    half = length // 2 + 1
    even = 0.5 * (power[:half] + power[(-np.arange(half)) % length])
    lagged = irfft(even, length)[: n_cut + 1]
    return _modified_displacement(z, lagged, n_cut, c, float(x.mean()))


def zero_one_test(x, n_c: int = 100, seed: int | None = DEFAULT_SEED, frequencies=None,
                  n_cut: int | None = None, threshold: float = CHAOS_THRESHOLD) -> ZeroOneResult:
    """The 0-1 test for chaos: K near 1 for chaotic, near 0 for regular dynamics.

    Parameters
    ----------
    x : array_like, 1-D
        The series phi_1 .. phi_N (finite, not constant, at least 100 values).
        A flow must be sampled coarsely enough: see Notes.
    n_c : int, default 100
        Number of random frequencies c.
    seed : int or None, default 0
        Seed of the frequencies (numpy's ``default_rng``); the same seed gives
        the same K. None draws fresh ones.
    frequencies : array_like, optional
        The c's themselves, each in (0, pi); then ``n_c`` and ``seed`` are unused.
    n_cut : int, optional
        Largest displacement n (default N // 10, as Gottwald & Melbourne).
    threshold : float, default 0.5
        ``result.chaotic`` is K > threshold.

    Returns
    -------
    ZeroOneResult
        ``k``, ``k_per_frequency``, ``frequencies``, ``seed``, ``n_cut``, ``chaotic``.

    Notes
    -----
    For each c: p_c(n) = sum_{j=1}^n phi_j cos(jc), q_c(n) = sum_{j=1}^n phi_j sin(jc);
    M_c(n) = 1/(N-n) sum_{j=1}^{N-n} [p_c(j+n) - p_c(j)]^2 + [q_c(j+n) - q_c(j)]^2;
    the modified displacement D_c(n) = M_c(n) - (E phi)^2 (1 - cos nc) / (1 - cos c)
    removes the oscillating term that the mean of phi adds; K_c is the correlation
    coefficient of (1, .., n_cut) with (D_c(1), .., D_c(n_cut)), and K = median_c K_c
    over c uniform in (pi/5, 4pi/5).

    Known weaknesses. An oversampled flow (many samples per turn of the
    orbit) looks regular on the scale of one step and K comes out low or
    erratic: sample it coarser, at the ideal delay ``tscomplex sweep``
    reports (about 0.4 of the natural period over d - 1 steps). Measurement
    noise makes p_c, q_c diffuse for any dynamics, so K creeps towards 1 for a
    noisy periodic signal; K tells bounded from diffusive, not chaos from noise.

    References
    ----------
    G. A. Gottwald and I. Melbourne, Proc. R. Soc. Lond. A 460, 603 (2004).
    G. A. Gottwald and I. Melbourne, SIAM J. Appl. Dyn. Syst. 8, 129 (2009).

    Examples
    --------
    >>> x = np.empty(5000); x[0] = 0.1
    >>> for i in range(4999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> result = zero_one_test(x, seed=1)
    >>> bool(result.k > 0.9), result.chaotic
    (True, True)
    >>> bool(zero_one_test(np.sin(0.3 * np.arange(5000))).k < 0.1)
    True
    """
    x = check_series(x, "x", min_size=MIN_SAMPLES)
    if is_constant(x):
        raise ValueError("x is constant: the 0-1 test needs a varying series")
    from ..ordinal import scale_to_unit_magnitude

    # K is a correlation, free of the amplitude, but the power spectrum behind the displacement overflows beyond
    # about 1e154 and underflows below 1e-154: an extreme series is scaled by a power of two (exactly) first
    x, _ = scale_to_unit_magnitude(x)
    threshold = check_scalar(threshold, "threshold", 0.0, 1.0)
    if frequencies is None:
        n_c = check_int(n_c, "n_c", 1)
        if seed is not None:
            seed = check_int(seed, "seed", 0)
        frequencies = np.random.default_rng(seed).uniform(*FREQUENCY_RANGE, n_c)
    else:
        frequencies = np.atleast_1d(np.asarray(frequencies, dtype=float))
        if frequencies.ndim != 1 or frequencies.size == 0:
            raise ValueError("frequencies must be a non-empty 1-D list of numbers")
        for c in frequencies:
            check_scalar(float(c), "frequencies", 0.0, math.pi, include_min=False, include_max=False)
        seed = None
    n_cut = _n_cut(x.size, n_cut)
    length = _fft_length(x.size, n_cut)
    per_c = np.array([_correlation_with_n(_displacement(x, float(c), n_cut, length)) for c in frequencies])
    finite = per_c[np.isfinite(per_c)]
    k = float(np.median(finite)) if finite.size else math.nan
    return ZeroOneResult(k=k, k_per_frequency=per_c, frequencies=frequencies, seed=seed, n=int(x.size),
                         n_cut=int(n_cut), threshold=threshold)
