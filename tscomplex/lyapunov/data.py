"""The largest Lyapunov exponent from a scalar series: choose the embedding, follow the divergence, fit.

:func:`max_lyapunov` composes small public steps, each usable on its own:
:func:`choose_embedding` (delay, dimension and Theiler window, from :mod:`tscomplex.embedding`),
:func:`follow_divergence` (Rosenstein's or Kantz's curve, :mod:`.divergence`, followed until it
saturates) and :func:`fit_scaling_region` (:mod:`.scaling`). Its :class:`MaxLyapunovResult` carries
the curve with the number, so the fit can be checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice, check_int, check_scalar, finite_or_none
from ..embedding import (
    MIN_VECTORS,
    auto_dim,
    auto_lag,
    auto_theiler,
    delay_embedding,
    quarter_period,
)
from ..embedding.delay import _as_series
from ..embedding.prediction import MapTest, map_test
from ..options import LYAPUNOV_METHODS
from .divergence import _curve, _pairs
from .epsilon_range import drift_ratio, drifts, epsilon_range_region
from .flag import (  # noqa: F401
    GOOD_FIT_R2,
    RULE_DRIFT,
    RULE_EPSILON,
    RULE_ROUNDING,
    RULE_TOO_FEW_CYCLES,
    RULE_UNSATURATED,
    _chaotic,
    _reason,
    _rule,
    above_noise_floor,
    drifting,
    neighbour_separation,
    noise_jump,
    repeats_to_rounding,
    still_rising,
)
from .result import MaxLyapunovResult
from .scaling import ScalingRegion, fit_scaling_region, scaling_region, slope_windows  # noqa: F401

METHODS = LYAPUNOV_METHODS
MAX_REFERENCES = 200_000  # default cap on reference trajectories (neighbours are still searched among all points)
#: Fewest mean periods a series must span for the automatic choices to go on.
MIN_CYCLES = 20
#: Pairs are followed automatically for at most this fraction (1/k) of the embedding, and at most
#: MAX_AUTO_STEPS steps (Lorenz at dt = 0.01 saturates by 650; give n_steps for slower curves).
MAX_STEPS_FRACTION = 10
MAX_AUTO_STEPS = 4096


def _auto_steps(dim, lag, theiler):
    """First guess at how many steps to follow pairs; doubled until the curve saturates."""
    return int(max(20, 2 * (dim - 1) * lag, 2 * theiler))


def _saturated(curve, smooth, lag=1):
    """True when the last fifth of the curve is flat compared with its steepest rise (above a noise floor)."""
    y = curve[np.isfinite(curve)]
    if y.size < 10:
        return False
    if noise_jump(y, lag, smooth) is not None:
        # above a noise floor the steepest rise is an artefact (the jump, and a dip at k = lag, where the
        # neighbour's noisy coordinates line up again): compare the tail with the mean rise above the floor
        y = y[1:]
        rise = (y[-1] - y[0]) / (y.size - 1)
        tail = y[-max(2, y.size // 5):]
        return bool(rise <= 0 or (tail[-1] - tail[0]) / (tail.size - 1) < 0.1 * rise)
    w = max(1, min(smooth, y.size // 5))  # a slope window longer than the curve so far says nothing yet
    slopes = (y[w:] - y[:-w]) / w
    tail = slopes[-max(1, slopes.size // 5):]
    top = np.max(slopes)
    return bool(top <= 0 or np.mean(tail) < 0.1 * top)


@dataclass(frozen=True)
class Embedding:
    """The delay embedding the divergence is followed in; ``too_few_cycles`` when the data cannot decide."""

    dim: int
    lag: int
    theiler: int
    too_few_cycles: bool = False
    lag_bounded: bool = False  # the automatic lag was cut to a quarter of the mean period
    map_test: MapTest | None = None  # the one-step prediction test, when it was asked (automatic lag, or lag 1)


def choose_embedding(x, dim: int | None = None, lag: int | None = None, theiler: int | None = None,
                     lag_method: str = "mi", dim_method: str | None = None, max_dim: int = 10,
                     detect_map: bool = False) -> Embedding:
    """The lag, dimension and Theiler window for ``x``, each from the data unless given.

    A deterministic map (:func:`tscomplex.embedding.prediction.map_test`: the nearest
    neighbour predicts the next value far better than the best linear predictor) is taken at
    delay 1 with the dimension at which that prediction stops improving (unless a ``dim_method``
    is given), when ``detect_map`` is set and the lag is automatic or 1 and the dimension automatic.
    An automatic Theiler window longer than a twentieth of the series (fewer than
    MIN_CYCLES mean periods: a random walk, a trend, a record of a few cycles) sets
    ``too_few_cycles`` instead of failing; too few vectors for any window is an error.
    """
    x = _as_series(x)
    n = x.size
    lag_bounded, test = False, None
    if detect_map and dim is None and lag in (None, 1) and n >= 10 * MIN_VECTORS:
        test = map_test(x, max_dim)
        if test.deterministic_map:
            lag, dim = 1, test.dim if dim_method is None else None  # a method given chooses the dimension
    if lag is None:
        found, bound = auto_lag(x, lag_method), quarter_period(x)  # never beyond a quarter of the mean period
        lag, lag_bounded = min(found, bound), bound < found
    lag = check_int(lag, "lag", minimum=1)
    if dim is None:
        if n - lag * 2 < MIN_VECTORS:
            raise ValueError(f"a series of {n} values is too short to embed with lag={lag}")
        dim = auto_dim(x, lag, dim_method or "fnn", max_dim)
    dim = check_int(dim, "dim", minimum=1)
    too_few_cycles = False
    if theiler is None:
        theiler = auto_theiler(x)
        # a series spanning fewer than 20 mean periods (a random walk, a trend, or too short a record)
        # does not revisit its attractor often enough for nearby trajectories to be found and followed
        too_few_cycles = theiler > n // MIN_CYCLES
    theiler = check_int(theiler, "theiler", minimum=0)
    m = n - (dim - 1) * lag
    need = MIN_VECTORS + 2 * theiler + 1
    if m < need and not (too_few_cycles and m > MIN_VECTORS):
        raise ValueError(f"a series of {n} values is too short for dim={dim}, lag={lag}, theiler={theiler}: "
                         f"the embedding has {max(m, 0)} vectors and needs at least {need}")
    return Embedding(dim, lag, theiler, too_few_cycles, lag_bounded, test)


def divergence_pairs(y, embedding: Embedding, method: str = "rosenstein", radius: float | None = None,
                     max_references: int | None = None):
    """(references, neighbours) of the divergence curve in the embedding ``y``: indices, and an array of the
    references' neighbours (nearest first, -1 for none) further than the Theiler window in time."""
    if radius is not None and not radius > 0:
        raise ValueError(f"radius must be positive, got {radius}")
    return _pairs(np.ascontiguousarray(y, dtype=float), embedding.theiler, method, radius, 8,
                  max_references or MAX_REFERENCES)


