"""Sample entropy and approximate entropy, counted on a grid of cells of side r (linear memory, no N x N matrix).

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
from numba import njit

from ._checks import check_int, check_positive, check_series

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
    """The absolute tolerance: ``r`` itself, or ``r`` times the population SD of ``x``."""
    r = check_positive(r, "r")
    return r if absolute else r * float(np.std(x))


def _embed(x: np.ndarray, m: int) -> np.ndarray:
    n = x.size - m + 1
    return np.lib.stride_tricks.as_strided(x, shape=(n, m), strides=(x.strides[0], x.strides[0]), writeable=False)


@njit(cache=True, nogil=True)
def _grid_matches(x, m, r, side, per_template, cm, cm1):
    """Count template matches among the N - m + 1 m-templates, visiting only pairs in neighbouring grid cells.

    Templates are binned on their first one or two coordinates into cells of
    side ``side`` (a hair above r), so two templates within r in those
    coordinates lie in the same or adjacent cells; each candidate pair is then
    checked exactly. Returns (B, A) over the first N - m templates (pairs i < j,
    no self-matches); with ``per_template`` it also adds, for both members of
    every matching pair, 1 to cm (m-match, all N - m + 1 templates) and to cm1
    ((m+1)-match, the first N - m).
    """
    nt = x.size - m + 1
    ext = nt - 1  # templates with an (m+1)-th value
    two = m >= 2
    lo0 = x[0]
    lo1 = x[1] if two else 0.0
    for i in range(nt):
        lo0 = min(lo0, x[i])
        if two:
            lo1 = min(lo1, x[i + 1])
    c0 = np.empty(nt, np.int64)
    c1 = np.zeros(nt, np.int64)
    top1 = 0
    for i in range(nt):
        c0[i] = np.int64((x[i] - lo0) / side)
        if two:
            c1[i] = np.int64((x[i + 1] - lo1) / side) + 1  # shifted so that c1 - 1 >= 0
            top1 = max(top1, c1[i])
    width = top1 + 2  # a row of cells, padded so c1 + 1 never wraps into the next row
    key = c0 * width + c1
    order = np.argsort(key, kind="mergesort")
    skey = key[order]
    # the coordinates in cell order, so the inner loops read memory in sequence; NaN marks "no (m+1)-th value"
    y = np.empty((nt, m + 1))
    for p in range(nt):
        i = order[p]
        for k in range(m):
            y[p, k] = x[i + k]
        y[p, m] = x[i + m] if i < ext else np.nan
    if two:
        forward = np.array([1, width - 1, width, width + 1], np.int64)
    else:
        forward = np.array([width], np.int64)
    b = 0
    a = 0
    s = 0
    while s < nt:
        e = s
        while e < nt and skey[e] == skey[s]:
            e += 1
        for f in range(-1, forward.size):
            if f < 0:
                t0, t1 = s, e
            else:
                target = skey[s] + forward[f]
                t0 = np.searchsorted(skey, target)
                t1 = t0
                while t1 < nt and skey[t1] == target:
                    t1 += 1
                if t0 == t1:
                    continue
            for p in range(s, e):
                for q in range(p + 1 if f < 0 else t0, t1):
                    ok = True
                    for k in range(m):
                        if abs(y[p, k] - y[q, k]) > r:
                            ok = False
                            break
                    if not ok:
                        continue
                    zp = y[p, m]
                    zq = y[q, m]
                    both = not (np.isnan(zp) or np.isnan(zq))
                    longer = both and abs(zp - zq) <= r
                    if both:
                        b += 1
                        if longer:
                            a += 1
                    if per_template:  # indexed by cell order; only the mean of the logs is used
                        cm[p] += 1
                        cm[q] += 1
                        if longer:
                            cm1[p] += 1
                            cm1[q] += 1
        s = e
    if per_template:  # the template with no (m+1)-th value goes last in cm1, which is read up to N - m
        last = 0
        for p in range(nt):
            if np.isnan(y[p, m]):
                last = p
        cm1[last], cm1[nt - 1] = cm1[nt - 1], cm1[last]
    return b, a


def _count(x: np.ndarray, m: int, tolerance: float, per_template: bool):
    span = float(np.max(x) - np.min(x))
    side = tolerance * (1.0 + 1e-9)  # floor() of points within r then differs by at most one cell
    if span / side > 2.0 ** 30:
        raise ValueError(f"the tolerance r = {tolerance:g} is too small for the range of the series ({span:g}): "
                         "no two different values would match")
    nt = x.size - m + 1
    cm = np.zeros(nt if per_template else 0, np.int64)
    cm1 = np.zeros(nt if per_template else 0, np.int64)
    b, a = _grid_matches(x, m, float(tolerance), side, per_template, cm, cm1)
    return int(b), int(a), cm, cm1


def match_counts(x, m: int, tolerance: float) -> tuple[int, int]:
    """(B, A): matching pairs of the first N - m templates of length m and of length m + 1.

    ``tolerance`` is absolute. The composite and refined composite multiscale
    entropies add these counts over coarse-grained series.
    """
    x = check_series(x)
    m = check_int(m, "m", 1, MAX_M)
    if x.size < m + 2:
        raise ValueError(f"x has {x.size} values; sample entropy with m={m} needs at least m + 2 = {m + 2}")
    b, a, _, _ = _count(x, m, tolerance, False)
    return b, a


def sample_entropy_result(x, m: int = 2, r: float = 0.2, absolute: bool = False) -> SampleEntropyResult:
    """Sample entropy with its counts and, when it is undefined, the reason (see :func:`sample_entropy`)."""
    x = check_series(x)
    m = check_int(m, "m", 1, MAX_M)
    if x.size < m + 2:
        raise ValueError(f"x has {x.size} values; sample entropy with m={m} needs at least m + 2 = {m + 2}")
    tolerance = resolve_tolerance(x, r, absolute)
    templates = x.size - m
    if tolerance == 0.0:
        return SampleEntropyResult(math.nan, m, 0.0, 0, 0, templates,
                                   "the series is constant, so the tolerance r x SD is zero and SampEn is undefined")
    b, a = match_counts(x, m, tolerance)
    if b == 0:
        return SampleEntropyResult(math.nan, m, tolerance, b, a, templates,
                                   f"no two templates of length m={m} match within r: SampEn is undefined "
                                   "(use a larger r or a longer series)")
    if a == 0:
        return SampleEntropyResult(math.nan, m, tolerance, b, a, templates,
                                   f"no two templates of length m+1={m + 1} match within r: SampEn is infinite "
                                   "(use a larger r or a longer series)")
    return SampleEntropyResult(float(-math.log(a / b)), m, tolerance, b, a, templates)


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

    Templates are sorted into cells of side r on their first two values, and
    only pairs in the same or neighbouring cells are compared (a
    sorted-neighbour search): memory stays linear in N (about 4 arrays of N
    values), and the time grows with the number of candidate pairs, about
    N^2 x P(match), not with all N^2 / 2 pairs.

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
    >>> round(sample_entropy(np.sin(np.arange(2000) * 0.1)), 4) < 0.2
    True
    """
    result = sample_entropy_result(x, m, r, absolute)
    if result.reason:
        warnings.warn(result.reason, RuntimeWarning, stacklevel=2)
    return result.value


def _apen(x: np.ndarray, m: int, tolerance: float) -> float:
    """Phi^m(r) - Phi^{m+1}(r), with the self-match counted (Pincus)."""
    _, _, cm, cm1 = _count(x, m, tolerance, True)
    nt = x.size - m + 1
    phi_m = np.mean(np.log((cm + 1) / nt))
    phi_m1 = np.mean(np.log((cm1[: nt - 1] + 1) / (nt - 1)))
    return float(phi_m - phi_m1)


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
    same cell search as :func:`sample_entropy`, in linear memory. antropy and nolds count a match when the distance
    is strictly below r.

    References
    ----------
    S. M. Pincus, Proc. Natl. Acad. Sci. USA 88, 2297 (1991).
    """
    x = check_series(x)
    m = check_int(m, "m", 1, MAX_M)
    if x.size < m + 2:
        raise ValueError(f"x has {x.size} values; approximate entropy with m={m} needs at least m + 2 = {m + 2}")
    tolerance = resolve_tolerance(x, r, absolute)
    if tolerance == 0.0:
        warnings.warn("the series is constant, so the tolerance r x SD is zero and ApEn is undefined",
                      RuntimeWarning, stacklevel=2)
        return math.nan
    return _apen(x, m, tolerance)
