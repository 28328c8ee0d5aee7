"""Permutation entropy and complexity over many delays in one numba call, and PECCARY's ideal delay.

PECCARY's ideal sampling picks the delay tau so that the pattern spans
t_pat = (d-1) tau dt = 0.4 t_nat (0.3 .. 0.5), where t_nat is the natural
timescale of the series (:func:`tscomplex.plane.natural_timescale`,
:func:`ideal_tau`).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_scalar, check_series
from ..information import jensen_shannon_normalization
from ..ordinal.codes import _count_codes
from ..ordinal.series import check_dim, max_tau, n_windows
from .turns import _rank_code_turn_mask

#: PECCARY's recommended range of t_pat / t_nat, and the value it prefers.
IDEAL_RATIO_BAND = (0.3, 0.5)
IDEAL_RATIO = 0.4
#: PECCARY asks for a duration of at least this many natural timescales.
MIN_DURATION_OVER_T_NAT = 1.5

# --------------------------------------------------------------------------- tau sweep kernels
# Counting is :func:`tscomplex.ordinal._count_codes`; H and C are symmetric in
# the outcomes, so the rank-code order of its histogram is never permuted.


@njit(cache=True, nogil=True)
def _hc_of_counts(counts, q0):
    """(H, C) of a count vector over all N outcomes (zeros included).

    J = S((p+u)/2) - S(p)/2 - S(u)/2 is summed as the non-negative terms
    (p ln p + u ln u)/2 - q ln q, q = (p+u)/2, which avoids the cancellation
    of three sums near ln N; both sums are compensated (Kahan), so N = 9!
    terms lose no more than numpy's pairwise sums.
    """
    n = counts.shape[0]
    total = 0.0
    for i in range(n):
        total += counts[i]
    u = 1.0 / n
    u_log_u = u * np.log(u)
    s = 0.0
    s_err = 0.0
    j = 0.0
    j_err = 0.0
    for i in range(n):
        p = counts[i] / total
        p_log_p = p * np.log(p) if p > 0.0 else 0.0
        q = 0.5 * (p + u)
        y = -p_log_p - s_err
        t = s + y
        s_err = (t - s) - y
        s = t
        y = 0.5 * (p_log_p + u_log_u) - q * np.log(q) - j_err
        t = j + y
        j_err = (t - j) - y
        j = t
    h = s / np.log(n)
    c = q0 * max(j, 0.0) * h
    return h, c


@njit(cache=True, nogil=True)
def _sweep(x, dim, taus, q0, turn_mask, h_out, c_out, turns_out):
    """H, C and the multi-turn fraction for each delay; turn_mask is indexed by rank code."""
    n = 1
    for k in range(2, dim + 1):
        n *= k
    rows = 4 if n <= 40320 else 1  # interleaved histograms only while they stay small
    hist = np.zeros((rows, n), np.int64)
    counts = np.empty(n, np.float64)
    for k in range(taus.shape[0]):
        tau = taus[k]
        hist[:, :] = 0
        block = min(max(4096, 4 * (dim - 1) * tau), x.shape[0] - (dim - 1) * tau)
        _count_codes(x, dim, tau, hist, block)
        total = 0.0
        turned = 0.0
        for c in range(n):
            counts[c] = 0.0
            for r in range(rows):
                counts[c] += hist[r, c]
            total += counts[c]
            if turn_mask[c]:
                turned += counts[c]
        h_out[k], c_out[k] = _hc_of_counts(counts, q0)
        turns_out[k] = turned / total


def pattern_time(tau, dim: int = 5, dt: float = 1.0):
    """PECCARY's pattern timescale t_pat = (d-1) tau dt (scalar or array)."""
    return (dim - 1) * np.asarray(tau) * dt if np.ndim(tau) else (dim - 1) * tau * dt


def ideal_tau(t_nat: float, dim: int = 5, dt: float = 1.0, ratio: float = IDEAL_RATIO) -> int:
    """PECCARY's ideal delay: the integer tau >= 1 whose t_pat = (d-1) tau dt is nearest ratio * t_nat.

    PECCARY recommends 0.3 <= t_pat / t_nat <= 0.5 and uses 0.4. When t_nat
    is shorter than about 2.5 (d-1) dt even tau = 1 overshoots the band:
    check ``pattern_time(tau, dim, dt) / t_nat``.

    Examples
    --------
    >>> ideal_tau(100.0, dim=5)    # t_pat = 40 = 0.4 t_nat
    10
    >>> ideal_tau(1.0, dim=5, dt=0.01)
    10
    """
    dim = check_dim(dim)
    t_nat = check_scalar(t_nat, "t_nat", 0.0, include_min=False)
    dt = check_scalar(dt, "dt", 0.0, include_min=False)
    ratio = check_scalar(ratio, "ratio", 0.0, include_min=False)
    return max(1, int(round(ratio * t_nat / ((dim - 1) * dt))))


# --------------------------------------------------------------------------- tau sweep


