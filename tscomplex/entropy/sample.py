"""Sample entropy and approximate entropy, counted in linear memory (no N x N matrix, no list of pairs).

Conventions (Richman & Moorman 2000 for SampEn, Pincus 1991 for ApEn):

* templates are the delay vectors u_i = (x_i, ..., x_{i+m-1}) with lag 1;
* two templates match when their Chebyshev (maximum) distance is <= r;
* r is ``r * SD(x)`` (population SD, ddof=0) unless ``absolute=True``.

SampEn uses the same N - m templates for both lengths (the last m-template
has no (m+1)-extension), never counts a template against itself, and returns
-ln(A/B) with B and A the numbers of matching pairs of length m and m+1.
ApEn uses all N - m + 1 (resp. N - m) templates and counts self-matches.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import check_int, check_positive, check_series
from ._counting import pairs_within

MAX_M = 10


@dataclass(frozen=True)
class SampleEntropyResult:
    """SampEn with what it was computed from; ``value`` is NaN and ``reason`` says why when undefined."""

    value: float
    m: int
    tolerance: float  # the absolute r used
    matches_m: int  # B: unordered pairs of m-templates within r (self-matches excluded)
    matches_m1: int  # A: the same for (m+1)-templates
    templates: int  # N - m
    reason: str | None = None


def resolve_tolerance(x: np.ndarray, r: float, absolute: bool) -> float:
    """The absolute tolerance: ``r`` itself, or ``r`` times the population SD of ``x``.

    The SD of a series beyond about 1e154 overflows (its squares do) and below
    about 1e-154 underflows to 0, which made SampEn 0 or "constant": it is taken
    of the series scaled by a power of two, exactly, and scaled back."""
    from ..ordinal import scale_to_unit_magnitude

    r = check_positive(r, "r")
    if absolute:
        return r
    scaled, exponent = scale_to_unit_magnitude(np.asarray(x, dtype=np.float64))
    return r * math.ldexp(float(np.std(scaled)), exponent)


def _checked(x, m, what: str):
    """The series and template length, checked: at least m + 2 values are needed."""
    x = check_series(x, min_size=3)
    m = check_int(m, "m", 1, MAX_M)
    if x.size < m + 2:
        raise ValueError(f"x has {x.size} values; {what} entropy with m={m} needs at least m + 2 = {m + 2}")
    return x, m


def match_counts(x, m: int, tolerance: float) -> tuple[int, int]:
    """(B, A): matching pairs of the first N - m templates of length m and of length m + 1.

    ``tolerance`` is absolute. The composite and refined composite multiscale
    entropies add these counts over coarse-grained series.
    """
    x, m = _checked(x, m, "sample")
    n = x.size - m  # the same N - m templates at both lengths
    b, _ = pairs_within(x, n, m, float(tolerance))
    a, _ = pairs_within(x, n, m + 1, float(tolerance))
    return b, a


def sample_entropy_result(x, m: int = 2, r: float = 0.2, absolute: bool = False) -> SampleEntropyResult:
    """Sample entropy with its counts and, when it is undefined, the reason (see :func:`sample_entropy`)."""
    x, m = _checked(x, m, "sample")
    tolerance = resolve_tolerance(x, r, absolute)
    if tolerance == 0.0:
        return _from_counts(m, 0.0, 0, 0, x.size - m)
    b, a = match_counts(x, m, tolerance)
    return _from_counts(m, tolerance, b, a, x.size - m)


def _from_counts(m: int, tolerance: float, b: int, a: int, templates: int) -> SampleEntropyResult:
    if tolerance == 0.0:
        return SampleEntropyResult(math.nan, m, 0.0, 0, 0, templates,
                                   "the series is constant, so the tolerance r x SD is zero and SampEn is undefined")
    if b == 0:
        return SampleEntropyResult(math.nan, m, tolerance, b, a, templates,
                                   f"no two templates of length m={m} match within r: SampEn is undefined "
                                   "(use a larger r or a longer series)")
    if a == 0:
        return SampleEntropyResult(math.nan, m, tolerance, b, a, templates,
                                   f"no two templates of length m+1={m + 1} match within r: SampEn is infinite "
                                   "(use a larger r or a longer series)")
    return SampleEntropyResult(float(-math.log(a / b)), m, tolerance, b, a, templates)


def sample_and_approximate_entropy(x, m: int = 2, r: float = 0.2,
                                   absolute: bool = False) -> tuple[SampleEntropyResult, float]:
    """SampEn (with its counts) and ApEn from one count per template length, equal to computing them apart.

    ApEn's per-template counts over the N - m + 1 m-templates give SampEn's B
    (drop the pairs of the last template) and its counts over the N - m
    (m+1)-templates sum to SampEn's A, so each length is counted once. ApEn is
    NaN when the series is constant (no warning here: the result's reason says why).
    """
    x, m = _checked(x, m, "sample")
    tolerance = resolve_tolerance(x, r, absolute)
    templates = x.size - m
    if tolerance == 0.0:
        return _from_counts(m, 0.0, 0, 0, templates), math.nan
    nt = x.size - m + 1
    pairs_m, cm = pairs_within(x, nt, m, float(tolerance), per_point=True)
    a, cm1 = pairs_within(x, nt - 1, m + 1, float(tolerance), per_point=True)
    b = pairs_m - (int(cm[nt - 1]) - 1)  # pairs among the first N - m templates
    return _from_counts(m, tolerance, b, a, templates), _apen_from(cm, cm1)


def sample_entropy(x, m: int = 2, r: float = 0.2, absolute: bool = False) -> float:
    """Sample entropy SampEn(m, r) of a series (Richman & Moorman 2000).

    Parameters
    ----------
    x : array_like, 1-D
        The series (finite values).
    m : int, default 2
        Template length (embedding dimension, lag 1), 1 <= m <= 10.
    r : float, default 0.2
        Tolerance, as a fraction of the population standard deviation of
        ``x``; with ``absolute=True``, in the units of ``x``.
    absolute : bool, default False
        Take ``r`` as an absolute distance.

    Returns
    -------
    float
        SampEn in nats; NaN (with a RuntimeWarning saying why) when it is
        undefined: a constant series, or no matching pairs of length m or m+1.

    Notes
    -----
    With u_i = (x_i, ..., x_{i+m-1}) for i = 1 .. N-m (the same N - m
    templates for both lengths),

        B = #{i < j : max_k |x_{i+k} - x_{j+k}| <= r, k < m},
        A = #{i < j : the same for k < m + 1},
        SampEn = -ln(A / B).

    Pairs are counted without an N x N matrix (see
    :mod:`tscomplex.entropy._counting`): templates of length 1 and 2 by a
    sorted sweep with a Fenwick tree, in O(N log N) time whatever r is;
    longer ones on a grid of cells of side r over their first three values,
    comparing only pairs in neighbouring cells, so the time grows with the
    number of pairs within r in three coordinates (about N^2 P(match)^3).
    Long series are counted in two threads; the counts are exact integers,
    the same with any number of threads. Memory stays linear in N.

    Other tools differ in details that change the last digits: antropy and
    nolds count a match when the distance is strictly below r; antropy's
    default r is 0.2 SD with ddof=0, nolds' 0.2 SD with ddof=1; EntropyHub
    counts m-templates over N - m + 1 vectors. Series with no exact ties at
    distance r give the same A and B here as in antropy.

    For Gaussian white noise of SD sigma, SampEn -> -ln erf(r / (2 sigma))
    as N grows (2.1851 for r = 0.2 sigma).

    References
    ----------
    J. S. Richman and J. R. Moorman, Am. J. Physiol. Heart Circ. Physiol.
    278, H2039 (2000).

    Examples
    --------
    >>> x = np.random.default_rng(0).standard_normal(10_000)
    >>> round(sample_entropy(x), 2)   # white noise: -ln erf(0.1) = 2.185
    2.2
    >>> round(sample_entropy(np.sin(np.arange(2000) * 0.1)), 2)
    0.23
    """
    result = sample_entropy_result(x, m, r, absolute)
    if result.reason:
        warnings.warn(result.reason, RuntimeWarning, stacklevel=2)
    return result.value


def _apen(x: np.ndarray, m: int, tolerance: float) -> float:
    """Phi^m(r) - Phi^{m+1}(r), with the self-match counted (Pincus)."""
    nt = x.size - m + 1
    _, cm = pairs_within(x, nt, m, float(tolerance), per_point=True)
    _, cm1 = pairs_within(x, nt - 1, m + 1, float(tolerance), per_point=True)
    return _apen_from(cm, cm1)


def _apen_from(cm: np.ndarray, cm1: np.ndarray) -> float:
    """Phi^m - Phi^{m+1} from the per-template counts (self included) of the two lengths."""
    return float(np.mean(np.log(cm / cm.size)) - np.mean(np.log(cm1 / cm1.size)))


def approximate_entropy(x, m: int = 2, r: float = 0.2, absolute: bool = False) -> float:
    """Approximate entropy ApEn(m, r) of a series (Pincus 1991).

    Parameters
    ----------
    x, m, r, absolute
        As in :func:`sample_entropy`.

    Returns
    -------
    float
        ApEn in nats; NaN (with a RuntimeWarning) for a constant series.

    Notes
    -----
    C_i^m(r) = #{j : max_k |x_{i+k} - x_{j+k}| <= r} / (N - m + 1), over all
    N - m + 1 templates and counting the self-match j = i, so that no
    logarithm is of zero; Phi^m(r) = mean_i ln C_i^m(r), and

        ApEn = Phi^m(r) - Phi^{m+1}(r).

    The self-match biases ApEn towards regularity for short series, which is
    why Richman & Moorman introduced SampEn. Counts per template come from the
    same linear-memory counting as :func:`sample_entropy`. antropy and nolds
    count a match when the distance is strictly below r.

    References
    ----------
    S. M. Pincus, Proc. Natl. Acad. Sci. USA 88, 2297 (1991).
    """
    x, m = _checked(x, m, "approximate")
    tolerance = resolve_tolerance(x, r, absolute)
    if tolerance == 0.0:
        warnings.warn("the series is constant, so the tolerance r x SD is zero and ApEn is undefined",
                      RuntimeWarning, stacklevel=2)
        return math.nan
    return _apen(x, m, tolerance)
