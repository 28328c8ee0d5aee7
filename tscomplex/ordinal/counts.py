"""Dense ordinal counts: a checked series -> counts over all d! patterns, and the code of every window."""

from __future__ import annotations

import math

import numpy as np

from .._threads import thread_count
from ..options import DEFAULT_DIM, DEFAULT_TAU
from .codes import COUNT_BLOCK, NUMPY_TABLE_MAX_DIM, _accumulate_weighted, _count_codes, _rank_codes, pattern_table
from .series import n_windows, nonfinite_error, prepare_series

#: Windows each thread must get before one series is split over threads: below it starting threads costs
#: more than it saves. Measured on an idle 2-core machine (``python benchmarks/bench_io.py --threads-only``,
#: serial / threaded time, d = 5): 0.55 at 2**18 windows in all, 0.87 at 2**20, 1.72 at 2**22, and 1.28x at
#: 10**7 samples; the split pays from about 2**21 windows per thread.
THREAD_MIN_WINDOWS = 1 << 21

#: The same for weighted counts, whose windows cost about 6x more (a variance each). Measured with both
#: cores free (``python benchmarks/bench_threads.py --scan``, serial / threaded median time): 0.90 at 2**18
#: windows in all, 1.24 at 2**19, 1.42 at 2**20; with the second core busy the split costs 5-10%.
WEIGHTED_MIN_WINDOWS = 1 << 19

#: Pieces of work per thread, handed out as threads come free (load balance on a shared machine).
PIECES = 4

#: Largest d! for which each thread gets its own histogram (8 bytes a pattern: 29 MB at d = 10).
THREAD_MAX_OUTCOMES = 3628800

count_threads = thread_count  # the name this module has always exported


def ordinal_counts(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, weighted: bool = False,
                   tie_precision: int | None = None) -> np.ndarray:
    """Counts of every ordinal pattern of dimension ``dim`` and delay ``tau``.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series. NaN and inf are refused.
    dim : int
        Embedding dimension d, 2 <= d <= 10.
    tau : int
        Embedding delay in samples, >= 1.
    weighted : bool
        If True each window adds its population variance instead of 1
        (weighted permutation entropy, Fadlallah et al., PRE 87, 022911, 2013).
    tie_precision : int, optional
        Round the data to this many decimals first (ordpy's ``tie_precision``).

    Returns
    -------
    counts : ndarray of float64, shape (d!,)
        ``counts[k]`` belongs to the k-th argsort permutation in lexicographic
        order; zeros are kept. Unweighted counts sum to N - (d-1)tau.

    Examples
    --------
    >>> ordinal_counts([4, 7, 9, 10, 6, 11, 3], dim=2)
    array([4., 2.])
    """
    # unweighted counts check finiteness inside the counting pass (no extra pass over memory)
    fused = not weighted
    x = prepare_series(x, dim, tau, tie_precision, finite=not fused)
    raw = np.zeros(math.factorial(dim), dtype=np.float64)
    bad = accumulate_raw_counts(x, dim, tau, weighted, raw)
    if fused and bad >= 0:
        raise nonfinite_error(x, "series")
    return raw_to_pattern_counts(raw, dim)


