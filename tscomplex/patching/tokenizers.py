"""Tokenizers of the patch estimators: value bins (EntroPE) and ordinal ranks, and the size of their count tables."""

from __future__ import annotations

import math
import re

import numpy as np
from numba import njit

from .._validation import check_choice, check_int, check_positive, check_series
from ..ordinal.series import check_dim, scale_to_unit_magnitude
from ..options import ENTROPE_SPECIAL_TOKENS, ENTROPE_VOCAB_SIZE
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


# --------------------------------------------------------------------------- EntroPE's tokenizer


@njit(cache=True, nogil=True)
def _entrope_quantize(x, center, scale, edges, n_special, vocab_size, out):
    """Chronos' ids: searchsorted(edges, (x - center) / scale, right) + n_special, clipped to the vocabulary."""
    for t in range(x.shape[0]):
        b = np.searchsorted(edges, (x[t] - center) / scale, side="right") + n_special
        out[t] = b if b < vocab_size else vocab_size - 1


def entrope_edges(vocab_size: int = ENTROPE_VOCAB_SIZE, low: float = -DEFAULT_VALUE_RANGE,
                  high: float = DEFAULT_VALUE_RANGE) -> np.ndarray:
    """The bucket edges of Chronos' ``MeanScaleUniformBins`` as EntroPE builds it.

    ``vocab_size - 4 - 1`` bin centres spaced uniformly from ``low`` to ``high``;
    the edges are the midpoints between neighbouring centres, with -1e20 and
    1e20 outside (so ``vocab_size - 3`` edges).

    Examples
    --------
    >>> entrope_edges(10, -1.0, 1.0)
    array([-1.0e+20, -7.5e-01, -2.5e-01,  2.5e-01,  7.5e-01,  1.0e+20])
    """
    vocab_size = check_int(vocab_size, "vocab_size", ENTROPE_SPECIAL_TOKENS + 3)
    low, high = float(low), float(high)
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"value range must be two finite numbers low < high, got {low:g}:{high:g}")
    centers = np.linspace(low, high, vocab_size - ENTROPE_SPECIAL_TOKENS - 1)
    return np.concatenate(([-1e20], (centers[1:] + centers[:-1]) / 2, [1e20]))


_LIMITS = re.compile(r"^\s*(q?)([-+0-9.eE]+)\s*:\s*(q?)([-+0-9.eE]+)\s*$")


def entrope_limits(value_range=DEFAULT_VALUE_RANGE, data=None) -> tuple[float, float, str]:
    """(low, high, rule) of the entrope tokenizer's bins from a range specification.

    ``R`` (a number): -R .. R, the symmetric range of EntroPE's paper-era code
    (its scripts use 3 or 4); rule ``symmetric``. ``"LOW:HIGH"``: those
    limits; rule ``limits``. ``"qA:qB"`` (EntroPE's current code uses
    q2.5:q97.5): the A-th and B-th percentiles of the training data
    standardized by its own mean and (population) standard deviation, as
    EntroPE's data loader standardizes it; ``data`` is that training data
    (the analysed series when no other is given); rule ``quantiles qA:qB``.

    Examples
    --------
    >>> entrope_limits(4)
    (-4.0, 4.0, 'symmetric')
    >>> entrope_limits("-2:3")
    (-2.0, 3.0, 'limits')
    """
    if isinstance(value_range, str) and ":" in value_range:
        match = _LIMITS.match(value_range)
        if not match or bool(match.group(1)) != bool(match.group(3)):
            raise ValueError(f"value_range must be R, LOW:HIGH or qA:qB (e.g. q2.5:q97.5), got {value_range!r}")
        a, b = float(match.group(2)), float(match.group(4))
        if not match.group(1):
            entrope_edges(ENTROPE_VOCAB_SIZE, a, b)  # checks low < high
            return a, b, "limits"
        if not 0 <= a < b <= 100:
            raise ValueError(f"value_range quantiles must satisfy 0 <= A < B <= 100, got {value_range!r}")
        if data is None:
            raise ValueError("value_range quantiles need the training data to take them from")
        z = check_series(data, "training data", min_size=2)
        z, _ = scale_to_unit_magnitude(z)
        std = float(np.std(z))
        if not std > 0:
            raise ValueError("value_range quantiles: the training data is constant (standard deviation 0)")
        z = (z - float(np.mean(z))) / std
        low, high = (float(v) for v in np.quantile(z, [a / 100.0, b / 100.0]))
        if not low < high:
            raise ValueError(f"value_range quantiles {value_range} of the training data coincide ({low:g})")
        return low, high, f"quantiles q{a:g}:q{b:g}"
    if isinstance(value_range, bool):
        raise ValueError(f"value_range must be R, LOW:HIGH or qA:qB, got {value_range!r}")
    try:
        r = float(value_range)
    except (TypeError, ValueError):
        raise ValueError(f"value_range must be R, LOW:HIGH or qA:qB (e.g. q2.5:q97.5), got {value_range!r}") \
            from None
    r = check_positive(r, "value_range")
    return -r, r, "symmetric"


