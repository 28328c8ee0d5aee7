"""The regime of a series whose spectrum is a red power law: no ideal tau, so the regime is read at tau = 1.

A power-law spectrum P ~ f^-beta has no preferred time scale, so PECCARY's
ideal delay (a fraction of the natural timescale) is not defined; but for a
self-similar process the ordinal-pattern distribution, hence H and C, does
not depend on the delay (Bandt & Shiha 2007 for Gaussian processes; Zunino
et al. 2008 for fractional Gaussian noise and fractional Brownian motion).
The regime is then read where the data are richest, at tau = 1, and checked
at the delays 2, 4 and 8 where they were swept and give a regime: where
those disagree the series is not self-similar over these delays and no
delay is singled out, so there is no regime.

Deterministic red spectra do not come here: a red spectrum whose patterns
at the smallest delay are at least 10% forbidden is not noise, and gets a
natural timescale from the spacing of its maxima (``records/sweep.py``).
"""

from __future__ import annotations

#: The delay at which the regime of a scale-free series is read: the most windows, the shortest patterns.
SCALE_FREE_TAU = 1
#: Delays at which that regime is checked, where the sweep holds them and they give a regime.
SCALE_FREE_CHECK_TAUS = (2, 4, 8)


def scale_free_summary(timescale, taus, h, c, turns, regime, at_tau, tied, warnings) -> dict:
    """The summary fields of a scale-free series: ``regime_tau`` = 1, H, C, tied windows and the regime keys there.

    ``taus``, ``h``, ``c``, ``turns``: the sweep; ``regime(tau, h, c, turns)`` -> the regime keys at a delay;
    ``at_tau(tau)`` -> (h, c, turns) at a delay not swept (ValueError if none); ``tied(tau)`` -> the
    tied-window fraction, or None; ``warnings`` (a list) gets the reason when tau = 1 is not usable.
    The ``regime_rule`` names the rule and the delays checked, then the rule that decided at tau = 1.
    """
    tau = SCALE_FREE_TAU
    law = f"P ~ f^-{timescale.spectral_exponent:.2f}"
    try:
        if tau in taus:
            i = taus.index(tau)
            hv, cv, fv = float(h[i]), float(c[i]), float(turns[i])
        else:
            hv, cv, fv = (float(v) for v in at_tau(tau))
    except ValueError as exc:
        warnings.append(f"tau = {tau} not usable: {exc}")
        return {"regime_rule": f"no regime: scale-free spectrum ({law}, no ideal tau) and tau = {tau} is not usable"}
    fields = regime(tau, hv, cv, fv)
    out = {"regime_tau": tau, "permutation_entropy": hv, "statistical_complexity": cv,
           "tied_windows": tied(tau) if tied else None, **fields}
    why = (f"scale-free spectrum ({law}, no ideal tau): regime read at tau = {tau} (the ordinal distribution of a "
           f"self-similar process does not depend on tau")
    if fields["regime"] is None:
        inner = fields["regime_rule"].removeprefix("no regime: ")
        out["regime_rule"] = f"no regime: {why}): {inner}"
        return out
    checked, differ = [], []
    for other in SCALE_FREE_CHECK_TAUS:
        if other not in taus:
            continue
        i = taus.index(other)
        got = regime(other, float(h[i]), float(c[i]), float(turns[i]))["regime"]
        if got is None:
            continue
        checked.append(str(other))
        if got != fields["regime"]:
            differ.append(f"{got} at tau = {other}")
    if differ:
        out["regime"] = None
        out["regime_rule"] = (f"no regime: scale-free spectrum ({law}, no ideal tau) but the regime depends on tau "
                              f"({fields['regime']} at tau = {tau}, {', '.join(differ)}): not self-similar over "
                              f"these delays, and no delay is singled out")
        return out
    same = f"; the same at tau = {', '.join(checked)}" if checked else ""
    out["regime_rule"] = f"{why}{same}): {fields['regime_rule']}"
    return out


