"""Are a series' forbidden patterns more than a linear Gaussian process with its spectrum would miss?"""

from __future__ import annotations

import numpy as np

#: Gaussian surrogates whose forbidden patterns a time-reversible series must beat to count as deterministic
LINEAR_SURROGATES = 19


class LinearForbidden:
    """On demand (once): (forbidden fraction of ``head`` at (dim, tau), the largest forbidden fraction of
    :data:`LINEAR_SURROGATES` random-phase surrogates of it).

    A linear Gaussian process with a smooth, oversampled or narrow-band
    spectrum misses most patterns at a small tau (low-pass filtered noise
    at tau = 1: three quarters of them at d = 5), so forbidden patterns show
    determinism only when they are more than such a process with the same
    spectrum shows. The surrogates keep the periodogram of the head with a
    linear ramp taken off so that it ends where it starts: without that, the
    jump of the periodic continuation spreads through the surrogates as
    high-frequency noise that fills their patterns (Schreiber & Schmitz
    2000, end-point mismatch). Ordinal patterns do not see a monotone change
    of the values, so Gaussian surrogates stand for any static transform of a
    linear Gaussian process. The seed is fixed: the same series, the same answer.
    """

    def __init__(self, head: np.ndarray, dim: int, tau: int):
        self.head, self.dim, self.tau, self._answer = head, dim, tau, None

    def __call__(self) -> tuple[float, float]:
        if self._answer is None:
            from ..ordinal import ordinal_counts
            from .evidence import missing_fraction as _missing

            x = self.head - np.linspace(0.0, self.head[-1] - self.head[0], self.head.size)
            rng = np.random.default_rng(2024)
            spectrum = np.fft.rfft(x - x.mean())
            most = 0.0
            for _ in range(LINEAR_SURROGATES):
                phases = np.exp(1j * rng.uniform(0.0, 2.0 * np.pi, spectrum.size))
                phases[0] = 1.0
                if x.size % 2 == 0:
                    phases[-1] = 1.0
                surrogate = np.fft.irfft(spectrum * phases, n=x.size)
                most = max(most, _missing(ordinal_counts(surrogate, self.dim, self.tau)))
            self._answer = (_missing(ordinal_counts(self.head, self.dim, self.tau)), most)
        return self._answer
