"""Sliding windows: H, C, Fisher information and missing patterns of every window, by one histogram that slides.

A window of ``window`` samples holds n = window - (d-1) tau ordinal patterns.
Moving it by one sample takes one pattern out of the histogram over the d!
patterns and puts one in, so the whole series costs O(N) updates, not
O(N window / step) as a recount of every window would.

The measures need sums over all d! bins (sum c ln c, the entropy of the
mixture with the uniform distribution, sum sqrt(c_i c_{i+1})). Each is kept
in fixed point: every bin's term is a table value rounded to an integer at a
power-of-two scale chosen so that no sum can overflow int64 (the rounding is
below 1e-12 of the sum). Integer sums do not drift, and they depend only on the
histogram, not on the path that led to it: a window's numbers are the same
whether the histogram slid there, was recounted, or was carried over between
the blocks of a series read in chunks.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_int
from ..options import DEFAULT_DIM, DEFAULT_TAU

#: Largest sum (in units of the scale) that a fixed-point sum may reach: 2^60 leaves headroom in int64.
_FIXED_LIMIT = float(2 ** 60)


def _scale(bound: float) -> float:
    """The power of two by which values whose sum is at most ``bound`` are multiplied before rounding."""
    return float(2.0 ** math.floor(math.log2(_FIXED_LIMIT / max(bound, 1.0))))


def window_tables(n: int, n_patterns: int) -> tuple:
    """Fixed-point tables of the per-bin terms for windows of ``n`` patterns over ``n_patterns`` outcomes.

    Returns (c_log_c, c_log_c scale, mixture term, mixture scale, sqrt scale):
    ``c_log_c[c] = round(c ln c * s1)`` and ``mixture[c] = round(m ln m * s2)``
    with m = (c/n + 1/N)/2, the bin of the mixture (p + u)/2 that the
    Jensen-Shannon divergence needs.
    """
    c = np.arange(n + 1, dtype=np.float64)
    s1 = _scale(n * math.log(max(n, 2)))
    with np.errstate(divide="ignore", invalid="ignore"):
        c_log_c = np.where(c > 0, c * np.log(c), 0.0)
        m = 0.5 * (c / n + 1.0 / n_patterns)
        mix = m * np.log(m)
    s2 = _scale(n_patterns / math.e + 1.0)
    s3 = _scale(float(n) + 1.0)
    return np.rint(c_log_c * s1).astype(np.int64), s1, np.rint(mix * s2).astype(np.int64), s2, s3


@njit(cache=True, nogil=True)
def _pair(a, b, s3):
    return np.int64(np.rint(math.sqrt(float(a) * float(b)) * s3))


@njit(cache=True, nogil=True)
def _move(hist, k, delta, state, clogc, mix, s3, turn_mask):
    """Add ``delta`` (+1 or -1) to bin k, updating the fixed-point sums in ``state``.

    state: [sum c ln c, sum m ln m, sum sqrt(c_i c_i+1), nonzero bins, multi-turn windows].
    """
    n_bins = hist.shape[0]
    old = hist[k]
    new = old + delta
    state[0] += clogc[new] - clogc[old]
    state[1] += mix[new] - mix[old]
    if k > 0:
        state[2] += _pair(hist[k - 1], new, s3) - _pair(hist[k - 1], old, s3)
    if k < n_bins - 1:
        state[2] += _pair(new, hist[k + 1], s3) - _pair(old, hist[k + 1], s3)
    if old == 0:
        state[3] += 1
    elif new == 0:
        state[3] -= 1
    if turn_mask[k]:
        state[4] += delta
    hist[k] = new


@njit(cache=True, nogil=True)
def _emit(hist, state, n, s1, s2, s3, log_n_bins, q0, out, j):
    """out[j] = (H, C, Fisher information, missing fraction, multi-turn fraction) of the current histogram."""
    n_bins = hist.shape[0]
    s_p = math.log(n) - (state[0] / s1) / n  # -sum p ln p
    s_mid = -state[1] / s2
    h = s_p / log_n_bins
    js = s_mid - 0.5 * s_p - 0.5 * log_n_bins
    c = q0 * js * h
    out[j, 0] = h
    out[j, 1] = max(0.0, c)
    if state[3] == 1:
        out[j, 2] = 1.0
    else:
        out[j, 2] = 0.5 * (2.0 * n - hist[0] - hist[n_bins - 1] - 2.0 * state[2] / s3) / n
    out[j, 3] = (n_bins - state[3]) / n_bins
    out[j, 4] = state[4] / n


@njit(cache=True, nogil=True)
def _slide(codes, first, n_out, n, step, hist, state, clogc, s1, mix, s2, s3, turn_mask, q0, out):
    """Measures of windows starting at codes[first + j*step], j < n_out, each of n patterns.

    The first window is counted afresh (whatever ``hist`` held is taken out first), the others slide
    from it, or are recounted where they share nothing with the previous one (step >= n).
    """
    log_n_bins = math.log(hist.shape[0])
    start = -1
    for j in range(n_out):
        target = first + j * step
        if start < 0 or target - start >= n:  # nothing shared with the last window: count afresh
            _recount(codes, target, n, hist, state, clogc, mix, s3, turn_mask)
        else:
            for t in range(start, target):
                _move(hist, codes[t], -1, state, clogc, mix, s3, turn_mask)
                _move(hist, codes[t + n], 1, state, clogc, mix, s3, turn_mask)
        start = target
        _emit(hist, state, n, s1, s2, s3, log_n_bins, q0, out, j)
    return start


@njit(cache=True, nogil=True)
def _recount(codes, first, n, hist, state, clogc, mix, s3, turn_mask):
    """hist and state of the window codes[first:first + n], counted afresh: O(n + d!), no per-sample sums."""
    n_bins = hist.shape[0]
    hist[:] = 0
    for t in range(first, first + n):
        hist[codes[t]] += 1
    state[:] = 0
    for k in range(n_bins):
        c = hist[k]
        state[0] += clogc[c]
        state[1] += mix[c]
        if k > 0:
            state[2] += _pair(hist[k - 1], c, s3)
        if c > 0:
            state[3] += 1
            if turn_mask[k]:
                state[4] += c


def _empty_state(n_patterns: int) -> tuple[np.ndarray, np.ndarray]:
    state = np.zeros(5, dtype=np.int64)
    return np.zeros(n_patterns, dtype=np.int64), state


def _initial_mix(mix: np.ndarray, n_patterns: int) -> int:
    """The mixture sum of an empty histogram: every bin holds m = 1/(2N)."""
    return int(mix[0]) * n_patterns


#: Columns of :func:`sliding_measures`' array.
WINDOW_MEASURES = ("permutation_entropy", "statistical_complexity", "fisher_information", "missing_patterns",
                   "multi_turn_fraction")


def check_windows(size: int, window, step, dim: int, tau: int) -> tuple[int, int]:
    """(window, step) checked against a series of ``size`` samples: a window must hold one pattern."""
    window = check_int(window, "window", 1)
    step = check_int(step, "step", 1)
    need = (dim - 1) * tau + 1
    if window < need:
        raise ValueError(f"window={window} is shorter than one ordinal pattern: dim={dim}, tau={tau} "
                         f"need (dim-1)*tau+1 = {need} samples")
    if size < window:
        raise ValueError(f"series of {size} samples is shorter than window={window}")
    return window, step


def window_starts(size: int, window: int, step: int) -> np.ndarray:
    """First sample of every window: 0, step, 2 step, ... while the window fits in ``size`` samples."""
    return np.arange(0, size - window + 1, step, dtype=np.int64)


def sliding_measures(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, window: int, step: int = 1,
                     tie_precision: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """H, C, Fisher information, missing patterns and multi-turn fraction of every sliding window.

    Parameters
    ----------
    x : array_like
        The series.
    dim, tau : int
        Pattern length and delay.
    window : int
        Samples per window; it holds ``window - (dim-1)*tau`` patterns.
    step : int
        Samples between the starts of successive windows.

    Returns
    -------
    starts : ndarray of int64
        First sample of each window (the window is ``x[start:start + window]``).
    values : ndarray, shape (len(starts), 5)
        Columns :data:`WINDOW_MEASURES`, each equal (to about 1e-12) to the
        measure of ``x[start:start + window]`` computed on its own.

    Examples
    --------
    >>> import numpy as np
    >>> starts, v = sliding_measures(np.arange(10.0), dim=3, window=5, step=3)
    >>> starts.tolist(), v[:, 0].tolist()
    ([0, 3], [0.0, 0.0])
    """
    from .networks import pattern_codes
    from .series import check_dim, check_tau, prepare_series

    dim, tau = check_dim(dim), check_tau(tau)
    x = prepare_series(x, dim, tau, tie_precision)
    window, step = check_windows(x.size, window, step, dim, tau)
    codes = pattern_codes(x, dim, tau)
    starts = window_starts(x.size, window, step)
    return starts, SlidingCounter(dim, tau, window, step).measures(codes, 0, starts.size)


class SlidingCounter:
    """The sliding histogram of one series, fed with its pattern codes in one piece or block by block."""

    def __init__(self, dim: int, tau: int, window: int, step: int):
        from ..information import jensen_shannon_normalization
        from ..plane import multi_turn_mask

        self.dim, self.tau, self.window, self.step = dim, tau, window, step
        self.n_patterns = math.factorial(dim)
        self.n = window - (dim - 1) * tau  # patterns per window
        self.clogc, self.s1, self.mix, self.s2, self.s3 = window_tables(self.n, self.n_patterns)
        self.turn_mask = np.ascontiguousarray(multi_turn_mask(dim))
        self.q0 = jensen_shannon_normalization(self.n_patterns)
        self.hist, self.state = _empty_state(self.n_patterns)
        self.state[1] = _initial_mix(self.mix, self.n_patterns)

    def measures(self, codes: np.ndarray, first: int, count: int) -> np.ndarray:
        """The measures of ``count`` windows starting at codes[first], codes[first + step], ...

        Each call counts its first window afresh; the fixed-point sums make the
        numbers independent of that, so a series fed in blocks
        (:class:`StreamingWindows`) gives exactly the numbers of one call.
        """
        out = np.empty((count, len(WINDOW_MEASURES)), dtype=np.float64)
        if count:
            codes = np.ascontiguousarray(codes, dtype=np.int64)
            _slide(codes, first, count, self.n, self.step, self.hist, self.state, self.clogc,
                   self.s1, self.mix, self.s2, self.s3, self.turn_mask, self.q0, out)
        return out


class StreamingWindows:
    """Sliding-window measures of a series that arrives in blocks, in memory of one window plus one block.

    ``feed(values)`` returns (starts, measures) of every window that the
    samples seen so far complete; the numbers are identical to
    :func:`sliding_measures` on the whole series.
    """

    def __init__(self, dim: int, tau: int, window: int, step: int, tie_precision: int | None = None):
        from .series import check_dim, check_tau

        self.dim, self.tau = check_dim(dim), check_tau(tau)
        self.window, self.step = check_windows(window, window, step, self.dim, self.tau)
        self.tie_precision = tie_precision
        self.counter = SlidingCounter(self.dim, self.tau, self.window, self.step)
        self.buffer = np.empty(0, dtype=np.float64)
        self.offset = 0  # global index of buffer[0]
        self.next_start = 0  # global start of the next window to emit
        self.size = 0  # samples seen
        self.last_samples = (np.empty(0), 0)  # the samples of the windows last emitted, and the index of the first

    def feed(self, values) -> tuple[np.ndarray, np.ndarray]:
        from .networks import pattern_codes
        from .series import check_finite_series, round_ties

        values = check_finite_series(np.asarray(values, dtype=np.float64).ravel())
        if self.tie_precision is not None:
            values = round_ties(values, self.tie_precision)
        skip = max(0, self.next_start - self.size)  # a step longer than the window skips samples
        self.size += values.size
        values = values[skip:]
        buffer = np.concatenate((self.buffer, values)) if self.buffer.size else values
        self.offset = self.size - buffer.size
        end = self.size - self.window  # last start that fits
        if end < self.next_start:
            self.buffer = buffer
            return np.empty(0, dtype=np.int64), np.empty((0, len(WINDOW_MEASURES)))
        starts = np.arange(self.next_start, end + 1, self.step, dtype=np.int64)
        local = buffer[starts[0] - self.offset:starts[-1] + self.window - self.offset]
        self.last_samples = (local, int(starts[0]))
        codes = pattern_codes(local, self.dim, self.tau)
        out = self.counter.measures(codes, 0, starts.size)
        self.next_start = int(starts[-1] + self.step)
        keep = max(0, self.next_start - self.offset)
        self.buffer = buffer[keep:].copy()
        self.offset += keep
        return starts, out
