"""Is the series a deterministic map? One-step prediction, nonlinear against linear, at delay 1.

A map's next value is a function of its last few values: x(t+1) = f(x(t), ..., x(t-m+1)).
Where f is smooth and m small, the value that followed the nearest neighbour of the last m
values predicts x(t+1) almost exactly (Farmer & Sidorowich 1987), while the best linear
predictor of the same order explains little of it: f is not linear (the logistic map's
autocorrelation vanishes at r = 4). The ratio of the two errors is the test (the nonlinear
against linear prediction of Sugihara & May 1990 and Kantz & Schreiber 2004, sec. 4.1):

- a chaotic map: the nearest-neighbour error is a few thousandths of the standard deviation,
  the linear one tenths or all of it (ratio < 0.02 for every map of the corpus that fits in
  three delays: logistic, tent, Chebyshev, Hénon, Lozi, the delayed logistic, Holmes' Duffing map);
- noise, linear or not: neither predicts well, and the nearest neighbour does worse than the
  linear fit (ratio about sqrt 2, the error of a neighbour's own noise added);
- a finely sampled flow, a sine or a quasi-periodic signal: the linear predictor of order 2-3
  (x(t+1) = 2 x(t) - x(t-1) + ...) is nearly exact, and beats the neighbour (ratio > 1); a
  linear error below 1e-8 of the standard deviation is rounding, and never a map's;
- a periodic sequence (a sawtooth, a triangle wave): its nearest neighbour is an exact repeat, and
  predicts the next value to rounding. A chaotic orbit never repeats, so its error is the
  neighbour's distance times the stretching; an error at the rounding level is not a map's;
- a flow sampled coarsely (a tenth of a turn or more): neither is exact (ratio 0.15-0.7).

A deterministic map is taken at delay 1: its divergence grows from the first step, and a
longer delay folds the attractor. Its dimension is the smallest one at which the one-step
error stops falling: one more delay adds no information once the next value is a function
of the last m (Chebyshev's T_6 needs one; false nearest neighbours ask for six there, because
its slope of up to 36 separates true neighbours by more than Kennel's factor of ten).

References: J. D. Farmer and J. J. Sidorowich, Phys. Rev. Lett. 59, 845 (1987); G. Sugihara and
R. M. May, Nature 344, 734 (1990); H. Kantz and T. Schreiber, Nonlinear Time Series Analysis,
2nd ed. (2004), sec. 4.1 and 4.2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .delay import _as_unit_series, _query_points, delay_embedding

#: the nearest-neighbour one-step error is at most this fraction of the linear predictor's: a deterministic map
MAP_RATIO = 0.05
#: the test looks at delay vectors of 1 .. MAP_TEST_DIM values (a map that needs more is left to the usual rules)
MAP_TEST_DIM = 3
#: a linear error below this (over the standard deviation) is rounding: the series is linear (a sine), not a map
ROUNDING = 1e-8
#: at most this many reference points predict (all points are searched as neighbours)
MAX_POINTS = 5_000
#: the test reads at most the first this many samples (every map of the corpus is told at 10^4), so its cost
#: stays a few tenths of a second whatever the length
MAX_SAMPLES = 20_000


@dataclass(frozen=True)
class MapTest:
    """The one-step errors, each over the standard deviation, and the verdict.

    ``nonlinear[m-1]`` and ``linear[m-1]`` are the errors with m delays (delay 1); ``dim`` is
    the smallest m at which the nonlinear error stops falling (set only for a map).
    """

    nonlinear: tuple[float, ...]
    linear: tuple[float, ...]
    deterministic_map: bool
    dim: int | None

    @property
    def ratio(self) -> float:
        """Smallest nonlinear error over smallest linear error (m = 1 .. MAP_TEST_DIM)."""
        lin = min(self.linear[:MAP_TEST_DIM])
        return float(min(self.nonlinear[:MAP_TEST_DIM]) / lin) if lin > 0 else float("inf")


def nearest_neighbour_error(x, m: int, exclude: int = 1, max_points: int = MAX_POINTS) -> float:
    """RMS error of predicting x(t+1) by the successor of the nearest neighbour of (x(t-m+1), ..., x(t)),
    over the standard deviation of ``x``. Neighbours closer in time than ``exclude`` + 1 samples are skipped."""
    from scipy.spatial import cKDTree

    x = _as_unit_series(x)
    y = delay_embedding(x[:-1], m, 1)  # y[i] = x[i .. i+m-1]; its successor is x[i+m]
    target = x[m:]
    refs = _query_points(y.shape[0], max_points)
    tree = cKDTree(y, balanced_tree=False, compact_nodes=False)
    _, idx = tree.query(y[refs], k=min(y.shape[0], 2 * exclude + 4))
    ok = np.abs(idx - refs[:, None]) > exclude
    first = np.argmax(ok, axis=1)
    rows = np.arange(refs.size)
    found = ok[rows, first]
    if not found.any():
        return float("nan")
    err = target[refs[found]] - target[idx[rows, first][found]]
    return float(np.sqrt(np.mean(err * err)) / x.std())


def linear_error(x, m: int) -> float:
    """RMS error of the least-squares linear predictor x(t+1) = c + a_1 x(t) + ... + a_m x(t-m+1),
    over the standard deviation of ``x``."""
    x = _as_unit_series(x)
    y = delay_embedding(x[:-1], m, 1)
    a = np.column_stack([y, np.ones(y.shape[0])])
    coef, *_ = np.linalg.lstsq(a, x[m:], rcond=None)
    resid = x[m:] - a @ coef
    return float(np.sqrt(np.mean(resid * resid)) / x.std())


def map_test(x, max_dim: int = 10) -> MapTest:
    """Whether ``x`` is a deterministic map at delay 1, and its dimension if so (see the module's docstring).

    Examples
    --------
    >>> x = np.empty(5000); x[0] = 0.3
    >>> for i in range(4999): x[i + 1] = np.cos(6 * np.arccos(x[i]))   # Chebyshev's T_6
    >>> test = map_test(x)
    >>> test.deterministic_map, test.dim
    (True, 1)
    >>> map_test(np.random.default_rng(0).normal(size=5000)).deterministic_map
    False
    """
    x = _as_unit_series(x)[:MAX_SAMPLES]
    top = max(1, min(MAP_TEST_DIM, max_dim, x.size // 10))
    nonlinear = [nearest_neighbour_error(x, m) for m in range(1, top + 1)]
    linear = [linear_error(x, m) for m in range(1, top + 1)]
    lin = min(linear)
    best = min(nonlinear) if np.all(np.isfinite(nonlinear)) else np.inf
    # an orbit that repeats itself to rounding (best at the rounding level) is periodic, not a chaotic map's
    is_map = bool(lin > ROUNDING and ROUNDING < best <= MAP_RATIO * lin)
    dim = None
    if is_map:
        dim = top
        for m in range(1, max_dim + 1):
            if m >= len(nonlinear):
                if m + 1 > max_dim or x.size - (m + 1) < 10:
                    dim = m
                    break
                nonlinear.append(nearest_neighbour_error(x, m + 1))
            if not nonlinear[m] < nonlinear[m - 1]:  # one more delay no longer helps
                dim = m
                break
        else:
            dim = max_dim
    return MapTest(tuple(nonlinear), tuple(linear), is_map, dim)
