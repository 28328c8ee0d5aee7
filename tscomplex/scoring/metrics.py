"""Forecast error measures of two equal-length arrays, ``truth`` and ``forecast`` (numbers in, numbers out).

Conventions follow the chaos-forecasting benchmark of Gilpin (2021, 2023) and
the dysts library where it defines them (sMAPE in percent on [0, 200], MASE
scaled by the one-step naive forecast). The valid prediction time follows
Pathak et al. (2018): the first lead at which the normalized error passes a
threshold, 0.4 by default.
"""

from __future__ import annotations

import numpy as np

VALID_THRESHOLD = 0.4      # Pathak, Hunt, Girvan, Lu & Ott, Chaos 28, 041101 (2018)
HISTOGRAM_BINS = 30


def _pair(truth, forecast):
    y = np.asarray(truth, dtype=np.float64).ravel()
    f = np.asarray(forecast, dtype=np.float64).ravel()
    if y.size != f.size:
        raise ValueError(f"truth and forecast must have the same length, got {y.size} and {f.size}")
    if y.size == 0:
        raise ValueError("truth and forecast are empty")
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(f))):
        raise ValueError("truth and forecast must be finite")
    return y, f


def smape(truth, forecast) -> float:
    """Symmetric mean absolute percentage error, 100/n sum 2|y - f| / (|y| + |f|), on [0, 200].

    A sample where both are zero counts as no error (0/0 is taken as 0).
    Makridakis (1993); the form used by dysts and Gilpin (2023).
    """
    y, f = _pair(truth, forecast)
    num = 2.0 * np.abs(y - f)
    den = np.abs(y) + np.abs(f)
    terms = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    return float(100.0 * terms.mean())


def mase(truth, forecast, reference=None) -> float | None:
    """Mean absolute scaled error: mean |y - f| / mean |r_t - r_{t-1}|.

    ``reference`` (default: the truth itself, as dysts does without training
    data) sets the scale: the error of the one-step naive forecast. None when
    that scale is zero (a constant reference). Hyndman & Koehler, Int. J.
    Forecast. 22, 679 (2006).
    """
    y, f = _pair(truth, forecast)
    r = y if reference is None else np.asarray(reference, dtype=np.float64).ravel()
    if r.size < 2:
        return None
    scale = float(np.mean(np.abs(np.diff(r))))
    if not scale > 0:
        return None
    return float(np.mean(np.abs(y - f)) / scale)


def rmse(truth, forecast) -> float:
    """Root mean squared error, sqrt(mean (y - f)^2), in the units of the series."""
    y, f = _pair(truth, forecast)
    return float(np.sqrt(np.mean((y - f) ** 2)))


def correlation(truth, forecast) -> float | None:
    """Pearson correlation of forecast and truth; None when either is constant."""
    y, f = _pair(truth, forecast)
    if np.ptp(y) == 0 or np.ptp(f) == 0:     # exactly constant (std may round to a tiny number)
        return None
    sy, sf = y.std(), f.std()
    return float(np.mean((y - y.mean()) * (f - f.mean())) / (sy * sf))


def normalized_error(truth, forecast, scale: float | None = None) -> np.ndarray:
    """|y_t - f_t| / scale at every lead, scale the truth's standard deviation unless given."""
    y, f = _pair(truth, forecast)
    scale = float(y.std()) if scale is None else float(scale)
    if not scale > 0:
        raise ValueError("the truth is constant, so its error cannot be normalized; give a scale")
    return np.abs(y - f) / scale


def valid_prediction_steps(truth, forecast, threshold: float = VALID_THRESHOLD, scale: float | None = None) -> int:
    """How many leading samples stay within ``threshold`` normalized error (all of them: the length).

    The valid prediction time is this count times the sampling step: a
    perfect forecast of n samples is valid for the whole horizon n dt.
    """
    err = normalized_error(truth, forecast, scale)
    if not (np.isfinite(threshold) and threshold > 0):
        raise ValueError(f"threshold must be positive, got {threshold}")
    bad = np.flatnonzero(~(err <= threshold))
    return int(bad[0]) if bad.size else int(err.size)


def attractor_kl_divergence(truth, forecast, bins: int = HISTOGRAM_BINS) -> float:
    """KL divergence D(P_truth || P_forecast) of the value histograms (nats).

    Both histograms share ``bins`` equal bins over the range of both series;
    each bin gets one pseudo-count (Laplace smoothing), so a forecast that
    misses part of the attractor has a large but finite divergence.
    Equal histograms give 0.
    """
    y, f = _pair(truth, forecast)
    lo, hi = min(y.min(), f.min()), max(y.max(), f.max())
    if hi == lo:
        return 0.0
    edges = np.linspace(lo, hi, int(bins) + 1)
    p = np.histogram(y, edges)[0] + 1.0
    q = np.histogram(f, edges)[0] + 1.0
    p, q = p / p.sum(), q / q.sum()
    return float(np.sum(p * np.log(p / q)))


def attractor_wasserstein(truth, forecast) -> float:
    """The 1-Wasserstein (earth mover's) distance between the value distributions, in series units.

    For equal-size samples it is the mean absolute difference of the sorted values.
    """
    y, f = _pair(truth, forecast)
    return float(np.mean(np.abs(np.sort(y) - np.sort(f))))
