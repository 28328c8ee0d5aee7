"""Records of ``lyapunov``: the largest exponent from data of one series, or a built-in system's spectrum."""

from __future__ import annotations

from .base import Records
from .constant import LYAPUNOV, is_constant

#: the keys of a record whose exponent could not be estimated at all (a constant series)
_NULL_KEYS = ("embedding_dim", "embedding_lag", "theiler", "trajectory_steps", "fit_start", "fit_end", "fit_r2",
              "slope_window")
_NULL_KEYS_AFTER_RULE = ("noise_jump", "zero_one_k", "deterministic_map", "one_step_error_ratio",
                         "epsilon_min", "epsilon_max", "differenced", "neighbour_separation", "embedding_lag_method",
                         "embedding_dim_method")


def lyapunov_result(series, method="rosenstein", dim=None, lag=None, lag_method="mi", dim_method=None,
                    theiler=None, steps=None, max_dim=10):
    """(Records holding the one record, MaxLyapunovResult) of one Series; raises ValueError with the reason
    when it cannot be done.

    ``dim`` and ``lag`` are the embedding's (record keys ``embedding_dim``,
    ``embedding_lag``). A constant series is not a failure (one rule in every
    command): its record has null measures and a warning, and the result is None.
    """
    from ..lyapunov import max_lyapunov

    records = Records()
    if is_constant(series.values):
        warning = records.warn(series.source, series.name, LYAPUNOV)
        records.append({"source": series.source, "series": series.name, "n": int(series.values.size),
                        "dt": series.dt, "method": method, "max_lyapunov": None, "max_lyapunov_per_sample": None,
                        "chaotic": False, **dict.fromkeys(_NULL_KEYS), "chaotic_rule": "constant_series",
                        **dict.fromkeys(_NULL_KEYS_AFTER_RULE), "warning": warning})
        return records, None

    result = max_lyapunov(series.values, dim=dim, lag=lag, theiler=theiler, dt=series.dt or 1.0, method=method,
                          lag_method=lag_method, dim_method=dim_method, n_steps=steps, max_dim=max_dim)
    record = {"source": series.source, "series": series.name, "n": int(series.values.size), "dt": series.dt,
              **result.as_record(), "embedding_lag_method": _lag_method(result, lag, lag_method),
              "embedding_dim_method": _dim_method(result, dim, dim_method)}
    if result.reason:
        record["note"] = result.reason
    records.append(record)
    return records, result


def lyapunov_records(series, **options) -> Records:
    """The record of one Series (see :func:`lyapunov_result`); picklable, for batch maps."""
    return lyapunov_result(series, **options)[0]


def spectrum_records(name, params=None, n_steps=None, dt=None, return_history=False):
    """(Records, LyapunovSpectrumResult) of the tangent-space spectrum of the built-in system ``name``."""
    from ..lyapunov.spectrum import lyapunov_spectrum

    from ..systems.registry import lookup

    result = lyapunov_spectrum(name, params=params or None, n_steps=n_steps, dt=dt, return_history=return_history)
    exponents = [float(v) for v in result.exponents]
    record = {
        "source": f"system:{lookup(name).name}", "series": None, "method": "tangent_space_qr",  # the catalog's name
        "lyapunov_spectrum": exponents, "max_lyapunov": exponents[0] if exponents else None,
        "kaplan_yorke_dimension": float(result.kaplan_yorke_dimension),
        "params": {str(k): float(v) for k, v in dict(result.params or {}).items()},
        "reorthonormalization_interval": result.reorthonormalization_interval,
        "reorthonormalization_rule": result.reorthonormalization_rule,
    }
    if result.switching_crossings is not None:          # a switching flow: its crossings, slides, and a -inf's why
        record.update(switching_crossings=result.switching_crossings, sliding_intervals=result.sliding_intervals,
                      lyapunov_spectrum_reason=result.collapsed_reason)
    return Records([record]), result


def spectrum_data_records(series, dim=None, lag=None, theiler=None, steps=None, lag_method="mi", dim_method="fnn",
                          max_dim=10, neighbors=None) -> Records:
    """The record of the Lyapunov spectrum from the data of one Series (local linear maps, QR), with the
    time-reversal check; a constant series has null measures and a warning, as everywhere."""
    from ..lyapunov.spectrum_data import lyapunov_spectrum_from_data

    records = Records()
    base = {"source": series.source, "series": series.name, "n": int(series.values.size), "dt": series.dt,
            "method": "local_linear_qr"}
    if is_constant(series.values):
        warning = records.warn(series.source, series.name, LYAPUNOV)
        records.append({**base, "lyapunov_spectrum": None, "max_lyapunov": None, "kaplan_yorke_dimension": None,
                        "spurious_exponents": None, "spurious_exponents_rule": None,
                        "reversed_lyapunov_spectrum": None,
                        **dict.fromkeys(("embedding_dim", "embedding_lag", "theiler", "neighbors",
                                         "evolution_steps", "reference_points", "embedding_lag_method",
                                         "embedding_dim_method")), "warning": warning})
        return records
    result = lyapunov_spectrum_from_data(series.values, dim=dim, lag=lag, theiler=theiler, dt=series.dt or 1.0,
                                         steps=steps, neighbors=neighbors, lag_method=lag_method,
                                         dim_method=dim_method, max_dim=max_dim)
    records.append({**base, **result.as_record(), "embedding_lag_method": _lag_method(result, lag, lag_method),
                    "embedding_dim_method": (dim_method or "fnn") if dim is None else None})
    return records


