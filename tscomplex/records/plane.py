"""Records of ``plane``: H, C and the regime of one series per delay, with what the regime was decided on."""

from __future__ import annotations

from .base import Records
from .constant import ORDINAL, is_constant


def plane_records(series, taus=(1,), dim: int = 5) -> Records:
    """One record per delay: H, C, the tied-window fraction and the regime with what it was compared with.

    ``taus`` may be ``("ideal",)``: the series' own ideal delay, recorded with
    ``tau_rule``, ``t_nat`` and ``t_nat_method`` (a record with null measures
    and the reason where there is none); a scale-free (red power-law)
    spectrum has none and is read at tau = 1, with ``tau_rule`` "scale_free"
    (:func:`tscomplex.plane.scale_free.scale_free_fields`).
    """
    from ..ordinal import n_windows
    from ..ordinal.ties import ties_warning, tied_window_fraction
    from ..plane import series_regime_fields, tau_sweep_full

    records = Records()
    n = int(series.values.size)
    constant = is_constant(series.values)
    ideal = {}
    if tuple(taus) == ("ideal",):
        from .ideal import ideal_tau_of_series, no_ideal_record

        found = ideal_tau_of_series(series.values, series.dt, dim)
        if found["tau"] is None:
            records.warn(series.source, series.name, found["reason"])
            records.append(no_ideal_record(series, dim, found))
            return records
        if found["warning"]:
            records.warn(series.source, series.name, found["warning"])
        taus = (found["tau"],)
        scale_free = found["t_nat_method"] == "power_law"  # no ideal tau: tau = 1, checked at 2, 4, 8
        ideal = {"tau_rule": "scale_free" if scale_free else "ideal", "t_nat": found["t_nat"], "t_nat_method": found["t_nat_method"]}
        if found["warning"]:
            ideal["warning"] = found["warning"]
    h, c, turns = tau_sweep_full(series.values, taus, dim)
    warning = {"warning": records.warn(series.source, series.name, ORDINAL)} if constant else {}
    from ..ordinal.ties import has_equal_values

    untied = len(taus) > 1 and not has_equal_values(series.values)  # one sort instead of a pass per tau
    for tau, hv, cv, fv in zip(taus, h, c, turns):
        tied = 0.0 if untied else tied_window_fraction(series.values, dim, int(tau))
        record = {"source": series.source, "series": series.name, "n": n, "dt": series.dt, "dim": dim,
                  "tau": int(tau), "permutation_entropy": float(hv), "statistical_complexity": float(cv),
                  "tied_windows": tied,
                  **series_regime_fields(series.values, float(hv), float(cv), dim, int(tau), float(fv),
                                         n_windows(n, dim, int(tau))), **ideal, **warning}
        if ideal and scale_free:
            from ..plane.scale_free import scale_free_fields

            record.update(scale_free_fields(series.values, dim, found["timescale"]))
        message = None if constant else ties_warning(tied, dim, int(tau))
        if message:
            record["warning"] = "; ".join(filter(None, (record.get("warning"), message)))
            if not any("hold equal values" in w.message for w in records.warnings):
                records.warn(series.source, series.name, message)
        records.append(record)
    return records
