"""The curves behind the automatic embedding: AMI and autocorrelation against lag, FNN and Cao against dimension.

Each curve comes with the rule that read the choice off it, so that a user (and
``tscomplex embed --curves``) can check the chosen lag and dimension by eye. The
rules are those of :func:`~tscomplex.embedding.auto_lag` and
:func:`~tscomplex.embedding.auto_dim`, restated here on whole curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice, check_int
from ..options import DIM_METHODS, LAG_METHODS
from .delay import MIN_VECTORS, _as_unit_series
from .dimension import _neighbour_in_dim, cao_e1, false_nearest_neighbors
from .lag import _autocorrelation, _first_local_minimum, auto_mutual_information

#: thresholds of auto_dim (FNN fraction below, Cao's E1 at or above)
FNN_THRESHOLD = 0.01
CAO_THRESHOLD = 0.9
#: auto_lag takes lag 1 when the lag-1 autocorrelation is below this (maps, noise)
MAP_AUTOCORRELATION = 0.5


@dataclass(frozen=True)
class LagCurve:
    """A curve against lag (0 .. max_lag) and the lag its rule reads off it (``rule`` names the rule)."""

    name: str  # "ami" or "acf"
    lags: np.ndarray
    values: np.ndarray
    lag: int
    rule: str


@dataclass(frozen=True)
class DimCurve:
    """A curve against embedding dimension (1 .. max_dim) and the dimension its rule reads off it."""

    name: str  # "fnn", "cao_e1" or "cao_e2"
    dims: np.ndarray
    values: np.ndarray
    dim: int | None
    rule: str | None


def cao_e2(x, lag: int, max_dim: int = 10, max_points: int = 20_000) -> np.ndarray:
    """Cao's E2(d) = E*(d+1) / E*(d), d = 1 .. max_dim: near 1 for every d for noise, not for determinism.

    E*(d) is the mean over reference points of |x_{i+d·lag} - x_{n+d·lag}|, n the
    nearest neighbour of i in dimension d (maximum norm).

    References
    ----------
    L. Cao, Physica D 110, 43 (1997).
    """
    x = _as_unit_series(x)
    lag = check_int(lag, "lag", 1)
    max_dim = check_int(max_dim, "max_dim", 1)
    if x.size - (max_dim + 1) * lag < 2:
        raise ValueError(f"a series of {x.size} values is too short for max_dim={max_dim}, lag={lag}")
    e = np.array([np.mean(_neighbour_in_dim(x, lag, d, max_points, p=np.inf)[2]) for d in range(1, max_dim + 2)])
    with np.errstate(divide="ignore", invalid="ignore"):
        return e[1:] / e[:-1]


def lag_curves(x, method: str = "mi", max_lag: int | None = None, bins: int = 16) -> list[LagCurve]:
    """The AMI curve (always) and, for ``method="acf"``, the autocorrelation, each with the lag
    :func:`~tscomplex.embedding.auto_lag` chooses and the rule that chose it.

    Rules: ``autocorrelation_lag1_below_half`` (r(1) < 1/2: lag 1, for maps and
    noise), ``ami_first_minimum``, ``acf_first_zero``, ``below_1/e`` (no minimum
    or zero up to max_lag: the first lag below 1/e of lag 0), ``max_lag``.
    The AMI curve runs to twice the chosen lag (at least 20), at most max_lag.
    """
    x = _as_unit_series(x)
    check_choice(method, "lag_method", LAG_METHODS)
    if max_lag is None:
        max_lag = int(min(1000, max(2, x.size // 10)))
    max_lag = min(check_int(max_lag, "max_lag", 1), x.size - 2)
    acf = _autocorrelation(x, max_lag)
    ami = auto_mutual_information(x, max_lag, bins)
    out = []
    for name, curve in (("ami", ami), ("acf", acf)) if method == "acf" else (("ami", ami),):
        lag, rule = _lag_rule(name, curve, acf)
        shown = min(max_lag, max(20, 2 * lag))
        out.append(LagCurve(name, np.arange(shown + 1), curve[: shown + 1].copy(), lag, rule))
    return out


def _lag_rule(name, curve, acf):
    if acf[1] < MAP_AUTOCORRELATION:
        return 1, "autocorrelation_lag1_below_half"
    if name == "acf":
        zero = np.flatnonzero(curve[1:] <= 0.0)
        if zero.size:
            return int(zero[0]) + 1, "acf_first_zero"
    else:
        minimum = _first_local_minimum(curve)
        if minimum is not None:
            return int(minimum), "ami_first_minimum"
    below = np.flatnonzero(curve[1:] < curve[0] / math.e)
    if below.size:
        return int(below[0]) + 1, "below_1/e"
    return int(curve.size - 1), "max_lag"


def dim_curves(x, lag: int, method: str = "fnn", max_dim: int = 10) -> list[DimCurve]:
    """FNN fraction (``method="fnn"``) or Cao's E1 and E2 (``"cao"``) for d = 1 .. max_dim, with the
    dimension :func:`~tscomplex.embedding.auto_dim` chooses and its rule: ``fnn_below_threshold``
    (first d below 1%), ``fnn_minimum`` (none below: the fewest false neighbours), ``cao_e1_above_threshold``
    (first d with E1 >= 0.9), ``max_dim`` (E1 never reaches it). E2 carries no choice."""
    x = _as_unit_series(x)
    check_choice(method, "dim_method", DIM_METHODS)
    lag = check_int(lag, "lag", 1)
    max_dim = min(check_int(max_dim, "max_dim", 1), (x.size - MIN_VECTORS) // lag - 1)
    if max_dim < 1:
        raise ValueError(f"a series of {x.size} values is too short to choose a dimension with lag={lag}")
    dims = np.arange(1, max_dim + 1)
    if method == "fnn":
        fnn = false_nearest_neighbors(x, lag, max_dim)
        below = np.flatnonzero(fnn < FNN_THRESHOLD)
        dim, rule = ((int(below[0]) + 1, "fnn_below_threshold") if below.size
                     else (int(np.argmin(fnn)) + 1, "fnn_minimum"))
        return [DimCurve("fnn", dims, fnn, dim, rule)]
    e1 = cao_e1(x, lag, max_dim)
    good = np.flatnonzero(e1 >= CAO_THRESHOLD)
    dim, rule = (int(good[0]) + 1, "cao_e1_above_threshold") if good.size else (int(max_dim), "max_dim")
    return [DimCurve("cao_e1", dims, e1, dim, rule), DimCurve("cao_e2", dims, cao_e2(x, lag, max_dim), None, None)]
