"""The conditional entropy of the next symbol at every step, from count tables (causal or fitted)."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_choice, check_positive, check_series
from ..ordinal.counts import ordinal_codes
from .defaults import DEFAULT_ALPHA, DEFAULT_BINS, DEFAULT_DIM, DEFAULT_ORDER, DEFAULT_VALUE_RANGE, MODES
from .fitted import model_entropy, uses_model
from .tokenizers import _ordinal_symbols, _value_contexts, check_estimator, value_symbols


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


def _check_alpha(alpha) -> float:
    return check_positive(alpha, "alpha", allow_zero=True)


def conditional_entropy(x, estimator: str = "value", *, bins: int | None = None, order: int | None = None,
                        dim: int = DEFAULT_DIM, mode: str | None = None, alpha: float | None = None,
                        value_range: float | None = None, center: bool | None = None,
                        context_model: str | None = None, fit_on=None, fit_range=None, model=None) -> np.ndarray:
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
        length k >= 0 (B**k contexts), centring. None: the defaults (8, 2,
        3.0, True), or the settings of ``model``.
    dim : int
        Ordinal estimator: pattern length D, 2 <= D <= 10 (D! contexts, D symbols).
    mode : {"causal", "fit"}, optional
        ``causal`` (the default): p at step t uses only the steps before t (a
        model that learns as it reads; early steps are uncertain). ``fit``:
        counts from the whole series (a frozen model fitted to this series);
        the only mode of a context model (``context_model``, ``fit_on``,
        ``fit_range``, ``model``).
    alpha : float, optional
        Additive smoothing; 1/2 (the default) is the Krichevsky-Trofimov
        estimator. 0 gives the plug-in (maximum-likelihood) estimate.
    context_model : {"fixed", "variable"}, optional
        Value estimator, fitted counts (see
        :func:`tscomplex.patching.models.fit_context_model`): ``variable``
        interpolates every context length 0..order (order <= 8, up to 256
        bins, sparse counts).
    fit_on : array_like, optional
        A training series: the counts come from it (tokenized on its own
        scale) and are applied, frozen, to ``x``.
    fit_range : (int, int), optional
        Train on samples A <= t < B of ``x`` (as ``fit_on=x[A:B]``).
    model : ContextModel, optional
        A fitted model (:func:`~tscomplex.patching.model_files.load_context_model`);
        settings given here must match its own.

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
    if uses_model(context_model, fit_on, fit_range, model):
        if estimator != "value":
            raise ValueError(f"context models (context_model, fit_on, fit_range, model) need estimator 'value', "
                             f"got {estimator!r}")
        return model_entropy(x, bins=bins, order=order, value_range=value_range, center=center, alpha=alpha,
                             mode=mode, context_model=context_model, fit_on=fit_on, fit_range=fit_range,
                             model=model)["entropy"]
    bins = DEFAULT_BINS if bins is None else bins
    order = DEFAULT_ORDER if order is None else order
    value_range = DEFAULT_VALUE_RANGE if value_range is None else value_range
    center = True if center is None else center
    alpha = DEFAULT_ALPHA if alpha is None else alpha
    mode = "causal" if mode is None else mode
    estimator, bins, order, dim = check_estimator(estimator, bins=bins, order=order, dim=dim)
    check_choice(mode, "mode", MODES)
    alpha = _check_alpha(alpha)
    x = check_series(x, "series", min_size=0)
    if estimator == "value":
        if x.size <= order:
            raise ValueError(f"series of {x.size} samples is too short for order {order}: "
                             f"needs at least order+1 = {order + 1}")
        sym = value_symbols(x, bins, value_range, center)
        ctx = np.empty(x.size, dtype=np.int64)
        _value_contexts(sym, order, bins, ctx)
        start, n_ctx, n_sym = order, bins ** order, bins
    else:
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


def entropy_rate(entropy, estimator: str = "value", *, order: int = DEFAULT_ORDER, dim: int = DEFAULT_DIM) -> float:
    """Mean of H_t over the steps with a complete context (t >= order, or t >= dim), nats per sample.

    In fit mode with alpha = 0 this is the plug-in conditional entropy
    H(S_t | C_t), an estimate of the entropy rate of the symbol sequence.
    """
    k = order if estimator == "value" else dim
    h = np.asarray(entropy, dtype=np.float64)[k:]
    return float(h.mean()) if h.size else math.nan