def follow_divergence(y, embedding: Embedding, method: str = "rosenstein", n_steps: int | None = None,
                      radius: float | None = None, max_references: int | None = None,
                      smooth: int = 1, pairs=None) -> tuple[np.ndarray, int]:
    """The divergence curve in the embedding ``y`` and the number of steps followed (from the references and
    neighbours ``pairs`` of :func:`divergence_pairs`, found here when not given).

    Without ``n_steps`` the pairs are followed for a first guess of steps, doubled
    (extending the curve, not recomputing it) until the curve saturates, at most
    a tenth of the embedding or MAX_AUTO_STEPS: a curve that never saturates
    (noise, a random walk) must not be followed for half the series.
    """
    y = np.ascontiguousarray(y, dtype=float)  # a strided delay_embedding view is copied once, not per kernel
    m = y.shape[0]
    auto_steps = n_steps is None
    if auto_steps:
        most = max(1, min(MAX_AUTO_STEPS, max(20, (m - 1) // MAX_STEPS_FRACTION)))
        steps = min(_auto_steps(embedding.dim, embedding.lag, embedding.theiler), most)
    else:
        steps = most = min(check_int(n_steps, "n_steps", minimum=1), m - 1)
    refs, neighbors = pairs or divergence_pairs(y, embedding, method, radius, max_references)
    curve = _curve(y, refs, neighbors, 0, steps)
    while auto_steps and not _saturated(curve, smooth, embedding.lag) and steps < most:
        more = min(2 * steps, most)
        curve = np.concatenate([curve, _curve(y, refs, neighbors, steps + 1, more)])
        steps = more
    return curve, steps


def max_lyapunov(x, dim: int | None = None, lag: int | None = None, theiler: int | None = None, dt: float = 1.0,
                 method: str = "rosenstein", lag_method: str = "mi", dim_method: str | None = None,
                 n_steps: int | None = None, max_dim: int = 10, max_references: int | None = None,
                 radius: float | None = None, _differenced: bool = False) -> MaxLyapunovResult:
    """The largest Lyapunov exponent of a scalar series, with every choice made from the data by default.

    Parameters
    ----------
    x : array_like, 1-D
        The series, uniformly sampled.
    dim : int, optional
        Embedding dimension (default: false nearest neighbours, see :func:`auto_dim`).
    lag : int, optional
        Delay in samples (default: :func:`auto_lag` with ``lag_method``, at most
        a quarter of the mean period).
    theiler : int, optional
        Theiler window in samples (default: the mean period, :func:`auto_theiler`).
        When that is more than a twentieth of the series (a random walk, a
        trend, a record of a few cycles) the data cannot decide: ``chaotic`` is
        None, with the reason, at once; a series that drifts is analysed through
        its increments instead (``differenced``).
    dt : float, default 1.0
        Sampling interval; the exponent is reported per time unit (``max_lyapunov``)
        and per sample (``max_lyapunov_per_sample``).
    method : {"rosenstein", "kantz"}, default "rosenstein"
    lag_method : {"mi", "acf"}, default "mi"
        First minimum of the auto mutual information, or first zero of the autocorrelation.
    dim_method : {"fnn", "cao"}, optional
        Default: a map's one-step prediction dimension, else fnn; given, used for maps too.
    n_steps : int, optional
        How many steps pairs are followed (default: from 2·max(theiler, (dim-1)·lag),
        at least 20, doubled until the curve reaches its plateau; never more than
        a tenth of the embedding or 4096 steps, so a curve that never saturates
        stays cheap).
    max_dim : int, default 10
        Largest dimension the automatic choice may take.
    max_references : int, optional
        Follow at most this many evenly spaced reference points (default
        200,000; their neighbours are searched among all points). Averaging
        the curve over more references than this changes it by less than its
        statistical error, and costs time linear in their number.
    radius : float, optional
        Kantz's neighbourhood radius (default: twice the median nearest-neighbour distance).

    Returns
    -------
    MaxLyapunovResult
        With ``max_lyapunov`` (per time unit; None without a scaling region),
        ``max_lyapunov_per_sample``, ``chaotic``, ``dim``, ``lag``, ``theiler``,
        ``fit_start``/``fit_end`` (steps), ``fit_r2``, ``divergence`` (ln d(k)) and
        ``reason`` (why it is not chaotic, or undecided, if so).

    Raises
    ------
    ValueError
        For a constant series, non-finite values, bad options, or a series too
        short for the requested embedding.

    Notes
    -----
    The divergence curve <ln d(k)> grows as ln d(0) + lambda·k·dt while pairs are
    close, and saturates at the size of the attractor. lambda is the slope of
    the largest stretch of the curve over which the local slopes agree within
    25%, after the plateau is cut (see :func:`scaling_region`). ``chaotic`` needs
    that stretch to exist, to rise at least one e-fold, to fit with r² >= 0.95,
    and a positive slope. For a flow whose curve jumps at its first step to a
    noise floor (:func:`.flag.noise_jump`), the stretch is sought above the
    floor; where there is none but the curve rises an e-fold above it, the 0-1
    test on every lag-th sample decides between False (regular) and None (chaos
    or noise), never True (:func:`.flag.above_noise_floor`). A True flag
    whose nearest neighbours lie a median of under 5% of the record from
    their references in time (``neighbour_separation``; a chirp, a drifting
    frequency) becomes None (:func:`.flag.drifting`). ``chaotic_rule``
    names the rule that decided. The automatic lag is at most a quarter of the
    mean period (:func:`tscomplex.embedding.quarter_period`), and 1 for a
    deterministic map, whose dimension is then where the one-step prediction
    stops improving (:func:`tscomplex.embedding.prediction.map_test`). A flow
    (lag > 1) whose curve has no good straight rise and no noise floor is
    read at small scales: Kantz's curves over a ladder of radii at m and m + 1
    (:func:`.epsilon_range.epsilon_range_region`, rule ``kantz_epsilon_range``,
    radii in ``epsilon_min``/``epsilon_max``). A series of too few mean periods
    that drifts (:func:`.epsilon_range.drifts`: a random walk, an unwrapped
    angle) is analysed through its increments (``differenced``). Everything is
    deterministic.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).
    H. Kantz, Phys. Lett. A 185, 77 (1994).
    M. B. Kennel, R. Brown and H. D. I. Abarbanel, Phys. Rev. A 45, 3403 (1992).
    A. M. Fraser and H. L. Swinney, Phys. Rev. A 33, 1134 (1986).

    Examples
    --------
    >>> x = np.empty(10_000); x[0] = 0.1
    >>> for i in range(9_999): x[i + 1] = 4 * x[i] * (1 - x[i])
    >>> result = max_lyapunov(x)
    >>> result.chaotic, round(result.max_lyapunov, 2)   # ln 2 = 0.693
    (True, 0.69)
    """
    from ..ordinal import scale_to_unit_magnitude

    x = raw = _as_series(x)
    # distances of values near 1e300 overflow and those near 1e-310 are subnormal; the slope does not depend on
    # the amplitude, so an extreme series is scaled by 2**-e (exactly) and ln d(k) shifted back by e ln 2 below
    x, exponent = scale_to_unit_magnitude(x)
    if radius is not None and exponent:
        radius = math.ldexp(radius, -exponent)
    check_choice(method, "method", METHODS)
    check_scalar(dt, "dt", minimum=0, include_min=False)
    embedding = choose_embedding(x, dim, lag, theiler, lag_method, dim_method, max_dim, detect_map=True)
    curve, steps, region, window, jump, noisy, exact = np.empty(0), 0, None, None, None, None, False
    epsilons, small, separation = (None, None), None, None
    if embedding.too_few_cycles and not _differenced and drifts(x):  # an unwrapped angle, a random walk
        result = max_lyapunov(np.diff(raw), dim, lag, None, dt, method, lag_method, dim_method, n_steps, max_dim,
                              max_references, None if radius is None else math.ldexp(radius, exponent),
                              _differenced=True)
        result.reason = (f"the series drifts (its mean period is {drift_ratio(x):.0f} times its increments'), "
                         "so its increments were analysed" + (f"; {result.reason}" if result.reason else ""))
        return result
    if embedding.too_few_cycles:  # undecided, not "not chaotic": a short chaotic record looks the same
        reason = (f"the series spans only {x.size / embedding.theiler:.1f} mean periods ({embedding.theiler} "
                  f"samples each), fewer than {MIN_CYCLES}: a random walk or trend, or too short a record "
                  "(give theiler= to override)")
    else:
        y = np.ascontiguousarray(delay_embedding(x, embedding.dim, embedding.lag))
        windows = slope_windows(x, embedding.lag, embedding.theiler)
        pairs = divergence_pairs(y, embedding, method, radius, max_references)
        separation = neighbour_separation(*pairs, y.shape[0])
        curve, steps = follow_divergence(y, embedding, method, n_steps, radius, max_references, windows[0], pairs)
        jump = noise_jump(curve, embedding.lag, windows[0])
        region, window = fit_scaling_region(curve, windows, first=0 if jump is None else 1)
        exact = repeats_to_rounding(curve, float(np.std(x)))
        if exact:  # pairs that never part beyond rounding: no divergence to fit
            region = None
        elif not _chaotic(region) and jump is None and embedding.lag > 1 and radius is None:
            small = epsilon_range_region(x, embedding.dim, embedding.lag, embedding.theiler, windows, steps,
                                         max_references)  # a flow's straight stretch may lie at small scales
            if small.found:
                region, window, curve = ScalingRegion(small.start, small.end, small.slope, small.intercept,
                                                      small.r2), small.window, small.curve
                epsilons = tuple(math.ldexp(e, exponent) for e in (small.epsilon_min, small.epsilon_max))
        if exponent:  # back to the data's units: ln d(k) of the unscaled series
            curve = curve + exponent * math.log(2.0)
        reason = _reason(region) if not exact else (
            "the nearest neighbours repeat the orbit to rounding and never part beyond 1e-8 of the standard "
            "deviation: an exactly repeating (periodic) sequence, not divergence")
        if jump is not None and region is None and not exact:  # a noise floor may hide the region: ask the 0-1 test
            noisy = above_noise_floor(x, curve, embedding.lag, jump)
            reason = reason if noisy is None else noisy.reason
    if embedding.too_few_cycles:
        chaotic, rule = None, RULE_TOO_FEW_CYCLES
    elif exact:
        chaotic, rule = False, RULE_ROUNDING
    elif noisy is not None:
        chaotic, rule = noisy.chaotic, noisy.rule
    else:
        chaotic, rule = _chaotic(region), _rule(region, jump)
        if small is not None:
            rule, reason = (RULE_EPSILON, "") if small.found else (rule, f"{reason}; {small.reason}")
        cut = region is None and jump is None
        climb = still_rising(curve, _saturated(curve, windows[0], embedding.lag)) if cut else None
        if climb is not None:  # a slow divergence cut short, not a curve that has nowhere to go
            chaotic, rule = None, RULE_UNSATURATED
            reason += f"; but the curve still rises ({climb:.1f} e-folds) after {steps} steps, where it had to stop"
    if chaotic and drifting(separation):  # nearby orbits part by a drift of the frequency, not by chaos
        chaotic, rule, reason = None, RULE_DRIFT, drifting(separation)
    return MaxLyapunovResult(
        max_lyapunov=None if region is None else region.slope / dt,
        max_lyapunov_per_sample=None if region is None else region.slope,
        chaotic=chaotic,
        method=method, dim=embedding.dim, lag=embedding.lag, theiler=embedding.theiler, dt=float(dt),
        n_steps=steps,
        fit_start=None if region is None else region.start,
        fit_end=None if region is None else region.end,
        fit_r2=None if region is None else region.r2,
        fit_intercept=None if region is None else region.intercept + exponent * math.log(2.0),
        divergence=curve, reason=reason, slope_window=window,
        chaotic_rule=rule, noise_jump=jump, zero_one_k=None if noisy is None else noisy.zero_one_k,
        lag_bounded=embedding.lag_bounded,
        deterministic_map=None if embedding.map_test is None else embedding.map_test.deterministic_map,
        one_step_error_ratio=finite_or_none(None if embedding.map_test is None else embedding.map_test.ratio),
        epsilon_min=epsilons[0], epsilon_max=epsilons[1], differenced=_differenced, neighbour_separation=separation)

