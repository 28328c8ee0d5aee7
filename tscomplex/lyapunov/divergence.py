"""Divergence of nearby trajectories in an embedding: Rosenstein's and Kantz's curves <ln d(k)>.

:func:`divergence_curve` takes an already-embedded set (as ChaosTools' ``lyapunov_from_data``)
and returns the curve; the slope of its straight part (:mod:`tscomplex.lyapunov.scaling`) is the
largest exponent per sample. Neighbours come from a KD-tree, never from a distance matrix.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_choice
from .._validation import check_int
from ..embedding.delay import _query_points
from ..options import LYAPUNOV_METHODS

METHODS = LYAPUNOV_METHODS

def _valid_neighbors(tree, y, refs, theiler, n_neighbors, radius=np.inf, k0=None):
    """Up to ``n_neighbors`` nearest points of each reference further than ``theiler`` samples away in time.

    Returns an (len(refs), n_neighbors) int64 array of indices, -1 where none
    was found (within ``radius``). The KD-tree is asked for k neighbours with k
    growing (x4) only for the references whose k nearest are all too close in time.
    At most 2·theiler + 1 points are excluded, so k = n_neighbors + 2·theiler + 1
    always suffices and ends the search.
    """
    from .._threads import thread_count

    m = y.shape[0]
    workers = thread_count() if refs.size >= 4096 else 1  # scipy's query threads: the same answers (issue 14)
    out = np.full((refs.size, n_neighbors), -1, dtype=np.int64)
    todo = np.arange(refs.size)
    enough = min(m, n_neighbors + 2 * theiler + 1)
    k = k0 or (n_neighbors + 2)  # self and one spare; most points of a map need no more
    while todo.size:
        k = min(k, enough)
        rows_per_call = max(1000, 4_000_000 // k)
        still = []
        for start in range(0, todo.size, rows_per_call):
            rows = todo[start:start + rows_per_call]
            dist, idx = tree.query(y[refs[rows]], k=k, distance_upper_bound=radius, workers=workers)
            idx = idx.reshape(rows.size, k)
            missing = idx >= m
            valid = ~missing & (np.abs(idx - refs[rows, None]) > theiler)
            rank = np.cumsum(valid, axis=1)
            done = (rank[:, -1] >= n_neighbors) | missing.any(axis=1) | (k >= enough)
            sel = valid & (rank <= n_neighbors) & done[:, None]
            r, c = np.nonzero(sel)
            out[rows[r], rank[r, c] - 1] = idx[r, c]
            still.append(rows[~done])
        todo = np.concatenate(still) if still else todo[:0]
        k *= 4
    return out


@njit(cache=True, nogil=True, fastmath=True)
def _nearest_divergence_kernel(yt, refs, nearest, k_start, k_end):
    """Rosenstein's case of :func:`_divergence_kernel` (one neighbour each), on the transposed embedding
    yt (dim, M), with ln d = ln(d²)/2 to save the square root."""
    dim, m = yt.shape
    sums = np.zeros(k_end - k_start + 1)
    counts = np.zeros(k_end - k_start + 1, dtype=np.int64)
    for a in range(refs.size):
        i = refs[a]
        j = nearest[a]
        if j < 0:
            continue
        last = min(k_end, m - 1 - max(i, j))
        for k in range(k_start, last + 1):
            s = 0.0
            for c in range(dim):
                diff = yt[c, i + k] - yt[c, j + k]
                s += diff * diff
            if s > 0.0:
                sums[k - k_start] += 0.5 * math.log(s)
                counts[k - k_start] += 1
    return sums, counts


@njit(cache=True, nogil=True)
def _divergence_kernel(y, refs, neighbors, k_start, k_end):
    """Sums over references of ln(mean over its neighbours of ||y_{i+k} - y_{j+k}||), and their counts,
    for k = k_start .. k_end."""
    m, dim = y.shape
    sums = np.zeros(k_end - k_start + 1)
    counts = np.zeros(k_end - k_start + 1, dtype=np.int64)
    for a in range(refs.size):
        i = refs[a]
        for k in range(k_start, k_end + 1):
            if i + k >= m:
                break
            total = 0.0
            used = 0
            for b in range(neighbors.shape[1]):
                j = neighbors[a, b]
                if j < 0 or j + k >= m:
                    continue
                s = 0.0
                for c in range(dim):
                    diff = y[i + k, c] - y[j + k, c]
                    s += diff * diff
                total += math.sqrt(s)
                used += 1
            if used > 0 and total > 0.0:
                sums[k - k_start] += math.log(total / used)
                counts[k - k_start] += 1
    return sums, counts


def divergence_curve(y, n_steps: int, theiler: int = 0, method: str = "rosenstein", radius: float | None = None,
                     n_neighbors: int = 8, max_references: int | None = None) -> np.ndarray:
    """The average log divergence <ln d(k)> of nearby trajectories in an embedding, k = 0 .. n_steps.

    Parameters
    ----------
    y : array_like, shape (M, dim)
        Embedding vectors in time order (see :func:`delay_embedding`).
    n_steps : int
        Number of steps each pair is followed.
    theiler : int, default 0
        Neighbours must be more than this many samples apart in time.
    method : {"rosenstein", "kantz"}
        ``"rosenstein"``: the single nearest neighbour of each reference point.
        ``"kantz"``: up to ``n_neighbors`` nearest neighbours within ``radius``
        (default: twice the median nearest-neighbour distance), whose distances
        are averaged before the logarithm.
    max_references : int, optional
        Use at most this many evenly spaced reference points (all by default).

    Returns
    -------
    numpy.ndarray of length n_steps + 1
        NaN where no pair could be followed that far.

    Notes
    -----
    Rosenstein: d_i(k) = ||y_{i+k} - y_{j(i)+k}|| with j(i) the nearest neighbour
    of y_i at |i - j| > theiler, and the curve is the mean of ln d_i(k) over all
    i with i + k and j + k inside the series. Kantz: S(k) = < ln( mean_{j in U(i)}
    ||y_{i+k} - y_{j+k}|| ) >_i over the neighbourhood U(i) of radius epsilon.
    In both, the slope of the linear part is the largest exponent per sample.
    Neighbours come from a KD-tree, never from a distance matrix.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).
    H. Kantz, Phys. Lett. A 185, 77 (1994).

    Examples
    --------
    >>> from tscomplex.embedding import delay_embedding
    >>> x = np.empty(2000); x[0] = 0.1
    >>> for i in range(1999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> curve = divergence_curve(delay_embedding(x, 2, 1), n_steps=3, theiler=1)
    >>> bool(0.4 < curve[2] - curve[1] < 1.0)   # about ln 2 per step
    True
    """
    check_choice(method, "method", METHODS)
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2:
        raise ValueError(f"y must be a 2-D array of embedding vectors, got shape {y.shape}")
    n_steps = check_int(n_steps, "n_steps", 0)
    theiler = check_int(theiler, "theiler", 0)
    m = y.shape[0]
    if m <= 2 * theiler + 1:
        raise ValueError(f"{m} vectors are too few for a Theiler window of {theiler}: "
                         f"no pair is more than {theiler} samples apart")
    n_neighbors = check_int(n_neighbors, "n_neighbors", 1)
    if radius is not None and not radius > 0:
        raise ValueError(f"radius must be positive, got {radius}")
    y = np.ascontiguousarray(y)
    refs, neighbors = _pairs(y, theiler, method, radius, n_neighbors, max_references)
    return _curve(y, refs, neighbors, 0, n_steps)


def _pairs(y, theiler, method, radius, n_neighbors, max_references):
    """Reference indices and their neighbours (an array with -1 for none) for the divergence curve."""
    from scipy.spatial import cKDTree

    m = y.shape[0]
    tree = cKDTree(y, balanced_tree=False, compact_nodes=False)
    refs = _query_points(m, max_references or m).astype(np.int64)
    if method == "rosenstein":
        return refs, _valid_neighbors(tree, y, refs, theiler, 1)
    if radius is None:
        nearest = _valid_neighbors(tree, y, refs, theiler, 1)[:, 0]
        ok = nearest >= 0
        radius = 2.0 * float(np.median(np.linalg.norm(y[refs[ok]] - y[nearest[ok]], axis=1))) if ok.any() else 0.0
        if not radius > 0:  # duplicated points: fall back to the nearest neighbours themselves
            return refs, nearest[:, None]
    return refs, _valid_neighbors(tree, y, refs, theiler, n_neighbors, radius=radius)


def _curve(y, refs, neighbors, k_start, k_end):
    from ..batch.interrupts import interruptible  # a long divergence curve must not hold Ctrl-C back

    from .._threads import block_sums  # blocks of references on threads; the same sums on any count (issue 14)

    if neighbors.shape[1] == 1:
        yt, nearest = np.ascontiguousarray(y.T), np.ascontiguousarray(neighbors[:, 0])

        def part(lo, hi):
            return _nearest_divergence_kernel(yt, refs[lo:hi], nearest[lo:hi], k_start, k_end)
    else:
        def part(lo, hi):
            return _divergence_kernel(y, refs[lo:hi], neighbors[lo:hi], k_start, k_end)
    sums, counts = interruptible(block_sums, part, refs.size)
    with np.errstate(invalid="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
