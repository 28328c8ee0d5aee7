"""A measure tested against its surrogates: null distribution, z-score and a two-sided rank p-value."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


#: values closer than this, relative to their size, are ties
TIE_TOLERANCE = 1e-12


def rank_p_value(value: float, null) -> float:
    """Two-sided rank p-value of ``value`` among the finite values of ``null`` (Theiler et al. 1992).

    p = 2 min(1 + #{null >= value}, 1 + #{null <= value}) / (N + 1), capped at 1,
    for N finite null values. The smallest possible p is 2/(N+1): 0.05 with
    39 surrogates, 0.02 with 99. Ties (equal within 1e-12 relative: rounding
    must not decide a test) count against rejecting. NaN when
    ``value`` is not finite or no null value is.
    """
    null = np.asarray(null, dtype=float)
    null = null[np.isfinite(null)]
    if not math.isfinite(value) or null.size == 0:
        return math.nan
    tol = TIE_TOLERANCE * max(abs(value), float(np.abs(null).max()))
    above = 1 + int(np.count_nonzero(null >= value - tol))
    below = 1 + int(np.count_nonzero(null <= value + tol))
    return min(1.0, 2.0 * min(above, below) / (null.size + 1))


@dataclass(frozen=True)
class SurrogateTest:
    """The result of :func:`surrogate_test`.

    ``null`` holds the measure of every surrogate (NaN where it could not be
    computed); ``mean``, ``std`` (ddof = 1), ``z`` = (value - mean) / std and
    ``p`` use the finite ones, ``count`` of them. ``z`` is NaN when the null
    values do not vary (beyond rounding).
    """

    value: float
    null: tuple
    mean: float
    std: float
    z: float
    p: float
    count: int
    method: str
    seed: int

    def rejects(self, alpha: float = 0.05) -> bool:
        """True when the data differ from the surrogates at level ``alpha`` (p <= alpha)."""
        return bool(math.isfinite(self.p) and self.p <= alpha)


def summarize(value: float, null, method: str, seed: int) -> SurrogateTest:
    """A :class:`SurrogateTest` from a measured value and its null values."""
    value = float(value) if value is not None else math.nan
    null = np.array([math.nan if v is None else float(v) for v in null], dtype=float)
    finite = null[np.isfinite(null)]
    mean = float(finite.mean()) if finite.size else math.nan
    std = float(finite.std(ddof=1)) if finite.size > 1 else math.nan
    varies = math.isfinite(std) and std > TIE_TOLERANCE * max(abs(mean), abs(value) if math.isfinite(value) else 0.0)
    z = (value - mean) / std if math.isfinite(value) and varies else math.nan
    return SurrogateTest(value=value, null=tuple(float(v) for v in null), mean=mean, std=std, z=float(z),
                         p=rank_p_value(value, finite), count=int(finite.size), method=method, seed=int(seed))


def surrogate_test(x, measure, n: int = 99, method: str = "iaaft", seed: int | None = None,
                   **surrogate_options) -> SurrogateTest:
    """Test ``measure(x)`` against the same measure on ``n`` surrogates of ``x``.

    Parameters
    ----------
    x : array_like
        The series (see :func:`tscomplex.surrogates.surrogates`).
    measure : callable
        A function of one series returning a number, e.g.
        ``lambda s: permutation_entropy(s, dim=4)``.
    n, method, seed, **surrogate_options
        Passed to :func:`~tscomplex.surrogates.surrogates`; the seed used is
        in the result (drawn fresh when not given).

    Returns
    -------
    SurrogateTest
        value, null values, mean, std, z, p (two-sided, by rank; the smallest
        possible p is 2/(n+1)), count, method, seed.

    Examples
    --------
    >>> import numpy as np
    >>> from tscomplex.measures import permutation_entropy
    >>> x = np.empty(2000); x[0] = 0.1
    >>> for i in range(1999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> t = surrogate_test(x, lambda s: permutation_entropy(s, dim=4), n=39, seed=1)
    >>> t.p, t.rejects(0.05)
    (0.05, True)
    """
    from . import surrogates

    if not callable(measure):
        raise ValueError(f"measure must be a function of one series, got {measure!r}")
    data, info = surrogates(x, n, method, seed, return_info=True, **surrogate_options)
    value = measure(np.asarray(x, dtype=float))
    null = [measure(s) for s in data]
    return summarize(value, null, info.method, info.seed)
