"""Records of ``sweep``: H and C per delay, the natural timescale and PECCARY's ideal delay of one series."""

from __future__ import annotations

from .base import Records
from .constant import SWEEP, is_constant


def sweep_records(series, taus, dim: int = 5, t_nat=None, t_nat_method: str = "auto", min_windows=None,
                  summary_only: bool = False, clip_taus: bool = False) -> Records:
    """Per-delay records and one summary record for one series (see ``tscomplex sweep --help``).

    Raises ValueError when the series cannot be swept (too short, a delay
    that leaves fewer than ``min_windows`` windows: the message names the
    largest usable delay). With ``clip_taus`` (the default range, which the
    user did not choose) delays past the largest usable one are dropped
    instead, and the summary's ``tau_clipped`` says so.
    """
    import math

    from ..ordinal import n_windows
    from ..plane import natural_timescale, series_regime_fields, tau_sweep_full

    taus = sorted(set(int(t) for t in taus))
    x = series.values
    dt = float(series.dt) if series.dt else 1.0
    if min_windows is None:
        min_windows = math.factorial(dim)
    taus, tau_clipped = _clip_taus(taus, x.size, dim, min_windows, clip_taus)

    constant = is_constant(x)
    h, c, turns = tau_sweep_full(x, taus, dim, min_windows=min_windows)
    timescale = None
    if t_nat is None and not constant:
        try:
            timescale = natural_timescale(x, dt, t_nat_method)
        except ValueError as exc:
            timescale = exc

    def regime(tau, hv, cv, fv):
        return series_regime_fields(x, hv, cv, dim, tau, fv, n_windows(x.size, dim, tau))

    def at_tau(tau):
        hs, cs, fs = tau_sweep_full(x, [tau], dim, min_windows=min_windows)
        return float(hs[0]), float(cs[0]), float(fs[0])

    from ..ordinal.ties import has_equal_values, tied_window_fraction

    untied = not has_equal_values(x)  # one sort instead of a pass per delay

    def tied(tau):
        return (0.0 if n_windows(x.size, dim, tau) > 0 else None) if untied else tied_window_fraction(x, dim, tau)

    return _sweep_from(series.source, series.name, int(x.size), dt, dim, taus, h, c, turns, regime, at_tau,
                       timescale, t_nat, summary_only, [SWEEP] if constant else None, tau_clipped,
                       None if constant else tied)


def _clip_taus(taus, size: int, dim: int, min_windows: int, clip: bool):
    """(taus, why they were clipped or None): with ``clip`` (the default range, which the user did not choose)
    delays that leave fewer than ``min_windows`` windows are dropped instead of refused."""
    largest = (size - min_windows) // (dim - 1)  # the largest tau that leaves min_windows windows
    if clip and 1 <= largest < taus[-1]:
        why = (f"the default taus {taus[0]}:{taus[-1]} were clipped to {taus[0]}:{largest}: a larger tau "
               f"leaves fewer than {min_windows} windows of {size} samples at dim={dim}")
        return [t for t in taus if t <= largest], why
    return list(taus), None


def sweep_chunked_records(table, taus, dim: int = 5, t_nat=None, t_nat_method: str = "auto", min_windows=None,
                          summary_only: bool = False, clip_taus: bool = False) -> Records:
    """:func:`sweep_records` of every series of a :class:`~tscomplex.io.ChunkedTable`, one block at a time.

    H, C, the multi-turn fraction and the regimes equal the in-memory ones,
    and so do t_nat by crossings or maxima; the spectral estimate averages
    the periodograms of chunk-long segments (Welch), and the summary's
    warning says so when t_nat comes from it.
    """
    import math

    from ..chunked.sweep import natural_timescales, sweep_counts
    from ..ordinal import n_windows
    from ..plane import check_taus_fit, series_regime_fields

    taus = sorted(set(int(t) for t in taus))
    if min_windows is None:
        min_windows = math.factorial(dim)
    counts = sweep_counts(table, taus, dim)
    dt = float(table.dt) if table.dt else 1.0
    timescales = natural_timescales(table, dt, t_nat_method) if t_nat is None else {}
    records = Records()
    for name in table.names:
        acc = counts[name]
        series_taus, tau_clipped = _clip_taus(taus, acc.size, dim, min_windows, clip_taus)
        try:
            check_taus_fit(acc.size, series_taus, dim, min_windows)
        except ValueError as exc:
            records.append({"source": table.source, "series": name, "error": str(exc)})
            continue
        results = [acc.result(tau) for tau in series_taus]
        h, c, turns = ([r[i] for r in results] for i in range(3))

        def at_tau(tau, name=name, size=acc.size):
            check_taus_fit(size, [tau], dim, min_windows)
            one = sweep_counts(table, [tau], dim)[name]  # one more pass, for this series' ideal tau
            extra_regime[tau] = one.regime_evidence(tau)
            extra_ties[tau] = one.ties.fraction(tau)
            return one.result(tau)

        extra_regime: dict = {}
        extra_ties: dict = {}

        def tied(tau, acc=acc, extra=extra_ties):
            return acc.ties.fraction(tau) if tau in acc.ties.windows else extra.get(tau)

        def regime_any(tau, hv, cv, fv, acc=acc, extra=extra_regime):
            evidence = acc.regime_evidence(tau) if tau in acc.counters else extra.get(tau)
            period = acc.trackers.get(tau) if tau in acc.trackers else None  # a constant series' (no evidence)
            return series_regime_fields(None, hv, cv, dim, tau, fv, n_windows(acc.size, dim, tau), period=period,
                                        evidence=evidence)

        timescale = timescales.get(name)
        extra = []
        if timescale is not None and not isinstance(timescale, ValueError) and timescale.method == "spectrum":
            extra.append(f"read in chunks: t_nat_spectrum is the peak of periodograms averaged over segments of "
                         f"{timescale.segment} samples (Welch)")
        records.extend_from(_sweep_from(table.source, name, acc.size, dt, dim, series_taus, h, c, turns, regime_any,
                                   at_tau, timescale, t_nat, summary_only, extra, tau_clipped, tied))
    return records


