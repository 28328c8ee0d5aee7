"""Records of ``plane --kind fisher|renyi|tsallis``: a series' point on the Fisher-Shannon plane, or its Rényi or Tsallis
complexity-entropy curve over q (:mod:`tscomplex.plane.generalized`)."""

from __future__ import annotations

from .base import Records
from .constant import ORDINAL

#: the kinds of generalized plane the command draws
PLANE_KINDS = ("fisher", "renyi", "tsallis")


def generalized_records(series, kind: str = "fisher", dim: int = 5, taus=(1,), q=None,
                        tie_precision: int | None = None) -> Records:
    """One record per tau (``kind="fisher"``: permutation_entropy, fisher_information) or per tau and q
    (``"renyi"``/``"tsallis"``: q, <kind>_entropy, <kind>_complexity), with source, series, n, dt, dim, tau
    and kind."""
    from .._validation import check_choice
    from ..measures import ordinal_probabilities
    from ..plane.generalized import (
        DEFAULT_Q,
        complexity_entropy_curve,
        fisher_shannon_from_probabilities,
    )
    from .constant import is_constant

    kind = check_choice(kind, "kind", PLANE_KINDS)
    records = Records()
    if is_constant(series.values):
        records.warn(series.source, series.name, ORDINAL)
    for tau in taus:
        head = {"source": series.source, "series": series.name, "n": int(series.values.size), "dt": series.dt,
                "dim": dim, "tau": int(tau), "kind": kind}
        try:
            p = ordinal_probabilities(series.values, dim, int(tau), tie_precision=tie_precision)
            if kind == "fisher":
                h, f = fisher_shannon_from_probabilities(p)
                records.append({**head, "permutation_entropy": h, "fisher_information": f})
                continue
            curve = complexity_entropy_curve(None, kind, DEFAULT_Q if q is None else q, probabilities=p)
        except ValueError as exc:
            records.append({"source": series.source, "series": series.name, "tau": int(tau), "error": str(exc)})
            continue
        for qv, h, c in zip(curve.q, curve.entropy, curve.complexity):
            records.append({**head, "q": float(qv), f"{kind}_entropy": float(h), f"{kind}_complexity": float(c)})
    return records


def curves_of_records(records) -> tuple[list, list[str]]:
    """(curves, labels) of the Rényi/Tsallis records of several series, one curve per (source, series, tau)."""
    import numpy as np

    from ..plane.generalized import ComplexityEntropyCurve

    groups: dict[tuple, list[dict]] = {}
    for r in records:
        groups.setdefault((r["source"], r["series"], r["tau"]), []).append(r)
    sources = {key[0] for key in groups}
    taus = {key[2] for key in groups}
    curves, labels = [], []
    for (source, name, tau), rows in groups.items():
        kind = rows[0]["kind"]
        curves.append(ComplexityEntropyCurve(kind, np.array([r["q"] for r in rows]),
                                             np.array([r[f"{kind}_entropy"] for r in rows]),
                                             np.array([r[f"{kind}_complexity"] for r in rows])))
        labels.append(_label(source, name, tau, len(sources) > 1, len(taus) > 1))
    return curves, labels


def _label(source, name, tau, with_source: bool, with_tau: bool) -> str:
    import os

    text = str(name) if name is not None else os.path.basename(str(source))
    if with_source and name is not None:
        text = f"{os.path.basename(str(source))}: {text}"
    return f"{text} (tau={tau})" if with_tau else text
