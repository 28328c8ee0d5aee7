"""The noise floor of a divergence curve: observational noise, seen as a jump at the first step.

Observational noise of size sigma adds about 2·sigma² per coordinate to the squared
distance of every pair, except at k = 0, where the nearest neighbour was chosen for being
close, noise included. So the curve <ln d(k)> of a noisy flow jumps at its first step to a
floor set by the noise, and only then grows as e^(lambda·k·dt) (Kantz & Schreiber, 2004,
sec. 5.3). The jump is not divergence: a flow sampled finely moves little in one step, so
its clean curve rises by lambda·dt, a few hundredths at most, between k = 0 and k = 1.

The growth that matters is the one above the floor: the scaling region is searched from
k = 1 on. When there is none, but the curve still diverges by more than an e-fold above the
floor, the divergence cannot tell chaos hidden by the noise from noise alone, and a second,
independent line of evidence is taken: the 0-1 test (Gottwald & Melbourne 2009) on the series
sampled once per delay (a flow sampled finely looks regular to it). K <= 1/2 (bounded
translation variables) is regular dynamics: not chaotic. K > 1/2 is chaos or noise, which the
0-1 test cannot tell apart either (noise makes K creep towards 1): the flag is then None, with
the reason, never True. The record says which rule decided (``chaotic_rule``).

References: H. Kantz and T. Schreiber, Nonlinear Time Series Analysis, 2nd ed. (2004), 5.3 and 6.7;
G. A. Gottwald and I. Melbourne, SIAM J. Appl. Dyn. Syst. 8, 129 (2009).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .zero_one import CHAOS_THRESHOLD as ZERO_ONE_THRESHOLD

#: ln d(1) - ln d(0) above this (distances grown by 20% in one step) is a noise jump, not divergence,
#: when it is also NOISE_JUMP_RATIO times the rise per step that follows it.
NOISE_JUMP = float(np.log(1.2))
NOISE_JUMP_RATIO = 10.0

#: chaotic_rule values: which evidence decided the flag
RULE_SCALING = "scaling_region"  # a straight rise of the curve, from k = 0, with a good fit and a positive slope
RULE_ABOVE_NOISE = "scaling_region_above_noise_floor"  # the same, after the noise jump at k = 0
RULE_NO_REGION = "no_scaling_region"
RULE_POOR_FIT = "poor_fit"
RULE_TOO_FEW_CYCLES = "too_few_cycles"
RULE_ZERO_ONE_REGULAR = "noise_floor_and_zero_one_regular"  # above a noise floor, no region; 0-1 test: regular
RULE_NOISE = "noise_floor_undecided"  # above a noise floor, no region; 0-1 test: chaos or noise -> None
RULE_EPSILON = "kantz_epsilon_range"  # no straight rise in Rosenstein's curve; Kantz's agree over radii and m, m + 1
RULE_UNSATURATED = "still_rising"  # no straight rise, but the curve still climbs where it had to stop -> None
RULE_ROUNDING = "repeats_to_rounding"  # the neighbours never part beyond rounding: an exactly repeating sequence
RULE_DRIFT = "neighbours_close_in_time"  # a straight rise, but the neighbours come from the reference's own stretch

#: neighbours that never part by more than this fraction of the standard deviation repeat the orbit to rounding
ROUNDING = 1e-8

#: the curve must rise at least this much (ln units) above the noise floor for the 0-1 test to be asked
MIN_RISE_ABOVE_FLOOR = 1.0


@dataclass(frozen=True)
class NoiseVerdict:
    """The flag where a noise floor hid the scaling region: ``chaotic`` False or None, and why."""

    chaotic: bool | None
    rule: str
    reason: str
    zero_one_k: float | None


def above_noise_floor(x, curve, lag: int, jump: float) -> NoiseVerdict | None:
    """The verdict for a curve with a noise jump and no scaling region; None when the curve is flat above the floor.

    ``x`` is the series, ``curve`` its divergence curve, ``lag`` the embedding delay and ``jump``
    the noise jump (:func:`noise_jump`). The 0-1 test is run on ``x[::lag]``.
    """
    from .zero_one import MIN_SAMPLES, zero_one_test

    y = np.asarray(curve, dtype=float)[1:]
    y = y[np.isfinite(y)]
    rise = float(np.max(y) - y[0]) if y.size else 0.0
    if not rise >= MIN_RISE_ABOVE_FLOOR:
        return None
    floor = (f"a noise floor: ln d jumps by {jump:.2f} at the first step, and above that floor the "
             f"divergence curve rises {rise:.1f} e-folds with no straight stretch")
    sampled = np.asarray(x, dtype=float)[::lag]
    if sampled.size < MIN_SAMPLES:
        return NoiseVerdict(None, RULE_NOISE, f"{floor}; too short for the 0-1 test once per delay", None)
    k = float(zero_one_test(sampled).k)
    if not np.isfinite(k):
        return NoiseVerdict(None, RULE_NOISE, f"{floor}; the 0-1 test gave no K", None)
    if k <= ZERO_ONE_THRESHOLD:
        return NoiseVerdict(False, RULE_ZERO_ONE_REGULAR,
                            f"{floor}; the 0-1 test on every {lag}th sample finds regular dynamics (K = {k:.2f})", k)
    return NoiseVerdict(None, RULE_NOISE,
                        f"{floor}; the 0-1 test on every {lag}th sample gives K = {k:.2f}, which chaos and noise "
                        "both give: the data cannot decide", k)


def noise_jump(curve, lag: int, window: int) -> float | None:
    """The jump of the divergence curve at its first step, when it is a noise floor; else None.

    Only for flows (``lag`` > 1): a map's first step is its divergence (the logistic map's
    curve rises ln 2 per step from k = 0). The jump ln d(1) - ln d(0) counts as noise when it
    exceeds ln 1.2 and is at least ten times the mean rise per step over the next ``window``
    steps, so a steep but smooth curve is never mistaken for one.
    """
    y = np.asarray(curve, dtype=float)
    if lag <= 1 or y.size < 3 or not np.all(np.isfinite(y[:2])):
        return None
    jump = float(y[1] - y[0])
    w = int(max(1, min(window, y.size - 2)))
    after = y[1:w + 2]
    after = after[np.isfinite(after)]
    rise = max(0.0, float(after[-1] - after[0]) / max(1, after.size - 1)) if after.size > 1 else 0.0
    if jump > NOISE_JUMP and jump >= NOISE_JUMP_RATIO * rise:
        return jump
    return None


def repeats_to_rounding(curve, scale: float) -> bool:
    """True when the divergence curve never leaves the rounding level: every pair stays closer than
    ROUNDING times ``scale`` (the series' standard deviation) for as long as it was followed.

    A periodic sequence computed from its phase (a triangle wave of period 27) has nearest neighbours that
    repeat it to 1e-15; their distance wanders by rounding, and that wander can rise an e-fold over a few
    steps with a straight line through it. A chaotic orbit never repeats: its pairs part until they reach
    the size of the attractor. A curve that stays below 1e-8 of the standard deviation is not divergence.
    """
    y = np.asarray(curve, dtype=float)
    y = y[np.isfinite(y)]
    return bool(y.size and scale > 0 and np.max(y) < np.log(ROUNDING * scale))


#: The nearest neighbours of a stationary attractor's points come from anywhere in the record: the median time
#: between a reference and its neighbour, over the length of the embedding, is near 0.29 (two uniform times),
#: 0.074-0.56 on the labelled corpora's chaotic series (the lowest: a sticky Henon-Heiles orbit, 15,000 samples,
#: and a 3,000-sample Ueda record, 0.085). On a chirp or a changing frequency a state recurs only where the
#: frequency is the same, next to the reference in time (0.003-0.06): nearby orbits part by the difference of
#: their frequencies, linearly in time, which can show a straight stretch of ln d(k). Below this the flag is None.
DRIFT_SEPARATION = 0.05


def neighbour_separation(refs, neighbors, m: int) -> float | None:
    """Median |i - j| / m over the references i and their nearest neighbours j (column 0 of ``neighbors``, -1 for
    none) in an embedding of m vectors; None without any neighbour."""
    nearest = np.asarray(neighbors)[:, 0]
    ok = nearest >= 0
    if not ok.any() or m < 1:
        return None
    return float(np.median(np.abs(np.asarray(refs)[ok] - nearest[ok]))) / m


def drifting(separation: float | None) -> str | None:
    """The reason why a straight rise is no evidence of chaos when the neighbours lie close in time, else None."""
    if separation is None or not separation < DRIFT_SEPARATION:
        return None
    return (f"the divergence curve rises straight, but the nearest neighbours lie a median {100 * separation:.1f}% "
            f"of the record from their references in time (a stationary attractor's come from anywhere in it, "
            f"about 29%; below {100 * DRIFT_SEPARATION:g}% the flag is null): the series drifts, as a chirp or a "
            "changing frequency or parameter does, and nearby orbits part by that drift, which chaos is not "
            "needed for")


#: The line fits the scaling region at least this well for the flag to be true.
GOOD_FIT_R2 = 0.95


#: e-folds a divergence curve without a straight stretch must have risen, still climbing at its last step, for
#: the flag to be null (cut short) rather than false
MIN_RISE = 1.0


def still_rising(curve, saturated: bool) -> float | None:
    """The rise of ``curve`` in e-folds when it is not ``saturated`` (its last fifth still climbs) and rose by
    at least :data:`MIN_RISE`, else None. A noise's or a periodic orbit's curve is flat by then (periodic:
    0-0.02 e-folds), a chaotic flow's can still climb after a tenth of a short record (Aizawa, Sprott K and
    Rössler x at 10^4 samples: 1.1-2.5 e-folds, no straight stretch)."""
    y = np.asarray(curve, dtype=float)
    y = y[np.isfinite(y)]
    if saturated or y.size < 10:
        return None
    rise = float(np.max(y) - y[0])
    return rise if rise >= MIN_RISE else None


def _chaotic(region) -> bool:
    return bool(region is not None and region.slope > 0 and region.r2 >= GOOD_FIT_R2)


def _rule(region, jump: float | None) -> str:
    if region is None:
        return RULE_NO_REGION
    if not _chaotic(region):
        return RULE_POOR_FIT
    return RULE_SCALING if jump is None else RULE_ABOVE_NOISE


def _reason(region) -> str:
    if region is None:
        return "no scaling region: the divergence curve has no straight rise"
    return "" if _chaotic(region) else f"the fit over the scaling region is poor (r2 = {region.r2:.3f})"
