"""Records of ``entropy``: sample, approximate and multiscale entropy of one series."""

from __future__ import annotations

import math

from .base import Records

MULTISCALE_TOLERANCE = 0.15  # Costa et al.'s r for multiscale entropy
SAMPLE_TOLERANCE = 0.2


def _number(v):
    return float(v) if v is not None and math.isfinite(v) else None


def entropy_result(series, m=2, tolerance=None, absolute=False, scales=None, method="sample", dim=5, tau=1):
    """(Records holding the one record, curves) of one Series; raises ValueError with the reason when it cannot
    be done. An undefined sample entropy or complexity index is null, with a warning in ``.warnings``."""
    from ..entropy.multiscale import multiscale_entropy
    from ..entropy.sample import sample_and_approximate_entropy

    records = Records()
    x = series.values
    r = SAMPLE_TOLERANCE if tolerance is None else tolerance
    sampen, apen = sample_and_approximate_entropy(x, m, r, absolute)  # each template length counted once
    record = {"source": series.source, "series": series.name, "n": int(x.size), "embedding_dim": sampen.m,
              "tolerance": sampen.tolerance, "tolerance_sd_fraction": None if absolute else float(r),
              "sample_entropy": _number(sampen.value), "approximate_entropy": _number(apen),
              "template_pairs_m": sampen.matches_m, "template_pairs_m1": sampen.matches_m1}
    if sampen.reason:
        record["sample_entropy_note"] = sampen.reason
        records.warn(series.source, series.name, f"sample entropy is null: {sampen.reason}")
    curves = []
    if scales:
        r_ms = MULTISCALE_TOLERANCE if tolerance is None else tolerance
        result = multiscale_entropy(x, scales, method=method, m=m, r=r_ms, absolute=absolute, dim=dim, tau=tau)
        record.update(result.as_record())
        if method == "permutation":
            record.update({"dim": dim, "tau": tau})
        else:
            record.update({"multiscale_tolerance": result.tolerance,
                           "multiscale_tolerance_sd_fraction": None if absolute else float(r_ms)})
        curve = {"source": series.source, "series": series.name, "curve": "multiscale_entropy", "method": method,
                 "scale": [int(s) for s in result.scales], "entropy": [_number(v) for v in result.entropy]}
        if result.complexity is not None:
            curve["statistical_complexity"] = [_number(v) for v in result.complexity]
        curves.append(curve)
        if result.reasons and "complexity_index_note" in record:
            records.warn(series.source, series.name, f"complexity index is null: {record['complexity_index_note']}")
    records.append(record)
    return records, curves
