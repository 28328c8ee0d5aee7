"""What a series' ordinal patterns say beyond (H, C), from what a streaming reader keeps.

The regime classifier (:mod:`tscomplex.plane.regimes`) uses three pieces of
evidence, each computed from data that a series read in chunks
(:mod:`tscomplex.chunked`) keeps as well as one in memory, so both give the
same regime:

- **Time reversal**, from the pattern counts. A linear Gaussian process, and
  any static function of one, is statistically time-reversible, so each
  ordinal pattern is as frequent as its time reverse (Weiss 1975; Zanin et
  al. 2018). Dissipative chaos is not reversible. :func:`reversal_test` is
  the chi-square test of that symmetry on the counts of the windows without
  equal values (a tied window is ordered by position, which reversal does
  not preserve); the tied windows' own counts are kept by
  :func:`tied_pattern_counts` and by :class:`EvidenceFeed` on a stream.
- **Forbidden patterns**, from the pattern counts: a stochastic process
  with a continuous distribution shows every pattern once the windows far
  outnumber d!; a deterministic signal has patterns that no record length
  brings back (Amigó et al. 2007). :func:`missing_fraction` counts them.
- **Time asymmetry of the amplitudes**, from the same prefix:
  :func:`time_asymmetry_test`, the mean of (x(t+tau) - x(t))^2 (x(t+tau)^2 - x(t)^2),
  which both kinds of reversal (plain and with a change of sign) turn into
  its negative, and which additive independent observational noise leaves
  unchanged on average. The ordinal test loses its power under such noise
  (the noise reorders the values of a window that lie close together);
  this one only its precision.
- **Spectral lines**, from the same prefix: :func:`line_fraction`, the
  share of the power in periodogram lines. A periodic or quasi-periodic
  signal's power lies in lines; chaos, also conservative chaos, which is
  time-reversible, has a continuous spectrum.
- **Pattern recurrence**, from the first :data:`RECURRENCE_WINDOWS` windows
  (a bounded prefix, the same in both paths): a periodic signal's pattern
  sequence repeats, also when its period is not a whole number of samples
  (:func:`tscomplex.plane.periods.pattern_recurrence`).
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
from numba import njit

#: Windows of the prefix in which the pattern recurrence is looked for (lags up to a third of it).
RECURRENCE_WINDOWS = 1 << 16
#: Values closer than this fraction of the prefix's range count as tied in the recurrence: a sampled sine
#: puts values that are equal in exact arithmetic a few units of the last place apart, and their order is
#: then rounding noise that need not repeat with the period.
NEAR_TIE_RELATIVE_TOLERANCE = 1e-9


@functools.lru_cache(maxsize=16)
def reversed_codes(dim: int, flip: bool = False) -> np.ndarray:
    """``rev[c]``: the code of the pattern that pattern ``c`` becomes when time runs backwards (and, with
    ``flip``, the values change sign too).

    Built by coding every permutation of 0..d-1 as a window and the same
    window read backwards, so it follows whatever code convention
    :func:`tscomplex.ordinal.ordinal_codes` uses.
    """
    from ..ordinal import ordinal_codes

    perms = np.array(list(itertools.permutations(range(dim))), dtype=float)
    forward = ordinal_codes(np.ascontiguousarray(perms.ravel()), dim, 1)[::dim]
    back = -perms[:, ::-1] if flip else perms[:, ::-1]
    backward = ordinal_codes(np.ascontiguousarray(back.ravel()), dim, 1)[::dim]
    rev = np.empty(math.factorial(dim), dtype=np.int64)
    rev[forward] = backward
    return rev


def reversal_test(counts, flip: bool = False) -> tuple[float, int, float]:
    """(statistic, degrees of freedom, p-value) of the chi-square test that each pattern is as frequent as
    its time reverse, from counts over all d! patterns (in :func:`tscomplex.ordinal.ordinal_counts` order).

    For each pair {pi, rev(pi)} with pi != rev(pi) seen at least once,
    (n_pi - n_rev)^2 / (n_pi + n_rev) is chi-square with one degree of freedom
    under reversibility (the binomial split of n_pi + n_rev at 1/2); the sum
    over the k pairs is chi-square with k degrees of freedom. Overlapping
    windows are not independent, so the classifier asks for a small p-value
    (:data:`~tscomplex.plane.regimes.REVERSAL_ALPHA`). With no pair seen, p = 1.
    With ``flip`` the symmetry tested is time reversal with a change of sign
    (x(t) -> -x(-t)), which a linear Gaussian process also has, and so does
    a quasi-periodic signal (a sum of sines run backwards is minus a sum of
    sines with other phases, which the torus visits) or a coordinate of a
    reversible Hamiltonian system with a mirror symmetry (Hénon-Heiles x on a
    torus), where plain reversal can fail.

    Examples
    --------
    >>> import numpy as np
    >>> from tscomplex.ordinal import ordinal_counts
    >>> x = np.random.default_rng(1).standard_normal(20000)
    >>> reversal_test(ordinal_counts(x, 4))[2] > 0.001       # white noise is reversible
    True
    >>> saw = np.arange(20000) % 7.0 + 0.01 * np.random.default_rng(2).standard_normal(20000)
    >>> reversal_test(ordinal_counts(saw, 4))[2] < 1e-10      # a sawtooth is not
    True
    """
    from scipy.special import chdtrc  # the chi-square survival function, without importing scipy.stats

    counts = np.asarray(counts, dtype=float)
    rev = reversed_codes(_dim_of(counts.size), flip)
    first = np.arange(counts.size) < rev  # each asymmetric pair once
    a, b = counts[first], counts[rev[first]]
    seen = a + b > 0
    a, b = a[seen], b[seen]
    if a.size == 0:
        return 0.0, 0, 1.0
    statistic = float(np.sum((a - b) ** 2 / (a + b)))
    return statistic, int(a.size), float(chdtrc(a.size, statistic))


def missing_fraction(counts) -> float:
    """Fraction of the d! patterns never seen (forbidden, or not yet sampled)."""
    counts = np.asarray(counts)
    return float(np.count_nonzero(counts == 0) / counts.size)


@njit(cache=True, nogil=True)
def _tied_mask(x, dim, tau, tol):
    """For each window x[i], x[i+tau], ..., x[i+(dim-1)tau]: whether two of its values are within ``tol``."""
    n = x.shape[0] - (dim - 1) * tau
    out = np.zeros(max(n, 0), dtype=np.bool_)
    for i in range(n):
        for j in range(dim - 1):
            v = x[i + j * tau]
            for k in range(j + 1, dim):
                if abs(x[i + k * tau] - v) <= tol:
                    out[i] = True
                    break
            if out[i]:
                break
    return out


def tied_pattern_counts(x, dim: int, tau: int) -> np.ndarray:
    """Counts over all d! patterns of the windows that hold two exactly equal values (zeros if none)."""
    from ..ordinal import ordinal_codes

    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.zeros(math.factorial(dim), dtype=np.int64)
    if x.size <= (dim - 1) * tau:
        return out
    mask = _tied_mask(x, dim, tau, 0.0)
    if mask.any():
        out += np.bincount(ordinal_codes(x, dim, tau)[mask], minlength=out.size)
    return out


def prefix_recurrence(prefix, dim: int, tau: int):
    """(lag, mismatch) of :func:`~tscomplex.plane.periods.pattern_recurrence` on the first
    :data:`RECURRENCE_WINDOWS` windows of ``prefix``, or None; windows tied up to rounding are skipped."""
    from ..ordinal import ordinal_codes
    from .periods import pattern_recurrence

    span = (dim - 1) * tau
    x = np.ascontiguousarray(np.asarray(prefix, dtype=np.float64)[:RECURRENCE_WINDOWS + span])
    if x.size <= span:
        return None
    codes = ordinal_codes(x, dim, tau)
    near = _tied_mask(x, dim, tau, NEAR_TIE_RELATIVE_TOLERANCE * float(np.ptp(x)))
    exact = _tied_mask(x, dim, tau, 0.0)  # exact ties repeat with the data; near ones flip with the rounding
    return pattern_recurrence(np.where(near & ~exact, -1, codes), span)


#: Most and fewest blocks of the batch-means test of :func:`time_asymmetry_test`; each block spans at least
#: :data:`ASYMMETRY_BLOCK_SPANS` pattern lengths (d-1) tau, so that the blocks' means are nearly independent.
ASYMMETRY_BLOCKS = 32
MIN_ASYMMETRY_BLOCKS = 8
ASYMMETRY_BLOCK_SPANS = 5


def time_asymmetry_test(x, dim: int, tau: int) -> tuple[float, int] | None:
    """(t statistic, blocks) of the batch-means test that a series is time-reversible in its amplitudes, or None.

    With y the series minus its mean, a = y(t) and b = y(t+tau), the
    statistic is the mean of g = (b - a)^2 (b^2 - a^2). g(b, a) = -g(a, b)
    and g(-b, -a) = -g(a, b), so a process that is reversible, plainly or
    with a change of sign (x(t) -> -x(-t), the symmetry of a quasi-periodic
    signal and of a mirror-symmetric attractor's coordinate), has E g = 0;
    a linear Gaussian process is both (Weiss 1975). Unlike the skewness of
    the increments (Theiler et al. 1992), g is not silenced by a mirror
    symmetry (Lorenz x). Independent, identically distributed additive
    noise leaves E g unchanged (its terms cancel in pairs or average to
    zero), so the asymmetry survives observational noise that hides it from
    the ordinal test. The windows overlap and the series is correlated, so
    g is averaged over B contiguous blocks (B = :data:`ASYMMETRY_BLOCKS`,
    fewer for long pattern lengths, each at least
    :data:`ASYMMETRY_BLOCK_SPANS` (d-1) tau samples) and the block means are
    compared with zero by a t statistic with B - 1 degrees of freedom.
    None with fewer than :data:`MIN_ASYMMETRY_BLOCKS` blocks or block means
    that do not vary (nothing to test).
    """
    x = np.asarray(x, dtype=np.float64)
    tau = int(tau)
    if x.size <= tau + 1:
        return None
    y = x - x.mean()
    scale = float(np.sqrt(np.mean(y * y)))
    if not scale > 0:
        return None
    y = y / scale
    a, b = y[:-tau], y[tau:]
    g = (b - a) ** 2 * (b * b - a * a)
    blocks = min(ASYMMETRY_BLOCKS, g.size // (ASYMMETRY_BLOCK_SPANS * (dim - 1) * tau))
    if blocks < MIN_ASYMMETRY_BLOCKS:
        return None
    m = g.size // blocks
    means = g[:m * blocks].reshape(blocks, m).mean(axis=1)
    sd = float(means.std(ddof=1))
    if not sd > 0 or not math.isfinite(sd):
        return None
    return float(means.mean() / (sd / math.sqrt(blocks))), blocks


def time_asymmetry_p_value(x, dim: int, tau: int) -> float | None:
    """Two-sided p-value of :func:`time_asymmetry_test` (Student t, B - 1 degrees of freedom), or None."""
    from scipy.special import stdtr

    test = time_asymmetry_test(x, dim, tau)
    if test is None:
        return None
    t, blocks = test
    return float(min(1.0, 2.0 * stdtr(blocks - 1, -abs(t))))


#: A periodogram bin is part of a line when its power exceeds this multiple of the median of the
#: :data:`LINE_HALF_WIDTH` bins on each side. In a continuous spectrum each bin is its local mean times an
#: exponential variable (chi-square with 2 degrees of freedom), whose median is ln 2 times the mean, so a bin
#: passes with probability 2^-100; a line of a record of N samples stands about N times its noise floor.
LINE_RATIO = 100.0
LINE_HALF_WIDTH = 20
#: Fewest samples for the periodogram of :func:`line_fraction`.
MIN_LINE_SAMPLES = 1024


def line_fraction(x) -> float | None:
    """Share of the power (without the mean) in spectral lines: bins of the Hann-windowed periodogram whose
    power exceeds :data:`LINE_RATIO` times the median of their neighbourhood; None for a short or constant x.

    A periodic or quasi-periodic signal has a discrete spectrum (about 1,
    less the share of any noise on it: 0.96 for two incommensurate sines
    under 20% noise); a chaotic or stochastic one a continuous spectrum (0
    for the chaotic Henon-Heiles orbit, a double pendulum, every linear
    process). Phase-coherent chaos (Rossler) has sharp peaks and a high
    share, so this is read only where the patterns already say the signal
    is deterministic and time-reversible.
    """
    return spectrum_evidence(x)[0]


def spectrum_evidence(x) -> tuple[float | None, bool]:
    """(:func:`line_fraction`, whether the periodogram is a red power law) of ``x``, from one periodogram.

    The power law is :func:`tscomplex.plane.timescale.power_law_spectrum`,
    the test that gives a red noise no natural timescale. A red power-law
    noise in a short record misses patterns by chance (f^-3 in 5,000
    samples: 10-12% at d = 5), which the rule must not read as forbidden.
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    if x.size < MIN_LINE_SAMPLES:
        return None, False
    from .memo import remembered

    # a sweep asks once per delay for the same prefix: remember the last few answers, by content
    return remembered(_SPECTRA, x, _spectrum_evidence, 8)


_SPECTRA: dict = {}


def _spectrum_evidence(x: np.ndarray) -> tuple[float | None, bool]:
    from scipy.ndimage import median_filter

    from .timescale import _periodogram, power_law_spectrum

    power = _periodogram(x)
    total = float(power.sum())
    if not total > 0:
        return None, False
    local = median_filter(power, size=2 * LINE_HALF_WIDTH + 1, mode="nearest")
    return float(power[power > LINE_RATIO * local].sum() / total), bool(power_law_spectrum(power).is_power_law)


def regime_evidence(counts, tied_counts, prefix, dim: int, tau: int) -> dict:
    """The evidence of one series at (dim, tau), from what both the in-memory and the chunked paths have.

    ``counts``: unweighted counts of every window over all d! patterns;
    ``tied_counts``: those of the windows with equal values
    (:func:`tied_pattern_counts`); ``prefix``: the series' first samples
    (at least :data:`RECURRENCE_WINDOWS` + (d-1) tau of them, or all).
    Returns ``reversal_p_value`` (of the untied windows: the larger p of
    :func:`reversal_test` plain and with ``flip``, so a series with either symmetry counts as
    reversible), ``forbidden_fraction``,
    ``recurrence`` ((lag, mismatch) or None), ``asymmetry_p_value``
    (:func:`time_asymmetry_p_value` of the prefix, or None), ``line_fraction``
    (:func:`line_fraction` of the prefix's first :data:`RECURRENCE_WINDOWS` samples, or None), ``red_power_law``
    (:func:`spectrum_evidence`), ``linear_forbidden`` (a :class:`LinearForbidden` of the head, computed only
    when the rule asks) and ``tied_fraction``.
    """
    counts = np.asarray(counts, dtype=np.int64)
    tied_counts = np.zeros_like(counts) if tied_counts is None else np.asarray(tied_counts, dtype=np.int64)
    total = int(counts.sum())
    untied = counts - tied_counts
    from .linear import LinearForbidden

    head = np.asarray(prefix, dtype=np.float64)[:RECURRENCE_WINDOWS + (dim - 1) * tau]
    lines, red = spectrum_evidence(head[:RECURRENCE_WINDOWS])
    return {"reversal_p_value": max(reversal_test(untied)[2], reversal_test(untied, flip=True)[2]),
            "forbidden_fraction": missing_fraction(counts),
            "recurrence": prefix_recurrence(prefix, dim, tau),
            "asymmetry_p_value": time_asymmetry_p_value(head, dim, tau),
            "line_fraction": lines, "red_power_law": red,
            "linear_forbidden": LinearForbidden(head, dim, tau) if head.size > 10 * (dim - 1) * tau else None,
            "tied_fraction": float(tied_counts.sum() / total) if total else None}


def evidence_of_series(x, dim: int, tau: int) -> dict:
    """:func:`regime_evidence` of a series in memory (already rounded as its counts were)."""
    from ..ordinal import ordinal_counts

    x = np.ascontiguousarray(x, dtype=np.float64)
    return regime_evidence(ordinal_counts(x, dim, tau), tied_pattern_counts(x, dim, tau),
                           x[:RECURRENCE_WINDOWS + (dim - 1) * tau], dim, tau)


#: Up to this many delays, each block's tied windows are looked for per delay (a pass of about 12 ms per 2^20
#: samples) rather than after one sort of the block (about 60 ms) that tells an untied block at once.
FEW_TAUS = 4


class EvidenceFeed:
    """What :func:`regime_evidence` needs beyond the counts, fed block by block: the first samples (the
    recurrence's prefix) and, per delay, the counts of the tied windows.

    Each block is prefixed with the last (d-1) max(taus) samples of those
    before, and only the windows ending in it are counted, so the tied
    counts equal :func:`tied_pattern_counts` of the whole series. Memory is
    bounded: the prefix holds :data:`RECURRENCE_WINDOWS` + (d-1) max(taus)
    samples and each delay d! counts.
    """

    def __init__(self, dim: int, taus):
        self.dim = int(dim)
        self.taus = sorted(set(int(t) for t in taus))
        self.keep = (self.dim - 1) * self.taus[-1]
        self.limit = RECURRENCE_WINDOWS + self.keep
        self.head: list = []
        self.head_size = 0
        self.tail = np.empty(0)
        self.tied = {tau: np.zeros(math.factorial(self.dim), dtype=np.int64) for tau in self.taus}

    def feed(self, values) -> None:
        from ..ordinal import ordinal_codes
        from ..ordinal.ties import _tied_window_count, has_equal_values

        values = np.asarray(values, dtype=np.float64)
        if self.head_size < self.limit and values.size:
            take = values[:self.limit - self.head_size].copy()
            self.head.append(take)
            self.head_size += take.size
        buf = np.concatenate((self.tail, values)) if self.tail.size else values
        few = len(self.taus) <= FEW_TAUS  # a tie count per delay (one pass each) is cheaper than a sort
        if few or has_equal_values(buf):
            for tau in self.taus:
                span = (self.dim - 1) * tau
                seg = np.ascontiguousarray(buf[max(0, self.tail.size - span):])
                if seg.size > span and (not few or _tied_window_count(seg, self.dim, tau)):
                    mask = _tied_mask(seg, self.dim, tau, 0.0)
                    if mask.any():
                        self.tied[tau] += np.bincount(ordinal_codes(seg, self.dim, tau)[mask],
                                                      minlength=self.tied[tau].size)
        self.tail = buf[max(0, buf.size - self.keep):].copy()

    def prefix(self) -> np.ndarray:
        return np.concatenate(self.head) if self.head else np.empty(0)

    def evidence(self, tau: int, counts) -> dict:
        """:func:`regime_evidence` at ``tau`` given the stream's unweighted ``counts`` at that delay."""
        return regime_evidence(counts, self.tied[tau], self.prefix(), self.dim, tau)


def _dim_of(size: int) -> int:
    for dim in range(2, 11):
        if math.factorial(dim) == size:
            return dim
    raise ValueError(f"counts must have d! entries, got {size}")