def tau_sweep(x, taus, dim: int = 5, min_windows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Permutation entropy and statistical complexity for every delay in ``taus``, in one numba call.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series (finite values; ties: the earlier sample counts as smaller).
    taus : array_like of int
        Delays, each >= 1, in any order.
    dim : int
        Embedding dimension d, 2 <= d <= 10.
    min_windows : int
        Refuse a delay that leaves fewer windows than this; the message
        names the largest usable delay.

    Returns
    -------
    h, c : ndarray of float64, shape (len(taus),)
        H(tau) and C(tau), equal to :func:`tscomplex.complexity_entropy` per delay.

    Notes
    -----
    Each delay is one pass over the series that costs d-1 comparisons per
    sample (see the kernel comment in this module).
    :func:`tau_sweep_full` also returns the multi-turn fraction per delay.

    Examples
    --------
    >>> import numpy as np
    >>> h, c = tau_sweep(np.sin(2 * np.pi * np.arange(10_000) / 100), [1, 10, 50], dim=5)
    >>> np.round(h, 6).tolist(), np.round(c, 6).tolist()
    ([0.214437, 0.5254, 0.669743], [0.19158, 0.38689, 0.404629])
    """
    h, c, _turns = tau_sweep_full(x, taus, dim, min_windows)
    return h, c


def tau_sweep_full(x, taus, dim: int = 5, min_windows: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Like :func:`tau_sweep`, and also the :func:`multi_turn_fraction` of every delay: (h, c, turns).

    Examples
    --------
    >>> import numpy as np
    >>> h, c, turns = tau_sweep_full(np.sin(2 * np.pi * np.arange(10_000) / 100), [1, 10, 50], dim=5)
    >>> np.round(turns, 3).tolist()
    [0.0, 0.0, 0.997]
    """
    dim = check_dim(dim)
    taus = np.atleast_1d(np.asarray(taus))
    if taus.ndim != 1 or taus.size == 0:
        raise ValueError("taus must be a non-empty list of delays")
    if taus.dtype == object:  # Python integers beyond int64 (the ideal tau of an enormous t_nat)
        raise ValueError(f"tau must be at most {np.iinfo(np.int64).max}, got {max(taus.tolist())}")
    if not np.issubdtype(taus.dtype, np.integer):
        if not np.all(np.isfinite(taus)) or np.any(taus != np.round(taus)):
            raise ValueError("every tau must be an integer")
    taus = taus.astype(np.int64)
    if taus.min() < 1:
        raise ValueError(f"tau must be >= 1, got {int(taus.min())}")
    x = check_series(x, "x", min_size=0, dtype=None)  # float32 is compared as it is (no copy)
    check_taus_fit(x.size, taus, dim, min_windows)
    n = math.factorial(dim)
    h = np.empty(taus.size)
    c = np.empty(taus.size)
    turns = np.empty(taus.size)
    q0, mask = jensen_shannon_normalization(n), _rank_code_turn_mask(dim)
    parts = sweep_parts(x.size, dim, taus)
    if parts <= 1:
        _sweep(x, dim, taus, q0, mask, h, c, turns)
        return h, c, turns
    from concurrent.futures import ThreadPoolExecutor

    def run(index):  # every tau is still one serial pass of its own: the same numbers on any thread count
        hh, cc, tt = np.empty(index.size), np.empty(index.size), np.empty(index.size)
        _sweep(x, dim, taus[index], q0, mask, hh, cc, tt)
        return index, hh, cc, tt

    with ThreadPoolExecutor(parts) as pool:  # taus dealt out in turn, so the threads get similar work
        for index, hh, cc, tt in pool.map(run, [np.arange(k, taus.size, parts) for k in range(parts)]):
            h[index], c[index], turns[index] = hh, cc, tt
    return h, c, turns


#: Windows (summed over the delays) each thread must get before the delays of a sweep are spread over
#: threads; as :data:`tscomplex.ordinal.counts.THREAD_MIN_WINDOWS` for one count.
SWEEP_MIN_WINDOWS = 1 << 21


def sweep_parts(n: int, dim: int, taus, threads: int | None = None) -> int:
    """Threads for a sweep: the delays are independent, so up to one thread per delay."""
    total = sum(n_windows(n, dim, int(t)) for t in taus)
    if total < 2 * SWEEP_MIN_WINDOWS or len(taus) < 2:
        return 1
    if threads is None:
        from .._threads import thread_count

        threads = thread_count()
    return max(1, min(int(threads), len(taus), total // SWEEP_MIN_WINDOWS))


def check_taus_fit(n: int, taus, dim: int, min_windows: int = 1) -> None:
    """Raise ValueError naming the largest usable tau when some tau leaves fewer than min_windows windows."""
    min_windows = max(1, int(min_windows))
    largest = int(np.max(taus))
    if n_windows(n, dim, largest) < min_windows:
        usable = max_tau(n, dim, min_windows)
        if usable < 1:
            raise ValueError(f"a series of {n} samples is too short for dim={dim}: even tau=1 leaves "
                             f"{n_windows(n, dim, 1)} windows, fewer than {min_windows}")
        raise ValueError(f"tau={largest} leaves {n_windows(n, dim, largest)} windows of {n} samples at dim={dim}, "
                         f"fewer than {min_windows}; the largest usable tau is {usable}")