def indicator_records(name, indicator="sali", ic=None, k=2, t_max=None, dt=None, params=None):
    """(Records, IndicatorResult): SALI or GALI_k of an orbit of the built-in system ``name`` against time, one
    record per time, each with the verdict (chaotic, decision_time) and the run's settings."""
    from ..lyapunov.indicators import gali, sali

    if indicator == "sali":
        result = sali(name, ic=ic, t_max=t_max, dt=dt, params=params)
    else:
        result = gali(name, ic=ic, k=k, t_max=t_max, dt=dt, params=params)
    shared = {"source": f"system:{result.system}", "indicator": result.indicator, "deviation_vectors": result.k,
              "chaotic": result.chaotic, "decision_time": result.decision_time, "threshold": result.threshold,
              "initial_condition": [float(v) for v in result.ic], "dt": result.dt,
              "params": {str(key): float(v) for key, v in result.params.items()}}
    if result.reason:
        shared["note"] = result.reason
    source = shared.pop("source")
    records = Records({"source": source, "time": float(t), "alignment_index": float(v), **shared}
                      for t, v in zip(result.times, result.values))
    return records, result


def divergence_curve_points(series, result, method="rosenstein") -> list[dict]:
    """The divergence curves S(k) = <ln d(k)> of ``result``'s embedding dimension and its neighbours (m - 1,
    m + 1, with the same lag, Theiler window and steps), one dict per curve point, for ``--curves``.

    ``chosen`` marks the curve the exponent was fitted on; ``time`` is step·dt (the step without dt).
    """
    import math

    import numpy as np

    from ..embedding import delay_embedding
    from ..lyapunov.data import Embedding, follow_divergence
    from ..ordinal import scale_to_unit_magnitude

    if result is None or np.asarray(result.divergence).size == 0:
        return []
    values = np.asarray(series.values, dtype=float)
    x, exponent = scale_to_unit_magnitude(np.diff(values) if result.differenced else values)
    dt = series.dt or 1.0
    points = []
    for m in (result.dim - 1, result.dim, result.dim + 1):
        if m < 1:
            continue
        if m == result.dim:
            curve = np.asarray(result.divergence, dtype=float)
        else:
            if x.size - (m - 1) * result.lag < 2 * result.theiler + 12:
                continue  # too short to embed in m dimensions
            try:
                y = np.ascontiguousarray(delay_embedding(x, m, result.lag))
                # the curve the exponent came from was Kantz's at radius epsilon_min: its neighbours at the same
                # radius (scaled with sqrt(m), as the radii of .lyapunov.epsilon_range), else Rosenstein's
                small = result.epsilon_min is not None
                curve, _ = follow_divergence(y, Embedding(m, result.lag, result.theiler),
                                             "kantz" if small else method, n_steps=result.n_steps,
                                             radius=math.ldexp(result.epsilon_min * math.sqrt(m / result.dim),
                                                               -exponent) if small else None)
            except ValueError:
                continue
            curve = curve + exponent * math.log(2.0)
        for k, value in enumerate(curve):
            points.append({"source": series.source, "series": series.name, "embedding_dim": m,
                           "method": "kantz" if result.epsilon_min is not None else method,
                           "embedding_lag": result.lag, "theiler": result.theiler, "chosen": m == result.dim,
                           "step": k, "time": k * dt, "s": float(value) if np.isfinite(value) else None})
    return points


def indicator_map_records(name, energy, points=30, t_max=None, dt=None, params=None):
    """(Records, SaliMap): one record per initial condition of a SALI map on the section x = 0 at ``energy``."""
    import math

    from ..lyapunov.indicator_map import sali_map

    result = sali_map(name, energy, points=points, t_max=500.0 if t_max is None else t_max, dt=dt, params=params)
    records = Records()
    for i, py in enumerate(result.py):
        for j, y in enumerate(result.y):
            final = float(result.final[i, j])
            when = float(result.decision_time[i, j])
            records.append({"source": f"system:{result.system}", "indicator": "sali", "energy": result.energy,
                            "y": float(y), "py": float(py), "allowed": not math.isnan(final),
                            "alignment_index": None if math.isnan(final) else final,
                            "chaotic": result.chaotic[i][j], "decision_time": None if math.isnan(when) else when,
                            "t_max": result.t_max, "threshold": result.threshold})
    return records, result


def _lag_method(result, lag, lag_method):
    """How the lag was chosen: None when given, else the method, or ``quarter_mean_period`` when that bound cut
    the method's lag (a quarter of the mean period: beyond it the delay coordinates fold the attractor)."""
    if lag is not None:
        return None
    if getattr(result, "deterministic_map", None):
        return "deterministic_map"
    return "quarter_mean_period" if result.lag_bounded else lag_method


def _dim_method(result, dim, dim_method):
    """How the dimension was chosen: None when given, ``one_step_prediction`` for a deterministic map (the
    smallest dimension at which the nearest-neighbour prediction of the next value stops improving) unless
    a method was given, else the method (fnn when automatic)."""
    if dim is not None:
        return None
    return "one_step_prediction" if result.deterministic_map and dim_method is None else dim_method or "fnn"
