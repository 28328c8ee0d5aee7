"""Confidence intervals for permutation entropy H and statistical complexity C, and the Miller-Madow correction.

Two methods, both for the plug-in estimates from the n overlapping windows of
one series:

* ``analytic``: the delta method over the pattern frequencies p. Successive
  windows share samples, and the series itself may be correlated, so the
  frequencies are not multinomial: their covariance is the long-run
  covariance of the pattern indicators, Sigma = Gamma_0 + sum_k w_k (Gamma_k +
  Gamma_k^T), with weight 1 up to the overlap lag (d-1) tau (beyond it the
  windows of an i.i.d. series are independent) and Bartlett weights over a
  further Newey-West bandwidth of floor(4 (n/100)^(2/9)) lags for the
  series' own memory. The variance is g^T Sigma g / n with g the gradient of
  H or C. At the uniform distribution (white noise) the gradient of H
  vanishes, so the second-order term of the expansion is kept too: the
  interval is centred on the estimate minus its bias (1/2) tr(M Sigma / n)
  and its variance is g^T Sigma g / n - (1/2) tr((M Sigma / n)^2), M the
  Hessian: the gradient taken at the estimate instead of the truth adds
  tr((M Sigma / n)^2) to the first term on average, the quadratic term adds
  half of that (the first term is never let below 0; for up
  to :data:`SECOND_ORDER_MAX_PATTERNS` observed patterns). For i.i.d.
  multinomial counts the bias term is Miller and Madow's (m - 1) / (2 n).
* ``bootstrap``: the moving-block bootstrap of the pattern sequence (Kunsch
  1989): blocks of b successive patterns, b = max(ceil(n^(1/3)),
  2((d-1) tau + 1)) by default (the n^(1/3) rate of Hall, Horowitz & Jing
  1995, and at least twice the span of one pattern), drawn with a seeded
  generator; the interval is the basic (reverse-percentile) bootstrap
  interval, 2 theta - q, which corrects the downward bias of the plug-in
  entropy.

Both intervals are clipped to [0, 1].
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_choice, check_int, check_scalar

CI_METHODS = ("analytic", "bootstrap")
#: Default number of bootstrap resamples.
DEFAULT_RESAMPLES = 500
#: The second-order terms need a matrix over the observed patterns; past this many they are left out.
SECOND_ORDER_MAX_PATTERNS = 1024


def _normal_quantile(level: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(0.5 + level / 2.0))


def miller_madow_entropy(counts) -> float:
    """Normalized permutation entropy with the Miller-Madow correction: H + (m - 1) / (2 n ln N).

    m is the number of patterns observed, n the number of windows and N = d!
    (Miller 1955). It removes the first-order bias of the plug-in entropy of
    independent draws; overlapping windows are not independent, so it is an
    approximation (the analytic interval estimates the bias of the actual
    dependence instead).
    """
    counts = np.asarray(counts, dtype=np.float64)
    n = counts.sum()
    if not n > 0:
        raise ValueError("no pattern has positive weight")
    p = counts[counts > 0] / n
    h = float(-np.sum(p * np.log(p)) / math.log(counts.size))
    return h + (p.size - 1) / (2.0 * n * math.log(counts.size))


def _derivatives(p_full: np.ndarray, support: np.ndarray):
    """Gradients and Hessians of H and C with respect to the frequencies of the observed patterns."""
    from ..information import jensen_shannon_normalization

    n_bins = p_full.size
    log_n = math.log(n_bins)
    p = p_full[support]
    m = 0.5 * (p + 1.0 / n_bins)
    m_all = 0.5 * (p_full + 1.0 / n_bins)
    s_p = -np.sum(p * np.log(p))
    h = s_p / log_n
    js = -np.sum(m_all * np.log(m_all)) - 0.5 * s_p - 0.5 * log_n
    q0 = jensen_shannon_normalization(n_bins)
    grad_h = -(np.log(p) + 1.0) / log_n
    grad_j = 0.5 * np.log(p / m)
    hess_h = np.diag(-1.0 / (p * log_n))
    hess_j = np.diag(0.5 / p - 0.25 / m)
    grad_c = q0 * (h * grad_j + js * grad_h)
    hess_c = q0 * (h * hess_j + np.outer(grad_j, grad_h) + np.outer(grad_h, grad_j) + js * hess_h)
    return (grad_h, hess_h), (grad_c, hess_c)


def newey_west_bandwidth(n: int) -> int:
    """floor(4 (n/100)^(2/9)): the lags beyond the overlap over which the series' own memory is summed."""
    return math.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))


