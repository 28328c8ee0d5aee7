"""Ties in ordinal windows: how many windows hold equal values, and tie-breaking by a tiny seeded noise.

Ordinal patterns rank the d values of a window; equal values have no rank,
and tscomplex (like ordpy and PECCARY) ranks the earlier sample lower. On
tied data (counts, a coarse ADC, rounded values) that rule turns every tie
into an ascending step, so the pattern distribution is biased: i.i.d.
Poisson(0.5) counts "miss" patterns and read as complex although they are
white noise (Zunino et al. 2017). :func:`tied_window_fraction` measures how
much of a series' windows this concerns; :func:`break_ties` is the remedy
the same paper discusses: a noise far below the data's resolution, which
breaks ties at random without reordering distinct values.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._validation import check_series
from .series import check_dim, check_tau

#: Past this fraction of tied windows the records and stderr warn. Zunino et al. (2017) show that equal
#: values bias permutation entropy and create spurious forbidden patterns. 1% is where the bias outgrows the
#: sampling scatter: at d = 5 a pattern's share is 1/120 = 0.83%, so 1% of the windows moved by the tie rule
#: onto the patterns it favours can double a share, while its sampling scatter at 10^4 windows is 0.09%.
TIED_WINDOWS_WARN = 0.01


@njit(cache=True, nogil=True)
def _tied_window_count(x, dim, tau):
    """Number of windows x[i], x[i+tau], ..., x[i+(dim-1)tau] with at least two equal values."""
    n = x.shape[0] - (dim - 1) * tau
    tied = 0
    for i in range(n):
        found = False
        for j in range(dim - 1):
            v = x[i + j * tau]
            for k in range(j + 1, dim):
                if x[i + k * tau] == v:
                    found = True
                    break
            if found:
                break
        if found:
            tied += 1
    return tied


def has_equal_values(x) -> bool:
    """Whether any two samples are equal (one sort): without, no window of any delay is tied."""
    x = np.sort(np.asarray(x, dtype=np.float64))
    return bool(np.any(x[1:] == x[:-1]))


def tied_window_count(x, dim: int = 5, tau: int = 1) -> tuple[int, int]:
    """(tied windows, all windows) of a series at one pattern length and delay.

    A window is tied when at least two of its ``dim`` values are equal.
    Counts of consecutive segments add up, which the chunked readers use.
    """
    dim = check_dim(dim)
    tau = check_tau(tau)
    x = np.ascontiguousarray(check_series(x, "x", min_size=0), dtype=np.float64)
    windows = max(x.size - (dim - 1) * tau, 0)
    return (int(_tied_window_count(x, dim, tau)) if windows else 0), windows


def tied_window_fraction(x, dim: int = 5, tau: int = 1) -> float | None:
    """Fraction of the windows with at least two equal values (None when the series has no window).

    Examples
    --------
    >>> tied_window_fraction([1.0, 2.0, 2.0, 3.0, 4.0, 5.0], dim=3)
    0.5
    """
    tied, windows = tied_window_count(x, dim, tau)
    return tied / windows if windows else None


def ties_warning(fraction: float | None, dim: int, tau: int) -> str | None:
    """The warning for a tied fraction past :data:`TIED_WINDOWS_WARN`, or None."""
    if fraction is None or fraction <= TIED_WINDOWS_WARN:
        return None
    return (f"{100 * fraction:.3g}% of the windows (dim={dim}, tau={tau}) hold equal values, more than "
            f"{100 * TIED_WINDOWS_WARN:g}%: ties rank the earlier sample lower, which biases the patterns and "
            f"can fake missing patterns (Zunino et al. 2017); remedy: ties=\"noise\" with seed=S")


def tie_noise_scale(x) -> float:
    """Half-width of the uniform noise :func:`break_ties` adds: a quarter of the smallest gap between distinct
    values, so two distinct values (at least one gap apart) never swap (0 when all values are equal)."""
    values = np.unique(np.asarray(x, dtype=np.float64))
    if values.size < 2:
        return 0.0
    return float(np.min(np.diff(values))) / 4.0


def break_ties(x, seed: int) -> tuple[np.ndarray, float]:
    """(x plus a seeded uniform noise of half-width :func:`tie_noise_scale`, that half-width).

    Distinct values keep their order (two noises differ by less than half the
    smallest gap); equal values are ordered at random, so a tied window goes
    to each of its compatible patterns with equal chance. A constant series is
    returned unchanged (half-width 0): it has no pattern to break towards.
    """
    x = np.asarray(check_series(x, "x", min_size=0), dtype=np.float64)
    scale = tie_noise_scale(x)
    if scale == 0.0:
        return x.copy(), 0.0
    rng = np.random.default_rng(seed)
    return x + rng.uniform(-scale, scale, x.size), scale


class TiedWindows:
    """Tied windows of one series at several delays, fed block by block (the chunked readers).

    Each block is prefixed with the last (dim-1)*max(taus) samples of the ones
    before, and only the windows ending in the block are counted, so the
    counts equal :func:`tied_window_count` of the whole series.
    """

    def __init__(self, dim: int, taus):
        self.dim = check_dim(dim)
        self.taus = sorted(set(check_tau(t) for t in taus))
        self.keep = (self.dim - 1) * self.taus[-1]
        self.tail = np.empty(0)
        self.tied = dict.fromkeys(self.taus, 0)
        self.windows = dict.fromkeys(self.taus, 0)

    def feed(self, values) -> None:
        values = np.asarray(values, dtype=np.float64)
        buf = np.concatenate((self.tail, values)) if self.tail.size else values
        untied = len(self.taus) > 1 and not has_equal_values(buf)  # one sort instead of a pass per tau
        for tau in self.taus:
            span = (self.dim - 1) * tau
            seg = np.ascontiguousarray(buf[max(0, self.tail.size - span):])
            if seg.size > span:
                if not untied:
                    self.tied[tau] += int(_tied_window_count(seg, self.dim, tau))
                self.windows[tau] += seg.size - span
        self.tail = buf[max(0, buf.size - self.keep):].copy()

    def fraction(self, tau: int) -> float | None:
        """Fraction of the windows at ``tau`` that are tied (None without a window or for a tau not fed)."""
        windows = self.windows.get(tau, 0)
        return self.tied[tau] / windows if windows else None
