"""Records of ``zero-one``: the 0-1 test for chaos of one series, sampled as ``sweep`` suggests."""

from __future__ import annotations

import math

from .base import Records
from .constant import is_constant

CONSTANT = ("constant series: the translation variables only oscillate, so the 0-1 test has nothing to decide "
            "(zero_one_k is null); check the column, or pick another with -c")
#: the plot and --curves keep at most this many points of the translation variables (evenly spaced)
MAX_TRANSLATION_POINTS = 20_000
#: a flow sampled this many times finer than the ideal delay gets a warning when the step was given
OVERSAMPLED_FACTOR = 4


def _number(v):
    return float(v) if v is not None and math.isfinite(v) else None


def sampling_step(x, downsample="ideal"):
    """(step, method, note): every ``step``-th sample is tested.

    ``downsample="ideal"`` takes PECCARY's ideal delay for d = 5 (0.4 of the
    natural period over 4 steps, about 10 samples a period), as ``sweep``
    reports it; a map or noise gets 1. An int is used as given (method None).
    The step never leaves fewer than MIN_SAMPLES samples.
    """
    from ..lyapunov.zero_one import MIN_SAMPLES

    note = None
    if downsample == "ideal":
        from ..plane.sweep import ideal_tau
        from ..plane.timescale import natural_timescale

        t_nat = natural_timescale(x, 1.0).t_nat
        step = ideal_tau(t_nat, dim=5) if t_nat is not None and math.isfinite(t_nat) and t_nat > 0 else 1
        method = "ideal_tau"
    else:
        step, method = int(downsample), None
    most = max(1, x.size // MIN_SAMPLES)
    if step > most:
        note = (f"the sampling step {step} would leave fewer than {MIN_SAMPLES} samples; {most} is used, and "
                "K may read an oversampled flow as regular")
        step = most
    return step, method, note


def zero_one_result(series, n_c=100, seed=0, downsample="ideal", threshold=None):
    """(Records holding the one record, curves) of one Series; raises ValueError with the reason when it
    cannot be done. The curves are K per frequency and the translation variables (p_c, q_c) at the
    frequency whose K_c is nearest the median (at most MAX_TRANSLATION_POINTS points, evenly spaced)."""
    import numpy as np

    from ..lyapunov.zero_one import CHAOS_THRESHOLD, translation_variables, zero_one_test

    threshold = CHAOS_THRESHOLD if threshold is None else threshold
    records = Records()
    x = series.values
    head = {"source": series.source, "series": series.name, "n": int(x.size)}
    if is_constant(x):
        warning = records.warn(series.source, series.name, CONSTANT)
        records.append({**head, "zero_one_k": None, "zero_one_chaotic": None, "zero_one_threshold": threshold,
                        "zero_one_frequencies": int(n_c), "zero_one_seed": seed, "zero_one_k_q25": None,
                        "zero_one_k_q75": None, "zero_one_n_cut": None, "downsample": None,
                        "downsample_method": None, "warning": warning})
        return records, []
    step, method, note = sampling_step(x, downsample)
    used = np.ascontiguousarray(x[::step])
    result = zero_one_test(used, n_c=n_c, seed=seed, threshold=threshold)
    finite = result.k_per_frequency[np.isfinite(result.k_per_frequency)]
    q25, q75 = (np.quantile(finite, [0.25, 0.75]) if finite.size else (math.nan, math.nan))
    record = {**head, "zero_one_k": _number(result.k), "zero_one_chaotic": result.chaotic,
              "zero_one_threshold": threshold, "zero_one_frequencies": int(result.frequencies.size),
              "zero_one_seed": seed, "zero_one_k_q25": _number(q25), "zero_one_k_q75": _number(q75),
              "zero_one_n_cut": result.n_cut, "downsample": int(step), "downsample_method": method}
    if note:
        record["note"] = records.warn(series.source, series.name, note)
    elif method is None and step == 1:
        from ..plane.sweep import ideal_tau
        from ..plane.timescale import natural_timescale

        t_nat = natural_timescale(x, 1.0).t_nat
        if t_nat is not None and math.isfinite(t_nat) and ideal_tau(t_nat, dim=5) >= OVERSAMPLED_FACTOR:
            record["note"] = records.warn(
                series.source, series.name,
                f"oversampled: about {t_nat:.0f} samples a period, and the 0-1 test reads a finely sampled flow "
                f"as regular; test one sample in {ideal_tau(t_nat, dim=5)} (downsample 'ideal', the default)")
    if not math.isfinite(result.k):
        record["note"] = records.warn(series.source, series.name,
                                      "no frequency gave a correlation (the displacement never varies)")
    curves = [{"source": series.source, "series": series.name, "curve": "zero_one_frequencies",
               "frequency": result.frequencies.tolist(), "k": [_number(v) for v in result.k_per_frequency],
               "zero_one_k": _number(result.k), "threshold": threshold, "downsample": int(step)}]
    if finite.size:
        order = np.argsort(np.abs(np.nan_to_num(result.k_per_frequency, nan=np.inf) - result.k))
        c = float(result.frequencies[order[0]])
        p, q = translation_variables(used, c)
        keep = np.unique(np.linspace(0, p.size - 1, min(p.size, MAX_TRANSLATION_POINTS)).astype(int))
        curves.append({"source": series.source, "series": series.name, "curve": "translation",
                       "frequency": c, "k_frequency": _number(result.k_per_frequency[order[0]]),
                       "sample": (keep + 1).tolist(), "p": p[keep].tolist(), "q": q[keep].tolist(),
                       "downsample": int(step)})
    records.append(record)
    return records, curves


def zero_one_records(series, **options) -> Records:
    """The record of one Series (see :func:`zero_one_result`); picklable, for batch maps."""
    return zero_one_result(series, **options)[0]
