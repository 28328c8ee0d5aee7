"""Are a series' forbidden patterns more than a linear Gaussian process with its spectrum would miss?"""

from __future__ import annotations

import numpy as np

#: Gaussian surrogates whose forbidden patterns a time-reversible series must beat to count as deterministic
LINEAR_SURROGATES = 19


class LinearForbidden:
    """On demand (once): (forbidden fraction of ``head`` at (dim, tau), the largest forbidden fraction of
    :data:`LINEAR_SURROGATES` Gaussian series with its spectrum).

    A linear Gaussian process with a smooth, oversampled or narrow-band
    spectrum misses most patterns at a small tau (low-pass filtered noise at
    tau = 1: three quarters of them at d = 5), so forbidden patterns show
    determinism only when they are more than such a process with the same
    spectrum shows. Each surrogate is the first n samples of a Gaussian
    series of 2n with random phases and the amplitudes of the head's
    Hann-tapered periodogram: random-phase surrogates of the head itself are
    periodic, and the jump (of value and slope) where the end meets the start
    leaks into their spectrum as high-frequency power that fills their
    patterns (on low-pass noise they missed 6-18% of the patterns where the
    data missed 78%). Ordinal patterns do not see a monotone change of the
    values, so Gaussian series stand for any static transform of a linear
    Gaussian process. The seed is fixed: the same series, the same answer.
    """

    def __init__(self, head: np.ndarray, dim: int, tau: int):
        self.head, self.dim, self.tau, self._answer = head, dim, tau, None

    def __eq__(self, other) -> bool:  # the same question: evidence fed in pieces equals the whole's
        return (isinstance(other, LinearForbidden) and (self.dim, self.tau) == (other.dim, other.tau)
                and np.array_equal(self.head, other.head))

    __hash__ = None

    def __repr__(self) -> str:
        return f"LinearForbidden(<{self.head.size} samples>, dim={self.dim}, tau={self.tau})"

    def __call__(self) -> tuple[float, float]:
        if self._answer is None:
            from ..ordinal import ordinal_counts
            from .evidence import RECURRENCE_WINDOWS, missing_fraction

            head = np.ascontiguousarray(self.head[:RECURRENCE_WINDOWS], dtype=np.float64)
            most = max(missing_fraction(ordinal_counts(s, self.dim, self.tau)) for s in gaussian_series(head))
            self._answer = (missing_fraction(ordinal_counts(head, self.dim, self.tau)), most)
        return self._answer


def gaussian_series(x: np.ndarray) -> np.ndarray:
    """(:data:`LINEAR_SURROGATES`, n) Gaussian series with the Hann-tapered spectrum of ``x`` (see
    :class:`LinearForbidden`); remembered for the last two series, as a sweep asks once per delay."""
    from .memo import remembered

    return remembered(_SERIES, x, _gaussian_series, 2)


def _gaussian_series(x: np.ndarray) -> np.ndarray:
    n = x.size
    amplitude = np.abs(np.fft.rfft((x - x.mean()) * np.hanning(n)))
    amplitude = np.interp(np.arange(n + 1) / (2 * n), np.arange(amplitude.size) / n, amplitude)
    phases = np.exp(1j * np.random.default_rng(2024).uniform(0.0, 2.0 * np.pi, (LINEAR_SURROGATES, n + 1)))
    return np.fft.irfft(amplitude * phases, n=2 * n, axis=1)[:, :n].copy()


_SERIES: dict = {}