def deterministic_red_warning(exponent: float, forbidden: float, tau: int) -> str:
    """The warning of a red power-law spectrum with forbidden patterns: not noise, so t_nat from the maxima."""
    return (f"the spectrum is a power law (P ~ f^-{exponent:.2f}) but {100 * forbidden:.0f}% of the patterns at "
            f"tau={tau} are forbidden: deterministic dynamics, not red noise (which shows almost every pattern, "
            f"unless it is very smooth and short: f^-3 noise of 2,000 samples misses 20-30% at d = 5), so t_nat "
            f"is the spacing of maxima")


def _sweep_of(values, dim: int, taus):
    """(the delays of ``taus`` that leave d! windows, h, c, turns, regime(tau, h, c, turns)) of a series in memory."""
    import math

    from ..ordinal import n_windows
    from .regimes import series_regime_fields
    from .sweep import tau_sweep_full

    taus = [t for t in taus if n_windows(values.size, dim, t) >= math.factorial(dim)]
    h, c, turns = tau_sweep_full(values, taus, dim) if taus else ([], [], [])

    def regime(tau, hv, cv, fv):
        return series_regime_fields(values, hv, cv, dim, tau, fv, n_windows(values.size, dim, tau))

    return taus, h, c, turns, regime


def red_spectrum_tau(values, dim: int, timescale, dt: float = 1.0) -> dict:
    """``-t ideal`` for a series whose spectrum is a red power law, by the rule ``sweep`` uses.

    Returns {"tau", "t_nat", "t_nat_method", "warning", "scale_free"}: with at least
    :data:`~tscomplex.plane.regimes.MIN_FORBIDDEN_FRACTION` forbidden patterns at tau = 1 (not noise), the
    ideal tau of t_nat = the spacing of maxima; else tau = 1, ``scale_free`` True (read by
    :func:`scale_free_fields`).
    """
    import math

    from .sweep import ideal_tau
    from .regimes import MIN_FORBIDDEN_FRACTION

    taus, h, c, turns, regime = _sweep_of(values, dim, [SCALE_FREE_TAU])
    forbidden = regime(taus[0], float(h[0]), float(c[0]), float(turns[0])).get("forbidden_pattern_fraction") \
        if taus else None
    maxima = timescale.maxima
    if forbidden is not None and forbidden >= MIN_FORBIDDEN_FRACTION and maxima and math.isfinite(maxima):
        return {"tau": ideal_tau(maxima, dim, dt), "t_nat": float(maxima), "t_nat_method": "maxima",
                "warning": deterministic_red_warning(timescale.spectral_exponent, forbidden, SCALE_FREE_TAU),
                "scale_free": False}
    return {"tau": SCALE_FREE_TAU, "t_nat": None, "t_nat_method": "power_law", "warning": timescale.reason,
            "scale_free": True}


def scale_free_fields(values, dim: int, timescale) -> dict:
    """The regime keys of a scale-free series in memory at tau = 1, checked at tau = 2, 4, 8, as ``sweep`` gives
    them (:func:`scale_free_summary`); for ``analyze`` and ``plane`` with ``-t ideal``."""
    from .regimes import REGIME_KEYS

    taus, h, c, turns, regime = _sweep_of(values, dim, (SCALE_FREE_TAU, *SCALE_FREE_CHECK_TAUS))

    def at_tau(tau):
        raise ValueError(f"tau = {tau} leaves fewer than {dim}! windows")

    out = scale_free_summary(timescale, taus, h, c, turns, regime, at_tau, None, [])
    return {key: out[key] for key in REGIME_KEYS if key in out}


def scale_free_note(timescale, rule: str) -> str:
    """``rule`` (the regime rule at tau = 1) led by the scale-free reason, where the check at other delays is not
    run (weighted patterns, whose regime comes from the weighted H and C)."""
    why = (f"scale-free spectrum (P ~ f^-{timescale.spectral_exponent:.2f}, no ideal tau): regime read at tau = "
           f"{SCALE_FREE_TAU} (the ordinal distribution of a self-similar process does not depend on tau; weighted "
           f"patterns: not checked at other delays)")
    return f"no regime: {why}: {rule.removeprefix('no regime: ')}" if rule.startswith("no regime") else f"{why}: {rule}"