def long_run_covariance(index: np.ndarray, size: int, overlap: int, bandwidth: int) -> np.ndarray:
    """Long-run covariance of the indicators of ``size`` outcomes, from their sequence ``index``.

    Lags up to ``overlap`` get weight 1, the next ``bandwidth`` lags Bartlett
    weights falling to 0.
    """
    n = index.size
    p = np.bincount(index, minlength=size) / n
    sigma = np.diag(p) - np.outer(p, p)
    for k in range(1, min(overlap + bandwidth, n - 1) + 1):
        w = 1.0 if k <= overlap else 1.0 - (k - overlap) / (bandwidth + 1.0)
        joint = np.bincount(index[:-k] * size + index[k:], minlength=size * size).reshape(size, size) / (n - k)
        gamma = joint - np.outer(p, p)
        sigma += w * (gamma + gamma.T)
    return sigma


def _lagged_variance(y: np.ndarray, overlap: int, bandwidth: int) -> float:
    """The same long-run variance for one scalar series (used when there are too many patterns for a matrix)."""
    y = y - y.mean()
    n = y.size
    total = float(y @ y) / n
    for k in range(1, min(overlap + bandwidth, n - 1) + 1):
        w = 1.0 if k <= overlap else 1.0 - (k - overlap) / (bandwidth + 1.0)
        total += 2.0 * w * float(y[:-k] @ y[k:]) / (n - k)
    return max(total, 0.0)


def analytic_intervals(codes: np.ndarray, n_patterns: int, overlap: int, level: float) -> dict:
    """Delta-method intervals of H and C from the pattern sequence ``codes`` (see the module notes)."""
    n = codes.size
    counts = np.bincount(codes, minlength=n_patterns)
    support = np.flatnonzero(counts)
    p_full = counts / n
    bandwidth = newey_west_bandwidth(n)
    z = _normal_quantile(level)
    second = np.count_nonzero(counts) <= SECOND_ORDER_MAX_PATTERNS
    out = {"ci_bandwidth": int(overlap + bandwidth), "ci_second_order": bool(second)}
    if support.size == 1:  # one pattern: H = C = 0 with no spread that the data can show
        for key in ("permutation_entropy", "statistical_complexity"):
            out.update({f"{key}_ci_low": 0.0, f"{key}_ci_high": 0.0, f"{key}_std_error": 0.0})
        return out
    remap = np.full(n_patterns, -1, dtype=np.int64)
    remap[support] = np.arange(support.size)
    index = remap[codes]
    sigma = long_run_covariance(index, support.size, overlap, bandwidth) / n if second else None
    from ..information import complexity_entropy_from_probabilities

    values = dict(zip(("permutation_entropy", "statistical_complexity"),
                      complexity_entropy_from_probabilities(p_full)))
    for key, (grad, hess) in zip(values, _derivatives(p_full, support)):
        if second:
            ms = hess @ sigma
            bias = 0.5 * float(np.trace(ms))
            second_var = float(np.sum(ms * ms.T))  # tr((M Sigma)^2)
            # the gradient at the estimate, not at the truth, inflates g'Sigma g by tr((M Sigma)^2) on average
            variance = max(float(grad @ sigma @ grad) - second_var, 0.0) + 0.5 * second_var
        else:
            bias, variance = 0.0, _lagged_variance(grad[index], overlap, bandwidth) / n
        centre = values[key] - bias
        spread = z * math.sqrt(variance)
        out.update({f"{key}_ci_low": min(max(centre - spread, 0.0), 1.0),
                    f"{key}_ci_high": min(max(centre + spread, 0.0), 1.0),
                    f"{key}_std_error": math.sqrt(variance)})
    return out


def default_block_length(n: int, dim: int, tau: int) -> int:
    """max(ceil(n^(1/3)), 2((d-1) tau + 1)), at most n."""
    return int(min(n, max(math.ceil(n ** (1.0 / 3.0)), 2 * ((dim - 1) * tau + 1))))


@njit(cache=True, nogil=True)
def _block_histograms(codes, starts, block, n, out):
    """out[r] = histogram of the first n codes of the blocks codes[s:s+block], s in starts[r]."""
    for r in range(starts.shape[0]):
        left = n
        for s in starts[r]:
            take = min(left, block)
            for t in range(s, s + take):
                out[r, codes[t]] += 1
            left -= take
            if left == 0:
                break


