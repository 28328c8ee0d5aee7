"""Multiscale entropy: coarse-grained (Costa), composite and refined composite (Wu), and multiscale permutation entropy."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_int, check_scales, check_series, finite_or_none
from ..options import MULTISCALE_METHODS as METHODS
from .sample import MAX_M, match_counts, resolve_tolerance

MIN_COARSE = 10  # the coarsest series needs at least this many values per template value (10 (m+1))


@dataclass(frozen=True)
class MultiscaleResult:
    """Entropy per scale (and statistical complexity for ``permutation``), with the complexity index."""

    method: str
    scales: np.ndarray
    entropy: np.ndarray  # NaN where undefined
    complexity: np.ndarray | None  # statistical complexity per scale (permutation only)
    complexity_index: float  # sum of the entropies over the scales; NaN if any is undefined
    tolerance: float | None  # absolute r (sample-entropy methods)
    m: int | None
    dim: int | None
    tau: int | None
    reasons: dict = field(default_factory=dict)  # scale -> why its entropy is undefined

    def as_record(self) -> dict:
        record = {"multiscale_method": self.method, "scale_min": int(self.scales[0]), "scale_max": int(self.scales[-1]),
                  "scale_count": int(self.scales.size), "complexity_index": finite_or_none(self.complexity_index)}
        if self.reasons:
            first = min(self.reasons)
            record["complexity_index_note"] = f"undefined at {len(self.reasons)} scale(s), first at scale {first}: " \
                                             f"{self.reasons[first]}"
        return record


def coarse_grain(x, scale: int, offset: int = 0) -> np.ndarray:
    """Means of consecutive non-overlapping windows of ``scale`` samples, starting at ``offset``."""
    x = np.asarray(x, dtype=float)
    n = (x.size - offset) // scale
    return x[offset:offset + n * scale].reshape(n, scale).mean(axis=1)


def multiscale_entropy(x, scales=range(1, 21), method: str = "sample", m: int = 2, r: float = 0.15,
                       absolute: bool = False, dim: int = 5, tau: int = 1) -> MultiscaleResult:
    """Entropy of the coarse-grained series over a range of scales.

    Parameters
    ----------
    x : array_like, 1-D
        The series.
    scales : iterable of int, default 1..20
        Coarse-graining factors s.
    method : {"sample", "composite", "refined_composite", "permutation"}
        ``sample``: SampEn of y^(s) (Costa et al. 2002). ``composite``: the
        mean of SampEn over the s coarse-grainings that start at offsets
        0..s-1 (Wu et al. 2013). ``refined_composite``: -ln(sum A_k / sum B_k)
        over those s series, defined more often at large s (Wu et al. 2014).
        ``permutation``: normalized permutation entropy and Jensen-Shannon
        statistical complexity of y^(s) (the H-C path over scales).
    m : int, default 2
        SampEn template length.
    r : float, default 0.15
        SampEn tolerance as a fraction of the SD of the *original* series
        (kept fixed over the scales, as Costa et al. do), or absolute.
    absolute : bool, default False
    dim, tau : int, default 5, 1
        Ordinal pattern length and delay for ``permutation``.

    Returns
    -------
    MultiscaleResult
        The entropy per scale (NaN, with a reason, where undefined) and the
        complexity index, the sum of the entropies over the scales (Costa et
        al. 2005).

    Notes
    -----
    y^(s)_j = (1/s) sum_{i=(j-1)s+1}^{js} x_i. For white noise of SD sigma,
    y^(s) has SD sigma / sqrt(s) while r stays fixed, so SampEn falls as
    -ln erf(r sqrt(s) / (2 sigma)); for 1/f noise it stays about constant.

    References
    ----------
    M. Costa, A. L. Goldberger and C.-K. Peng, Phys. Rev. Lett. 89, 068102 (2002);
    Phys. Rev. E 71, 021906 (2005).
    S.-D. Wu et al., Entropy 15, 1069 (2013); Physica A 413, 1 (2014).
    L. Zunino et al., Physica A 391, 42 (2012) (multiscale permutation entropy and complexity).
    """
    x = check_series(x, min_size=3)
    check_choice(method, "method", METHODS)
    scales = check_scales(scales)
    if method == "permutation":
        return _permutation(x, scales, dim, tau)
    m = check_int(m, "m", 1, MAX_M)
    need = MIN_COARSE * (m + 1)
    if x.size // scales[-1] < need:
        raise ValueError(f"the series ({x.size} values) is too short for scale {int(scales[-1])}: the coarse-grained "
                         f"series would have {x.size // scales[-1]} values, and m={m} needs at least {need}")
    tolerance = resolve_tolerance(x, r, absolute)
    entropy = np.full(scales.size, np.nan)
    reasons = {}
    if tolerance == 0.0:
        reasons = {int(s): "the series is constant, so the tolerance r x SD is zero" for s in scales}
        return MultiscaleResult(method, scales, entropy, None, math.nan, 0.0, m, None, None, reasons)
    for i, s in enumerate(scales):
        s = int(s)
        offsets = [0] if method == "sample" else range(s)
        counts = [match_counts(coarse_grain(x, s, k), m, tolerance) for k in offsets]
        if method == "refined_composite":
            b = sum(c[0] for c in counts)
            a = sum(c[1] for c in counts)
            value = -math.log(a / b) if a > 0 and b > 0 else math.nan
        else:
            values = [-math.log(a / b) if a > 0 and b > 0 else math.nan for b, a in counts]
            value = float(np.mean(values))
        entropy[i] = value
        if not math.isfinite(value):
            reasons[s] = "no matching templates of length m+1 within r"
    index = float(np.sum(entropy)) if not reasons else math.nan
    return MultiscaleResult(method, scales, entropy, None, index, tolerance, m, None, None, reasons)


def _permutation(x, scales, dim, tau) -> MultiscaleResult:
    from ..measures import complexity_entropy
    from ..ordinal import check_dim, check_tau

    dim, tau = check_dim(dim), check_tau(tau)
    need = (dim - 1) * tau + 1
    if x.size // scales[-1] < need:
        raise ValueError(f"the series ({x.size} values) is too short for scale {int(scales[-1])}: the coarse-grained "
                         f"series would have {x.size // scales[-1]} values, fewer than one pattern of d={dim}, "
                         f"tau={tau} needs ({need})")
    pairs = [complexity_entropy(coarse_grain(x, int(s)), dim, tau) for s in scales]
    entropy = np.array([h for h, _ in pairs])
    complexity = np.array([c for _, c in pairs])
    return MultiscaleResult("permutation", scales, entropy, complexity, float(np.sum(entropy)), None, None, dim, tau)
