"""Tokenizers of the patch estimators: value bins (EntroPE) and ordinal ranks, and the size of their count tables."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_choice, check_int, check_positive, check_series
from ..ordinal.series import check_dim, scale_to_unit_magnitude
from .defaults import DEFAULT_BINS, DEFAULT_DIM, DEFAULT_ORDER, DEFAULT_VALUE_RANGE, ESTIMATORS, MAX_COUNT_CELLS


@njit(cache=True, nogil=True)
def _quantize(x, center, scale, value_range, bins, out):
    """Bin of (x - center) / scale in `bins` uniform bins over [-R, R]; values outside go to the end bins."""
    width = 2.0 * value_range / bins
    for t in range(x.shape[0]):
        u = (x[t] - center) / scale
        b = int(math.floor((u + value_range) / width))
        if b < 0:
            b = 0
        elif b >= bins:
            b = bins - 1
        out[t] = b


@njit(cache=True, nogil=True)
def _value_contexts(sym, order, bins, ctx):
    """ctx[t] = sum_i sym[t-i] * bins**(i-1), i = 1..order (most recent symbol least significant), t >= order."""
    top = 1
    for _ in range(order - 1):
        top *= bins
    code = 0
    for t in range(sym.shape[0]):
        if t >= order:
            ctx[t] = code
            if order > 0:
                code -= sym[t - order] * top  # drop the oldest symbol
        else:
            ctx[t] = 0
        if order > 0:
            code = code * bins + sym[t]


@njit(cache=True, nogil=True)
def _ordinal_symbols(x, dim, sym):
    """sym[t] = #{i = 1..dim-1 : x[t-i] <= x[t]}, the rank of x[t] among the dim-1 values before it (t >= dim).

    On ties the earlier sample counts as smaller, as in the ordinal-pattern
    convention, so (pattern of x[t-dim:t], sym[t]) determines the pattern of
    x[t-dim+1:t+1] and back.
    """
    for t in range(x.shape[0]):
        if t < dim:
            sym[t] = 0
            continue
        r = 0
        xt = x[t]
        for i in range(1, dim):
            if x[t - i] <= xt:
                r += 1
        sym[t] = r


def _check_table(n_ctx: int, n_sym: int, what: str) -> None:
    cells = n_ctx * n_sym
    if cells > MAX_COUNT_CELLS:
        raise ValueError(
            f"{what} means {n_ctx:,} contexts x {n_sym} symbols = {cells:,} counts "
            f"({cells * 8 / 2**30:.3g} GiB), more than the limit of {MAX_COUNT_CELLS:,} counts "
            f"({MAX_COUNT_CELLS * 8 / 2**20:.0f} MiB); lower the order, bins or dim")


def check_estimator(estimator: str = "value", *, bins: int = DEFAULT_BINS, order: int = DEFAULT_ORDER,
                    dim: int = DEFAULT_DIM) -> tuple:
    """Validate an estimator's settings and the size of its count table; return (estimator, bins, order, dim).

    Raises ValueError for an unknown estimator, bins < 2, order < 0, dim
    outside 2..10, or a table of contexts x symbols larger than
    :data:`MAX_COUNT_CELLS`, saying how many contexts that would be.

    Examples
    --------
    >>> check_estimator("value", bins=16, order=3)
    ('value', 16, 3, 5)
    """
    check_choice(estimator, "estimator", ESTIMATORS)
    if estimator == "value":
        bins = check_int(bins, "bins", 2)
        order = check_int(order, "order", 0)
        _check_table(bins ** order, bins, f"order {order} with {bins} bins")
    else:
        dim = check_dim(dim)
        _check_table(math.factorial(dim), dim, f"dim {dim}")
    return estimator, bins, order, dim


def value_symbols(x, bins: int = DEFAULT_BINS, value_range: float = DEFAULT_VALUE_RANGE,
                  center: bool = True) -> np.ndarray:
    """Quantize a series into ``bins`` symbols as EntroPE's tokenizer does.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series; NaN and inf are refused.
    bins : int
        Number of uniform bins B >= 2.
    value_range : float
        R > 0: the bins cover [-R, R] in units of the mean absolute value;
        values outside go to the end bins.
    center : bool
        Subtract the mean first (EntroPE's instance normalization does). With
        ``center=False`` the raw series is scaled, as Chronos does; a series
        far from zero then falls into one or two bins.

    Returns
    -------
    symbols : ndarray of int64, shape (N,)
        Values in 0 .. B-1.

    Notes
    -----
    With m = mean(x) (or 0) and s = mean |x - m| (1 if that is 0),
    u_t = (x_t - m) / s and the symbol is floor((u_t + R) B / (2R)) clipped to
    [0, B-1]. For Gaussian data u has standard deviation sqrt(pi/2) = 1.25,
    so the default R = 3 clips about 1.7% of the samples (EntroPE picks R so
    that 5% clip) and a sine spans the central half of the bins.

    References
    ----------
    Abeywickrama et al., EntroPE, arXiv 2509.26157 (2025); Ansari et al.,
    Chronos, arXiv 2403.07815 (2024), mean scaling and uniform bins.

    Examples
    --------
    >>> value_symbols([-2.0, -1.0, 0.0, 1.0, 2.0], bins=4, value_range=2.0)
    array([0, 1, 2, 2, 3])
    """
    x = check_series(x, "series", min_size=0)
    bins = check_int(bins, "bins", 2)
    value_range = check_positive(value_range, "value_range")
    x, _ = scale_to_unit_magnitude(x)  # symbols do not depend on the amplitude; sums of 1e300 overflow
    mean = float(np.mean(x)) if center and x.size else 0.0
    scale = float(np.mean(np.abs(x - mean))) if x.size else 1.0
    if not scale > 0:
        scale = 1.0
    out = np.empty(x.size, dtype=np.int64)
    _quantize(x, mean, scale, value_range, bins, out)
    return out
