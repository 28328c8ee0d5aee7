"""IAAFT (Schreiber & Schmitz 1996): many surrogates at once, in fixed chunks spread over threads.

Each surrogate starts as a random-phase (FT) surrogate of the data given the
data's values by rank, and alternates two steps: give it the Fourier amplitudes of the data (keeping its phases), then
the data's values (keeping its ranks). Schreiber & Schmitz iterate until the
ranking stops changing; on long series that takes hundreds of iterations
while the spectrum stopped improving long before, so a surrogate stops at
the first of

- ``rank``: the value step changed the rank of at most ``rank_tolerance``
  of the samples (0 asks for an unchanged ranking);
- ``mismatch``: its spectral mismatch fell by less than ``mismatch_rtol``
  (relative) since the previous iteration;
- ``cap``: ``max_iterations`` iterations.

Spectral mismatch = ||abs(F s) - abs(F x)|| / ||abs(F x)|| over the rfft bins.

The start matters for the size of a test. Schreiber & Schmitz start from a
random shuffle; the iteration then keeps phases that are not uniform, and on
a narrow-band linear process (AR(2), coefficients 1.6 and -0.8, 1,000
samples) permutation entropy at d = 4 rejected the null in 18% of 100
trials with 39 surrogates at alpha = 0.05. Starting from uniform random
phases, as the FT surrogates have them, brings that to the nominal rate
(measured in tests/test_surrogate_size.py). ``start="shuffle"`` keeps the
original start.

Speed: the sorted values, the amplitude spectrum and a table of the data's
ranks are computed once; each iteration is one 2-D real FFT pair over a chunk
of surrogates (pocketfft, written into arrays made once per chunk, as is
the value step's scratch), one numba pass that imposes the amplitudes
and measures the mismatch, and one numba rank step that orders the iterate
without a comparison sort (a counting sort on ranks estimated from the previous
iterate's distribution, then an insertion pass; once at most 80% of the values changed
in the previous step, an insertion pass from the previous iterate's order; see
:mod:`._kernels`). The chunks run
on a thread pool (the FFTs and the numba kernels release the GIL). The
chunks are cut at fixed surrogate indices and a surrogate's stopping
decision depends on itself only, so the result for a seed does not depend on
the number of threads.
"""

from __future__ import annotations

import os

import numpy as np

#: default cap on IAAFT iterations
MAX_ITERATIONS = 200
#: stop when at most this fraction of the samples changed rank in the last value step
RANK_TOLERANCE = 1e-3
#: ... or when the spectral mismatch fell by less than this fraction (1%) in the last iteration
MISMATCH_RTOL = 1e-2
#: surrogates per chunk (the unit of work of a thread; fixed so results do not depend on the threads)
CHUNK = 8

#: stop reasons, as reported per surrogate
REASONS = ("cap", "rank", "mismatch")


def criterion_text(max_iterations: int, rank_tolerance: float = RANK_TOLERANCE,
                   mismatch_rtol: float = MISMATCH_RTOL) -> str:
    """The stopping rule in one line, for records."""
    return (f"ranks changed <= {rank_tolerance:g} of samples, or spectral mismatch fell < {mismatch_rtol:g} "
            f"(relative), or {max_iterations} iterations")


def _phases(rngs, n):
    from .generators import _random_phases

    return _random_phases(rngs, n)


def _norm(v):
    """Euclidean norm of a 1-D array without BLAS: numpy's norm calls BLAS's dot, whose threads (OpenBLAS) then
    spin for a while on the cores the surrogates' threads need (measured: 99 surrogates of 10^5 samples took
    3.47 s instead of 4.25 s with OPENBLAS_NUM_THREADS=1)."""
    return float(np.sqrt(np.sum(np.square(v))))


def _mismatch(spectra, amplitude, norm):
    return np.linalg.norm(np.abs(spectra) - amplitude, axis=1) / norm


