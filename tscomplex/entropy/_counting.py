"""Counting delay vectors within Chebyshev distance r of each other, in linear memory and without N^2 work.

Templates of length d are u_i = (x_i, ..., x_{i+d-1}) for i < n. "Within r"
means |x_{i+k} - x_{j+k}| <= r for every k < d, with the difference
computed in floating point as a brute-force count computes it (so ties at r
are decided the same way).

* d = 1: sort, then two pointers: O(n log n).
* d = 2: sweep over the first coordinate with a Fenwick tree over the ranks
  of the second (offline orthogonal range counting): O(n log n), however
  many pairs match. Above PARALLEL_FROM templates the sweep is cut into one
  part per thread, each with its own tree.
* d >= 3: cells of side r on the first three coordinates; only pairs in the
  same or neighbouring cells are compared, in cell order so memory is read in
  sequence: the time grows with the number of pairs within r in those
  coordinates. The first three values are compared without branches and the
  cells are dealt out to threads (per-template counts, for ApEn, in one array
  per thread).

Threads run nogil numba kernels (at most 2, see :func:`threads`); each returns
an integer, so the counts are the serial ones with any number of threads.

Each kernel returns the number of unordered pairs i < j within r and, when
asked, the count per template *including itself* (for ApEn).
"""

from __future__ import annotations

import math
import os

import numpy as np
from numba import njit

PARALLEL_FROM = 20_000  # templates; below this a second thread costs more than it saves


