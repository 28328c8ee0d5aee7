"""Kantz's divergence over a range of neighbourhood sizes and two embedding dimensions: a flow's small-scale region.

Rosenstein's curve follows every reference point with its nearest neighbour, however far that is. In a
short record of a flow embedded in four or five dimensions (the double pendulum's energy shell: 2·10^4
samples, 200 time units) most nearest neighbours lie a tenth of the attractor's size away, where the
divergence is already bending towards saturation, and the average curve is concave all the way.

Kantz's method (Kantz 1994; TISEAN's ``lyap_k``) follows each reference with all its neighbours
inside a radius epsilon, and is meant to be read over a range of epsilon and of embedding dimension m:
where the dynamics is chaotic, the curves S(k; epsilon, m) share a straight stretch whose slope depends
neither on epsilon nor on m (Kantz & Schreiber 2004, sec. 5.3). Only the references that have a
neighbour inside epsilon take part, so the small radii start the pairs closer and leave a longer
exponential stretch before saturation.

The rule (used for a flow, delay > 1, whose all-reference curve has no good straight rise and no noise
floor, when no radius was given):

- radii epsilon = 4%, 2.8%, 2%, 1.4%, 1%, 0.7% and 0.5% of the attractor's size (the standard deviation
  times sqrt(m)), each used while at least MIN_REFERENCES references have a neighbour inside it (the
  noise floor and the length of the record end the range from below); at most MAX_REFERENCES references;
- the dimension m of the embedding and m + 1, at the same delay and Theiler window;
- each curve's scaling region is sought as for Rosenstein's (:func:`.scaling.fit_scaling_region`), with
  slopes over one mean period, then over the period of the strongest spectral line, and must fit well
  (r² >= 0.95) with a positive slope; the curve must also come within SATURATION_GAP e-folds of the
  distance of two unrelated points of the attractor (:func:`unrelated_level`): a curve that levels off far
  below it has not diverged;
- at a radius, m and m + 1 agree when both have such a region, their slopes agree within 25% of their
  mean, and the two regions overlap in k;
- the flag is true when the two smallest agreeing radii, at most a factor of 2 apart, give slopes (the
  mean of m and m + 1) within 25% of each other: the slope has stopped changing as epsilon shrinks (a
  larger neighbourhood reaches into the bend and reads lower). The exponent is the mean slope of m and
  m + 1 at the smallest agreeing radius.

Noise has no common straight stretch: its curves jump at the first step and then rise at rates that
change with epsilon. A periodic or quasi-periodic orbit's neighbours part linearly in time, if at all,
which is never a straight line in ln d over an e-fold at two radii.

References: H. Kantz, Phys. Lett. A 185, 77 (1994); H. Kantz and T. Schreiber, Nonlinear Time Series
Analysis, 2nd ed. (2004), sec. 5.3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: radii, as fractions of the attractor's size (standard deviation times sqrt(m)), largest first
EPSILON_FRACTIONS = (0.04, 0.028, 0.02, 0.014, 0.01, 0.007, 0.005)
#: a radius is used while at least this many reference points have a neighbour inside it
MIN_REFERENCES = 300
#: neighbours (inside the radius) averaged per reference, as Kantz's default curve
N_NEIGHBORS = 8
#: at most this many evenly spaced references (neighbours are searched among all points): a long series'
#: curves at small radii are averaged over enough of them, and the rule costs a fixed time past 2·10^4 samples
MAX_REFERENCES = 20_000
#: slopes at m and m + 1 agree within this fraction of their mean
DIM_AGREEMENT = 0.25
#: the slopes at the two smallest agreeing radii (at most a factor of 2 apart) agree within this fraction
EPSILON_AGREEMENT = 0.25
#: at least this many radii must agree
MIN_RADII = 2
#: a curve must come within this many e-folds of the distance of two unrelated points of the attractor
SATURATION_GAP = 2.0


def unrelated_level(y) -> float:
    """<ln ||y_i - y_j||> over pairs half the embedding apart in time: where a divergence curve saturates.

    Once a pair has parted across the attractor its two points are as unrelated as any two; a curve that
    levels off far below this has not diverged, whatever its slope on the way (a spiky observable such as
    Rossler's z, whose neighbours drift out of phase by a bounded amount). Deterministic: evenly spaced pairs.
    """
    m = y.shape[0]
    i = np.linspace(0, m // 2 - 1, min(5000, m // 2)).astype(np.int64)
    d = np.linalg.norm(y[i] - y[i + m // 2], axis=1)
    d = d[d > 0]
    return float(np.mean(np.log(d))) if d.size else -np.inf


@dataclass(frozen=True)
class EpsilonRegion:
    """The common scaling region found over the radii and dimensions (None fields when there is none)."""

    slope: float | None  # per sample, mean of m and m + 1 at the smallest agreeing radius
    start: int | None
    end: int | None
    r2: float | None
    intercept: float | None
    window: int | None
    curve: np.ndarray | None  # the curve at dim m and the smallest agreeing radius
    epsilon_min: float | None  # smallest and largest agreeing radius, in the series' units (at dim m)
    epsilon_max: float | None
    radii_tried: int  # radii with enough references, at dim m
    radii_agreeing: int

    @property
    def found(self) -> bool:
        return self.slope is not None

    @property
    def reason(self) -> str:
        if self.found:
            return ""
        if self.radii_tried < MIN_RADII:
            return (f"Kantz's curves at smaller radii could not be read: {self.radii_tried} of "
                    f"{len(EPSILON_FRACTIONS)} radii had {MIN_REFERENCES} references with a neighbour inside")
        return (f"Kantz's curves at {self.radii_tried} radii and dimensions m, m + 1 share no straight stretch "
                f"({self.radii_agreeing} radii agree at m and m + 1; the two smallest must, at most a factor of 2 "
                "apart and with slopes within 25%)")


def epsilon_range_region(x, dim: int, lag: int, theiler: int, windows, n_steps: int,
                         max_references: int | None = None) -> EpsilonRegion:
    """Kantz's curves over EPSILON_FRACTIONS and dims ``dim``, ``dim + 1``, and their common scaling region."""
    from scipy.spatial import cKDTree

    from ..embedding import delay_embedding
    from ..embedding.delay import _query_points
    from ..embedding.theiler import peak_period
    from .divergence import _curve, _valid_neighbors
    from .flag import _chaotic
    from .scaling import fit_scaling_region

    x = np.asarray(x, dtype=float)
    scale = float(np.std(x))
    # slopes over a whole turn average out the swing of the divergence rate with the phase: the mean period,
    # then the period of the strongest spectral line (a forcing's, which harmonics hide from the mean)
    windows = tuple(dict.fromkeys((windows[-1], max(1, round(peak_period(x))))))
    found = {}  # (m, fraction) -> (region, window, curve, radius)
    tried = 0
    for m in (dim, dim + 1):
        y = np.ascontiguousarray(delay_embedding(x, m, lag))
        if y.shape[0] <= 2 * theiler + 2:
            continue
        level = unrelated_level(y)
        tree = cKDTree(y, balanced_tree=False, compact_nodes=False)
        refs = _query_points(y.shape[0], min(max_references or MAX_REFERENCES, MAX_REFERENCES, y.shape[0]))
        refs = refs.astype(np.int64)
        for fraction in EPSILON_FRACTIONS:
            radius = fraction * scale * np.sqrt(m)
            neighbors = _valid_neighbors(tree, y, refs, theiler, N_NEIGHBORS, radius=radius)
            ok = neighbors[:, 0] >= 0
            if ok.sum() < MIN_REFERENCES:
                break  # smaller radii have fewer still
            tried += m == dim
            curve = _curve(y, refs[ok], neighbors[ok], 0, min(n_steps, y.shape[0] - 1))
            region, window = fit_scaling_region(curve, windows)
            if _chaotic(region) and np.nanmax(curve) >= level - SATURATION_GAP:
                found[m, fraction] = (region, window, curve, radius)
    agreeing = []
    for fraction in EPSILON_FRACTIONS:
        a, b = found.get((dim, fraction)), found.get((dim + 1, fraction))
        if a is None or b is None:
            continue
        ra, rb = a[0], b[0]
        if abs(ra.slope - rb.slope) <= DIM_AGREEMENT * (ra.slope + rb.slope) / 2 and ra.start <= rb.end \
                and rb.start <= ra.end:
            agreeing.append(fraction)
    slopes = [(found[dim, f][0].slope + found[dim + 1, f][0].slope) / 2 for f in agreeing]
    ladder = EPSILON_FRACTIONS.index
    if len(agreeing) < MIN_RADII or ladder(agreeing[-1]) - ladder(agreeing[-2]) > 2 \
            or abs(slopes[-1] - slopes[-2]) > EPSILON_AGREEMENT * (slopes[-1] + slopes[-2]) / 2:
        return EpsilonRegion(None, None, None, None, None, None, None, None, None, tried, len(agreeing))
    region, window, curve, radius = found[dim, agreeing[-1]]
    return EpsilonRegion(slopes[-1], region.start, region.end, region.r2, region.intercept, window, curve,
                         epsilon_min=radius, epsilon_max=found[dim, agreeing[-2]][3], radii_tried=tried,
                         radii_agreeing=len(agreeing))


#: a series whose mean period is this many times its increments' drifts: its power lies far below its motion
DRIFT_RATIO = 10.0


def drift_ratio(x) -> float:
    """The mean period of ``x`` over the mean period of its increments x[i+1] - x[i].

    For a stationary oscillation the two are alike (1 for a sine, a few for a broad spectrum): differencing
    weights each frequency by its square, which moves little where the power sits in one band. An unwrapped
    angle that keeps turning over (the double pendulum's outer arm) or a random walk has its power at the
    lowest frequencies, while its increments oscillate with the motion: the ratio is tens to thousands.
    """
    from ..embedding import mean_period

    x = np.asarray(x, dtype=float)
    increments = np.diff(x)
    if x.size < 4 or not np.ptp(increments) > 0:
        return 1.0
    return float(mean_period(x) / mean_period(increments))


def drifts(x) -> bool:
    """True when ``x`` drifts (:func:`drift_ratio` of at least DRIFT_RATIO): its increments are analysed instead.

    The increments are a linear filter of the series: x(t + dt) - x(t) is a smooth function of the state, so
    a delay embedding of them reconstructs the same attractor with the same exponents (Sauer, Yorke &
    Casdagli 1991, filtered delay coordinates), while the drift that hid the recurrences is gone.

    A wave with sharp edges and few cycles (a square wave, a sawtooth) also has its increments' power
    spread flat, but those increments repeat a few values between the jumps: they are the edges, not a
    motion, and such a series is not taken for a drift (fewer than half its increments distinct).
    """
    increments = np.diff(np.asarray(x, dtype=float))
    return drift_ratio(x) >= DRIFT_RATIO and np.unique(increments).size > increments.size // 2
