"""Entropy-guided patch boundaries: the conditional entropy of the next symbol at every step, and cut rules.

EntroPE (Abeywickrama et al., arXiv 2509.26157) and the Byte Latent
Transformer (Pagnoni et al., arXiv 2412.09871) start a new patch where the
next value is hard to predict: where the entropy H_t of a small language
model's next-symbol distribution is high, or jumps. Here the model is a
count table instead of a transformer, so no training is needed:

* **value symbols** (EntroPE's tokenizer): the series is centred, scaled by
  its mean absolute value and quantized into ``bins`` uniform bins over
  ``[-value_range, value_range]``; the next symbol is predicted from the
  previous ``order`` symbols with add-alpha (Krichevsky-Trofimov, alpha = 1/2)
  smoothing;
* **ordinal** (Unakafov & Keller, Physica D 269, 94, 2014): the next symbol is
  the rank of the new value among the last ``dim - 1`` values, predicted from
  the ordinal pattern of the last ``dim`` values; no binning.

Counts are either ``causal`` (only the past updates them, like a model that
learns as it reads) or ``fit`` (counts of the whole series, like a frozen
model). The per-step trace from :func:`conditional_entropy` feeds the
boundary rules of :func:`boundaries_from_entropy`; :func:`patch_boundaries`
does both.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
from numba import njit

from .ordinal import check_finite_series

ESTIMATORS = ("value", "ordinal")
MODES = ("causal", "fit")
RULES = ("global", "relative", "both", "either")

DEFAULT_BINS = 8
DEFAULT_ORDER = 2
DEFAULT_DIM = 5  # the pattern length of every command (4 before; dim=4 gives the old default)
DEFAULT_VALUE_RANGE = 3.0
DEFAULT_ALPHA = 0.5
DEFAULT_THRESHOLD = "q90"
DEFAULT_JUMP = "q90"
#: Shortest patch of patch_boundaries and `tscomplex patch` (1 in 0.1.0: with it the causal model, whose
#: entropy drifts down as it learns, cut medians of 1-3 samples on long series; 8 gives medians of 8 to 19).
DEFAULT_MIN_LEN = 8


def default_min_len(min_len, max_len=None) -> int:
    """``min_len``, or when None the default: DEFAULT_MIN_LEN, or ``max_len`` when that is smaller."""
    if min_len is not None:
        return min_len
    return min(DEFAULT_MIN_LEN, max_len) if max_len else DEFAULT_MIN_LEN

#: Largest count table (contexts x symbols) we allocate: 2**25 int64 cells = 256 MiB.
MAX_COUNT_CELLS = 2**25


class ThresholdWarning(UserWarning):
    """A threshold outside the observed range: the rule marks no step, or every step."""


# --------------------------------------------------------------------------- kernels


@njit(cache=True, nogil=True)
def _quantize(x, center, scale, value_range, bins, out):
    """Bin of (x - center) / scale in `bins` uniform bins over [-R, R]; values outside go to the end bins."""
    width = 2.0 * value_range / bins
    for t in range(x.shape[0]):
        u = (x[t] - center) / scale
        b = int(math.floor((u + value_range) / width))
        if b < 0:
            b = 0
        elif b >= bins:
            b = bins - 1
        out[t] = b


@njit(cache=True, nogil=True)
def _value_contexts(sym, order, bins, ctx):
    """ctx[t] = sum_i sym[t-i] * bins**(i-1), i = 1..order (most recent symbol least significant), t >= order."""
    top = 1
    for _ in range(order - 1):
        top *= bins
    code = 0
    for t in range(sym.shape[0]):
        if t >= order:
            ctx[t] = code
            if order > 0:
                code -= sym[t - order] * top  # drop the oldest symbol
        else:
            ctx[t] = 0
        if order > 0:
            code = code * bins + sym[t]


@njit(cache=True, nogil=True)
def _ordinal_symbols(x, dim, sym):
    """sym[t] = #{i = 1..dim-1 : x[t-i] <= x[t]}, the rank of x[t] among the dim-1 values before it (t >= dim).

    On ties the earlier sample counts as smaller, as in the ordinal-pattern
    convention, so (pattern of x[t-dim:t], sym[t]) determines the pattern of
    x[t-dim+1:t+1] and back.
    """
    for t in range(x.shape[0]):
        if t < dim:
            sym[t] = 0
            continue
        r = 0
        xt = x[t]
        for i in range(1, dim):
            if x[t - i] <= xt:
                r += 1
        sym[t] = r


@njit(cache=True, nogil=True)
def _smoothed_entropy(counts, total, n_sym, alpha):
    """Entropy (nats) of p_v = (counts[v] + alpha) / (total + n_sym alpha); uniform when that is 0/0."""
    z = total + n_sym * alpha
    if z <= 0.0:
        return math.log(n_sym)
    h = 0.0
    for v in range(n_sym):
        y = counts[v] + alpha
        if y > 0.0:
            h -= (y / z) * math.log(y / z)
    return h


@njit(cache=True, nogil=True)
def _xlogx(y):
    return y * math.log(y) if y > 0.0 else 0.0


@njit(cache=True, nogil=True)
def _entropy_trace(ctx, sym, start, n_ctx, n_sym, alpha, causal, out):
    """Per-step entropy of the next symbol from counts of (context, symbol) pairs at positions t >= start.

    causal: out[t] uses pairs at positions start <= u < t; fit: all positions
    u >= start. For t < start (no complete context yet) the prediction pools
    every context: the smoothed marginal distribution of the symbol.
    """
    n = sym.shape[0]
    counts = np.zeros(n_ctx * n_sym, dtype=np.int64)
    totals = np.zeros(n_ctx, dtype=np.int64)
    if causal:
        # H = ln Z - (1/Z) sum_v y_v ln y_v with y_v = n_v + alpha, Z = n + n_sym alpha; the sum is kept
        # per context and updated in O(1) when one count grows. Counts are integers < n, so y ln y and
        # ln Z come from tables (filled in a loop numba can vectorize) instead of logs in the hot loop.
        m = max(n - start, 0) + 2
        ylny = np.empty(m)
        lnz = np.empty(m)
        for i in range(m):
            ylny[i] = _xlogx(i + alpha)
            z = i + n_sym * alpha
            lnz[i] = math.log(z) if z > 0.0 else 0.0
        s = np.full(n_ctx, n_sym * ylny[0])
        h_empty = math.log(n_sym)
        for t in range(min(start, n)):
            out[t] = h_empty
        for t in range(start, n):
            c = ctx[t]
            k = c * n_sym + sym[t]
            nc = totals[c]
            z = nc + n_sym * alpha
            if z > 0.0:
                h = lnz[nc] - s[c] / z
                out[t] = h if h > 0.0 else 0.0
            else:
                out[t] = h_empty
            nk = counts[k]
            s[c] += ylny[nk + 1] - ylny[nk]
            counts[k] = nk + 1
            totals[c] = nc + 1
        return
    for t in range(start, n):
        k = ctx[t] * n_sym + sym[t]
        counts[k] += 1
        totals[ctx[t]] += 1
    # entropy of each context that occurs, computed once
    h_ctx = np.full(n_ctx, -1.0)
    for t in range(start, n):
        c = ctx[t]
        if h_ctx[c] < 0.0:
            h_ctx[c] = _smoothed_entropy(counts[c * n_sym:(c + 1) * n_sym].astype(np.float64),
                                         float(totals[c]), n_sym, alpha)
        out[t] = h_ctx[c]
    if start > 0:
        marginal = np.zeros(n_sym, dtype=np.float64)
        for t in range(start, n):
            marginal[sym[t]] += 1.0
        h0 = _smoothed_entropy(marginal, float(max(n - start, 0)), n_sym, alpha)
        for t in range(min(start, n)):
            out[t] = h0


@njit(cache=True, nogil=True, inline="always")
def rule_cuts(rule, g, r):
    """Whether a boundary rule cuts, given its global (H_t > theta) and relative (jump > gamma) tests:
    rule 0 global, 1 relative, 2 both, 3 either."""
    if rule == 0:
        return g
    if rule == 1:
        return r
    if rule == 2:
        return g and r
    return g or r


@njit(cache=True, nogil=True)
def _boundaries(h, rule, threshold, jump, min_len, max_len, starts):
    """Write patch starts into `starts`; return how many.

    rule: 0 global (h[t] > threshold), 1 relative (h[t] - h[t-1] > jump),
    2 both (and), 3 either (or). One left-to-right pass with s the current
    start: t starts a patch if t - s == max_len (forced split), or if t is a
    candidate and t - s >= min_len. max_len <= 0 means no maximum.
    """
    n = h.shape[0]
    if n == 0:
        return 0
    starts[0] = 0
    m = 1
    s = 0
    for t in range(1, n):
        if max_len > 0 and t - s >= max_len:
            starts[m] = t
            m += 1
            s = t
            continue
        if t - s < min_len:
            continue
        g = h[t] > threshold
        r = h[t] - h[t - 1] > jump
        if rule_cuts(rule, g, r):
            starts[m] = t
            m += 1
            s = t
    return m


# --------------------------------------------------------------------------- checks


def _check_int(name, value, minimum):
    whole_float = isinstance(value, float) and value.is_integer()
    if isinstance(value, bool) or not (isinstance(value, (int, np.integer)) or whole_float):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def _check_table(n_ctx: int, n_sym: int, what: str) -> None:
    cells = n_ctx * n_sym
    if cells > MAX_COUNT_CELLS:
        raise ValueError(
            f"{what} means {n_ctx:,} contexts x {n_sym} symbols = {cells:,} counts "
            f"({cells * 8 / 2**30:.3g} GiB), more than the limit of {MAX_COUNT_CELLS:,} counts "
            f"({MAX_COUNT_CELLS * 8 / 2**20:.0f} MiB); lower the order, bins or dim")


def _outside_range(name: str, value: float, observed: np.ndarray, what: str) -> str | None:
    """A sentence when ``value`` is at or above the largest observed value or below the smallest, else None."""
    lo, hi = float(observed.min()), float(observed.max())
    if lo <= value < hi:
        return None
    where = "at or above the largest" if value >= hi else "below the smallest"
    return f"{name} {value:.6g} is {where} {what} (observed range [{lo:.6g}, {hi:.6g}] nats)"


def _check_alpha(alpha) -> float:
    alpha = float(alpha)
    if not math.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha}")
    return alpha


# --------------------------------------------------------------------------- public API


def check_estimator(estimator: str = "value", *, bins: int = DEFAULT_BINS, order: int = DEFAULT_ORDER,
                    dim: int = DEFAULT_DIM) -> tuple:
    """Validate an estimator's settings and the size of its count table; return (estimator, bins, order, dim).

    Raises ValueError for an unknown estimator, bins < 2, order < 0, dim
    outside 2..10, or a table of contexts x symbols larger than
    :data:`MAX_COUNT_CELLS`, saying how many contexts that would be.

    Examples
    --------
    >>> check_estimator("value", bins=16, order=3)
    ('value', 16, 3, 5)
    """
    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {', '.join(ESTIMATORS)}, got {estimator!r}")
    if estimator == "value":
        bins = _check_int("bins", bins, 2)
        order = _check_int("order", order, 0)
        _check_table(bins ** order, bins, f"order {order} with {bins} bins")
    else:
        from .ordinal import check_dim

        dim = check_dim(dim)
        _check_table(math.factorial(dim), dim, f"dim {dim}")
    return estimator, bins, order, dim


def value_symbols(x, bins: int = DEFAULT_BINS, value_range: float = DEFAULT_VALUE_RANGE,
                  center: bool = True) -> np.ndarray:
    """Quantize a series into ``bins`` symbols as EntroPE's tokenizer does.

    Parameters
    ----------
    x : array_like, shape (N,)
        The series; NaN and inf are refused.
    bins : int
        Number of uniform bins B >= 2.
    value_range : float
        R > 0: the bins cover [-R, R] in units of the mean absolute value;
        values outside go to the end bins.
    center : bool
        Subtract the mean first (EntroPE's instance normalization does). With
        ``center=False`` the raw series is scaled, as Chronos does; a series
        far from zero then falls into one or two bins.

    Returns
    -------
    symbols : ndarray of int64, shape (N,)
        Values in 0 .. B-1.

    Notes
    -----
    With m = mean(x) (or 0) and s = mean |x - m| (1 if that is 0),
    u_t = (x_t - m) / s and the symbol is floor((u_t + R) B / (2R)) clipped to
    [0, B-1]. For Gaussian data u has standard deviation sqrt(pi/2) = 1.25,
    so the default R = 3 clips about 1.7% of the samples (EntroPE picks R so
    that 5% clip) and a sine spans the central half of the bins.

    References
    ----------
    Abeywickrama et al., EntroPE, arXiv 2509.26157 (2025); Ansari et al.,
    Chronos, arXiv 2403.07815 (2024), mean scaling and uniform bins.

    Examples
    --------
    >>> value_symbols([-2.0, -1.0, 0.0, 1.0, 2.0], bins=4, value_range=2.0)
    array([0, 1, 2, 2, 3])
    """
    x = check_finite_series(x)
    bins = _check_int("bins", bins, 2)
    value_range = float(value_range)
    if not math.isfinite(value_range) or value_range <= 0:
        raise ValueError(f"value_range must be a finite number > 0, got {value_range}")
    from .ordinal import scale_to_unit_magnitude

    x, _ = scale_to_unit_magnitude(x)  # symbols do not depend on the amplitude; sums of 1e300 overflow
    mean = float(np.mean(x)) if center and x.size else 0.0
    scale = float(np.mean(np.abs(x - mean))) if x.size else 1.0
    if not scale > 0:
        scale = 1.0
    out = np.empty(x.size, dtype=np.int64)
    _quantize(x, mean, scale, value_range, bins, out)
    return out


def conditional_entropy(x, estimator: str = "value", *, bins: int = DEFAULT_BINS, order: int = DEFAULT_ORDER,
                        dim: int = DEFAULT_DIM, mode: str = "causal", alpha: float = DEFAULT_ALPHA,
                        value_range: float = DEFAULT_VALUE_RANGE, center: bool = True) -> np.ndarray:
    """Entropy of the next symbol given the past, at every step: H_t = -sum_v p(v | past) ln p(v | past).

    Parameters
    ----------
    x : array_like, shape (N,)
        The series; NaN and inf are refused.
    estimator : {"value", "ordinal"}
        ``value``: symbols are value bins (see :func:`value_symbols`) and the
        context is the previous ``order`` symbols. ``ordinal``: the symbol is
        the rank of x_t among the ``dim - 1`` values before it and the context
        is the ordinal pattern of the ``dim`` values before it.
    bins, order, value_range, center
        Value estimator: B >= 2 bins over [-R, R] mean absolute values, context
        length k >= 0 (B**k contexts), centring.
    dim : int
        Ordinal estimator: pattern length D, 2 <= D <= 10 (D! contexts, D symbols).
    mode : {"causal", "fit"}
        ``causal``: p at step t uses only the steps before t (a model that
        learns as it reads; early steps are uncertain). ``fit``: counts from
        the whole series (a frozen model fitted to this series).
    alpha : float
        Additive smoothing; 1/2 is the Krichevsky-Trofimov estimator. 0 gives
        the plug-in (maximum-likelihood) estimate.

    Returns
    -------
    entropy : ndarray of float64, shape (N,)
        H_t in nats, 0 <= H_t <= ln(number of symbols).

    Notes
    -----
    With symbols s_t, contexts c_t (complete for t >= k, where k = order for
    ``value`` and k = dim for ``ordinal``) and counts n(c, v) of the pairs
    (c_u, s_u) at the counted positions u >= k (u < t in causal mode, all u in
    fit mode), n(c) = sum_v n(c, v):

        p(v | c_t) = (n(c_t, v) + alpha) / (n(c_t) + A alpha),  A = alphabet size,
        H_t = -sum_v p(v | c_t) ln p(v | c_t).

    A context never seen predicts uniformly (H_t = ln A), also when alpha = 0.
    **First k steps** (no complete context): the prediction pools all contexts,
    i.e. uses the smoothed marginal counts m(v) = sum_c n(c, v). In causal mode
    nothing has been counted yet, so H_t = ln A for t < k; in fit mode H_t is
    the entropy of the marginal symbol distribution. The average of the
    fit-mode trace over t >= k with alpha = 0 is the plug-in conditional
    entropy H(S_t | C_t); for ``ordinal`` that is the conditional entropy of
    successive ordinal patterns H(Pi_t | Pi_{t-1}) of Unakafov & Keller.

    References
    ----------
    Abeywickrama et al., EntroPE, arXiv 2509.26157 (2025). Pagnoni et al.,
    Byte Latent Transformer, arXiv 2412.09871 (2024). Krichevsky & Trofimov,
    IEEE Trans. Inf. Theory 27, 199 (1981). Unakafov & Keller, Physica D 269,
    94 (2014).

    Examples
    --------
    A period-2 series is certain once one step is known; the causal model
    learns that as it reads:

    >>> conditional_entropy([0, 1] * 50, bins=2, order=1, mode="fit", alpha=0)[:4].round(4)
    array([0.6931, 0.    , 0.    , 0.    ])
    >>> conditional_entropy([0, 1] * 50, bins=2, order=1)[[0, 1, 2, 3, 99]].round(4)
    array([0.6931, 0.6931, 0.6931, 0.5623, 0.056 ])
    """
    estimator, bins, order, dim = check_estimator(estimator, bins=bins, order=order, dim=dim)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    alpha = _check_alpha(alpha)
    x = check_finite_series(x)
    if estimator == "value":
        if x.size <= order:
            raise ValueError(f"series of {x.size} samples is too short for order {order}: "
                             f"needs at least order+1 = {order + 1}")
        sym = value_symbols(x, bins, value_range, center)
        ctx = np.empty(x.size, dtype=np.int64)
        _value_contexts(sym, order, bins, ctx)
        start, n_ctx, n_sym = order, bins ** order, bins
    else:
        from .ordinal import ordinal_codes

        if x.size <= dim:
            raise ValueError(f"series of {x.size} samples is too short for dim {dim}: "
                             f"needs at least dim+1 = {dim + 1}")
        sym = np.empty(x.size, dtype=np.int64)
        _ordinal_symbols(x, dim, sym)
        ctx = np.zeros(x.size, dtype=np.int64)
        ctx[dim:] = ordinal_codes(x[:-1], dim)
        start, n_ctx, n_sym = dim, math.factorial(dim), dim
    out = np.empty(x.size, dtype=np.float64)
    _entropy_trace(ctx, sym, start, n_ctx, n_sym, alpha, mode == "causal", out)
    return out


_QUANTILE = re.compile(r"^[qQ](\d+(?:\.\d*)?|\.\d+)$")


def resolve_threshold(values, spec, name: str = "threshold") -> float:
    """A number, or ``"qNN"``: the NN-th percentile of ``values`` (numpy's linear interpolation).

    Examples
    --------
    >>> resolve_threshold([0.0, 1.0, 2.0, 3.0, 4.0], "q50")
    2.0
    >>> resolve_threshold([0.0, 1.0], 0.25)
    0.25

    When the percentile lands on a maximum that many values share, theta is
    the largest value below it, so that the rule H_t > theta still cuts there:

    >>> resolve_threshold([0.5, 1.0, 2.0, 2.0, 2.0], "q70")
    1.0
    """
    if isinstance(spec, str):
        text = spec.strip()
        match = _QUANTILE.match(text)
        if match:
            q = float(match.group(1))
            if not 0 <= q <= 100:
                raise ValueError(f"{name} quantile must be between q0 and q100, got {text}")
            values = np.asarray(values, dtype=np.float64)
            if values.size == 0:
                raise ValueError(f"{name} {text}: no values to take a quantile of")
            theta = float(np.quantile(values, q / 100.0))
            top = float(values.max())
            if q < 100 and theta >= top and (values < top).any():
                # more than (100-NN)% of the trace ties at its maximum (a causal trace sits at ln B
                # while contexts are unseen): with a strict H_t > theta nothing would ever cut, so
                # theta steps down to the largest value below the tie and the tied steps are cut
                theta = float(values[values < top].max())
            return theta
        try:
            spec = float(text)
        except ValueError:
            raise ValueError(f"{name} must be a number or a quantile like q95, got {spec!r}") from None
    if isinstance(spec, bool):
        raise ValueError(f"{name} must be a number or a quantile like q95, got {spec!r}")
    value = float(spec)
    if math.isnan(value):
        raise ValueError(f"{name} must not be NaN")
    return value


def boundaries_from_entropy(entropy, rule: str = "global", threshold=DEFAULT_THRESHOLD, jump=DEFAULT_JUMP,
                            min_len: int = 1, max_len: int | None = None) -> np.ndarray:
    """Patch starts from an entropy trace, by the rules of EntroPE and the Byte Latent Transformer.

    Parameters
    ----------
    entropy : array_like, shape (N,)
        H_t, e.g. from :func:`conditional_entropy`.
    rule : {"global", "relative", "both", "either"}
        Which steps are candidates: ``global`` H_t > theta; ``relative``
        H_t - H_{t-1} > gamma; ``both`` both hold; ``either`` at least one.
    threshold : float or str
        theta, or ``"qNN"`` for the NN-th percentile of H over the whole trace.
    jump : float or str
        gamma, or ``"qNN"`` for the NN-th percentile of the differences
        H_t - H_{t-1}, t = 1 .. N-1.
    min_len : int
        Smallest patch length (1: no minimum; EntroPE has none).
    max_len : int, optional
        Largest patch length: longer patches are split.

    Returns
    -------
    starts : ndarray of int64
        Strictly increasing, starting at 0; patch i is [starts[i], starts[i+1])
        and the last one ends at N.

    Notes
    -----
    Position 0 always starts a patch. Then one pass from t = 1 to N-1, with s
    the start of the current patch: t starts a new patch if t - s = max_len
    (the split comes first), else if t is a candidate of the rule and
    t - s >= min_len. So every patch is at most max_len long, and every patch
    but the last at least min_len long. Thresholds are resolved on the whole
    trace before the pass. A theta (gamma) at or above the largest H
    (difference), or below the smallest, makes the rule mark no step or every
    step; that raises a :class:`ThresholdWarning` that says how many patches
    resulted.

    Examples
    --------
    >>> boundaries_from_entropy([0, 0, 2, 0, 0, 0, 2, 2, 0], threshold=1)
    array([0, 2, 6, 7])
    >>> boundaries_from_entropy([0, 0, 2, 0, 0, 0, 2, 2, 0], threshold=1, min_len=2, max_len=3)
    array([0, 2, 5, 7])
    >>> boundaries_from_entropy([0, 1, 3, 3, 1, 2], rule="relative", jump=0.5)
    array([0, 1, 2, 5])
    """
    h = np.ascontiguousarray(entropy, dtype=np.float64)
    if h.ndim != 1:
        raise ValueError(f"expected a one-dimensional entropy trace, got shape {h.shape}")
    if h.size and not np.isfinite(h).all():
        raise ValueError("entropy trace has NaN or infinite values")
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}, got {rule!r}")
    min_len = _check_int("min_len", min_len, 1)
    if max_len is not None:
        max_len = _check_int("max_len", max_len, 1)
        if max_len < min_len:
            raise ValueError(f"max_len ({max_len}) must be >= min_len ({min_len})")
    uses_theta = rule in ("global", "both", "either")
    uses_gamma = rule in ("relative", "both", "either")
    diffs = np.diff(h) if uses_gamma else None
    theta = resolve_threshold(h, threshold, "threshold") if uses_theta else math.inf
    gamma = math.inf
    if uses_gamma:  # a one-sample trace has no differences: check the spec, nothing to compare
        gamma = resolve_threshold(diffs if h.size > 1 else [0.0], jump, "jump")
    starts = np.empty(max(h.size, 1), dtype=np.int64)
    rule_code = RULES.index(rule)
    m = _boundaries(h, rule_code, theta, gamma, min_len, max_len or 0, starts)
    starts = starts[:m].copy()
    notes = []
    if uses_theta and h.size > 1:
        notes.append(_outside_range("threshold", theta, h, "entropy"))
    if uses_gamma and h.size > 1:
        notes.append(_outside_range("jump", gamma, diffs, "entropy step"))
    notes = [note for note in notes if note]
    if notes:
        warnings.warn("; ".join(notes) + f": {starts.size} patch{'es' if starts.size != 1 else ''} resulted",
                      ThresholdWarning, stacklevel=2)
    return starts


def patch_boundaries(x, estimator: str = "value", *, rule: str = "global", threshold=DEFAULT_THRESHOLD,
                     jump=DEFAULT_JUMP, min_len: int | None = None, max_len: int | None = None,
                     **entropy_options) -> np.ndarray:
    """Patch start indices of a series, cut where the next value is hard to predict (EntroPE without a model).

    Parameters
    ----------
    x : array_like, shape (N,)
        The series.
    estimator : {"value", "ordinal"}
        How H_t is estimated; see :func:`conditional_entropy`.
    rule, threshold, jump, min_len, max_len
        The boundary rule; see :func:`boundaries_from_entropy`. ``min_len``
        defaults to DEFAULT_MIN_LEN (8), or ``max_len`` when that is smaller;
        ``min_len=1`` gives the default of 0.1.0.
    **entropy_options
        ``bins``, ``order``, ``dim``, ``mode``, ``alpha``, ``value_range``,
        ``center``, passed to :func:`conditional_entropy`.

    Returns
    -------
    starts : ndarray of int64
        Strictly increasing patch starts beginning with 0; the patches
        [starts[i], starts[i+1]) and [starts[-1], N) tile the series.

    Notes
    -----
    ``boundaries_from_entropy(conditional_entropy(x, ...), ...)``.

    References
    ----------
    Abeywickrama et al., EntroPE, arXiv 2509.26157 (2025); Pagnoni et al.,
    Byte Latent Transformer, arXiv 2412.09871 (2024).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> t = np.arange(600)
    >>> x = np.where((t >= 200) & (t < 400), rng.normal(size=600), np.sin(2 * np.pi * t / 25))
    >>> starts = patch_boundaries(x, mode="fit", threshold="q80", min_len=1)
    >>> int(np.sum((starts >= 200) & (starts < 400))), int(np.sum(starts >= 400))
    (116, 0)
    """
    h = conditional_entropy(x, estimator, **entropy_options)
    starts = boundaries_from_entropy(h, rule, threshold, jump, default_min_len(min_len, max_len), max_len)
    return starts


def patch_table(entropy, starts) -> dict:
    """Per-patch arrays: start, end (exclusive), length, mean and max of the entropy over the patch.

    Examples
    --------
    >>> patch_table([0.0, 1.0, 3.0, 1.0], [0, 2])["mean_entropy"]
    array([0.5, 2. ])
    """
    h = np.asarray(entropy, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.append(starts[1:], h.size)
    lengths = ends - starts
    sums = np.add.reduceat(h, starts) if h.size else np.zeros(0)
    maxima = np.maximum.reduceat(h, starts) if h.size else np.zeros(0)
    return {"start": starts, "end": ends, "length": lengths, "mean_entropy": sums / lengths,
            "max_entropy": maxima}


def entropy_rate(entropy, estimator: str = "value", *, order: int = DEFAULT_ORDER, dim: int = DEFAULT_DIM) -> float:
    """Mean of H_t over the steps with a complete context (t >= order, or t >= dim), nats per sample.

    In fit mode with alpha = 0 this is the plug-in conditional entropy
    H(S_t | C_t), an estimate of the entropy rate of the symbol sequence.
    """
    k = order if estimator == "value" else dim
    h = np.asarray(entropy, dtype=np.float64)[k:]
    return float(h.mean()) if h.size else math.nan
