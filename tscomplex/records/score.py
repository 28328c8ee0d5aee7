"""Records of ``tscomplex score``: one per series (column) and horizon, comparing a forecast with the truth."""

from __future__ import annotations

import math

import numpy as np

from ..scoring import metrics


def lyapunov_time_for(system: str | None, lyapunov_time: float | None) -> tuple[float | None, str]:
    """The Lyapunov time to count the valid prediction time in, and where it came from."""
    if lyapunov_time is not None:
        value = float(lyapunov_time)
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"lyapunov_time must be positive, got {lyapunov_time}")
        return value, "given"
    if system is None:
        return None, "no system and no lyapunov_time given"
    from ..systems.invariants import stored
    from ..systems.registry import lookup

    name = lookup(system).name          # KeyError with the closest names
    inv = stored(name)
    if inv is None or inv.get("status") != "ok":
        return None, f"{name}: invariants not computed"
    if not inv.get("lyapunov_time"):
        return None, f"{name}: not chaotic at its default parameters ({inv.get('chaotic_reason') or 'lambda_max <= 0'})"
    return float(inv["lyapunov_time"]), f"{name}: stored invariants (1 / lambda_max)"


def score_records(truth: dict, forecast: dict, dt: float | None, horizons=None, lyapunov_time=None,
                  system: str | None = None, threshold: float = metrics.VALID_THRESHOLD,
                  truth_source: str = "", forecast_source: str = "", dt_source: str = "") -> list[dict]:
    """Score each column of ``forecast`` against the same column of ``truth`` (dicts name -> 1-D array).

    ``horizons`` are numbers of leading samples (default: the whole length);
    each gives one record per column. Raises ValueError when the columns or
    lengths do not match.
    """
    missing = [name for name in truth if name not in forecast]
    if missing:
        raise ValueError(f"the forecast has no column {', '.join(map(repr, missing))} "
                         f"(its columns: {', '.join(map(str, forecast))})")
    lengths = {len(v) for v in truth.values()} | {len(forecast[k]) for k in truth}
    if len(lengths) != 1:
        n_truth = len(next(iter(truth.values())))
        n_forecast = len(forecast[next(iter(truth))])
        raise ValueError(f"truth and forecast must have the same length, got {n_truth} and {n_forecast} samples")
    n = lengths.pop()
    horizons = sorted({int(h) for h in horizons}) if horizons else [n]
    for h in horizons:
        if not 1 <= h <= n:
            raise ValueError(f"horizon must be between 1 and the series length {n}, got {h}")
    lyap, lyap_source = lyapunov_time_for(system, lyapunov_time)
    step = 1.0 if dt is None else float(dt)
    records = []
    for name in truth:
        y_all = np.asarray(truth[name], dtype=np.float64)
        f_all = np.asarray(forecast[name], dtype=np.float64)
        # squares and ranges of values beyond about 1e154 overflow and below 1e-154 vanish: both series are scaled
        # by one power of two (exactly), and the errors in the data's units (rmse, wasserstein, scale) scaled back
        from ..ordinal import scale_to_unit_magnitude

        both, exponent = scale_to_unit_magnitude(np.concatenate([y_all, f_all]))
        y_all, f_all = both[:y_all.size], both[y_all.size:]

        def units(value, exponent=exponent):  # beyond the largest double (an error of 3e308): infinite
            try:
                return math.ldexp(value, exponent)
            except OverflowError:
                return math.inf

        scale = float(y_all.std())       # one normalization for every horizon: the whole truth's spread
        for h in horizons:
            y, f = y_all[:h], f_all[:h]
            record = {"truth": truth_source, "forecast": forecast_source, "series": str(name), "horizon": h,
                      "horizon_time": h * step, "dt": step, "dt_source": dt_source,
                      "smape": metrics.smape(y, f), "mase": metrics.mase(y, f), "rmse": units(metrics.rmse(y, f)),
                      "correlation": metrics.correlation(y, f)}
            if scale > 0:
                steps = metrics.valid_prediction_steps(y, f, threshold, scale=scale)
                record["valid_prediction_steps"] = steps
                record["valid_prediction_time"] = steps * step
                record["valid_prediction_lyapunov_times"] = steps * step / lyap if lyap else None
                record["valid_prediction_reason"] = None if lyap else lyap_source
            else:
                record.update(valid_prediction_steps=None, valid_prediction_time=None,
                              valid_prediction_lyapunov_times=None,
                              valid_prediction_reason="the truth is constant: no scale for its error")
            record.update(valid_prediction_threshold=threshold, error_scale=units(scale), lyapunov_time=lyap,
                          lyapunov_time_source=lyap_source,
                          attractor_kl_divergence=metrics.attractor_kl_divergence(y, f),
                          attractor_wasserstein=units(metrics.attractor_wasserstein(y, f)))
            if system is not None:
                record["system"] = system
            records.append(record)
    return records
