"""Surrogate series: shuffle, random-phase Fourier, AAFT, IAAFT, multivariate phases, block shuffle, cyclic shift.

Every generator makes many surrogates in one call, vectorized over the
surrogates and the samples (numpy FFTs along rows, sorts along rows): there is
no Python loop per sample, only one per surrogate to draw its random numbers.
Surrogate ``i`` of seed ``s`` comes from ``numpy.random.SeedSequence(s,
spawn_key=(i,))``, so it is the same surrogate whether it is made alone, in a
batch, or on another worker (``start`` picks where a batch begins).

References
----------
J. Theiler, S. Eubank, A. Longtin, B. Galdrikian, J. D. Farmer, Physica D 58,
77 (1992) (shuffle, FT, AAFT); T. Schreiber, A. Schmitz, PRL 77, 635 (1996)
(IAAFT); D. Prichard, J. Theiler, PRL 73, 951 (1994) (multivariate phases);
G. Lancaster et al., Physics Reports 748, 1 (2018) (review; cyclic shift and
block methods for non-stationary data).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .iaaft import MAX_ITERATIONS, iaaft  # noqa: F401 (re-exported)

#: method name -> one line for help texts
METHODS = {
    "shuffle": "random permutation: keeps the values, destroys all correlations",
    "ft": "random phases (Fourier transform): keeps the periodogram exactly, makes the values Gaussian-like",
    "aaft": "amplitude-adjusted FT: keeps the values exactly, the spectrum roughly",
    "iaaft": "iterative AAFT ending on the values: keeps the values exactly, the spectrum within a reported mismatch",
    "iaaft-spectrum": "iterative AAFT ending on the spectrum: keeps the periodogram exactly, the values nearly",
    "multivariate": "the same random phases for every column: keeps each periodogram and all cross-spectra",
    "block-shuffle": "shuffles blocks of samples: keeps the values and correlations shorter than a block",
    "cyclic-shift": "rotates the series by a random lag: keeps everything but its alignment in time",
}

#: shortest series any method accepts
MIN_LENGTH = 8


@dataclass(frozen=True)
class SurrogateInfo:
    """What was done to make a set of surrogates (automatic choices included).

    ``iterations``, ``spectral_mismatch`` and ``amplitude_mismatch`` have one
    entry per surrogate for the IAAFT methods (None otherwise):
    spectral mismatch = ||abs(F s) - abs(F x)|| / ||abs(F x)|| over the rfft bins,
    amplitude mismatch = ||sort(s) - sort(x)|| / ||x - mean(x)||.
    ``converged`` tells, per surrogate, whether it met the stopping rule
    ``criterion`` before ``max_iterations``; ``stop_reasons`` says which part
    (``rank``, ``mismatch`` or ``cap``; see :mod:`tscomplex.surrogates.iaaft`).
    ``gaussianized``: made of the data's Gaussian scores and given the data's
    values by rank (:mod:`tscomplex.surrogates.ranks`); the mismatches are then
    the scores'.
    """

    method: str
    count: int
    seed: int
    start: int = 0
    block_length: int | None = None
    max_iterations: int | None = None
    iterations: tuple | None = None
    converged: tuple | None = None
    spectral_mismatch: tuple | None = None
    amplitude_mismatch: tuple | None = None
    stop_reasons: tuple | None = None
    criterion: str | None = None
    gaussianized: bool = False


def new_seed() -> int:
    """A fresh seed (from the OS's entropy), small enough to print and pass back with ``seed=``."""
    return int(np.random.SeedSequence().generate_state(1)[0])


def check_method(method: str) -> str:
    method = str(method).lower()
    if method not in METHODS:
        raise ValueError(f"unknown surrogate method {method!r}; choose one of {', '.join(METHODS)}")
    return method


def check_data(x, method: str) -> np.ndarray:
    """The series as float64: 1-D (n samples), or 2-D (n samples, k >= 2 columns) for ``multivariate``."""
    x = np.asarray(x, dtype=float)
    if method == "multivariate":
        if x.ndim != 2 or x.shape[1] < 2:
            raise ValueError("the multivariate method needs at least two columns (an array of shape (n, k), "
                             f"k >= 2), got shape {x.shape}; for one series use ft or iaaft")
    elif x.ndim != 1:
        raise ValueError(f"method {method!r} takes one series (a 1-D array), got shape {x.shape}; "
                         "for several columns together use the multivariate method")
    n = x.shape[0]
    if n < MIN_LENGTH:
        raise ValueError(f"series of {n} samples is too short for surrogates: needs at least {MIN_LENGTH}")
    if not np.all(np.isfinite(x)):
        raise ValueError("series holds NaN or infinite values; clean it first")
    columns = x.reshape(n, -1)
    constant = np.all(columns == columns[0], axis=0)
    if np.any(constant):
        which = "series is" if x.ndim == 1 else f"column {int(np.argmax(constant))} is"
        raise ValueError(f"constant {which} its own surrogate: there is nothing to test")
    return x


def surrogate_rngs(seed: int, count: int, start: int = 0) -> list:
    """One generator per surrogate, ``start`` .. ``start + count - 1``; the i-th never depends on the batch."""
    return [np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(i,))))
            for i in range(start, start + count)]


