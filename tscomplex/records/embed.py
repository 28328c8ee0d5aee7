"""Records of ``embed``: the delay embedding chosen for one series (as ``lyapunov`` chooses it), with its curves."""

from __future__ import annotations

import math

from .base import Records
from .constant import is_constant

CONSTANT = ("constant series: every delay vector is the same point, so no lag or dimension can be chosen "
            "(they are null); check the column, or pick another with -c")


def _number(v):
    return float(v) if v is not None and math.isfinite(v) else None


def embed_result(series, dim=None, lag=None, lag_method="mi", dim_method="fnn", max_dim=10, vectors=False):
    """(Records holding the one record, (curves, delay vectors or None)) of one Series.

    The lag and dimension are :func:`tscomplex.embedding.auto_lag` and
    :func:`~tscomplex.embedding.auto_dim`'s (as ``lyapunov`` uses them) unless given;
    the curves (one object per point) are those their rules read, see
    :mod:`tscomplex.embedding.curves`. Raises ValueError with the reason when the
    series is too short for the embedding: fewer than MIN_VECTORS delay vectors.
    """
    import numpy as np

    from ..embedding import MIN_VECTORS, auto_theiler, delay_embedding, quarter_period
    from ..embedding.curves import dim_curves, lag_curves

    records = Records()
    x = series.values
    head = {"source": series.source, "series": series.name}
    record = {**head, "n": int(x.size)}
    if is_constant(x):
        warning = records.warn(series.source, series.name, CONSTANT)
        records.append({**record, **dict.fromkeys(("embedding_dim", "embedding_lag", "embedding_vectors",
                                                   "theiler", "embedding_lag_method", "embedding_dim_method",
                                                   "embedding_lag_rule", "embedding_dim_rule")),
                        "warning": warning})
        return records, ([], None)
    curves = []
    lag_rule = dim_rule = None
    if dim is not None and lag is not None:
        _check_length(x.size, dim, lag, MIN_VECTORS)
    found = lag_curves(x, lag_method)
    if lag is None:
        lag, lag_rule = found[-1].lag, found[-1].rule  # the curve of the method (AMI, or the ACF)
        if lag > quarter_period(x):  # as lyapunov: never beyond a quarter of the mean period
            lag, lag_rule = quarter_period(x), "quarter_mean_period"
    for curve in found:
        for k, v in zip(curve.lags.tolist(), curve.values.tolist()):
            curves.append({**head, "curve": curve.name, "embedding_lag": k, "value": _number(v),
                           "chosen": k == lag, "rule": curve.rule, "bins": 16 if curve.name == "ami" else None})
    if x.size - 2 * lag < MIN_VECTORS:
        raise ValueError(f"a series of {x.size} values is too short to embed with lag={lag}: it needs at least "
                         f"{MIN_VECTORS + 2 * lag} values")
    if dim is not None:
        _check_length(x.size, dim, lag, MIN_VECTORS)
    for curve in dim_curves(x, lag, dim_method, max_dim):
        if dim is None and curve.dim is not None:
            dim, dim_rule = curve.dim, curve.rule
        for d, v in zip(curve.dims.tolist(), curve.values.tolist()):
            curves.append({**head, "curve": curve.name, "embedding_dim": d, "embedding_lag": lag, "value": _number(v),
                           "chosen": d == dim and curve.dim is not None, "rule": curve.rule,
                           **({"threshold": 0.01, "rtol": 10.0, "atol": 2.0} if curve.name == "fnn" else {}),
                           **({"threshold": 0.9} if curve.name == "cao_e1" else {})})
    _check_length(x.size, dim, lag, MIN_VECTORS)
    y = delay_embedding(x, dim, lag)
    record.update({"embedding_dim": int(dim), "embedding_lag": int(lag), "embedding_vectors": int(y.shape[0]),
                   "theiler": auto_theiler(x),
                   "embedding_lag_method": lag_method if lag_rule else None,
                   "embedding_dim_method": dim_method if dim_rule else None,
                   "embedding_lag_rule": lag_rule, "embedding_dim_rule": dim_rule})
    records.append(record)
    return records, (curves, np.array(y) if vectors else None)


def _check_length(n, dim, lag, least):
    vectors = n - (dim - 1) * lag
    if vectors < least:
        raise ValueError(f"a series of {n} values is too short for embedding_dim={dim}, embedding_lag={lag}: "
                         f"it gives {max(vectors, 0)} delay vectors and at least {least} are needed")


def embed_records(series, **options) -> Records:
    """The record of one Series (see :func:`embed_result`); picklable, for batch maps."""
    return embed_result(series, **options)[0]