def threads() -> int:
    """Threads for the pair count: the cores this process may use, at most 2 (the count is the same with any number)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


REACH = 1  # grid cells per r: pairs are looked for in (2 REACH + 1)^3 cells (2 and 3 measured no faster)


@njit(cache=True, nogil=True)
def _window_1d(x, n, r, per_point, counts):
    order = np.argsort(x[:n], kind="mergesort")
    v = x[:n][order]
    lo = 0
    hi = 0
    total = 0
    for p in range(n):  # differences, not v[p] +- r, so that ties are decided as |x_i - x_j| <= r decides them
        while v[p] - v[lo] > r:
            lo += 1
        while hi < n and v[hi] - v[p] <= r:
            hi += 1
        c = hi - lo  # includes p itself
        total += c
        if per_point:
            counts[order[p]] = c
    return (total - n) // 2


@njit(cache=True, nogil=True)
def _fenwick_add(tree, i, delta):
    i += 1
    while i < tree.size:
        tree[i] += delta
        i += i & (-i)


@njit(cache=True, nogil=True)
def _fenwick_prefix(tree, i):
    """Sum of entries [0, i)."""
    s = 0
    while i > 0:
        s += tree[i]
        i -= i & (-i)
    return s


@njit(cache=True, nogil=True)
def _window_2d_setup(x, n, r):
    """Templates sorted by their first value, with the rank of their second and the rank range within r of it."""
    a = x[:n]
    b = x[1:n + 1]
    order = np.argsort(a, kind="mergesort")
    sa = a[order]
    by_b = np.argsort(b, kind="mergesort")
    values = b[by_b]
    lo_sorted = np.empty(n, np.int32)  # for the k-th smallest b: the first value with b_k - value <= r
    hi_sorted = np.empty(n, np.int32)  # and the first with value - b_k > r (two pointers: the values are sorted)
    lo = 0
    hi = 0
    for k in range(n):
        while values[k] - values[lo] > r:
            lo += 1
        while hi < n and values[hi] - values[k] <= r:
            hi += 1
        lo_sorted[k] = lo
        hi_sorted[k] = hi
    position = np.empty(n, np.int32)
    for k in range(n):
        position[by_b[k]] = k  # equal values get different ranks: their range [lo, hi) holds them all
    rank = np.empty(n, np.int32)  # in a-sorted order
    lo_rank = np.empty(n, np.int32)
    hi_rank = np.empty(n, np.int32)
    for p in range(n):
        k = position[order[p]]
        rank[p] = k
        lo_rank[p] = lo_sorted[k]
        hi_rank[p] = hi_sorted[k]
    return order, sa, rank, lo_rank, hi_rank


@njit(cache=True, nogil=True)
def _window_2d_part(sa, rank, lo_rank, hi_rank, r, p0, p1, order, per_point, counts):
    """Sum over a-sorted templates p0 <= p < p1 of their matches (self included), with a Fenwick tree of its own.

    Parts write disjoint entries of ``counts`` and return integers, so any
    split over threads gives the serial counts.
    """
    n = sa.size
    tree = np.zeros(n + 1, np.int32)  # counts up to n < 2^31
    lo = 0
    if p0 < n:
        while sa[p0] - sa[lo] > r:
            lo += 1
    hi = lo
    total = 0
    for p in range(p0, p1):
        while hi < n and sa[hi] - sa[p] <= r:
            _fenwick_add(tree, rank[hi], 1)
            hi += 1
        while sa[p] - sa[lo] > r:
            _fenwick_add(tree, rank[lo], -1)
            lo += 1
        c = _fenwick_prefix(tree, hi_rank[p]) - _fenwick_prefix(tree, lo_rank[p])  # includes p itself
        total += c
        if per_point:
            counts[order[p]] = c
    return total


def _window_2d(x, n, r, per_point, counts, workers=None):
    """Pairs within r among length-2 templates: a sweep in the first value, a Fenwick tree over the second."""
    order, sa, rank, lo_rank, hi_rank = _window_2d_setup(x, n, r)
    workers = threads() if workers is None else workers
    if workers == 1 or n < PARALLEL_FROM:
        total = _window_2d_part(sa, rank, lo_rank, hi_rank, r, 0, n, order, per_point, counts)
    else:
        from concurrent.futures import ThreadPoolExecutor

        bounds = [n * k // workers for k in range(workers + 1)]
        with ThreadPoolExecutor(workers) as pool:
            total = sum(pool.map(lambda k: _window_2d_part(sa, rank, lo_rank, hi_rank, r, bounds[k], bounds[k + 1],
                                                           order, per_point, counts), range(workers)))
    return (int(total) - n) // 2


@njit(cache=True, nogil=True)
def _cells(x, n, side, reach):
    """Templates sorted into cells of side ``side`` on their first three values: (order, cell keys, cell starts, row widths)."""
    lo0 = x[0]
    lo1 = x[1]
    lo2 = x[2]
    for i in range(n):
        lo0 = min(lo0, x[i])
        lo1 = min(lo1, x[i + 1])
        lo2 = min(lo2, x[i + 2])
    hi1 = np.int64(0)
    hi2 = np.int64(0)
    key = np.empty(n, np.int64)
    for i in range(n):
        hi1 = max(hi1, np.int64((x[i + 1] - lo1) / side))
        hi2 = max(hi2, np.int64((x[i + 2] - lo2) / side))
    w2 = hi2 + 2 * reach + 1  # shifted by reach, so that neighbours never wrap into the next row or plane
    w1 = hi1 + 2 * reach + 1
    for i in range(n):
        key[i] = ((np.int64((x[i] - lo0) / side) * w1 + np.int64((x[i + 1] - lo1) / side) + reach) * w2
                  + np.int64((x[i + 2] - lo2) / side) + reach)
    order = np.argsort(key, kind="mergesort")
    ncell = 0
    for p in range(n):
        if p == 0 or key[order[p]] != key[order[p - 1]]:
            ncell += 1
    ukey = np.empty(ncell, np.int64)
    start = np.empty(ncell + 1, np.int64)
    c = 0
    for p in range(n):
        k = key[order[p]]
        if p == 0 or k != ukey[c - 1]:
            ukey[c] = k
            start[c] = p
            c += 1
    start[ncell] = n
    return order, ukey, start, w1, w2


@njit(cache=True, nogil=True)
def _grid_setup(x, n, side, reach):
    """Cells, the first three values of each template in cell order, and the forward neighbour offsets."""
    order, ukey, start, w1, w2 = _cells(x, n, side, reach)
    y = np.empty((3, n))
    for p in range(n):
        for k in range(3):
            y[k, p] = x[order[p] + k]
    width = 2 * reach + 1
    forward = np.empty(width ** 3, np.int64)
    f = 0
    for d0 in range(0, reach + 1):
        for d1 in range(-reach, reach + 1):
            for d2 in range(-reach, reach + 1):
                if d0 == 0 and (d1 < 0 or (d1 == 0 and d2 <= 0)):
                    continue
                forward[f] = (d0 * w1 + d1) * w2 + d2
                f += 1
    return order, ukey, start, y, forward[:f]


@njit(cache=True, nogil=True)
def _grid_chunk(x, d, r, order, ukey, start, y, forward, chunk, chunks, per_point, local):
    """Pairs within r whose first template lies in cells chunk, chunk + chunks, ... (d >= 3).

    Neighbouring cells are the same or one apart in each binned value; each
    pair of cells is visited once (the cell and its forward neighbours). The first three values are
    compared without branches, the others only for pairs that pass them.
    Chunks are interleaved so that threads share the dense centre; each returns
    an integer, so the sum over chunks is the serial count in any order. With
    ``per_point``, each match is also added to both templates in ``local`` (in
    cell order, self-matches not included), one array per thread.
    """
    y0 = y[0]
    y1 = y[1]
    y2 = y[2]
    ncell = ukey.size
    pointer = np.zeros(forward.size, np.int64)  # cells come in increasing key order, so each neighbour's index only moves on
    total = 0
    for cell in range(chunk, ncell, chunks):
        s = start[cell]
        e = start[cell + 1]
        for g in range(-1, forward.size):
            if g < 0:
                t = cell
            else:
                target = ukey[cell] + forward[g]
                t = pointer[g]
                while t < ncell and ukey[t] < target:
                    t += 1
                pointer[g] = t
                if t >= ncell or ukey[t] != target:
                    continue
            t1 = start[t + 1]
            for p in range(s, e):
                a0 = y0[p]
                a1 = y1[p]
                a2 = y2[p]
                q0 = p + 1 if g < 0 else start[t]
                if d == 3:
                    c = 0
                    if per_point:
                        for q in range(q0, t1):
                            ok = np.int64((abs(a0 - y0[q]) <= r) & (abs(a1 - y1[q]) <= r) & (abs(a2 - y2[q]) <= r))
                            c += ok
                            local[q] += ok
                        local[p] += c
                    else:
                        for q in range(q0, t1):
                            c += (abs(a0 - y0[q]) <= r) & (abs(a1 - y1[q]) <= r) & (abs(a2 - y2[q]) <= r)
                    total += c
                else:
                    for q in range(q0, t1):
                        if (abs(a0 - y0[q]) <= r) & (abs(a1 - y1[q]) <= r) & (abs(a2 - y2[q]) <= r):
                            i = order[p]
                            j = order[q]
                            ok = True
                            for k in range(3, d):
                                if abs(x[i + k] - x[j + k]) > r:
                                    ok = False
                                    break
                            if ok:
                                total += 1
                                if per_point:
                                    local[p] += 1
                                    local[q] += 1
    return total


def _grid_pairs(x, n, d, r, side, reach, workers=None, counts=None):
    """Pairs i < j < n within r among length-d templates (d >= 3), in ``workers`` threads over nogil kernels.

    With ``counts`` (length n), also each template's matches, itself included.
    """
    order, ukey, start, y, forward = _grid_setup(x, n, side, reach)
    workers = threads() if workers is None else workers
    if n < PARALLEL_FROM:
        workers = 1
    per_point = counts is not None
    local = np.zeros((workers, n if per_point else 0), np.int32)  # counts up to n < 2^31
    if workers == 1:
        total = _grid_chunk(x, d, r, order, ukey, start, y, forward, 0, 1, per_point, local[0])
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            total = sum(pool.map(lambda c: _grid_chunk(x, d, r, order, ukey, start, y, forward, c, workers,
                                                       per_point, local[c]), range(workers)))
    if per_point:
        counts[order] = local.sum(axis=0) + 1  # and itself
    return int(total)


def pairs_within(x: np.ndarray, n: int, d: int, r: float, per_point: bool = False):
    """(pairs i < j < n within r, per-template counts including self or an empty array) for length-d templates."""
    if n >= 2 ** 31 - 1:
        raise ValueError(f"{n} templates: pair counts support series of fewer than 2^31 values")
    from ..ordinal import scale_to_unit_magnitude

    # differences of values near 1e308 overflow: an extreme series and r are scaled by one power of two (exactly)
    x, exponent = scale_to_unit_magnitude(x)
    try:
        r = math.ldexp(r, -exponent)
    except OverflowError:  # r far beyond a subnormal series' differences: every pair is within it
        r = math.inf
    counts = np.zeros(n if per_point else 0, np.int64)
    if d == 1:
        total = _window_1d(x, n, r, per_point, counts)
    elif d == 2:
        total = _window_2d(x, n, r, per_point, counts)
    else:
        span = float(max(np.ptp(x[:n + 2]), 0.0))
        side = r / REACH * (1.0 + 1e-9)  # a hair above r / REACH: values within r are at most REACH cells apart
        if span / side > 2.0 ** 20:
            raise ValueError(f"the tolerance r = {math.ldexp(r, exponent):g} is too small for the range of the series "
                             f"({math.ldexp(span, exponent):g}): "
                             "no two different values would match")
        total = _grid_pairs(x, n, d, r, side, REACH, counts=counts if per_point else None)
    return int(total), counts
