"""Repeating pattern sequences: a periodic orbit is regular whatever its windows span, also when its period is
not a whole number of samples (:func:`pattern_recurrence`)."""

from __future__ import annotations

import math

import numpy as np
from numba import njit


def periodic_pattern_count(dim: int) -> int:
    """2(2(d-2)+1): the most patterns PECCARY's periodic bound H_max,per allows (14 at d = 5)."""
    return 2 * (2 * (dim - 2) + 1)


class PatternPeriodTracker:
    """Finds whether a sequence of pattern codes fed in pieces repeats exactly with a short period.

    Keeps the candidate periods p = 1 .. 2(2(d-2)+1) that every code so far
    agrees with (code[t + p] == code[t]) and the last few codes, so a series
    read in chunks gives the same answer as one read whole.
    """

    def __init__(self, dim: int):
        self.longest = periodic_pattern_count(dim)
        self.candidates = list(range(1, self.longest + 1))
        self.tail = np.empty(0, dtype=np.int64)
        self.count = 0

    def feed(self, codes) -> None:
        codes = np.asarray(codes, dtype=np.int64)
        if not self.candidates or codes.size == 0:
            return
        joined = np.concatenate((self.tail, codes))
        start = self.tail.size  # compare each new code with the one p before it
        self.candidates = [p for p in self.candidates
                           if np.array_equal(joined[max(start, p):], joined[max(start, p) - p:joined.size - p])]
        self.tail = joined[-self.longest:].copy()  # a view would keep the whole block alive per tracker
        self.count += codes.size

    def period(self) -> int | None:
        """The smallest period that held throughout and was seen at least twice over, or None."""
        for p in self.candidates:
            if self.count > 2 * p:
                return p
        return None


def find_pattern_period(x, dim: int = 5, tau: int = 1, block: int = 1 << 20) -> int | None:
    """The period of the sequence of ordinal patterns, if it repeats exactly with a short period.

    Returns the smallest p <= 2(2(d-2)+1) with pattern(t + p) = pattern(t) for
    every window t, or None. A periodic orbit of period p has one; banded chaos
    (the logistic map at r = 3.7, 13 patterns at d = 5), which may use as few
    patterns, does not. Noise added to a periodic signal breaks exact repetition,
    so this only ever makes the verdict "regular" for clean periodic data.
    Memory is bounded by ``block`` windows.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.empty(2000); v = 0.5
    >>> for i in range(2000):
    ...     x[i] = v; v = 3.5 * v * (1 - v)
    >>> find_pattern_period(x[1000:], 5)   # the logistic map's period-4 orbit
    4
    """
    from ..ordinal import ordinal_codes

    tracker = PatternPeriodTracker(dim)
    span = (dim - 1) * tau
    windows = len(x) - span
    for start in range(0, max(windows, 0), block):
        stop = min(windows, start + block)
        tracker.feed(ordinal_codes(np.ascontiguousarray(x[start:stop + span]), dim, tau))
        if not tracker.candidates:
            return None
    return tracker.period()


#: Largest fraction of windows whose pattern may differ from the pattern one lag earlier in a repeating sequence.
MAX_RECURRENCE_MISMATCH = 0.01
#: Lags tried at most (the sequence must also be seen three times over: lag <= windows / 3).
MAX_RECURRENCE_LAG = 50_000


def pattern_recurrence(codes, span: int, max_mismatch: float = MAX_RECURRENCE_MISMATCH,
                       anchors: int = 256) -> tuple[int, float] | None:
    """(lag, mismatch) of the smallest lag at which the pattern sequence repeats, or None.

    The sequence repeats with lag p when pattern(t + p) = pattern(t) for all
    windows t (mismatch 0: any p), or for all but a fraction ``max_mismatch``
    of them with p >= 2 ``span`` (``span`` = (d-1) tau, so that a pattern held
    over a slowly turning stretch does not count as a repeat). The second
    form finds periodic signals whose period is not a whole number of samples
    (each period's samples fall at slightly shifted phases, so a few windows
    near a turn differ). The sequence must be seen at least three times over
    (p <= W/3, and at most :data:`MAX_RECURRENCE_LAG`). A code of -1 marks a
    window whose pattern is unreliable (tied values); it is skipped in the mismatch count. Candidate lags come
    from ``anchors`` evenly spread windows, then each is checked on all windows.

    Examples
    --------
    >>> import numpy as np
    >>> from tscomplex.ordinal import ordinal_codes
    >>> x = np.sin(2 * np.pi * np.arange(5000) / 50 + 0.3)
    >>> pattern_recurrence(ordinal_codes(x, 5, 3), 12)
    (50, 0.0)
    """
    codes = np.ascontiguousarray(codes, dtype=np.int64)
    windows = codes.size
    longest = min(windows // 3, MAX_RECURRENCE_LAG)
    if longest < 1:
        return None
    where = np.linspace(0, windows - longest - 1, min(anchors, windows - longest)).astype(np.int64)
    allowed = int(math.floor(max_mismatch * where.size))
    lag, misses = _first_recurrence(codes, where, longest, allowed, span, max_mismatch)
    return None if lag < 0 else (int(lag), float(misses / (windows - lag)))


@njit(cache=True, nogil=True)
def _first_recurrence(codes, where, longest, allowed, span, max_mismatch):
    """(lag, mismatched windows) of :func:`pattern_recurrence`, or (-1, 0): each lag is tried on the anchors
    first (leaving at the first ``allowed`` + 1 misses), then on every window (leaving past the limit)."""
    windows = codes.size
    for p in range(1, longest + 1):
        misses = 0
        for a in where:
            r, later = codes[a], codes[a + p]
            if r >= 0 and later >= 0 and r != later:
                misses += 1
                if misses > allowed:
                    break
        if misses > allowed:
            continue
        limit = max_mismatch * (windows - p) if p >= 2 * span else 0.0
        mismatched = 0
        for t in range(windows - p):
            r, later = codes[t], codes[t + p]
            if r >= 0 and later >= 0 and r != later:
                mismatched += 1
                if mismatched > limit:
                    break
        if mismatched <= limit:
            return p, mismatched
    return -1, 0


def find_pattern_recurrence(x, dim: int = 5, tau: int = 1, max_mismatch: float = MAX_RECURRENCE_MISMATCH):
    """:func:`pattern_recurrence` of the ordinal patterns of ``x`` at ``dim`` and ``tau``."""
    from ..ordinal import ordinal_codes

    codes = ordinal_codes(np.ascontiguousarray(x, dtype=float), dim, tau)
    return pattern_recurrence(codes, (dim - 1) * tau, max_mismatch)
