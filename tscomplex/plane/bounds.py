"""The bounds of the complexity-entropy plane: C_min(H), C_max(H) and PECCARY's periodic entropy bounds.

The exact lower and upper bounds of every distribution over d! outcomes
(Martin, Plastino & Rosso, Physica A 369, 439, 2006), and PECCARY's periodic
bounds H_min,per and H_max,per: a periodic signal sampled finer than its
period has at most 2(2(d-2)+1) patterns, so H <= H_max,per (Hyman, Daniel &
Schaffner 2024).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_scalar
from ..information import jensen_shannon_normalization
from ..options import PLANE_MAX_DIM, PLANE_MIN_DIM
from ..ordinal import check_dim

#: The dimensions with a noise curve and regimes (3 <= d <= 8).
MIN_DIM = PLANE_MIN_DIM
MAX_DIM = PLANE_MAX_DIM


def check_plane_dim(dim) -> int:
    """Validate an embedding dimension for the plane's curves (3 <= d <= 8)."""
    dim = check_dim(dim)
    if not MIN_DIM <= dim <= MAX_DIM:
        raise ValueError(f"the complexity-entropy plane is available for dim {MIN_DIM} to {MAX_DIM}, got {dim}")
    return dim


def _xlogx(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0)), 0.0)


def _family_hc(pk, m, z, n_outcomes):
    """(H, C) of the distribution with one probability pk, m equal probabilities (1-pk)/m and z zeros.

    Every bound of the plane is made of such distributions; arrays broadcast.
    """
    pk = np.asarray(pk, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    log_n = math.log(n_outcomes)
    pj = (1.0 - pk) / m
    s = -(_xlogx(pk) + m * _xlogx(pj))
    u = 1.0 / n_outcomes
    s_mid = -(_xlogx(0.5 * (pk + u)) + m * _xlogx(0.5 * (pj + u)) + z * (0.5 * u) * math.log(0.5 * u))
    j = s_mid - 0.5 * s - 0.5 * log_n
    h = s / log_n
    c = jensen_shannon_normalization(n_outcomes) * j * h
    return h, np.maximum(c, 0.0)


def _solve_pk(target_h, lo, hi, m, z, n_outcomes, increasing, iterations=64):
    """Bisection for pk in [lo, hi] with H(pk) = target_h, vectorized over all points."""
    lo = np.array(lo, dtype=np.float64, copy=True)
    hi = np.array(hi, dtype=np.float64, copy=True)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        h, _c = _family_hc(mid, m, z, n_outcomes)
        below = h < target_h
        go_up = below if increasing else ~below
        lo = np.where(go_up, mid, lo)
        hi = np.where(go_up, hi, mid)
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class ComplexityCurves:
    """The exact bounds of the complexity-entropy plane for one dimension, each sorted by H."""

    dim: int
    h_min: np.ndarray
    c_min: np.ndarray
    h_max: np.ndarray
    c_max: np.ndarray


def complexity_curves(dim: int = 5, h_step: float = 1e-3) -> ComplexityCurves:
    """Minimum and maximum statistical complexity as functions of permutation entropy.

    Parameters
    ----------
    dim : int
        Embedding dimension d, 3 <= d <= 8 (N = d! outcomes).
    h_step : float
        Largest spacing in H between neighbouring points of a curve. Every
        point lies exactly on its curve; the vertices of C_max (the uniform
        distributions over 1 .. N outcomes) are always included, so the max
        curve of d = 8 has about 40 000 points.

    Returns
    -------
    ComplexityCurves
        ``h_min, c_min`` and ``h_max, c_max``, each sorted by increasing H,
        from (0, 0) to (1, 0).

    Notes
    -----
    Martin, Plastino & Rosso (2006): C_min(H) is traced by one probability
    p in [1/N, 1] with the other N-1 equal, (1-p)/(N-1). C_max(H) is the
    union over i = 1 .. N-1 of the families with i-1 zero probabilities, one
    probability p in [0, 1/(N-i+1)] and the other N-i equal; family i joins
    the uniform distributions over N-i and N-i+1 outcomes. For each
    distribution H = S(P)/ln N and C = Q0 J(P, U) H with J the
    Jensen-Shannon divergence from the uniform U. Points are placed at equal
    steps of H by bisection on p.

    References
    ----------
    M. T. Martin, A. Plastino, O. A. Rosso, Physica A 369, 439 (2006).

    Examples
    --------
    >>> curves = complexity_curves(5)
    >>> i = curves.c_max.argmax()
    >>> round(float(curves.h_max[i]), 3), round(float(curves.c_max[i]), 4)
    (0.615, 0.4248)
    """
    dim = check_plane_dim(dim)
    h_step = check_scalar(h_step, "h_step", 0.0, 0.5, include_min=False)
    return _curves(dim, h_step)


@functools.lru_cache(maxsize=16)
def _curves(dim: int, h_step: float) -> ComplexityCurves:
    n = math.factorial(dim)
    log_n = math.log(n)

    # C_min: H runs from 1 (p = 1/N) down to 0 (p = 1); H decreases with p.
    count = int(math.ceil(1.0 / h_step)) + 1
    h_target = np.linspace(0.0, 1.0, count)
    pk = _solve_pk(h_target, np.full(count, 1.0 / n), np.ones(count), n - 1, 0, n, increasing=False)
    pk[0], pk[-1] = 1.0, 1.0 / n
    h_min, c_min = _family_hc(pk, n - 1, 0, n)

    # C_max: family i = N-1 .. 1 (m = N-i equal probabilities) covers H in [ln m, ln(m+1)] / ln N.
    m_values = np.arange(1, n, dtype=np.float64)
    lo_h = np.log(m_values) / log_n
    width = np.log1p(1.0 / m_values) / log_n
    per_segment = np.maximum(1, np.ceil(width / h_step - 1e-9)).astype(np.int64)
    m = np.repeat(m_values, per_segment)
    offset = np.arange(per_segment.sum()) - np.repeat(np.cumsum(per_segment) - per_segment, per_segment)
    frac = offset / np.repeat(per_segment, per_segment)
    h_target = np.repeat(lo_h, per_segment) + frac * np.repeat(width, per_segment)
    z = (n - 1) - m
    pk = _solve_pk(h_target, np.zeros_like(m), 1.0 / (m + 1.0), m, z, n, increasing=True)
    pk[offset == 0] = 0.0  # the vertices exactly
    h_max, c_max = _family_hc(pk, m, z, n)
    h_max = np.append(h_max, 1.0)
    c_max = np.append(c_max, 0.0)
    for a in (h_min, c_min, h_max, c_max):
        a.setflags(write=False)
    return ComplexityCurves(dim, h_min, c_min, h_max, c_max)


def complexity_peak(dim: int = 5) -> tuple[float, float]:
    """(H, C) at the highest point of C_max, refined to about 1e-10 in H.

    Examples
    --------
    >>> h, c = complexity_peak(5)
    >>> round(h, 6), round(c, 6)
    (0.615027, 0.42482)
    """
    from scipy.optimize import minimize_scalar

    dim = check_plane_dim(dim)
    n = math.factorial(dim)
    curves = _curves(dim, 1e-3)
    h_guess = curves.h_max[int(np.argmax(curves.c_max))]
    m_guess = int(math.floor(math.exp(h_guess * math.log(n)) + 1e-9))
    best = (0.0, 0.0)
    for m in range(max(1, m_guess - 1), min(n - 1, m_guess + 1) + 1):
        z = n - 1 - m

        def negative_c(p, m=m, z=z):
            return -float(_family_hc(p, m, z, n)[1])

        res = minimize_scalar(negative_c, bounds=(0.0, 1.0 / (m + 1)), method="bounded",
                              options={"xatol": 1e-13})
        h, c = _family_hc(res.x, m, z, n)
        if float(c) > best[1]:
            best = (float(h), float(c))
    return best


def max_complexity(h, dim: int = 5):
    """C_max at entropy ``h`` (scalar or array), interpolated on the exact curve (error < 1e-6)."""
    curves = _curves(check_plane_dim(dim), 1e-4 if dim <= 6 else 1e-3)
    return np.interp(h, curves.h_max, curves.c_max)


def min_complexity(h, dim: int = 5):
    """C_min at entropy ``h`` (scalar or array), interpolated on the exact curve (error < 1e-6)."""
    curves = _curves(check_plane_dim(dim), 1e-4)
    return np.interp(h, curves.h_min, curves.c_min)


def periodic_entropy_bounds(dim: int = 5) -> tuple[float, float]:
    """PECCARY's (H_min,per, H_max,per) = (ln 2, ln(2(2(d-2)+1))) / ln d!.

    A periodic signal whose patterns are shorter than its period shows at
    least the two monotonic patterns and at most 2(2(d-2)+1) patterns, so
    its entropy lies between these bounds (Hyman, Daniel & Schaffner 2024).

    Examples
    --------
    >>> [round(b, 6) for b in periodic_entropy_bounds(5)]
    [0.144783, 0.55124]
    """
    dim = check_plane_dim(dim)
    log_n = math.log(math.factorial(dim))
    return math.log(2.0) / log_n, math.log(2.0 * (2.0 * (dim - 2) + 1.0)) / log_n
