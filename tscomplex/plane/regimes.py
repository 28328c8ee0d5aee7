"""Regimes of a point of the complexity-entropy plane: regular, complex or stochastic, and why.

:func:`~tscomplex.plane.threshold.complexity_threshold` (in ``threshold.py``) is
the one formula for the C above which a point is complex; the classifier and
the plane figure both use it.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_scalar
from ..options import REGIMES  # noqa: F401 - the regime names, re-exported
from .bounds import (
    MAX_DIM,
    MIN_DIM,
    check_plane_dim,
    periodic_entropy_bounds,
)
from .linear import LINEAR_SURROGATES
from .noise import noise_complexity
from .periods import PatternPeriodTracker
from .threshold import (  # noqa: F401 - the split and the threshold, re-exported here as before
    MIN_COMPLEXITY_EXCESS,
    MIN_SPLIT_FRACTION,
    SPLIT_FRACTION,
    SPLIT_NOISE_FACTOR,
    complexity_threshold,
    split_fraction,
)

#: Largest fraction of windows with two or more turns that a regular (periodic) series may show.
MAX_REGULAR_MULTI_TURN = 0.05
#: p-value below which a point's pattern counts are not time-reversible (overlapping windows are not independent,
#: so the chi-square test is asked for much less than 0.05: MA(1) at 10^4 samples reaches 5.7e-4).
REVERSAL_ALPHA = 1e-4
#: p-value of the amplitudes' time asymmetry (:func:`tscomplex.plane.evidence.time_asymmetry_p_value`) below which
#: a point is not time-reversible either (linear stochastic corpus series at their ideal tau: p >= 0.005).
ASYMMETRY_ALPHA = 1e-4
#: Fraction of forbidden patterns from which a point counts as deterministic: a continuous stochastic process
#: with W >= 10 d! windows leaves a few percent of the patterns unseen at most (f^-3 noise at tau = 1: 3%).
MIN_FORBIDDEN_FRACTION = 0.1
#: Share of the power in spectral lines (:func:`tscomplex.plane.evidence.line_fraction`) below which a
#: time-reversible signal with forbidden patterns is not quasi-periodic but conservative chaos: most of its power
#: is in a continuous spectrum.
MIN_LINE_FRACTION = 0.5
#: Largest fraction of tied windows with which a regime is given (Zunino et al. 2017: ties bias H and C).
MAX_TIED_FRACTION = 0.1
#: Fewest pattern lengths (d-1) tau that the record must span for its pattern statistics to mean anything.
MIN_SPANS = 10


def regime_details(h: float, c: float, dim: int = 5, multi_turn_fraction: float | None = None,
                   windows: int | None = None, pattern_period: int | None = None, *,
                   evidence: dict | None = None) -> dict:
    """The regime of a point (H, C) and the lines it was compared with, as record fields.

    Returns a dict with ``regime`` (see :func:`classify`), ``regime_rule``
    (which test decided), ``periodic_entropy_bound`` (H_max,per),
    ``noise_curve_complexity`` (C of the f^-k noise curve at this H),
    ``regime_complexity_threshold`` (:func:`complexity_threshold`, the C above which a point is complex),
    ``multi_turn_fraction`` (as given, or None), and the evidence ``time_reversal_p_value``,
    ``forbidden_pattern_fraction``, ``pattern_recurrence_lag``, ``time_asymmetry_p_value``
    and ``spectral_line_fraction`` (from ``evidence``, a dict of
    :func:`tscomplex.plane.evidence.regime_evidence`; None without it).

    With ``evidence`` the rule is :func:`_evidence_rule` (docs/plane.md,
    "Regimes: the rule"); without it, the split of :func:`classify`.

    Examples
    --------
    >>> d = regime_details(0.678, 0.399, 5)
    >>> d["regime"], d["regime_rule"]
    ('complex', 'C >= threshold(H)')
    >>> ev = {"reversal_p_value": 0.4, "forbidden_fraction": 0.0, "recurrence": None}
    >>> regime_details(0.69, 0.31, 5, 0.12, 9996, evidence=ev)["regime"]   # AR(2) with complex roots
    'stochastic'
    """
    dim = _check_regime_dim(dim)
    h, c = float(h), float(c)
    if not (math.isfinite(h) and math.isfinite(c)):
        raise ValueError(f"H and C must be finite numbers, got H={h}, C={c}")
    if multi_turn_fraction is not None:
        multi_turn_fraction = check_scalar(multi_turn_fraction, "multi_turn_fraction", 0.0, 1.0)
    h_per = periodic_entropy_bounds(dim)[1]
    c_noise = float(noise_complexity(h, dim))
    threshold = complexity_threshold(h, dim, windows)
    turns_ok = multi_turn_fraction is None or float(multi_turn_fraction) <= MAX_REGULAR_MULTI_TURN
    fields = {"periodic_entropy_bound": h_per, "noise_curve_complexity": c_noise,
              "regime_complexity_threshold": threshold,
              "multi_turn_fraction": None if multi_turn_fraction is None else float(multi_turn_fraction),
              "time_reversal_p_value": None, "forbidden_pattern_fraction": None, "pattern_recurrence_lag": None,
              "time_asymmetry_p_value": None, "spectral_line_fraction": None}
    if evidence is not None:
        lag = evidence["recurrence"][0] if evidence.get("recurrence") else None
        fields.update(time_reversal_p_value=float(evidence["reversal_p_value"]),
                      forbidden_pattern_fraction=float(evidence["forbidden_fraction"]),
                      pattern_recurrence_lag=None if lag is None else int(lag),
                      time_asymmetry_p_value=evidence.get("asymmetry_p_value"),
                      spectral_line_fraction=evidence.get("line_fraction"))
        regime, rule = _evidence_rule(h <= h_per, turns_ok, c >= threshold, fields,
                                      bool(evidence.get("red_power_law")), evidence.get("linear_forbidden"))
        return {"regime": regime, "regime_rule": rule, **fields}
    prefix = "" if h > h_per or turns_ok else "H <= H_max_per but multi-turn windows > 5%; "
    if h <= h_per and turns_ok:
        regime, rule = "regular", "H <= H_max_per"
    elif h <= h_per and pattern_period:
        regime, rule = "regular", f"H <= H_max_per, patterns repeat with period {int(pattern_period)}"
    elif c >= threshold:
        regime, rule = "complex", prefix + "C >= threshold(H)"
    else:
        regime, rule = "stochastic", prefix + "C < threshold(H)"
    return {"regime": regime, "regime_rule": rule, **fields}


def _evidence_rule(low_entropy: bool, turns_ok: bool, above: bool, fields: dict,
                   red: bool = False, linear=None) -> tuple[str | None, str]:
    """(regime, rule) of a point with its pattern evidence, in this order:

    0. **complex** if time-reversible (below) with at least
       :data:`MIN_FORBIDDEN_FRACTION` forbidden patterns, no recurrence, and
       less than :data:`MIN_LINE_FRACTION` of the power in spectral lines:
       deterministic, reversible and not (quasi-)periodic, i.e. conservative
       chaos (a Hamiltonian orbit). A linear Gaussian process takes this path
       too when its paths are smooth at the sampling step (low-pass filtered,
       narrow-band or oversampled noise misses most patterns at tau = 1) and,
       by chance, when its spectrum is a red power law in a short record: so
       with a red power-law spectrum (``red``), or when the forbidden fraction
       is not two patterns more than the most of 19 random-phase surrogates with the
       series' spectrum (``linear``, a
       :class:`~tscomplex.plane.evidence.LinearForbidden`), the answer is no
       regime (None): the patterns cannot tell determinism at this tau;
    1. **regular** if H <= H_max,per with at most 5% multi-turn windows and
       time-reversible (the ordinal test's p >= :data:`REVERSAL_ALPHA` and
       the amplitudes' asymmetry p >= :data:`ASYMMETRY_ALPHA` or not
       computable);
    2. **regular** if the pattern sequence recurs (periodic, at any H; sharp
       edges and non-integer periods included: :func:`~tscomplex.plane.periods.pattern_recurrence`);
    3. time-reversible: **regular** with at least
       :data:`MIN_FORBIDDEN_FRACTION` forbidden patterns (deterministic and
       reversible: quasi-periodic); **no regime** (None) with at least
       :data:`MIN_LINE_FRACTION` of the power in spectral lines (a linear
       process has a continuous spectrum, but noise on a quasi-periodic
       signal and on phase-coherent chaos both fill the patterns); else
       **stochastic** (consistent with a linear Gaussian process, of any
       spectrum);
    4. not time-reversible: **complex** if C >= threshold(H) or with
       forbidden patterns; else **regular** if H <= H_max,per with few
       multi-turn windows; else **stochastic**.

    Why irreversibility alone is not chaos (step 3): a linear Gaussian
    process is reversible, so irreversibility rules it out, but a nonlinear
    stochastic process (threshold AR, GARCH-like volatility) is
    irreversible too. What marks determinism is structure that noise cannot
    show: forbidden patterns (Amigó et al. 2007), or a complexity well above
    the f^-k noise curve. A threshold AR sits on the noise curve with every
    pattern seen (0.02-0.07 of the way to C_max at 10^4-10^5 samples), chaotic flows at
    the ideal tau from 0.12 on, chaotic maps from 0.5 on; so an irreversible
    point on the noise curve is noise, read as stochastic. The price: a map
    that mixes so fast that it looks white at d = 5 (the Chebyshev map at
    tau = 1, H = 0.994) reads as stochastic too.
    """
    p, forbidden, lag, p_amp = (fields["time_reversal_p_value"], fields["forbidden_pattern_fraction"],
                                fields["pattern_recurrence_lag"], fields["time_asymmetry_p_value"])
    amp = "" if p_amp is None else f", amplitude asymmetry p = {p_amp:.2g}"
    pattern = f"p = {p:.2g}{amp}, {100 * forbidden:.0f}% forbidden patterns"
    reversible = p >= REVERSAL_ALPHA and (p_amp is None or p_amp >= ASYMMETRY_ALPHA)
    deterministic = forbidden >= MIN_FORBIDDEN_FRACTION
    lines = fields["spectral_line_fraction"]
    if reversible and deterministic and lag is None and lines is not None and lines < MIN_LINE_FRACTION:
        if red:
            return None, (f"no regime: time-reversible with a red power-law spectrum ({pattern}): a red noise "
                          f"misses patterns by chance in a short record, so they do not show determinism")
        if linear is not None:
            own, most = linear()
            if own < most + 1.5 / math.factorial(linear.dim):  # deterministic: two patterns more than any surrogate
                return None, (f"no regime: time-reversible with forbidden patterns and a continuous spectrum "
                              f"({pattern}), but {LINEAR_SURROGATES} Gaussian surrogates with its spectrum miss "
                              f"about as many ({100 * most:.0f}% at most, against {100 * own:.0f}% in the first "
                              f"{linear.head.size} samples; two patterns more would show determinism): a smooth "
                              f"linear process (low-pass, narrow-band or oversampled) looks like this too; a larger "
                              f"tau (sweep) can tell")
            pattern += f"; {LINEAR_SURROGATES} Gaussian surrogates with its spectrum miss at most {100 * most:.0f}%"
        return "complex", (f"time-reversible with forbidden patterns but a continuous spectrum ({pattern}, "
                           f"{100 * lines:.0f}% of the power in lines): conservative (Hamiltonian) chaos")
    if low_entropy and turns_ok and reversible:
        return "regular", "H <= H_max_per"
    if lag is not None:
        return "regular", ("H <= H_max_per, " if low_entropy else "") + f"patterns repeat with period {lag}"
    if reversible:
        if deterministic:
            return "regular", f"time-reversible with forbidden patterns ({pattern}): quasi-periodic"
        if lines is not None and lines >= MIN_LINE_FRACTION:
            return None, (f"no regime: time-reversible with {100 * lines:.0f}% of the power in spectral lines but "
                          f"few forbidden patterns ({pattern}): not a linear process, but a quasi-periodic signal "
                          f"under noise and noisy phase-coherent chaos look alike here")
        return "stochastic", f"time-reversible, no forbidden patterns ({pattern}): a linear Gaussian process"
    if above or deterministic:
        why = "C >= threshold(H)" if above else "forbidden patterns"
        return "complex", f"not time-reversible and {why} ({pattern}): deterministic and irreversible"
    if low_entropy and turns_ok:
        return "regular", f"H <= H_max_per, not time-reversible ({pattern})"
    return "stochastic", (f"not time-reversible but C < threshold(H) with no forbidden patterns ({pattern}): "
                          f"nonlinear noise")


def classify(h: float, c: float, dim: int = 5, multi_turn_fraction: float | None = None,
             windows: int | None = None, pattern_period: int | None = None) -> str:
    """Regime of a point of the complexity-entropy plane: "regular", "complex" or "stochastic".

    Parameters
    ----------
    h, c : float
        Normalized permutation entropy and statistical complexity (delay
        chosen by the user; PECCARY's ideal delay is :func:`ideal_tau`).
    dim : int
        Embedding dimension d, 4 <= d <= 8. At d = 3 a periodic signal can
        show all 6 patterns (H_max,per = 1), so no regime can be told apart.
    multi_turn_fraction : float, optional
        Fraction of windows whose pattern turns twice or more
        (:func:`multi_turn_fraction`; the commands always pass it). It checks
        the assumption behind H_max,per, and matters mostly at d = 4.
    windows : int, optional
        Number of windows W behind (h, c). It sets the split s = 5 d!/W of
        step 2 (:func:`split_fraction`), as the commands do. Without it the
        split is fixed at s = 0.5 and a ``UserWarning`` says so: a point of
        a long series may then read stochastic where the commands say complex.
    pattern_period : int, optional
        Period of the pattern sequence (:func:`find_pattern_period`), if any.

    Returns
    -------
    str
        ``"regular"``, ``"complex"`` or ``"stochastic"``.

    Notes
    -----
    This is the rule for a point alone, without the pattern evidence. The
    commands, which have the series (in memory or read in chunks), use
    :func:`series_regime_fields`: time reversal (patterns and amplitudes), forbidden patterns, spectral
    lines and the pattern recurrence decide before the split on C below, which then
    matters only for time-irreversible points (:func:`_evidence_rule`;
    docs/plane.md, "Regimes: the rule"). For the commands' regime of a
    series in Python, call :func:`series_regime_fields`. Given only (H, C),
    the point is compared with three lines of the plane, in this order:

    1. **regular** if H <= H_max,per = ln(2(2(d-2)+1)) / ln d!, PECCARY's
       largest entropy of a periodic signal whose patterns span less than
       half its period (Hyman, Daniel & Schaffner 2024), and, when
       ``multi_turn_fraction`` is given, at most 5% of the windows turn
       twice or more. Such a window cannot come from a periodic signal
       sampled that way, so a point that fails this goes on to step 2.
    2. Otherwise the point is compared with the f^-k noise curve C_noise(H)
       (Rosso et al. 2007; :func:`noise_curve`) and the maximum curve
       C_max(H) (Martin et al. 2006): **complex** if
       C >= C_noise(H) + max(s gap, min(0.005, gap)), gap = C_max(H) - C_noise(H),
       where the split s = 5 d!/W, clipped to [0.1, 0.5], shrinks with the
       number of windows W (:func:`split_fraction`; s = 0.5 when W is not
       given): a point well above where a noise of that length can fall;
    3. else **stochastic** (near, on or below the noise curve).

    A periodic orbit sampled so that a window spans more than its period
    (the logistic map's period-4 orbit at tau = 1) turns in every window; it
    is still regular when ``pattern_period`` is given: its pattern sequence
    repeats exactly (:func:`find_pattern_period`, which the commands compute where
    it matters). Banded chaos (the logistic map at r = 3.7, 13 patterns at
    d = 5) does not repeat, and reads as complex.

    Finite-sample noise sits above the noise curve by a fraction of the gap
    that falls like d!/W: about 0.6 of the way to C_max at 2 d! windows,
    0.2 at 10 d!, 0.05 at 50 d! (95th percentiles, f^-k noises, k = 0..3).
    With fewer than 10 d! windows the commands report no regime. Chaotic
    maps lie beyond 0.75 of the way; chaotic flows sampled at PECCARY's
    ideal delay lie 0.13 to 0.9 of the way (Lorenz x, d = 5: 0.33), which
    a fixed split at 0.5 would call stochastic. Sine waves at delays up to
    PECCARY's ideal one have no multi-turn window, chaotic maps 50-100%.
    At d = 4 the plane alone cannot tell the Hénon map (H = 0.69,
    C = 0.31) from a sine at its ideal delay (H = 0.66, C = 0.32): only the
    turn test does. A periodic signal oversampled (t_pat > t_nat/2) leaves
    the regular zone and may read as complex: choose the delay with
    :func:`ideal_tau`.

    References
    ----------
    S. M. Hyman, K. J. Daniel, D. A. Schaffner, PECCARY (2024);
    O. A. Rosso et al., PRL 99, 154102 (2007);
    M. T. Martin, A. Plastino, O. A. Rosso, Physica A 369, 439 (2006).

    Examples
    --------
    >>> classify(0.2144, 0.1916, 5, windows=9996)   # sin(2 pi i / 100), d = 5, tau = 1, 10^4 samples
    'regular'
    >>> classify(0.6785, 0.3992, 5, windows=9996)   # logistic map r = 4
    'complex'
    >>> classify(0.9989, 0.0019, 5, windows=9996)   # white noise
    'stochastic'
    >>> classify(0.6883, 0.3101, 4, windows=9997), classify(0.6883, 0.3101, 4, 0.71, 9997)  # Henon map
    ('regular', 'complex')
    """
    if windows is None:
        import warnings

        warnings.warn("classify() without windows uses the fixed split s = 0.5 between the noise curve and C_max; "
                      "give windows (the number of windows) for the split the commands use, or call "
                      "series_regime_fields (or tscomplex.analyze) with the series for the commands' regime",
                      UserWarning, stacklevel=2)
    return regime_details(h, c, dim, multi_turn_fraction, windows, pattern_period)["regime"]


def _check_regime_dim(dim) -> int:
    dim = check_plane_dim(dim)
    if dim < 4:
        raise ValueError(f"regimes need dim >= 4: at dim {dim} a periodic signal can show every pattern "
                         f"(H_max,per = 1)")
    return dim


REGIME_KEYS = ("regime", "regime_rule", "periodic_entropy_bound", "noise_curve_complexity",
               "regime_complexity_threshold", "multi_turn_fraction", "time_reversal_p_value",
               "forbidden_pattern_fraction", "pattern_recurrence_lag", "time_asymmetry_p_value",
               "spectral_line_fraction")


#: A regime is reported only for at least this many windows per possible pattern (N >= 10 d!).
MIN_WINDOWS_PER_PATTERN = 10


def regime_fields(h, c, dim: int, multi_turn_fraction: float | None = None, windows: int | None = None,
                  pattern_period: int | None = None, *, tau: int | None = None, evidence: dict | None = None) -> dict:
    """:func:`regime_details` for output records; ``regime`` is None where the data cannot decide.

    No regime is given (``regime_rule`` says why) for dim outside 4..8, a
    missing H or C, fewer than 10 d! windows (finite-sample noise sits well
    above the noise curve: at 2 d! windows it is halfway to C_max), and,
    unless the patterns recur, a record that spans fewer than
    :data:`MIN_SPANS` pattern lengths (d-1) tau (given ``tau``) or more than
    :data:`MAX_TIED_FRACTION` tied windows (given ``evidence``). The lines
    compared with and the evidence are still reported where defined.
    """
    if not MIN_DIM + 1 <= dim <= MAX_DIM or h is None or c is None or not (math.isfinite(h) and math.isfinite(c)):
        out = dict.fromkeys(REGIME_KEYS)
        out["multi_turn_fraction"] = multi_turn_fraction
        out["regime_rule"] = (f"no regime: regimes are defined for {MIN_DIM + 1} <= d <= {MAX_DIM}, got d={dim}"
                              if not MIN_DIM + 1 <= dim <= MAX_DIM else "no regime: no finite H and C")
        return out
    out = regime_details(h, c, dim, multi_turn_fraction, windows, pattern_period, evidence=evidence)
    need = MIN_WINDOWS_PER_PATTERN * math.factorial(dim)
    recurs = out["pattern_recurrence_lag"] is not None
    tied = evidence.get("tied_fraction") if evidence else None
    why = None
    if windows is not None and windows < need:
        why = f"no regime: {windows} windows < 10 d! = {need}"
    elif not recurs and tau is not None and windows is not None:
        spans = (windows + (dim - 1) * tau) / ((dim - 1) * tau)
        if spans < MIN_SPANS:
            why = (f"no regime: the record spans only {spans:.1f} pattern lengths (d-1) tau = {(dim - 1) * tau} "
                   f"(< {MIN_SPANS}): too few independent stretches")
    if why is None and not recurs and tied is not None and tied > MAX_TIED_FRACTION:
        why = (f"no regime: {100 * tied:.0f}% of windows hold equal values (> {100 * MAX_TIED_FRACTION:.0f}%): "
               f"their order by position biases the patterns; ties=\"noise\" breaks them")
    if why:
        out["regime"], out["regime_rule"] = None, why
    return out


def series_regime_fields(x, h, c, dim: int, tau: int, multi_turn: float | None, windows: int | None,
                         period=None, *, evidence: dict | None = None) -> dict:
    """:func:`regime_fields` of a series at one delay, with the evidence of its patterns.

    ``evidence`` (:func:`tscomplex.plane.evidence.regime_evidence`) is what a
    series read in chunks gives (:class:`tscomplex.plane.evidence.EvidenceFeed`);
    with the series in memory (``x``, rounded as its counts were) it is
    computed here by :func:`~tscomplex.plane.evidence.evidence_of_series`, from
    the same counts and the same bounded prefix, so both paths agree. Without
    either (or for a constant series: one pattern, nothing to test) the
    split on C of :func:`classify` decides, with ``period`` (a
    :class:`PatternPeriodTracker` or its period) for periodic orbits.
    """
    if isinstance(period, PatternPeriodTracker):
        period = period.period()
    usable = (h is not None and c is not None and MIN_DIM + 1 <= dim <= MAX_DIM and math.isfinite(h)
              and math.isfinite(c) and windows is not None and windows >= MIN_WINDOWS_PER_PATTERN * math.factorial(dim))
    if evidence is None and usable and x is not None and np.ptp(np.asarray(x)) > 0:
        from .evidence import evidence_of_series

        evidence = evidence_of_series(x, dim, tau)
    if evidence is None or not usable or evidence.get("constant"):
        return regime_fields(h, c, dim, multi_turn, windows, period, tau=tau)
    return regime_fields(h, c, dim, multi_turn, windows, tau=tau, evidence=evidence)