def _sweep_from(source, name, n, dt, dim, taus, h, c, turns, regime, at_tau, timescale, t_nat, summary_only,
                warnings=None, tau_clipped=None, tied=None) -> Records:
    """The records of a sweep from its parts: H, C and turns per tau, ``regime(tau, h, c, turns)`` -> regime
    keys, ``at_tau(tau)`` -> (h, c, turns) at a tau not swept, the timescale (or the ValueError that
    stopped it) unless ``t_nat`` was given, and ``tied(tau)`` -> the tied-window fraction (None: a constant
    series, whose own warning covers it)."""
    from ..ordinal.ties import ties_warning

    from ..plane import IDEAL_RATIO_BAND, MIN_DURATION_OVER_T_NAT, ideal_tau, pattern_time, regime_fields

    base = {"source": source, "series": name, "n": n, "dt": dt, "dim": dim}
    warnings = list(warnings or [])
    if t_nat is not None:
        t_nat, t_nat_method, timescale = float(t_nat), "given", None
    elif isinstance(timescale, ValueError):
        t_nat, t_nat_method = None, None
        warnings.append(str(timescale))
        timescale = None
    elif timescale is None:  # not estimated (a constant series, whose warning says why)
        t_nat, t_nat_method = None, None
    else:
        t_nat, t_nat_method = timescale.t_nat, timescale.method
        if t_nat != t_nat:  # NaN: a power-law spectrum has no natural timescale (its reason is the warning)
            t_nat = None
        if t_nat is None and timescale.method == "power_law":
            t_nat, t_nat_method = _deterministic_power_law(timescale, dim, taus, h, c, turns, regime, warnings)
        if timescale.warning and t_nat_method == timescale.method:
            warnings.append(timescale.warning)
    scale_free = t_nat_method == "power_law"  # red power-law noise: no ideal tau, the regime read at tau = 1
    duration = (n - 1) * dt

    def finite(v):
        return v if v is None or v == v else None

    records = Records()
    if not summary_only:
        for tau, hv, cv, fv in zip(taus, h, c, turns):
            t_pat = pattern_time(tau, dim, dt)
            records.append({**base, "kind": "tau", "tau": tau, "t_pat": t_pat,
                            "t_pat_over_t_nat": t_pat / t_nat if t_nat else None,
                            "permutation_entropy": float(hv), "statistical_complexity": float(cv),
                            "tied_windows": tied(tau) if tied else None,
                            **regime(tau, float(hv), float(cv), float(fv))})

    summary = {**base, "kind": "summary", "tau_min": taus[0], "tau_max": taus[-1], "tau_clipped": tau_clipped,
               "duration": duration, "t_nat": t_nat, "t_nat_method": t_nat_method,
               "t_nat_crossings": timescale.crossings if timescale else None,
               "t_nat_maxima": timescale.maxima if timescale else None,
               "t_nat_spectrum": finite(timescale.spectrum) if timescale else None,
               "spectral_exponent": finite(timescale.spectral_exponent) if timescale else None,
               "duration_over_t_nat": duration / t_nat if t_nat else None,
               "ideal_tau": None, "ideal_t_pat": None, "ideal_t_pat_over_t_nat": None, "regime_tau": None,
               "permutation_entropy": None, "statistical_complexity": None, "tied_windows": None,
               **regime_fields(None, None, dim)}
    if t_nat:
        if duration < MIN_DURATION_OVER_T_NAT * t_nat:
            warnings.append(f"duration is {duration / t_nat:.2f} t_nat, under the {MIN_DURATION_OVER_T_NAT} t_nat "
                            f"PECCARY asks for")
        best = ideal_tau(t_nat, dim, dt)
        if best >= n:  # an enormous t_nat: no window spans that delay (and no integer column of Parquet holds it)
            warnings.append(f"no ideal tau: t_nat = {t_nat:.6g} asks for tau = {float(best):.3g}, not shorter than "
                            f"the series ({n} samples)")
    if t_nat and best < n:
        ratio = pattern_time(best, dim, dt) / t_nat
        summary.update(ideal_tau=best, ideal_t_pat=pattern_time(best, dim, dt), ideal_t_pat_over_t_nat=ratio)
        if not IDEAL_RATIO_BAND[0] <= ratio <= IDEAL_RATIO_BAND[1]:
            warnings.append(f"t_nat is only {t_nat / dt:.3g} samples: tau={best} gives t_pat/t_nat = {ratio:.2f}, "
                            f"outside {IDEAL_RATIO_BAND[0]}-{IDEAL_RATIO_BAND[1]} (sample faster, or use a smaller dim)"
                            if best == 1 and ratio > IDEAL_RATIO_BAND[1] else
                            f"tau={best} gives t_pat/t_nat = {ratio:.2f}, outside "
                            f"{IDEAL_RATIO_BAND[0]}-{IDEAL_RATIO_BAND[1]}")
        if best in taus:
            i = taus.index(best)
            hb, cb, fb = float(h[i]), float(c[i]), float(turns[i])
        else:
            try:
                hb, cb, fb = at_tau(best)
            except ValueError as exc:
                hb = cb = None
                warnings.append(f"ideal tau not usable: {exc}")
        if hb is not None:
            summary.update(regime_tau=best, permutation_entropy=hb, statistical_complexity=cb,
                           tied_windows=tied(best) if tied else None, **regime(best, hb, cb, fb))
    elif scale_free:
        from ..plane.scale_free import scale_free_summary

        summary.update(scale_free_summary(timescale, taus, h, c, turns, regime, at_tau, tied, warnings))
    if tied:  # the ties at the tau the regime was read at, else at the smallest tau swept
        at = summary["regime_tau"] if summary["tied_windows"] is not None else taus[0]
        message = ties_warning(summary["tied_windows"] if summary["tied_windows"] is not None else tied(at), dim, at)
        if message:
            warnings.append(message)
    if not 4 <= dim <= 8:
        warnings.append(f"no regimes at dim={dim} (they need 4 <= dim <= 8)")
    summary["warning"] = "; ".join(warnings) or None
    if summary["warning"]:
        records.warn(source, name, summary["warning"])
    records.append(summary)
    return records


