"""Two-dimensional ordinal patterns of an image or 2-D array (Ribeiro et al. 2012): counts, H and C.

Conventions (those of ordpy, so that numbers agree with it):

* the window at row j, column i holds the dy x dx samples
  ``image[j + r*tauy, i + c*taux]`` for r < dy, c < dx; there are
  ``(ny - (dy-1)tauy) * (nx - (dx-1)taux)`` overlapping windows;
* the window is flattened row by row (sample k = r*dx + c) and its pattern
  is the stable argsort of that vector (on ties the earlier sample in the
  flattened order counts as smaller), numbered 0 .. (dx*dy)!-1 by the
  lexicographic rank of the argsort permutation, as for series
  (:mod:`tscomplex.ordinal.codes`).

H and C are then the measures of :mod:`tscomplex.information` over the
(dx*dy)! outcomes, so a 2-D array with ``dy = 1`` and one row gives the
numbers of the 1-D functions with ``dim = dx``.

Reference: H. V. Ribeiro, L. Zunino, E. K. Lenzi, P. A. Santoro,
R. S. Mendes, "Complexity-entropy causality plane as a complexity measure
for two-dimensional patterns", PLoS ONE 7, e40689 (2012).
"""

from __future__ import annotations

import math
import threading

import numpy as np
from numba import njit

from .._validation import check_int
from ..options import MAX_DIM

#: the largest number of samples in one 2-D pattern (dx*dy); (dx*dy)! outcomes are counted densely
MAX_PATTERN_SIZE = MAX_DIM
#: H and C count in a hash table instead of the dense histogram when the windows are fewer than 1/HASH_BELOW
#: of the patterns (3x3 patterns on images up to about 200 x 200 pixels)
HASH_BELOW = 8
_BUFFERS = threading.local()


def _zeroed_counts(n_bins: int) -> np.ndarray:
    """An all-zero int32 histogram of ``n_bins`` kept per thread: a fresh 9! histogram costs more in page
    faults than counting a small image; the caller zeroes the entries it touched before returning."""
    cache = getattr(_BUFFERS, "counts", None)
    if cache is None:
        cache = _BUFFERS.counts = {}
    buffer = cache.get(n_bins)
    if buffer is None:
        buffer = cache[n_bins] = np.zeros(n_bins, dtype=np.int32)
    return buffer


