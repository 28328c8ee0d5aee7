"""Weighted ordinal counts of one long series on several threads, with sums identical to one serial pass.

Weighted counts are float sums, and a float sum depends on the order of its
terms. The serial kernel (:func:`tscomplex.ordinal.codes._accumulate_weighted`)
adds each window's variance to its pattern's total in window order. Here the
windows are taken in rounds: first the threads compute the code and the
variance of every window of the round (blocks of windows, no shared writes),
then each thread adds the variances of the patterns in its own range of codes,
scanning the round's windows in order. Every pattern's total therefore gets
its terms in window order, as in the serial pass, whatever the thread count:
the sums are the same to the last bit (tests check it at 1, 2 and 3 threads).
On one thread the rounds are also faster than the one-window-at-a-time kernel
(codes from comparisons shared between windows, a round's arrays in cache):
169 ms against 273 ms (min of 5, alternated) for 10**7 windows at d = 5 on the
shared 2-core test machine (load 2).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numba import njit

from .codes import COUNT_BLOCK, _block_rank_codes, _weights

#: Sink slots of the code-range adds (a power of 2).
SINKS = 4

#: Pieces of each phase per thread (taken as threads come free, so a thread sharing its core does less).
PIECES = 4

#: Windows each thread gets per round: the round's codes and weights (16 bytes a window, 2 MB) stay in L3.
ROUND_WINDOWS = 1 << 17


@njit(cache=True, nogil=True)
def _codes_and_weights(x, dim, tau, codes, weights):
    """Rank-vector codes and population variances of the windows of ``x`` (one thread's block)."""
    _block_rank_codes(x, dim, tau, codes, min(COUNT_BLOCK, max(codes.shape[0], 1)))
    _weights(x, dim, tau, weights)


@njit(cache=True, nogil=True)
def _add_code_range(codes, weights, local, lo):
    """local[c - lo] += weight for every window whose code c is in [lo, lo + len(local) - SINKS), in window order.

    Other codes go to the last SINKS slots, never read: a select instead of a branch, which random
    codes would mispredict half the time (measured: 50% more CPU time with two ranges than with one).
    """
    size = local.shape[0] - SINKS
    for t in range(codes.shape[0]):
        j = codes[t] - lo
        k = j if (j >= 0) & (j < size) else size + (t & (SINKS - 1))  # several sinks: no chain of adds
        local[k] += weights[t]


def accumulate_weighted_threaded(x: np.ndarray, dim: int, tau: int, raw: np.ndarray, threads: int) -> None:
    """Add each window's variance to raw[rank code] on ``threads`` threads; the same bits as the serial kernel."""
    span = (dim - 1) * tau
    nw = x.shape[0] - span
    if nw <= 0:
        return
    step = ROUND_WINDOWS * threads
    codes = np.empty(min(step, nw), np.int64)
    weights = np.empty(min(step, nw), np.float64)
    pieces = threads * PIECES if threads > 1 else 1  # handed out as threads come free: load balance
    bounds = [raw.shape[0] * k // threads for k in range(threads + 1)]  # each range scans all the codes
    # each thread adds into its own copy of its range (plus a sink slot), written back at the end
    locals_ = [np.append(raw[bounds[k]:bounds[k + 1]], np.zeros(SINKS)) for k in range(threads)]
    pool = ThreadPoolExecutor(threads) if threads > 1 else None

    def run(f, count):
        return list(pool.map(f, range(count))) if pool else f(0)
    try:
        for start in range(0, nw, step):
            m = min(step, nw - start)
            cuts = [start + m * k // pieces for k in range(pieces + 1)]

            def code(k, start=start, cuts=cuts):  # windows cuts[k] .. cuts[k+1]-1: samples to cuts[k+1]-1+span
                lo, hi = cuts[k] - start, cuts[k + 1] - start
                _codes_and_weights(x[cuts[k]:cuts[k + 1] + span], dim, tau, codes[lo:hi], weights[lo:hi])

            def add(k, m=m):
                _add_code_range(codes[:m], weights[:m], locals_[k], bounds[k])

            run(code, pieces)
            run(add, threads)
    finally:
        if pool is not None:
            pool.shutdown()
    for k in range(threads):
        raw[bounds[k]:bounds[k + 1]] = locals_[k][:-SINKS]
