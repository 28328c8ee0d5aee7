"""Records of ``fractal``: DFA, the Hurst exponent, MFDFA and the correlation dimension of one series."""

from __future__ import annotations

import math

from ..options import FRACTAL_MEASURES
from .base import Records


def _num(v):
    return float(v) if v is not None and math.isfinite(v) else None


def fractal_result(series, measures=FRACTAL_MEASURES, order=1, min_scale=None, max_scale=None, q_max=5.0,
                   embedding_dim=None, lag=None, theiler=None, max_dim=10):
    """(Records holding the one record, curves) of one Series; raises ValueError with the reason when it cannot
    be done. A correlation dimension that cannot be fitted is null, with a warning in ``.warnings``."""
    import numpy as np

    records = Records()
    x = series.values
    record = {"source": series.source, "series": series.name, "n": int(x.size)}
    curves = []
    head = {"source": series.source, "series": series.name}
    scales = None
    if "dfa" in measures or "mfdfa" in measures:
        from ..fractal.dfa import default_scales

        scales = default_scales(x.size, order, min_scale, max_scale)
    if "dfa" in measures:
        from ..fractal.dfa import dfa

        result = dfa(x, order=order, scales=scales)
        record.update(result.as_record())
        curves.append({**head, "curve": "dfa", "order": order, "scale": result.scales,
                       "fluctuation": result.fluctuation, "fit_start": result.fit_start, "fit_end": result.fit_end,
                       "alpha": result.alpha, "intercept": result.intercept, "crossover": result.crossover,
                       "alpha_short": result.alpha_short, "alpha_long": result.alpha_long})
    if "hurst" in measures:
        from ..fractal.hurst import hurst_result

        result = hurst_result(x)
        record.update(result.as_record())
        curves.append({**head, "curve": "rescaled_range", "scale": result.scales,
                       "rescaled_range": result.rescaled_range, "expected_rescaled_range": result.expected_range,
                       "fit_start": result.fit_start, "fit_end": result.fit_end})
    if "mfdfa" in measures:
        from ..fractal.mfdfa import mfdfa

        q = np.arange(-q_max, q_max + 0.25, 0.5)
        result = mfdfa(x, q=q, order=order, scales=scales)
        record.update(result.as_record())
        curves.append({**head, "curve": "mfdfa", "order": order, "q": result.q, "h": result.h,
                       "alpha": result.alpha, "f_alpha": result.f_alpha, "scale": result.scales})
    if "correlation" in measures:
        from ..fractal.correlation import correlation_dimension

        result = correlation_dimension(x, dim=embedding_dim, lag=lag, theiler=theiler, max_dim=max_dim)
        record.update(result.as_record())
        for d, c in zip(result.dims, result.sums):
            curves.append({**head, "curve": "correlation_sum", "embedding_dim": d,
                           "embedding_lag": result.embedding_lag, "radius": result.radii, "correlation_sum": c,
                           "fit_start": _num(result.fit_start), "fit_end": _num(result.fit_end),
                           "correlation_dimension": _num(result.slopes_by_dim.get(d))})
        if result.reason:
            records.warn(series.source, series.name, f"correlation dimension: {result.reason}")
    records.append(record)
    return records, curves