def _random_phases(rngs, n: int) -> np.ndarray:
    """exp(i phi) for the rfft bins of n samples, one row per generator; DC and Nyquist keep their phase."""
    m = n // 2 + 1
    phi = np.stack([rng.uniform(0.0, 2.0 * np.pi, m) for rng in rngs])
    phi[:, 0] = 0.0
    if n % 2 == 0:
        phi[:, -1] = 0.0
    return np.exp(1j * phi)


def phase_randomized(x: np.ndarray, rngs) -> np.ndarray:
    """FT surrogates of ``x`` (1-D), one row per generator: |rfft| kept, phases uniform."""
    spectrum = np.fft.rfft(x)
    return np.fft.irfft(spectrum[None, :] * _random_phases(rngs, x.size), n=x.size, axis=1)


def _rank_remap(values_sorted: np.ndarray, order_source: np.ndarray) -> np.ndarray:
    """Rows of ``order_source`` replaced by ``values_sorted`` in the same rank order."""
    order = np.argsort(order_source, axis=1)
    out = np.empty(order_source.shape)
    np.put_along_axis(out, order, np.broadcast_to(values_sorted, order.shape), axis=1)
    return out


def aaft(x: np.ndarray, rngs) -> np.ndarray:
    """AAFT (Theiler et al. 1992): Gaussianize by rank, randomize phases, give back the values by rank."""
    n = x.size
    gauss = np.sort(np.stack([rng.standard_normal(n) for rng in rngs]), axis=1)
    rank = np.argsort(np.argsort(x))
    g = gauss[:, rank]  # a Gaussian series with the ranks of x, one per surrogate
    spectra = np.fft.rfft(g, axis=1) * _random_phases(rngs, n)
    return _rank_remap(np.sort(x), np.fft.irfft(spectra, n=n, axis=1))


def multivariate(x: np.ndarray, rngs) -> np.ndarray:
    """Phase randomization of every column with the same phases (Prichard & Theiler 1994): (count, n, k)."""
    n = x.shape[0]
    spectra = np.fft.rfft(x, axis=0)  # (m, k)
    phases = _random_phases(rngs, n)  # (count, m)
    return np.fft.irfft(spectra[None, :, :] * phases[:, :, None], n=n, axis=1)


def default_block_length(n: int) -> int:
    """round(sqrt(n)): blocks long against short correlations, and about sqrt(n) of them to shuffle."""
    return max(1, int(round(np.sqrt(n))))


def block_shuffle(x: np.ndarray, rngs, block_length: int) -> np.ndarray:
    """The series cut into blocks of ``block_length`` (the last may be shorter), put back in a random order."""
    n = x.size
    block_id = np.arange(n) // block_length
    blocks = int(block_id[-1]) + 1
    out = np.empty((len(rngs), n))
    for row, rng in enumerate(rngs):  # one Python step per surrogate; a stable sort moves whole blocks
        place = np.argsort(rng.permutation(blocks))  # where each block goes
        out[row] = x[np.argsort(place[block_id], kind="stable")]
    return out


def cyclic_shift(x: np.ndarray, rngs) -> np.ndarray:
    """The series rotated by a lag drawn uniformly from 1 .. n-1."""
    n = x.size
    shifts = np.array([rng.integers(1, n) for rng in rngs])
    index = (np.arange(n)[None, :] - shifts[:, None]) % n
    return x[index]
