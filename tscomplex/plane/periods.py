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
#: Largest fraction of windows whose pattern differs from both the patterns p and p + 1 windows later in a
#: sequence that repeats with a period between p and p + 1 samples (:func:`pattern_recurrence`).
MAX_INTERVAL_MISMATCH = 0.02
#: Lags tried at most (the sequence must also be seen three times over: lag <= windows / 3).
MAX_RECURRENCE_LAG = 50_000


def pattern_recurrence(codes, span: int, max_mismatch: float = MAX_RECURRENCE_MISMATCH,
                       anchors: int = 256, interval_mismatch: float = MAX_INTERVAL_MISMATCH
                       ) -> tuple[int, float] | None:
    """(lag, mismatch) of the smallest lag at which the pattern sequence repeats, or None.

    The sequence repeats with lag p when pattern(t + p) = pattern(t) for all
    windows t (mismatch 0: any p), or, with p >= 2 ``span`` (``span`` = (d-1)
    tau, so that a pattern held over a slowly turning stretch does not count
    as a repeat), in one of two looser forms:

    - for all but a fraction ``max_mismatch`` of the windows;
    - with a period P between p and p + 1 samples: pattern(t) equals
      pattern(t + p) or pattern(t + p + 1) for all but a fraction
      ``interval_mismatch`` of the windows. A periodic orbit whose period is
      not a whole number of samples puts each period's samples at shifted
      phases; a window's pattern changes where two of its values cross, and
      at a long span (d-1) tau, near the ideal tau of a slow cycle, its
      values cross at many phases of the cycle, so that a whole-sample lag
      misses several per cent of the windows (up to 10% at 2 10^3 samples,
      for a limit cycle of 100-500 samples). The window at t + P lies between
      those at t + p and t + p + 1, and its pattern is pattern(t): a window
      that changes pattern in that one sample more than once is rare
      (measured: at most 1.4% for the van der Pol, Rossler and Lorenz limit
      cycles, from windows holding nearly equal values whose order the
      orbit's small cycle-to-cycle differences flip). A chaotic orbit
      returns near itself too, but its return time and its amplitude wander:
      measured 10% (tau = 1) to 45% (the ideal tau) of its windows differ
      from both at the best lag (Rossler at c = 5.7, Lorenz at rho = 28).
      Where more windows match at p + 1 than at p, the interval p + 1 .. p + 2
      is tried as well and the one that fewer windows miss kept (a period of
      333.3 samples lies in 333 .. 334, not in 332 .. 333, which a lag of 333
      alone nearly passes). The lag reported is whichever end of the interval
      more windows match, the mismatch the fraction that match at neither.

    The sequence must be seen at least three times over (p <= W/3, and at
    most :data:`MAX_RECURRENCE_LAG`). A code of -1 marks a window whose
    pattern is unreliable (tied values); it is skipped in the mismatch
    count. Candidate lags come from ``anchors`` evenly spread windows, then
    each is checked on all windows.

    Examples
    --------
    >>> import numpy as np
    >>> from tscomplex.ordinal import ordinal_codes
    >>> x = np.sin(2 * np.pi * np.arange(5000) / 50 + 0.3)
    >>> pattern_recurrence(ordinal_codes(x, 5, 3), 12)
    (50, 0.0)
    >>> lag, mismatch = pattern_recurrence(ordinal_codes(np.sin(2 * np.pi * np.arange(5000) / 50.4), 5, 3), 12)
    >>> lag in (50, 51) and mismatch <= MAX_INTERVAL_MISMATCH
    True
    """
    codes = np.ascontiguousarray(codes, dtype=np.int64)
    windows = codes.size
    longest = min(windows // 3, MAX_RECURRENCE_LAG)
    if longest < 1:
        return None
    where = np.linspace(0, windows - longest - 2, min(anchors, windows - longest - 1)).astype(np.int64)
    if where.size == 0:
        return None
    loose = max(max_mismatch, interval_mismatch)
    allowed = math.floor(loose * where.size)
    lag, misses = _first_recurrence(codes, where, longest, allowed, span, max_mismatch, interval_mismatch)
    return None if lag < 0 else (int(lag), float(misses / (windows - lag)))


@njit(cache=True, nogil=True)
def _differ(r, later):
    return r >= 0 and later >= 0 and r != later


@njit(cache=True, nogil=True)
def _interval_misses(codes, p, limit):
    """(windows that differ from the patterns p and p + 1 later, those that differ at p alone, at p + 1
    alone); counting stops past ``limit`` of the first kind."""
    both = 0
    only_p = 0
    only_next = 0
    for t in range(codes.size - p - 1):
        r = codes[t]
        at_p, at_next = _differ(r, codes[t + p]), _differ(r, codes[t + p + 1])
        if at_p and at_next:
            both += 1
            if both > limit:
                break
        elif at_p:
            only_p += 1
        elif at_next:
            only_next += 1
    return both, only_p, only_next


@njit(cache=True, nogil=True)
def _first_recurrence(codes, where, longest, allowed, span, max_mismatch, interval_mismatch):
    """(lag, mismatched windows) of :func:`pattern_recurrence`, or (-1, 0): each lag is tried on the anchors
    first (a window counts as a miss there only when it differs at both p and p + 1; leaving at the first
    ``allowed`` + 1 misses), then on every window at p alone, then (p >= 2 ``span``) at p or p + 1; where
    p + 1 fits better than p, the interval p + 1 .. p + 2 is tried too and the one with fewer misses kept."""
    windows = codes.size
    for p in range(1, longest + 1):
        misses = 0
        for a in where:
            r = codes[a]
            if _differ(r, codes[a + p]) and (p < 2 * span or _differ(r, codes[a + p + 1])):
                misses += 1
                if misses > allowed:
                    break
        if misses > allowed:
            continue
        limit = max_mismatch * (windows - p) if p >= 2 * span else 0.0
        mismatched = 0
        for t in range(windows - p):
            if _differ(codes[t], codes[t + p]):
                mismatched += 1
                if mismatched > limit:
                    break
        if mismatched <= limit:
            return p, mismatched
        if p < 2 * span or p + 1 >= windows:
            continue
        limit = interval_mismatch * (windows - p - 1)
        both, only_p, only_next = _interval_misses(codes, p, limit)
        if both <= limit:
            if only_p > only_next and p + 2 < windows:  # p + 1 fits better: is the period above it?
                after, only_after, only_later = _interval_misses(codes, p + 1, limit)
                if after < both:
                    return (p + 2 if only_after > only_later else p + 1), after
            return (p + 1 if only_p > only_next else p), both  # the lag more windows match at
    return -1, 0


def find_pattern_recurrence(x, dim: int = 5, tau: int = 1, max_mismatch: float = MAX_RECURRENCE_MISMATCH):
    """:func:`pattern_recurrence` of the ordinal patterns of ``x`` at ``dim`` and ``tau``."""
    from ..ordinal import ordinal_codes

    codes = ordinal_codes(np.ascontiguousarray(x, dtype=float), dim, tau)
    return pattern_recurrence(codes, (dim - 1) * tau, max_mismatch)