@njit(cache=True, nogil=True)
def _row_codes_2d(image, j, dx, dy, taux, tauy, fact, out):
    """Rank-vector Lehmer codes of the windows whose top row is j, for every column, into ``out``.

    For each pair of window samples a < b (row-major) one flat loop over the
    columns adds fact[a] where sample b is strictly smaller than sample a (ties
    keep the earlier sample first). The loop runs over two row slices and
    vectorizes (indexing the 2-D array inside it did not: 4x slower at 3x3).
    """
    cols = out.shape[0]
    size = dx * dy
    out[:] = 0
    for a in range(size - 1):
        ya = j + (a // dx) * tauy
        xa = (a % dx) * taux
        row_a = image[ya, xa:xa + cols]
        weight = fact[a]
        for b in range(a + 1, size):
            yb = j + (b // dx) * tauy
            xb = (b % dx) * taux
            row_b = image[yb, xb:xb + cols]
            for i in range(cols):
                out[i] += (row_b[i] < row_a[i]) * weight


@njit(cache=True, nogil=True)
def _count_codes_2d(image, dx, dy, taux, tauy, fact, counts, seen):
    """Add the rank-vector Lehmer code of every window to ``counts`` (zeros on entry; one row of codes at a
    time); the codes met are listed in ``seen`` in order of first appearance. Returns how many there are."""
    rows = image.shape[0] - (dy - 1) * tauy
    cols = image.shape[1] - (dx - 1) * taux
    row = np.empty(cols, dtype=fact.dtype)
    distinct = 0
    for j in range(rows):
        _row_codes_2d(image, j, dx, dy, taux, tauy, fact, row)
        for i in range(cols):
            code = row[i]
            if counts[code] == 0:
                seen[distinct] = code
                distinct += 1
            counts[code] += 1
    return distinct


@njit(cache=True, nogil=True)
def _count_frequencies_2d(image, dx, dy, taux, tauy, fact, counts, frequencies, seen):
    """As :func:`_count_codes_2d`, and keep ``frequencies[k]``, the number of patterns seen exactly k times:
    H and C need nothing else. Returns (the largest k, the number of distinct codes listed in ``seen``)."""
    rows = image.shape[0] - (dy - 1) * tauy
    cols = image.shape[1] - (dx - 1) * taux
    row = np.empty(cols, dtype=fact.dtype)
    largest = 0
    distinct = 0
    for j in range(rows):
        _row_codes_2d(image, j, dx, dy, taux, tauy, fact, row)
        for i in range(cols):
            code = row[i]
            k = counts[code]
            if k == 0:
                seen[distinct] = code
                distinct += 1
            frequencies[k] -= 1
            frequencies[k + 1] += 1
            counts[code] = k + 1
            largest = max(largest, k + 1)
    return largest, distinct


@njit(cache=True, nogil=True)
def _hashed_frequencies_2d(image, dx, dy, taux, tauy, fact, keys, counts, frequencies):
    """As :func:`_count_frequencies_2d` for an image with far fewer windows than patterns: the counts live in
    an open-addressing table (``keys`` all -1 on entry, a power of two at least twice the windows) that stays
    in cache, where a 9! histogram would miss it on every window. Returns the largest count."""
    rows = image.shape[0] - (dy - 1) * tauy
    cols = image.shape[1] - (dx - 1) * taux
    row = np.empty(cols, dtype=fact.dtype)
    mask = keys.shape[0] - 1
    largest = 0
    for j in range(rows):
        _row_codes_2d(image, j, dx, dy, taux, tauy, fact, row)
        for i in range(cols):
            code = row[i]
            slot = (code * 40503) & mask
            while keys[slot] != code and keys[slot] != -1:
                slot = (slot + 1) & mask
            keys[slot] = code
            k = counts[slot]
            frequencies[k] -= 1
            frequencies[k + 1] += 1
            counts[slot] = k + 1
            largest = max(largest, k + 1)
    return largest


@njit(cache=True, nogil=True)
def _codes_2d(image, dx, dy, taux, tauy, fact, out):
    """The rank-vector Lehmer code of every window, as a (rows, cols) array."""
    for j in range(out.shape[0]):
        _row_codes_2d(image, j, dx, dy, taux, tauy, fact, out[j])


def check_image(image, dx: int, dy: int, taux: int = 1, tauy: int = 1):
    """The image as a C-contiguous float64 2-D array and the checked (dx, dy, taux, tauy).

    Raises ValueError naming the parameter: an array that is not 2-D, has
    fewer than two rows or columns, holds NaN or infinity, is smaller than
    one window; dx, dy, taux, tauy below 1; dx*dy below 2 or above
    :data:`MAX_PATTERN_SIZE`.
    """
    dx, dy = check_int(dx, "dx", 1), check_int(dy, "dy", 1)
    taux, tauy = check_int(taux, "taux", 1), check_int(tauy, "tauy", 1)
    size = dx * dy
    if size < 2:
        raise ValueError(f"dx*dy must be at least 2 (one sample has a single pattern), got dx={dx}, dy={dy}")
    if size > MAX_PATTERN_SIZE:
        raise ValueError(f"dx*dy = {size} gives {size}! = {math.factorial(size)} patterns; "
                         f"dx*dy may be at most {MAX_PATTERN_SIZE} ({math.factorial(MAX_PATTERN_SIZE)} patterns)")
    a = np.asarray(image)
    if a.dtype == object or not (np.issubdtype(a.dtype, np.number) or a.dtype == bool):
        raise ValueError(f"image must hold numbers, got dtype {a.dtype}")
    if np.iscomplexobj(a):
        raise ValueError("image must hold real numbers, got complex values")
    if a.ndim != 2:
        raise ValueError(f"image must be a 2-D array, got {a.ndim} dimension(s) of shape {a.shape}")
    ny, nx = a.shape
    if ny < 2 or nx < 2:
        raise ValueError(f"image must have at least 2 rows and 2 columns, got {ny} x {nx}"
                         " (a single row or column is a series: use `analyze`)")
    a = np.ascontiguousarray(a, dtype=np.float64)
    if not np.isfinite(a).all():
        bad = int(np.count_nonzero(~np.isfinite(a)))
        raise ValueError(f"image holds {bad} NaN or infinite value(s)")
    span_y, span_x = (dy - 1) * tauy + 1, (dx - 1) * taux + 1
    if span_y > ny or span_x > nx:
        raise ValueError(f"one window spans {span_y} rows x {span_x} columns "
                         f"((dy-1)*tauy+1, (dx-1)*taux+1), more than the image's {ny} x {nx}")
    return a, dx, dy, taux, tauy


def _factorials(size: int) -> np.ndarray:
    """(size-1)!, ..., 0! as int32: codes below 10! fit, and 32-bit lanes vectorize twice as wide."""
    return np.array([math.factorial(size - 1 - i) for i in range(size)], dtype=np.int32)


def ordinal_counts_2d(image, dx: int, dy: int, taux: int = 1, tauy: int = 1) -> np.ndarray:
    """Counts of the (dx*dy)! two-dimensional ordinal patterns of ``image``, in lexicographic order.

    Parameters
    ----------
    image : 2-D array (rows = y, columns = x)
    dx, dy : pattern width (columns) and height (rows); dx*dy in [2, 10]
    taux, tauy : delays between the columns and between the rows of a window

    Returns
    -------
    int64 array of length (dx*dy)!; entry k counts the windows whose
    row-by-row flattened values have the k-th argsort permutation.

    Examples
    --------
    >>> ordinal_counts_2d([[1, 2, 1], [8, 3, 4], [6, 7, 5]], dx=2, dy=2)[[1, 6, 9]]
    array([2, 1, 1])
    """
    from .codes import pattern_table

    raw, _ = _raw_counts_2d(image, dx, dy, taux, tauy)
    counts = np.zeros_like(raw)
    counts[pattern_table(int(dx) * int(dy))] = raw  # raw is indexed by rank-vector code; the table gives the number
    return counts


def _raw_counts_2d(image, dx, dy, taux, tauy) -> tuple[np.ndarray, np.ndarray]:
    """(counts indexed by the rank-vector Lehmer code, not yet the pattern number; the codes seen).

    H and C need no more: they are symmetric in the outcomes, and the codes seen
    spare a pass over all (dx*dy)! entries (9! = 362,880) when the image is small.
    """
    a, dx, dy, taux, tauy = check_image(image, dx, dy, taux, tauy)
    size = dx * dy
    n = math.factorial(size)
    raw = np.zeros(n, dtype=np.int64)
    seen = np.empty(min(n, n_windows_2d(a.shape, dx, dy, taux, tauy)), dtype=np.int32)
    distinct = _count_codes_2d(a, dx, dy, taux, tauy, _factorials(size), raw, seen)
    return raw, seen[:distinct]


def ordinal_codes_2d(image, dx: int, dy: int, taux: int = 1, tauy: int = 1) -> np.ndarray:
    """The pattern number (lexicographic rank, as in :func:`ordinal_counts_2d`) of every window, shape (rows, cols)."""
    from .codes import pattern_table

    a, dx, dy, taux, tauy = check_image(image, dx, dy, taux, tauy)
    size = dx * dy
    out = np.empty((a.shape[0] - (dy - 1) * tauy, a.shape[1] - (dx - 1) * taux), dtype=np.int32)
    _codes_2d(a, dx, dy, taux, tauy, _factorials(size), out)
    return pattern_table(size)[out]


def complexity_entropy_2d(image, dx: int, dy: int, taux: int = 1, tauy: int = 1) -> tuple[float, float]:
    """(H, C): normalized permutation entropy and statistical complexity of the 2-D patterns of ``image``.

    H = -sum p ln p / ln((dx*dy)!), C = Q0 J H with J the Jensen-Shannon
    divergence from the uniform distribution (Rosso et al. 2007), over the
    distribution of :func:`ordinal_counts_2d` (Ribeiro et al. 2012).

    Examples
    --------
    >>> h, c = complexity_entropy_2d([[1, 2, 1], [8, 3, 4], [6, 7, 5]], dx=2, dy=2)
    >>> round(h, 10), round(c, 10)
    (0.327156438, 0.2701200547)
    """
    a, dx, dy, taux, tauy = check_image(image, dx, dy, taux, tauy)
    size = dx * dy
    n_bins = math.factorial(size)
    windows = n_windows_2d(a.shape, dx, dy, taux, tauy)
    frequencies = np.zeros(windows + 1, dtype=np.int64)
    frequencies[0] = n_bins
    if windows * HASH_BELOW < n_bins:  # few windows over many patterns: a small hash table stays in cache
        slots = 1 << max(4, (2 * windows - 1).bit_length())
        keys = np.full(slots, -1, dtype=np.int32)
        largest = _hashed_frequencies_2d(a, dx, dy, taux, tauy, _factorials(size), keys,
                                         np.zeros(slots, dtype=np.int32), frequencies)
        return complexity_entropy_of_frequencies(frequencies[:largest + 1], windows, n_bins)
    counts = _zeroed_counts(n_bins) if windows < 2 ** 31 else np.zeros(n_bins, dtype=np.int64)
    seen = np.empty(min(n_bins, windows), dtype=np.int32)
    distinct = 0
    try:
        largest, distinct = _count_frequencies_2d(a, dx, dy, taux, tauy, _factorials(size), counts, frequencies,
                                                  seen)
    finally:
        counts[seen[:distinct]] = 0  # the buffer goes back to all zeros for the next image of this thread
    return complexity_entropy_of_frequencies(frequencies[:largest + 1], windows, n_bins)


def complexity_entropy_of_frequencies(frequencies, n: int, n_bins: int) -> tuple[float, float]:
    """(H, C) of a distribution over ``n_bins`` outcomes given as ``frequencies[k]``, the number of outcomes
    seen exactly k times in ``n`` draws: the measures are symmetric in the outcomes, so this is all they need,
    and it costs one logarithm per distinct count, not per outcome."""
    from ..information import jensen_shannon_normalization

    s_p, s_mid = _entropies_of_frequencies(np.ascontiguousarray(frequencies, dtype=np.int64), float(n),
                                           float(n_bins))
    h = s_p / math.log(n_bins)
    js = s_mid - 0.5 * s_p - 0.5 * math.log(n_bins)
    return h, max(jensen_shannon_normalization(n_bins) * js * h, 0.0)


@njit(cache=True, nogil=True)
def _entropies_of_frequencies(frequencies, n, n_bins):
    """(-sum p ln p, -sum m ln m) with m = (p + 1/N)/2, over outcomes grouped by their count k."""
    s_p = 0.0
    s_mid = 0.0
    for k in range(frequencies.shape[0]):
        f = frequencies[k]
        if f == 0:
            continue
        p = k / n
        if p > 0.0:
            s_p -= f * p * math.log(p)
        m = 0.5 * (p + 1.0 / n_bins)
        s_mid -= f * m * math.log(m)
    return s_p, s_mid


def n_windows_2d(shape, dx: int, dy: int, taux: int = 1, tauy: int = 1) -> int:
    """Number of overlapping windows of an image of ``shape`` (rows, columns)."""
    ny, nx = shape
    return max(ny - (dy - 1) * tauy, 0) * max(nx - (dx - 1) * taux, 0)