def _hc_rows(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """H and C of every row of a count matrix."""
    from ..information import jensen_shannon_normalization

    n_bins = counts.shape[1]
    p = counts / counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    s_p = -plogp.sum(axis=1)
    m = 0.5 * (p + 1.0 / n_bins)
    js = -(m * np.log(m)).sum(axis=1) - 0.5 * s_p - 0.5 * math.log(n_bins)
    h = s_p / math.log(n_bins)
    return h, np.maximum(jensen_shannon_normalization(n_bins) * js * h, 0.0)


def bootstrap_intervals(codes: np.ndarray, n_patterns: int, level: float, block_length: int, resamples: int,
                        seed: int) -> dict:
    """Moving-block bootstrap intervals of H and C (basic intervals; see the module notes)."""
    from ..information import complexity_entropy_from_probabilities

    n = codes.size
    rng = np.random.default_rng(seed)
    n_blocks = -(-n // block_length)
    starts = rng.integers(0, n - block_length + 1, size=(resamples, n_blocks))
    counts = np.zeros((resamples, n_patterns), dtype=np.int64)
    _block_histograms(np.ascontiguousarray(codes, dtype=np.int64), starts, block_length, n, counts)
    h_star, c_star = _hc_rows(counts.astype(np.float64))
    h, c = complexity_entropy_from_probabilities(np.bincount(codes, minlength=n_patterns) / n)
    alpha = 1.0 - level
    out = {}
    for key, value, star in (("permutation_entropy", h, h_star), ("statistical_complexity", c, c_star)):
        lo_q, hi_q = np.quantile(star, [alpha / 2.0, 1.0 - alpha / 2.0])
        out.update({f"{key}_ci_low": float(min(max(2 * value - hi_q, 0.0), 1.0)),
                    f"{key}_ci_high": float(min(max(2 * value - lo_q, 0.0), 1.0)),
                    f"{key}_std_error": float(np.std(star, ddof=1))})
    return out


def confidence_intervals(x, dim: int = 5, tau: int = 1, *, level: float = 0.95, method: str = "analytic",
                         resamples: int = DEFAULT_RESAMPLES, block_length: int | None = None,
                         seed: int | None = None, tie_precision: int | None = None) -> dict:
    """Confidence intervals of permutation entropy and statistical complexity of a series.

    Parameters
    ----------
    x : array_like
        The series.
    dim, tau : int
        Pattern length and delay.
    level : float
        Coverage, 0 < level < 1 (e.g. 0.95).
    method : {"analytic", "bootstrap"}
        Delta method with a long-run covariance, or a moving-block bootstrap.
    resamples, block_length, seed :
        Bootstrap only: the number of resamples, the block length in windows
        (default :func:`default_block_length`) and the seed (default: drawn).

    Returns
    -------
    dict
        ``permutation_entropy_ci_low``/``_ci_high``/``_std_error``, the same for
        ``statistical_complexity``, ``ci_method`` and ``ci_level``; analytic:
        ``ci_bandwidth`` (lags summed) and ``ci_second_order``; bootstrap:
        ``ci_seed``, ``ci_block_length`` and ``ci_resamples``.

    Examples
    --------
    >>> import numpy as np
    >>> ci = confidence_intervals(np.random.default_rng(1).normal(size=5000), 3)
    >>> ci["permutation_entropy_ci_low"] < 1.0 <= ci["permutation_entropy_ci_high"] + 1e-3
    True
    """
    from .networks import pattern_codes
    from .series import check_dim, check_tau

    dim, tau = check_dim(dim), check_tau(tau)
    level = check_scalar(level, "ci_level", 0.0, 1.0, include_min=False, include_max=False)
    method = check_choice(method, "ci_method", CI_METHODS)
    codes = pattern_codes(x, dim, tau, tie_precision)
    n_patterns = math.factorial(dim)
    out = {"ci_method": method, "ci_level": level}
    if method == "analytic":
        out.update(analytic_intervals(codes, n_patterns, (dim - 1) * tau, level))
        return out
    resamples = check_int(resamples, "ci_resamples", 10)
    if block_length is None:
        block_length = default_block_length(codes.size, dim, tau)
    block_length = check_int(block_length, "block_length", 1, codes.size)
    if seed is None:
        from ..surrogates import new_seed

        seed = new_seed()
    seed = check_int(seed, "seed", 0)
    out.update(bootstrap_intervals(codes, n_patterns, level, block_length, resamples, seed))
    out.update(ci_seed=seed, ci_block_length=block_length, ci_resamples=resamples)
    return out
