"""Surrogate data and tests of a measure against them: is a number more than the linear properties of the data?

>>> import numpy as np
>>> from tscomplex.surrogates import surrogates
>>> x = np.sin(np.arange(64) / 3.0) + np.arange(64) % 5
>>> s = surrogates(x, 3, "iaaft", seed=1)
>>> s.shape, bool(np.array_equal(np.sort(s[0]), np.sort(x)))
((3, 64), True)
"""

from __future__ import annotations

import numpy as np

from .generators import (MAX_ITERATIONS, METHODS, MIN_LENGTH, SurrogateInfo, aaft, block_shuffle, check_data,
                         check_method, cyclic_shift, default_block_length, iaaft, multivariate, new_seed,
                         phase_randomized, surrogate_rngs)
from .iaaft import criterion_text
from .significance import SurrogateTest, rank_p_value, surrogate_test

__all__ = ["METHODS", "MIN_LENGTH", "MAX_ITERATIONS", "SurrogateInfo", "SurrogateTest", "surrogates",
           "surrogate_test", "rank_p_value", "new_seed"]


def surrogates(x, n: int = 99, method: str = "iaaft", seed: int | None = None, *, start: int = 0,
               max_iterations: int = MAX_ITERATIONS, block_length: int | None = None, return_info: bool = False,
               threads: int | None = None, gaussianize: bool = False):
    """``n`` surrogates of the series ``x``.

    Parameters
    ----------
    x : array_like
        One series (1-D), or for ``method="multivariate"`` an array of shape
        (samples, columns) with at least two columns.
    n : int
        Number of surrogates, at least 1.
    method : str
        One of :data:`METHODS`: ``shuffle``, ``ft``, ``aaft``, ``iaaft``
        (default; exact values), ``iaaft-spectrum`` (exact periodogram),
        ``multivariate``, ``block-shuffle``, ``cyclic-shift``.
    seed : int, optional
        Seed; the same seed gives the same surrogates on every machine and
        however they are split over workers. Without it a fresh seed is drawn
        (``return_info=True`` reports it).
    start : int
        Index of the first surrogate: ``surrogates(x, 10, seed=s, start=10)``
        are surrogates 10..19 of the same sequence.
    max_iterations : int
        IAAFT: cap on the iterations of each surrogate (it stops earlier when
        at most 0.1% of its samples changed rank, or its spectral mismatch
        fell by less than 1% in an iteration; see
        :mod:`tscomplex.surrogates.iaaft`).
    block_length : int, optional
        block-shuffle: samples per block (default round(sqrt(len(x)))).
    threads : int, optional
        IAAFT: threads to spread the surrogates over (default: the CPU
        count); the surrogates are the same whatever the number.
    return_info : bool
        Also return a :class:`SurrogateInfo` (seed used, block length,
        IAAFT iterations and mismatches).
    gaussianize : bool
        Make the surrogates of the data's Gaussian scores (van der Waerden:
        Phi^-1 of rank / (n + 1)) and give each the data's values in its rank
        order: the null of a statistic of ranks (ordinal patterns), right also
        for skewed data, where IAAFT of the values is rejected too often (see
        :mod:`tscomplex.surrogates.ranks`). The values are the data's; the
        spectrum and the IAAFT mismatches are those of the scores.

    Returns
    -------
    numpy.ndarray
        Shape (n, samples), or (n, samples, columns) for ``multivariate``;
        with ``return_info`` a tuple (array, SurrogateInfo).

    Raises
    ------
    ValueError
        n < 1, an unknown method, a series shorter than :data:`MIN_LENGTH`,
        a constant series, NaN or infinite values, a multivariate method on
        one column, or a 2-D array for a univariate method.
    """
    method = check_method(method)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"number of surrogates must be an integer >= 1, got {n!r}")
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or start < 0:
        raise ValueError(f"start must be an integer >= 0, got {start!r}")
    if isinstance(max_iterations, bool) or not isinstance(max_iterations, (int, np.integer)) or max_iterations < 1:
        raise ValueError(f"max_iterations must be an integer >= 1, got {max_iterations!r}")
    x = check_data(x, method)
    original = x
    if gaussianize:  # the scores are of unit magnitude: no scaling below
        from .ranks import gaussian_scores

        x = gaussian_scores(x)
    # the FFTs square and sum the data: beyond about 1e154 they overflow, in the subnormals they lose every digit
    # (and IAAFT's rank table had an infinite scale); a power of two is exact both ways, so IAAFT's values stay
    # the data's own
    from ..ordinal.series import scale_to_unit_magnitude

    x, exponent = scale_to_unit_magnitude(x)
    seed = new_seed() if seed is None else _check_seed(seed)
    rngs = surrogate_rngs(seed, int(n), int(start))
    extra = {}
    if method == "shuffle":
        out = np.stack([rng.permutation(x) for rng in rngs])
    elif method == "ft":
        out = phase_randomized(x, rngs)
    elif method == "aaft":
        out = aaft(x, rngs)
    elif method in ("iaaft", "iaaft-spectrum"):
        exact = "amplitude" if method == "iaaft" else "spectrum"
        out, its, conv, spectral, amp, reasons = iaaft(x, rngs, int(max_iterations), exact, threads=threads)
        extra = dict(max_iterations=int(max_iterations), iterations=tuple(int(v) for v in its),
                     stop_reasons=reasons, criterion=criterion_text(int(max_iterations)),
                     converged=tuple(bool(v) for v in conv), spectral_mismatch=tuple(float(v) for v in spectral),
                     amplitude_mismatch=tuple(float(v) for v in amp))
    elif method == "multivariate":
        out = multivariate(x, rngs)
    elif method == "block-shuffle":
        length = default_block_length(x.size) if block_length is None else int(block_length)
        if not 1 <= length <= x.size // 2:
            raise ValueError(f"block_length must be between 1 and half the series ({x.size // 2}), got {length}")
        out = block_shuffle(x, rngs, length)
        extra = dict(block_length=length)
    else:
        out = cyclic_shift(x, rngs)
    if exponent:
        out = np.ldexp(out, exponent)
    if gaussianize:
        from .ranks import values_by_rank

        out = values_by_rank(out, x, original)
    if not return_info:
        return out
    return out, SurrogateInfo(method=method, count=int(n), seed=int(seed), start=int(start),
                              gaussianized=bool(gaussianize), **extra)


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be an integer >= 0, got {seed!r}")
    return int(seed)


class _CallableModule(type(np)):
    """This package is also ``tscomplex.surrogates``, the function: importing the package puts the module
    where the lazy API puts the function, so the module calls the function."""

    def __call__(self, *args, **kwargs):
        return surrogates(*args, **kwargs)


import sys as _sys  # noqa: E402

_sys.modules[__name__].__class__ = _CallableModule
