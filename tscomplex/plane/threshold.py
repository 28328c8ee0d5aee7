"""The split between complex and stochastic: how far above the f^-k noise curve a point must lie.

:func:`complexity_threshold` is the one formula for the C above which a point
is complex; the classifier (:mod:`tscomplex.plane.regimes`) and the plane
figure both use it.
"""

from __future__ import annotations

import math

import numpy as np

from .bounds import check_plane_dim, max_complexity
from .noise import noise_complexity

#: Where between the noise curve (0) and the maximum curve (1) the chaos/noise split lies, at most
#: (for few windows) and at least (for many); see :func:`split_fraction`.
SPLIT_FRACTION = 0.5
MIN_SPLIT_FRACTION = 0.1
#: Multiple of d!/W, the scale of a noise's finite-sample excess over the noise curve.
SPLIT_NOISE_FACTOR = 5.0
#: Smallest excess of C over the noise curve that can count as complex. Near H = 1 both curves meet,
#: and a fraction of their tiny gap is below the sampling noise of C.
MIN_COMPLEXITY_EXCESS = 0.005


def split_fraction(dim: int, windows: int | None = None) -> float:
    """Where between C_noise(H) (0) and C_max(H) (1) a point starts to count as complex.

    Finite samples of noise sit above the noise curve by a fraction of the
    gap that falls like d!/W with the number of windows W (95th percentile
    about 2 d!/W for f^-k noises, k = 0..3, d = 5, 6). The split is
    5 d!/W, clipped to [0.1, 0.5]: 0.5 at the minimum of 10 d! windows,
    0.1 from 50 d! on. Flows sampled at PECCARY's ideal delay sit 0.13 to
    0.9 of the way, chaotic maps beyond 0.75. Without W the split is 0.5.
    """
    if windows is None or windows <= 0:
        return SPLIT_FRACTION
    return min(SPLIT_FRACTION, max(MIN_SPLIT_FRACTION, SPLIT_NOISE_FACTOR * math.factorial(dim) / windows))


def complexity_threshold(h, dim: int = 5, windows: int | None = None):
    """The statistical complexity above which a point at entropy ``h`` counts as complex (scalar or array).

    C_noise(H) + max(s gap, min(0.005, gap)) with gap = C_max(H) - C_noise(H)
    (never negative) and s = :func:`split_fraction` of ``dim`` and
    ``windows``. The one formula behind :func:`regime_details` and the line
    the plane figure draws.

    Examples
    --------
    >>> round(complexity_threshold(0.6785, 5), 6)
    0.343685
    """
    dim = check_plane_dim(dim)
    c_noise = noise_complexity(h, dim)
    gap = np.maximum(max_complexity(h, dim) - c_noise, 0.0)
    threshold = c_noise + np.maximum(split_fraction(dim, windows) * gap, np.minimum(MIN_COMPLEXITY_EXCESS, gap))
    return float(threshold) if np.ndim(threshold) == 0 else threshold
