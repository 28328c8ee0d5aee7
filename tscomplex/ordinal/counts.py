"""Dense ordinal counts: a checked series -> counts over all d! patterns, and the code of every window."""

from __future__ import annotations

import math

import numpy as np

from ..options import DEFAULT_DIM, DEFAULT_TAU
from .codes import COUNT_BLOCK, _accumulate_weighted, _count_codes, _rank_codes, pattern_table
from .series import n_windows, prepare_series


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
    x = prepare_series(x, dim, tau, tie_precision)
    raw = np.zeros(math.factorial(dim), dtype=np.float64)
    accumulate_raw_counts(x, dim, tau, weighted, raw)
    return raw_to_pattern_counts(raw, dim)


def accumulate_raw_counts(x: np.ndarray, dim: int, tau: int, weighted: bool, raw: np.ndarray) -> None:
    """Add the windows of a prepared float64 series to raw (rank-code ordered) counts.

    Counts are additive, so a long series can be fed in chunks that overlap by
    (dim-1)*tau samples; :func:`raw_to_pattern_counts` then reorders them once.
    """
    if weighted:
        _accumulate_weighted(x, dim, tau, raw)
    else:
        rows = 4 if raw.shape[0] <= 40320 else 1  # interleaved histograms only while they stay small
        hist = np.zeros((rows, raw.shape[0]), dtype=np.int64)
        _count_codes(x, dim, tau, hist, COUNT_BLOCK)
        raw += hist.sum(axis=0)


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
    out = np.empty(n_windows(x.size, dim, tau), dtype=np.int64)
    _rank_codes(x, dim, tau, out)
    return pattern_table(dim)[out]

