"""Ordinal patterns that turn twice or more: the assumption behind PECCARY's periodic bound, checked."""

from __future__ import annotations

import functools
import math

import numpy as np
from numba import njit

from ..ordinal import check_dim


@njit(cache=True, nogil=True)
def _turn_mask_kernel(dim, out):
    """out[L] = True when the window whose rank vector has Lehmer code L turns twice or more."""
    fact = np.ones(dim, np.int64)
    for i in range(dim - 2, -1, -1):
        fact[i] = fact[i + 1] * (dim - 1 - i)
    free = np.empty(dim, np.int64)
    ranks = np.empty(dim, np.int64)
    for code in range(out.shape[0]):
        for i in range(dim):
            free[i] = i
        left = dim
        for i in range(dim):
            # c_i = number of later samples smaller than sample i: its rank is the c_i-th smallest left
            c = (code // fact[i]) % (dim - i)
            ranks[i] = free[c]
            for k in range(c, left - 1):
                free[k] = free[k + 1]
            left -= 1
        turns = 0
        for i in range(1, dim - 1):
            if (ranks[i] > ranks[i - 1]) != (ranks[i + 1] > ranks[i]):
                turns += 1
        out[code] = turns >= 2


@functools.lru_cache(maxsize=16)
def _rank_code_turn_mask(dim: int) -> np.ndarray:
    out = np.empty(math.factorial(dim), dtype=np.bool_)
    _turn_mask_kernel(dim, out)
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=16)
def multi_turn_mask(dim: int) -> np.ndarray:
    """Boolean mask over the d! patterns (lexicographic order): True where the pattern turns twice or more.

    A pattern's up/down sequence compares neighbouring samples of the
    window; a turn is a change from up to down or back. Monotonic patterns
    have no turn, and a window of a periodic signal shorter than half its
    period has at most one. Of the d! patterns, d! - (2^d - 2) turn twice
    or more.
    """
    from ..ordinal import pattern_table
    from ..ordinal.codes import NUMPY_TABLE_MAX_DIM, lexicographic_rank_vectors

    dim = check_dim(dim)
    if dim <= NUMPY_TABLE_MAX_DIM:  # numpy, in lexicographic order at once: nothing to compile on a first run
        up = np.diff(lexicographic_rank_vectors(dim), axis=1) > 0
        mask = (up[:, 1:] != up[:, :-1]).sum(axis=1) >= 2
    else:
        mask = np.empty(math.factorial(dim), dtype=np.bool_)
        mask[pattern_table(dim)] = _rank_code_turn_mask(dim)
    mask.setflags(write=False)
    return mask


def multi_turn_fraction(counts) -> float:
    """Fraction of windows (or weight) whose ordinal pattern turns twice or more.

    ``counts`` are counts or probabilities of all d! patterns in
    lexicographic order (:func:`tscomplex.ordinal_counts`).

    Examples
    --------
    >>> import numpy as np
    >>> from tscomplex import ordinal_counts
    >>> multi_turn_fraction(ordinal_counts(np.sin(np.arange(1000) / 10), dim=5))
    0.0
    """
    counts = np.asarray(counts, dtype=np.float64)
    dim = _dim_of_size(counts.size)
    total = counts.sum()
    if not total > 0:
        raise ValueError("no pattern has positive weight")
    return float(counts[multi_turn_mask(dim)].sum() / total)


def _dim_of_size(size: int) -> int:
    for d in range(2, 11):
        if math.factorial(d) == size:
            return d
    raise ValueError(f"expected d! pattern counts, got {size} values")