def accumulate_raw_counts(x: np.ndarray, dim: int, tau: int, weighted: bool, raw: np.ndarray,
                          threads: int | None = None) -> int:
    """Add the windows of a prepared float32/float64 series to raw (rank-code ordered) counts.

    Counts are additive, so a long series can be fed in chunks that overlap by
    (dim-1)*tau samples; :func:`raw_to_pattern_counts` then reorders them once.
    A long series is split the same way over ``threads`` threads (default
    :func:`count_threads`; the kernels release the GIL): integer counts are
    summed per thread, weighted ones keep every pattern's terms in window
    order (:mod:`tscomplex.ordinal.parallel`), so both are identical to one pass. Returns the index of the first
    NaN or infinite sample seen by the unweighted kernel, or -1 (weighted
    counts expect a checked series and return -1).
    """
    nw = n_windows(x.shape[0], dim, tau)
    least = WEIGHTED_MIN_WINDOWS if weighted else THREAD_MIN_WINDOWS
    if threads is None:  # a series too short to split asks no one how many cores there are (a system call)
        threads = count_threads() if nw >= 2 * least else 1
    threads = max(1, int(threads))
    parts = min(threads, nw // least) if raw.shape[0] <= THREAD_MAX_OUTCOMES else 1
    if weighted:
        from .parallel import ROUND_WINDOWS, accumulate_weighted_threaded

        if nw < ROUND_WINDOWS:
            _accumulate_weighted(x, dim, tau, raw)
        else:  # window order kept within every pattern's sum: the same bits as the kernel above
            accumulate_weighted_threaded(x, dim, tau, raw, max(parts, 1))
        return -1
    hist, bad = code_histogram(x, dim, tau, raw.shape[0], parts)
    raw += hist
    return bad


def count_parts(nw: int, n_outcomes: int = 0) -> int:
    """Threads for counting ``nw`` windows without weights: 1 below :data:`THREAD_MIN_WINDOWS` per thread."""
    if nw < 2 * THREAD_MIN_WINDOWS or n_outcomes > THREAD_MAX_OUTCOMES:
        return 1
    return max(1, min(count_threads(), nw // THREAD_MIN_WINDOWS))


def code_histogram(x: np.ndarray, dim: int, tau: int, n_outcomes: int, parts: int = 1) -> tuple[np.ndarray, int]:
    """(int64 counts by rank code, first NaN/inf index or -1) of a series, its windows split over ``parts`` threads.

    Each thread fills its own histogram; integer sums make the result that of one pass.
    """
    rows = 4 if n_outcomes <= 40320 else 1  # interleaved histograms only while they stay small
    nw = n_windows(x.shape[0], dim, tau)
    parts = max(1, min(int(parts), nw))
    if parts <= 1:
        hist = np.zeros((rows, n_outcomes), dtype=np.int64)
        bad = _count_codes(x, dim, tau, hist, COUNT_BLOCK)
        return (hist.sum(axis=0) if rows > 1 else hist[0]), bad
    from concurrent.futures import ThreadPoolExecutor

    span = (dim - 1) * tau
    # small histograms: PIECES pieces per thread, taken as threads come free, so a thread that shares
    # its core with another process does less of the work (integer sums: the same counts)
    pieces = parts * (PIECES if rows > 1 else 1)
    edges = [nw * k // pieces for k in range(pieces + 1)]
    hists = [np.zeros((rows, n_outcomes), dtype=np.int64) for _ in range(pieces)]

    def count(k):  # windows edges[k] .. edges[k+1]-1 need samples up to edges[k+1]-1+span
        return _count_codes(x[edges[k]:edges[k + 1] + span], dim, tau, hists[k], COUNT_BLOCK)

    with ThreadPoolExecutor(parts) as pool:
        found = list(pool.map(count, range(pieces)))
    total = hists[0].sum(axis=0)
    for hist in hists[1:]:
        total += hist.sum(axis=0)
    bads = [edges[k] + b for k, b in enumerate(found) if b >= 0]
    return total, (min(bads) if bads else -1)


def raw_to_pattern_counts(raw: np.ndarray, dim: int) -> np.ndarray:
    """Reorder counts indexed by rank-vector code into lexicographic argsort order.

    Raises ValueError when a count is not finite, which only weighted counts
    can be: a window variance overflows for values beyond about 1e154.
    """
    if not np.all(np.isfinite(raw)):
        raise ValueError("weighted counts overflow: window variances of values this large (beyond about 1e154) "
                         "exceed the largest double; rescale the series")
    counts = np.empty_like(raw)
    counts[pattern_table(dim)] = raw
    return counts


def ordinal_codes(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, tie_precision: int | None = None) -> np.ndarray:
    """Pattern code (0 .. d!-1, lexicographic argsort rank) of every window, as int64.

    Examples
    --------
    >>> ordinal_codes([1.0, 3.0, 2.0, 4.0], dim=3)
    array([1, 2])
    """
    x = prepare_series(x, dim, tau, tie_precision)
    windows = n_windows(x.size, dim, tau)
    if windows <= NUMPY_CODES_MAX_WINDOWS and dim <= NUMPY_TABLE_MAX_DIM:
        out = _rank_codes_numpy(x, dim, tau, windows)
    else:
        out = np.empty(windows, dtype=np.int64)
        _rank_codes(x, dim, tau, out)
    return pattern_table(dim)[out]


#: Up to this many windows (the regime evidence's prefix, 2^16 windows, among them) numpy codes them in
#: d(d-1)/2 vectorized comparisons, a few milliseconds: a first run then compiles no coding kernel for it.
NUMPY_CODES_MAX_WINDOWS = 1 << 16


def _rank_codes_numpy(x: np.ndarray, dim: int, tau: int, windows: int) -> np.ndarray:
    """The rank-vector Lehmer code of each window (what ``_rank_codes`` writes): sum over window samples i
    of (the number of later samples strictly smaller than sample i) (d-1-i)!."""
    code = np.zeros(windows, dtype=np.int64)
    for i in range(dim - 1):
        xi = x[i * tau:i * tau + windows]
        smaller = np.zeros(windows, dtype=np.int64)
        for j in range(i + 1, dim):
            smaller += x[j * tau:j * tau + windows] < xi
        code += smaller * math.factorial(dim - 1 - i)
    return code

