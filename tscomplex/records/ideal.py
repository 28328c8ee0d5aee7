"""``-t ideal``: each series at its own ideal delay (PECCARY: natural timescale -> ideal tau, as ``sweep``)."""

from __future__ import annotations


def ideal_tau_of_series(values, dt, dim: int) -> dict:
    """{tau, t_nat, t_nat_method, reason, warning, timescale} of one series: the delay ``sweep`` reads it at.

    ``tau`` is None, with the ``reason``, where the data cannot give one: a
    constant series, too few crossings, or a delay that leaves no window of
    the series. ``warning`` carries the timescale's own warning (t_nat over
    a tenth of the record). A red power-law spectrum has no natural
    timescale; as in ``sweep``, with 10% forbidden patterns at tau = 1 it is
    not noise and t_nat is the spacing of maxima, else it is scale-free:
    ``tau`` is 1 and ``t_nat_method`` "power_law", and the caller reads the
    regime by :func:`tscomplex.plane.scale_free.scale_free_fields`
    (``timescale`` is the :class:`~tscomplex.plane.NaturalTimescale`).
    """
    import math

    import numpy as np

    from ..ordinal import n_windows
    from ..plane import ideal_tau, natural_timescale

    dt = float(dt) if dt else 1.0
    out = {"tau": None, "t_nat": None, "t_nat_method": None, "reason": None, "warning": None, "timescale": None}
    values = np.asarray(values)
    if values.size and np.all(values == values[0]):
        out["reason"] = "no ideal tau: a constant series has no natural timescale"
        return out
    try:
        timescale = natural_timescale(values, dt, "auto")
    except ValueError as exc:
        out["reason"] = f"no ideal tau: {exc}"
        return out
    out["t_nat_method"] = timescale.method
    out["warning"] = timescale.warning
    out["timescale"] = timescale
    t_nat = timescale.t_nat
    if not math.isfinite(t_nat) and timescale.method == "power_law":
        from ..plane.scale_free import red_spectrum_tau

        red = red_spectrum_tau(values, dim, timescale, dt)
        out.update(t_nat_method=red["t_nat_method"], warning=red["warning"])
        if red["scale_free"]:
            out["tau"] = red["tau"]
            return out
        t_nat = red["t_nat"]
    if not math.isfinite(t_nat):
        out["reason"] = f"no ideal tau: {timescale.reason}"
        return out
    out["t_nat"] = t_nat
    tau = ideal_tau(t_nat, dim, dt)
    if n_windows(values.size, dim, tau) < 1:
        out["reason"] = (f"no ideal tau: t_nat = {t_nat:.4g} gives tau = {tau}, which leaves no window "
                         f"of {values.size} samples at dim={dim}")
        return out
    out["tau"] = tau
    return out


def no_ideal_record(series, dim: int, ideal: dict, measures=("permutation_entropy", "statistical_complexity"),
                    **extra) -> dict:
    """The record of a series without an ideal delay: tau and every measure null, the regime null and why."""
    from ..plane import regime_fields

    regime = regime_fields(None, None, dim)
    if regime.get("regime_rule") == "no regime: no finite H and C":
        regime["regime_rule"] = f"no regime: {ideal['reason']}"
    return {"source": series.source, "series": series.name, "n": int(series.values.size), "dt": series.dt,
            "dim": dim, "tau": None, **extra, **dict.fromkeys(measures), "tied_windows": None, **regime,
            "tau_rule": "ideal", "t_nat": None, "t_nat_method": ideal["t_nat_method"], "warning": ideal["reason"]}
