"""Delay vectors (Takens) and the series checks every embedding step shares."""

from __future__ import annotations

import numpy as np

from .._validation import check_int, check_series, is_constant

MIN_VECTORS = 50  # fewest embedding vectors the automatic choices (and max_lyapunov) accept


def _as_series(x, name="x") -> np.ndarray:
    """A finite, non-constant 1-D float series of at least 3 values."""
    x = check_series(x, name, min_size=3)
    if is_constant(x):
        raise ValueError(f"{name} is constant: neighbours never separate, so there is no exponent to estimate")
    return x


def _as_unit_series(x, name="x") -> np.ndarray:
    """:func:`_as_series`, brought near magnitude 1 by a power of two (exactly) when extreme.

    For the choices that do not depend on the amplitude (lag, dimension, period,
    prediction errors relative to the SD): their squares and spectra overflow
    beyond about 1e154 and vanish below 1e-154 (see
    :func:`tscomplex.ordinal.scale_to_unit_magnitude`)."""
    from ..ordinal import scale_to_unit_magnitude

    return scale_to_unit_magnitude(_as_series(x, name))[0]


def delay_embedding(x, dim: int, lag: int) -> np.ndarray:
    """Delay vectors y_i = (x_i, x_{i+lag}, ..., x_{i+(dim-1)lag}).

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    dim : int
        Embedding dimension m >= 1.
    lag : int
        Delay in samples, >= 1.

    Returns
    -------
    numpy.ndarray, shape (N - (dim-1)*lag, dim)
        A read-only strided view of ``x`` (no copy).

    Notes
    -----
    Takens' delay reconstruction; there are M = N - (m-1)·lag vectors.

    References
    ----------
    F. Takens, Lecture Notes in Mathematics 898, 366 (1981).

    Examples
    --------
    >>> delay_embedding([0, 1, 2, 3, 4], dim=2, lag=2)
    array([[0., 2.],
           [1., 3.],
           [2., 4.]])
    """
    x = np.ascontiguousarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be one-dimensional, got shape {x.shape}")
    dim = check_int(dim, "dim", 1)
    lag = check_int(lag, "lag", 1)
    m = x.size - (dim - 1) * lag
    if m < 1:
        raise ValueError(f"a series of {x.size} values is too short for dim={dim}, lag={lag}: "
                         f"it needs more than (dim-1)*lag = {(dim - 1) * lag} values")
    return np.lib.stride_tricks.as_strided(x, shape=(m, dim), strides=(x.strides[0], lag * x.strides[0]),
                                           writeable=False)


def _query_points(m, max_points):
    """Evenly spaced, deterministic reference indices 0 .. m-1 (all when m <= max_points)."""
    if m <= max_points:
        return np.arange(m)
    return np.unique(np.linspace(0, m - 1, max_points).astype(np.int64))