def _transforms(rows, n, reuse=None):
    """(rfft, irfft) of blocks of at most ``rows`` rows of n samples along axis 1, written into two arrays
    made once: a fresh result on every step faults its pages in again (with the value step's scratch, a third
    of an iteration at 10^5 samples, measured). numpy >= 2 takes ``out=``; its pocketfft gives the same bits
    as scipy's. With older numpy (or ``reuse=False``), scipy's transforms allocate."""
    if reuse is None:
        reuse = np.lib.NumpyVersion(np.__version__) >= "2.0.0"
    if not reuse:
        from scipy import fft

        return (lambda a: fft.rfft(a, axis=1)), (lambda f: fft.irfft(f, n=n, axis=1))
    spectra = np.empty((rows, n // 2 + 1), dtype=np.complex128)
    values = np.empty((rows, n))
    return ((lambda a: np.fft.rfft(a, axis=1, out=spectra[:a.shape[0]])),
            (lambda f: np.fft.irfft(f, n=n, axis=1, out=values[:f.shape[0]])))


def _chunk(s, orders, ranks, sorted_x, amplitude, max_iterations, exact, rank_tolerance, mismatch_rtol):
    """Iterate the rows of ``s`` (surrogates with the data's values, in the rank orders ``orders`` or, for
    shuffles, None) in place, with the rows' rank tables ``ranks`` (:func:`._kernels.rank_tables`); returns
    (out, iterations, reason, mismatch)."""
    from scipy import fft

    from ._kernels import impose_amplitudes, rank_scratch, rank_step_into

    rows, n = s.shape
    rfft, irfft = _transforms(rows, n)
    scratch = rank_scratch(n)
    norm = _norm(amplitude)
    out = s if exact == "amplitude" else np.empty_like(s)
    iterations = np.zeros(rows, dtype=np.int64)
    reason = np.zeros(rows, dtype=np.int8)
    mismatch = np.zeros(rows)
    changed = np.full(rows, n, dtype=np.int64)
    previous = np.full(rows, np.inf)
    active = np.arange(rows)
    a_s = s  # the rows still iterating, packed
    if orders is None:  # rank orders of the rows, from which the value step may start (the same result)
        orders = np.empty(s.shape, dtype=np.int32)
    it = 0
    while True:
        spectra = rfft(a_s)
        m = np.empty(active.size)
        impose_amplitudes(spectra, amplitude, m)  # m: the mismatch before the amplitudes were imposed
        m /= norm
        by_rank = changed <= rank_tolerance * n if it > 0 else np.zeros(active.size, dtype=bool)
        by_mismatch = m > previous * (1.0 - mismatch_rtol)
        stop = by_rank | by_mismatch | (it >= max_iterations)
        if stop.any():
            done = active[stop]
            iterations[done] = it
            reason[done] = np.where(by_rank[stop], 1, np.where(by_mismatch[stop], 2, 0))
            mismatch[done] = m[stop]
            if exact == "amplitude":
                s[done] = a_s[stop]
            else:
                out[done] = fft.irfft(spectra[stop], n=n, axis=1)
            keep = ~stop
            if not keep.any():
                break
            active, a_s, spectra, m, orders = active[keep], a_s[keep], spectra[keep], m[keep], orders[keep]
            ranks = tuple(r[keep] for r in ranks)
            changed = changed[keep]
        previous = m
        y = irfft(spectra)
        previous_changed, changed = changed, np.empty(active.size, dtype=np.int64)
        rank_step_into(y, *ranks, sorted_x, a_s, changed, orders, previous_changed, *scratch)
        it += 1
    return out, iterations, reason, mismatch


def iaaft(x: np.ndarray, rngs, max_iterations: int = MAX_ITERATIONS, exact: str = "amplitude",
          rank_tolerance: float = RANK_TOLERANCE, mismatch_rtol: float = MISMATCH_RTOL, threads: int | None = None,
          start: str = "phases"):
    """IAAFT surrogates of ``x``, one per generator.

    ``exact="amplitude"`` ends on the values (the distribution is exact, the
    reported mismatch is the spectrum's), ``exact="spectrum"`` on the
    spectrum (the periodogram is exact, the reported mismatch is that of the
    values). ``threads`` (default: the CPU count) never changes the result.

    Returns (surrogates, iterations, converged, spectral_mismatch,
    amplitude_mismatch, reasons); ``reasons`` names each surrogate's stop
    (:data:`REASONS`), converged is ``reason != "cap"``.
    """
    from concurrent.futures import ThreadPoolExecutor

    from scipy import fft

    from ._kernels import rank_step, rank_tables

    n = x.size
    count = len(rngs)
    sorted_x = np.sort(x)
    amplitude = np.abs(fft.rfft(x))
    spectrum = fft.rfft(x)

    def begin(chunk):
        """The chunk's starting surrogates: shuffles, or random phases given the data's values by rank."""
        ranks = rank_tables(sorted_x, len(chunk))
        if start == "shuffle":
            return np.stack([rng.permutation(x) for rng in chunk]), None, ranks
        y = fft.irfft(spectrum[None, :] * _phases(chunk, n), n=n, axis=1)
        s = np.zeros_like(y)
        orders = np.empty(y.shape, dtype=np.int32)
        rank_step(y, *ranks, sorted_x, s, np.empty(len(chunk), dtype=np.int64), orders,
                  np.full(len(chunk), n, dtype=np.int64))
        return s, orders, ranks

    def work(bound):
        a, b = bound
        return _chunk(*begin(rngs[a:b]), sorted_x, amplitude, max_iterations, exact, rank_tolerance,
                      mismatch_rtol)

    bounds = [(a, min(a + CHUNK, count)) for a in range(0, count, CHUNK)]
    threads = min(len(bounds), threads or os.cpu_count() or 1)
    if threads > 1:
        with ThreadPoolExecutor(threads) as pool:
            parts = list(pool.map(work, bounds))
    else:
        parts = [work(b) for b in bounds]
    out = np.concatenate([p[0] for p in parts])
    iterations = np.concatenate([p[1] for p in parts])
    reason = np.concatenate([p[2] for p in parts])
    spectral = np.concatenate([p[3] for p in parts])
    if exact == "amplitude":  # every row was last written by the value step: a permutation of sorted_x
        amplitude_mismatch = np.zeros(count)
    else:
        spread = _norm(x - x.mean())
        amplitude_mismatch = np.linalg.norm(np.sort(out, axis=1) - sorted_x, axis=1) / spread
    if exact == "spectrum":  # the spectrum is exact up to rounding: report what is left of it
        spectral = _mismatch(fft.rfft(out, axis=1), amplitude, _norm(amplitude))
    reasons = tuple(REASONS[int(r)] for r in reason)
    return out, iterations, reason != 0, spectral, amplitude_mismatch, reasons