def _deterministic_power_law(timescale, dim, taus, h, c, turns, regime, warnings):
    """(t_nat, method) of a series whose spectrum is a red power law: (None, "power_law") for noise; the
    spacing of maxima for a series with forbidden patterns at the smallest delay swept.

    A stochastic process with a continuous distribution shows every pattern
    (:data:`~tscomplex.plane.regimes.MIN_FORBIDDEN_FRACTION` unseen is not
    reached by f^-k noises up to k = 3 in 10^4 samples at d = 5: 7% at
    most), so a red spectrum with forbidden patterns is deterministic
    dynamics whose slow part (switching between the lobes of an attractor:
    Holmes' Duffing map) makes the spectrum red. Its mean crossings time the
    switching; the maxima time the oscillation that carries the determinism.
    A very smooth red noise in a short record misses patterns by chance
    (f^-3 in 2,000 samples: 20-30%) and comes here too; its reversible
    patterns and red spectrum then give no regime (step 2 of the rule).
    Noise (None, "power_law") is scale-free: the caller reads its regime at
    tau = 1 (:func:`tscomplex.plane.scale_free.scale_free_summary`).
    """
    import math

    from ..plane.regimes import MIN_FORBIDDEN_FRACTION

    maxima = timescale.maxima
    if not taus or not (math.isfinite(h[0]) and math.isfinite(c[0])) or not (maxima and math.isfinite(maxima)):
        return None, "power_law"
    forbidden = regime(taus[0], float(h[0]), float(c[0]), float(turns[0])).get("forbidden_pattern_fraction")
    if forbidden is None or forbidden < MIN_FORBIDDEN_FRACTION:
        return None, "power_law"
    from ..plane.scale_free import deterministic_red_warning

    warnings.append(deterministic_red_warning(timescale.spectral_exponent, forbidden, taus[0]))
    return float(maxima), "maxima"
