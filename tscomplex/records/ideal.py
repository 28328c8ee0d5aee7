"""``-t ideal``: each series at its own ideal delay (PECCARY: natural timescale -> ideal tau, as ``sweep``)."""

from __future__ import annotations


def ideal_tau_of_series(values, dt, dim: int) -> dict:
    """{tau, t_nat, t_nat_method, reason, warning} of one series: the ideal delay ``sweep`` reports.

    ``tau`` is None, with the ``reason``, where the data cannot give one: a
    constant series, no natural timescale (a red power-law spectrum, too few
    crossings), or a delay that leaves no window of the series. ``warning``
    carries the timescale's own warning (t_nat over a tenth of the record).
    """
    import math

    import numpy as np

    from ..ordinal import n_windows
    from ..plane import ideal_tau, natural_timescale

    dt = float(dt) if dt else 1.0
    out = {"tau": None, "t_nat": None, "t_nat_method": None, "reason": None, "warning": None}
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
    if not math.isfinite(timescale.t_nat):
        out["reason"] = f"no ideal tau: {timescale.reason}"
        return out
    out["t_nat"] = timescale.t_nat
    tau = ideal_tau(timescale.t_nat, dim, dt)
    if n_windows(values.size, dim, tau) < 1:
        out["reason"] = (f"no ideal tau: t_nat = {timescale.t_nat:.4g} gives tau = {tau}, which leaves no window "
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