def entrope_scale(x: np.ndarray, center: bool = True) -> tuple[float, float]:
    """(centre, scale) of one context window: its mean (or 0) and the mean absolute value around it
    (1 when that is not positive), as RevIN followed by Chronos' mean scaling leaves them."""
    mean = float(np.mean(x)) if center and x.size else 0.0
    scale = float(np.mean(np.abs(x - mean))) if x.size else 1.0
    return mean, scale if scale > 0 else 1.0


def entrope_tokens(x, vocab_size: int = ENTROPE_VOCAB_SIZE, low: float = -DEFAULT_VALUE_RANGE,
                   high: float = DEFAULT_VALUE_RANGE, center: bool = True) -> np.ndarray:
    """EntroPE's token ids of one context window: Chronos' mean-scale uniform bins.

    Parameters
    ----------
    x : array_like, shape (N,)
        One context window (EntroPE's look-back of 96 samples, or a whole
        series); NaN and inf are refused.
    vocab_size : int
        Tokens in the vocabulary (EntroPE: 256). Ids 0..3 are special (PAD,
        EOS, ...) and never produced here; values get ids 4 .. vocab_size-1.
    low, high : float
        The first and last bin centres (see :func:`entrope_limits`).
    center : bool
        Subtract the window's mean first. EntroPE normalizes each window with
        RevIN, (x - mean) / std, before the tokenizer divides by the mean
        absolute value; the std cancels, so this is the same up to rounding.
        ``center=False`` is Chronos' tokenizer on the raw values.

    Returns
    -------
    ids : ndarray of int64, shape (N,)

    Notes
    -----
    With m the mean (or 0) and s = mean |x - m| (1 if that is 0), centres
    c_1 .. c_K = linspace(low, high, K), K = vocab_size - 5, and edges
    e = (-1e20, (c_1+c_2)/2, ..., (c_{K-1}+c_K)/2, 1e20), the id of x_t is
    4 + #{i : e_i <= (x_t - m) / s} (torch.bucketize with right=True),
    clipped to vocab_size - 1. So values get ids 5 .. vocab_size - 1 in practice
    (id 4 only below -1e20). EntroPE computes in float32, tscomplex in
    float64: a value within rounding of an edge can land one id apart.

    References
    ----------
    Ansari et al., Chronos, arXiv 2403.07815 (2024), ``MeanScaleUniformBins``;
    Abeywickrama et al., EntroPE, arXiv 2509.26157 (2025).

    Examples
    --------
    With 10 tokens, 5 centres -1, -0.5, 0, 0.5, 1: the window's mean absolute
    value is 1.2, so the values scale to -1.67 .. 1.67:

    >>> entrope_tokens([-2.0, -1.0, 0.0, 1.0, 2.0], vocab_size=10, low=-1.0, high=1.0)
    array([5, 5, 7, 9, 9])
    """
    x = check_series(x, "series", min_size=0)
    edges = entrope_edges(vocab_size, low, high)
    x, _ = scale_to_unit_magnitude(x)
    mean, scale = entrope_scale(x, center)
    out = np.empty(x.size, dtype=np.int64)
    _entrope_quantize(x, mean, scale, edges, ENTROPE_SPECIAL_TOKENS, int(vocab_size), out)
    return out
