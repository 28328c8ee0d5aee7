"""numba kernels of IAAFT's two steps: impose the data's Fourier amplitudes, then the data's values by rank.

The value step needs only the rank order of the spectral iterate ``y``. A
comparison sort costs O(n log n) with unpredictable branches (numpy's argsort
of 10^5 values: about 5 ms, six times an rfft/irfft pair). Here the rank of
each value is first estimated from the distribution of the previous iterate
(at the first step, the data's, which the iterates approach): a monotone,
piecewise-linear map of the value range onto 0 .. n-1 (a table of ranks at
n / 16 + 1 evenly spaced values, rebuilt from each row's sorted iterate in one
pass). A counting sort on these estimates puts every value in its bucket in
O(n); the map is monotone, so values in different buckets are already in
order and one insertion pass sorts the few values that share a bucket. The result is the exact sort of
``y`` (the stable one: ties, which a spectral iterate does not have, keep
their index order), so the surrogates do not depend on which sort is used.

Once a surrogate converges, its iterate is ordered almost as the previous
one was: :func:`rank_step` then reads it in the previous order and finishes
with one insertion pass (:func:`rank_order_warm`; inside the iteration at
10^5 samples 0.75-0.9 ms instead of 1.6-1.9 ms), falling back to the
counting sort when that takes too many moves. Same result, so the same
surrogates.
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: insertion moves allowed per sample in the final pass before the whole row is merge-sorted instead
MOVE_BUDGET = 4
#: samples per cell of the rank table: a table of n / 16 cells (50 kB at n = 10^5) stays in the first-level
#: cache, and its piecewise-linear ranks are smoother than a finer table's (fewer values out of place)
TABLE_SAMPLES = 16
#: buckets per sample of the counting sort: twice as many buckets as values leave fewer values sharing one
BUCKETS_PER_SAMPLE = 2
#: the value step starts from the previous iterate's order once the previous step changed at most this fraction
#: of the values: then an insertion pass takes under one move per value (measured on Gaussian AR(1) and AR(2)
#: data at 10^5 samples; before, values move tens to thousands of places and the counting sort is faster; skewed
#: and logistic-map data stayed above 0.9 through 40 iterations)
WARM_CHANGED = 0.8
#: insertion moves allowed per value in a warm start before the counting sort starts over
WARM_MOVES = 1


def rank_table(sorted_x: np.ndarray):
    """(lo, scale, table) for :func:`rank_order`, from the data's sorted values.

    With m = n / TABLE_SAMPLES cells over the data's range, value v lies at
    position p = (v - lo) * scale in 0 .. m, and table[j] is the number of
    data values below lo + j / scale, times BUCKETS_PER_SAMPLE; interpolating
    table at p estimates v's rank (in buckets).
    """
    table = np.empty(max(1, sorted_x.size // TABLE_SAMPLES) + 1)
    lo, scale = _table_from_sorted(np.ascontiguousarray(sorted_x, dtype=np.float64), table)
    return float(lo), float(scale), table


def rank_tables(sorted_x: np.ndarray, rows: int):
    """(los, scales, tables): one :func:`rank_table` per row, each the data's, for :func:`rank_step`, which
    replaces a row's with its iterate's own after every value step."""
    lo, scale, table = rank_table(sorted_x)
    return np.full(rows, lo), np.full(rows, scale), np.tile(table, (rows, 1))


@njit(cache=True, nogil=True)
def _table_from_sorted(keys, table):
    """:func:`rank_table` of the sorted values ``keys``, written into ``table`` (cells + 1 entries, one merge
    pass); returns (lo, scale). A range in the subnormals (an infinite scale) gives one bucket: the surrogates
    scale such data first."""
    n = keys.size
    cells = table.size - 1
    lo, hi = keys[0], keys[n - 1]
    scale = cells / (hi - lo) if hi > lo else 0.0
    if not np.isfinite(scale):
        scale = 0.0
    p = 0
    for j in range(cells):
        if scale > 0.0:
            g = lo + j / scale
            while p < n and keys[p] < g:
                p += 1
        table[j] = p * BUCKETS_PER_SAMPLE
    table[cells] = n * BUCKETS_PER_SAMPLE
    return lo, scale


@njit(cache=True, nogil=True)
def _bucket(v, lo, scale, table, cells, buckets, low, below, low_scale, high, high_scale):
    """Bucket of value v: 0 .. below-1 for v < lo (linear from ``low``), then the data's ranks (``buckets`` of
    them), then v > hi."""
    p = (v - lo) * scale
    if p < 0.0:
        b = int((v - low) * low_scale)
        return b if b < below else below - 1
    if p >= cells:
        return below + buckets + int((v - high) * high_scale)
    c = int(p)
    r = table[c] + (p - c) * (table[c + 1] - table[c])
    b = int(r)
    return below + (b if b < buckets else buckets - 1)


@njit(cache=True, nogil=True)
def rank_order(y, lo, scale, table, order, keys, bucket, count):
    """``order`` := the stable argsort of ``y`` (1-D, finite, n values), ``keys`` := ``y[order]``.

    ``bucket`` (int32, n) and ``count`` (int32, (BUCKETS_PER_SAMPLE + 1) n + 1) are scratch. Values
    outside the data's range [lo, hi] (an iterate overshoots it in the first
    iterations) get buckets of their own, one per such value, spread
    linearly over [min(y), lo) and (hi, max(y)]. After the counting sort on
    the buckets one insertion pass sorts the values that shared a bucket;
    should it take more than MOVE_BUDGET moves per value (data whose values
    crowd into a small part of their range), a merge sort finishes instead.
    """
    n = y.size
    cells = table.size - 1
    inner = BUCKETS_PER_SAMPLE * n
    hi = lo + cells / scale if scale > 0 else lo
    low, high = y[0], y[0]
    below, above = 0, 0
    for i in range(n):
        v = y[i]
        low = min(low, v)
        high = max(high, v)
        p = (v - lo) * scale
        if p < 0.0:
            below += 1
        elif p >= cells:
            above += 1
    low_scale = below / (lo - low) if below > 0 else 0.0
    high_scale = (above - 1) / (high - hi) if above > 1 and high > hi else 0.0
    buckets = below + inner + above
    count[:buckets + 1] = 0
    for i in range(n):
        b = _bucket(y[i], lo, scale, table, cells, inner, low, below, low_scale, hi, high_scale)
        if not 0 <= b < buckets:  # never out of the arrays (a non-finite scale gives any integer); the sort
            b = 0 if b < 0 else buckets - 1  # below stays exact, only slower
        bucket[i] = b
        count[b + 1] += 1
    for b in range(buckets):
        count[b + 1] += count[b]
    for i in range(n):  # count[b] walks from the start of bucket b to the start of bucket b + 1
        b = bucket[i]
        j = count[b]
        order[j] = i
        keys[j] = y[i]
        count[b] = j + 1
    if not _insertion(keys, order, MOVE_BUDGET * n):  # stable: a value passes only greater ones
        idx = np.argsort(keys, kind="mergesort")
        order[:] = order[idx]
        keys[:] = keys[idx]


@njit(cache=True, nogil=True)
def _insertion(keys, order, budget):
    """Insertion sort of (keys, order) by key, in place and stable; False (the pair half sorted, still
    matching) as soon as it has taken more than ``budget`` moves."""
    for i in range(1, keys.size):
        v = keys[i]
        if keys[i - 1] > v:
            k = order[i]
            j = i - 1
            while j >= 0 and keys[j] > v:
                order[j + 1] = order[j]
                keys[j + 1] = keys[j]
                j -= 1
            order[j + 1] = k
            keys[j + 1] = v
            budget -= i - j
            if budget < 0:
                return False
    return True


@njit(cache=True, nogil=True)
def _ties_by_index(keys, order):
    """Within every run of equal keys (sorted ``keys``), put ``order`` in increasing order."""
    n = keys.size
    i = 1
    while i < n:
        if keys[i] != keys[i - 1]:
            i += 1
            continue
        a, b = i - 1, i + 1
        while b < n and keys[b] == keys[a]:
            b += 1
        for p in range(a + 1, b):
            k = order[p]
            q = p - 1
            while q >= a and order[q] > k:
                order[q + 1] = order[q]
                q -= 1
            order[q + 1] = k
        i = b


@njit(cache=True, nogil=True)
def rank_order_warm(y, lo, scale, table, order, keys, bucket, count):
    """``order`` (on entry: the order of the previous iterate, a permutation of 0 .. n-1) := the stable
    argsort of ``y``, ``keys`` := ``y[order]``: the same result as :func:`rank_order`.

    Once an IAAFT iterate converges, it is ordered almost like the previous
    one: read in that order, ``y`` is nearly sorted, and an insertion pass
    sorts it in O(n + moves). Equal values (rare in an iterate) are then put
    in index order, as a stable argsort has them. Should the pass take more
    than WARM_MOVES moves per value, :func:`rank_order` starts over from ``y``.
    Returns True when the warm start finished the sort.
    """
    n = y.size
    for j in range(n):
        keys[j] = y[order[j]]
    if _insertion(keys, order, WARM_MOVES * n):
        _ties_by_index(keys, order)
        return True
    rank_order(y, lo, scale, table, order, keys, bucket, count)
    return False


@njit(cache=True, nogil=True)
def rank_step(y, los, scales, tables, sorted_x, out, changed, orders, previous):
    """Each row r: ``out[r]`` := the data's values in the rank order of ``y[r]``; ``orders[r]`` := that
    order (the stable argsort of ``y[r]``).

    Row r estimates ranks with the table (``los[r]``, ``scales[r]``,
    ``tables[r]``; :func:`rank_tables` starts them from the data's). When
    the next step will start cold, the table is replaced with that of
    ``y[r]``'s own sorted values: the next
    iterate's values are distributed much like this one's, and unlike the
    data's in the first iterations (on a skewed series a fifth of an iterate
    lies below the data's minimum). The table decides only how much sorting
    is left for the insertion pass, never the order.

    ``previous[r]`` is what the previous step of row r changed (``changed``
    of the last call; n when ``orders[r]`` holds no order yet). When it is at
    most WARM_CHANGED n, the previous order is nearly right and
    :func:`rank_order_warm` starts from it; the result is the same either way.
    ``changed[r]`` is set to the number of samples of row r whose value (so
    whose rank) this step changed: Schreiber & Schmitz's stopping measure.
    """
    n = y.shape[1]
    keys = np.empty(n)
    bucket = np.empty(n, dtype=np.int32)
    count = np.empty((BUCKETS_PER_SAMPLE + 1) * n + 1, dtype=np.int32)
    rank_step_into(y, los, scales, tables, sorted_x, out, changed, orders, previous, keys, bucket, count)


def rank_scratch(n: int):
    """(keys, bucket, count): the scratch arrays of :func:`rank_step_into` for rows of n values."""
    return np.empty(n), np.empty(n, dtype=np.int32), np.empty((BUCKETS_PER_SAMPLE + 1) * n + 1, dtype=np.int32)


@njit(cache=True, nogil=True)
def rank_step_into(y, los, scales, tables, sorted_x, out, changed, orders, previous, keys, bucket, count):
    """:func:`rank_step` with its scratch arrays (:func:`rank_scratch`) given: an iteration that reuses them
    does not fault fresh pages in on every step (2.4 MB at 10^5 samples; measured: a third of the step)."""
    rows, n = y.shape
    for r in range(rows):
        order = orders[r]
        table = tables[r]
        if previous[r] <= WARM_CHANGED * n:
            rank_order_warm(y[r], los[r], scales[r], table, order, keys, bucket, count)
        else:
            rank_order(y[r], los[r], scales[r], table, order, keys, bucket, count)
        c = 0
        for i in range(n):
            k = order[i]
            if out[r, k] != sorted_x[i]:
                c += 1
            out[r, k] = sorted_x[i]
        changed[r] = c
        if c > WARM_CHANGED * n:  # the next step starts cold: it will read the table
            los[r], scales[r] = _table_from_sorted(keys, table)


@njit(cache=True, nogil=True)
def impose_amplitudes(spectra, amplitude, mismatch):
    """Give every row of ``spectra`` the moduli ``amplitude`` and keep its phases (phase 0 where it is 0).

    ``mismatch[r]`` is set to ||abs(spectra[r]) - amplitude|| before the change.
    """
    for r in range(spectra.shape[0]):
        total = 0.0
        for k in range(spectra.shape[1]):
            z = spectra[r, k]
            m = np.sqrt(z.real * z.real + z.imag * z.imag)
            d = m - amplitude[k]
            total += d * d
            spectra[r, k] = z * (amplitude[k] / m) if m > 0 else amplitude[k]
        mismatch[r] = np.sqrt(total)
