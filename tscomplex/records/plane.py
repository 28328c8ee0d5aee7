"""Records of ``plane``: H, C and the regime of one series per delay, with what the regime was decided on."""

from __future__ import annotations

from .base import Records
from .constant import ORDINAL, is_constant


def plane_records(series, taus=(1,), dim: int = 5) -> Records:
    """One record per delay: H, C and the regime with what it was compared with."""
    from ..ordinal import n_windows
    from ..plane import series_regime_fields, tau_sweep_full

    records = Records()
    n = int(series.values.size)
    h, c, turns = tau_sweep_full(series.values, taus, dim)
    warning = {"warning": records.warn(series.source, series.name, ORDINAL)} if is_constant(series.values) else {}
    records.extend({"source": series.source, "series": series.name, "n": n, "dt": series.dt, "dim": dim,
                    "tau": int(tau), "permutation_entropy": float(hv), "statistical_complexity": float(cv),
                    **series_regime_fields(series.values, float(hv), float(cv), dim, int(tau), float(fv),
                                           n_windows(n, dim, int(tau))), **warning}
                   for tau, hv, cv, fv in zip(taus, h, c, turns))
    return records
