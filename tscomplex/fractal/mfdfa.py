"""Multifractal DFA (Kantelhardt et al. 2002): generalized Hurst exponents h(q) and the singularity spectrum."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_int, check_scales, check_series
from .dfa import MAX_ORDER, automatic_fit_range, default_scales, fit_line, segment_variance_table

DEFAULT_Q = tuple(float(q) for q in np.arange(-5, 5.5, 0.5))


@dataclass(frozen=True)
class MFDFAResult:
    """h(q), tau(q) = q h(q) - 1, the singularity spectrum (alpha, f(alpha)), and F_q(n) per q."""

    q: np.ndarray
    h: np.ndarray
    tau: np.ndarray
    alpha: np.ndarray  # singularity strengths, at the midpoints of consecutive q
    f_alpha: np.ndarray
    width: float  # max alpha - min alpha
    order: int
    fit_start: int
    fit_end: int
    scales: np.ndarray
    fluctuation: np.ndarray  # shape (len(q), len(scales))

    def as_record(self) -> dict:
        record = {"mfdfa_order": self.order, "mfdfa_q_min": float(self.q[0]), "mfdfa_q_max": float(self.q[-1]),
                  "mfdfa_width": self.width, "mfdfa_fit_start": self.fit_start, "mfdfa_fit_end": self.fit_end}
        for label, value in (("mfdfa_h2", 2.0),):
            hit = np.flatnonzero(np.isclose(self.q, value))
            record[label] = float(self.h[hit[0]]) if hit.size else None
        return record


def mfdfa(x, q=DEFAULT_Q, order: int = 1, scales=None, fit_range=None) -> MFDFAResult:
    """Multifractal detrended fluctuation analysis.

    Parameters
    ----------
    x : array_like, 1-D
        The series (increments).
    q : array_like of float, default -5, -4.5, ..., 5
        Moments. q = 0 uses the logarithmic average.
    order : int, default 1
        Detrending polynomial order (1..3).
    scales, fit_range
        As in :func:`tscomplex.fractal.dfa.dfa`; the automatic fit range is
        the one DFA chooses for F_2(n) (all scales, or the long side of a
        crossover), so h(2) is the DFA alpha.

    Returns
    -------
    MFDFAResult
        h(q) (h(2) is the DFA alpha), tau(q), the spectrum (alpha, f(alpha))
        and its width, the fit range and the curves F_q(n).

    Notes
    -----
    With F^2(v, n) the segment variances of DFA,

        F_q(n) = [ (1/2N_s) sum_v (F^2(v, n))^{q/2} ]^{1/q},
        F_0(n) = exp[ (1/4N_s) sum_v ln F^2(v, n) ],

    h(q) is the slope of ln F_q(n) against ln n; tau(q) = q h(q) - 1,
    alpha = d tau / dq (finite differences between consecutive q) and
    f(alpha) = q alpha - tau(q). A monofractal (white noise) has a constant
    h(q) and a narrow spectrum; the width max alpha - min alpha measures
    multifractality.

    References
    ----------
    J. W. Kantelhardt et al., Physica A 316, 87 (2002).
    """
    x = check_series(x, min_size=3)
    order = check_int(order, "order", 1, MAX_ORDER)
    q = np.unique(np.asarray(q, dtype=float).ravel())
    if q.size < 2 or not np.all(np.isfinite(q)):
        raise ValueError("q must hold at least two finite, different moments")
    scales = default_scales(x.size, order) if scales is None else check_scales(scales)
    if scales[0] < order + 2 or scales[-1] > x.size // 2:
        raise ValueError(f"scales must lie between order + 2 = {order + 2} and half the series ({x.size // 2})")
    if x.min() == x.max():
        raise ValueError("x is constant: its fluctuation function is zero at every scale")
    from ..ordinal import scale_to_unit_magnitude

    x, exponent = scale_to_unit_magnitude(x)  # as dfa: exact; F_q(n) is scaled back below
    variances = segment_variance_table(x, scales, order)
    tiny = 1e-20 * float(np.median(np.concatenate(variances)))  # zero up to rounding: a polynomial stretch
    if any(np.any(v <= tiny) for v in variances) and np.any(q <= 0):
        raise ValueError("some segments have zero variance (flat stretches), so F_q(n) for q <= 0 is undefined; "
                         "use positive q only")
    fq = np.empty((q.size, scales.size))
    for j, v in enumerate(variances):
        for i, qi in enumerate(q):
            if qi == 0:
                fq[i, j] = np.exp(0.5 * np.mean(np.log(v)))
            else:
                fq[i, j] = np.mean(v ** (qi / 2)) ** (1 / qi)
    if fit_range is None:  # the range DFA would choose from F_2(n): all scales, or one side of a crossover
        f2 = np.array([np.sqrt(np.mean(v)) for v in variances])
        use, _ = automatic_fit_range(scales, f2, f2 > 0)
    else:
        lo, hi = (scales[0], scales[-1]) if isinstance(fit_range, str) and fit_range == "all" else fit_range
        use = (scales >= lo) & (scales <= hi)
    if np.count_nonzero(use) < 2:
        raise ValueError(f"fewer than two scales lie in the fit range {fit_range}")
    logn = np.log(scales[use])
    h = np.array([fit_line(logn, np.log(fq[i, use])).slope for i in range(q.size)])
    tau = q * h - 1
    alpha = np.diff(tau) / np.diff(q)
    qm = (q[1:] + q[:-1]) / 2
    taum = (tau[1:] + tau[:-1]) / 2
    f_alpha = qm * alpha - taum
    picked = scales[use]
    return MFDFAResult(q, h, tau, alpha, f_alpha, float(alpha.max() - alpha.min()), order, int(picked[0]),
                       int(picked[-1]), np.asarray(scales), np.ldexp(fq, exponent))
