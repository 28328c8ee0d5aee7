"""Per-window patching as EntroPE does it: each look-back window is tokenized, modelled and thresholded alone.

EntroPE (Abeywickrama et al., arXiv 2509.26157) patches one look-back window
of 96 samples at a time: the window is normalized (RevIN), tokenized, its
entropy trace taken, the threshold is a quantile of that window's trace, and
position 0 of every window starts a patch. :func:`windowed_patches` does the
same with tscomplex's count models, for every window of a long series in one
numba pass: window w is ``x[w*step : w*step + window]``, and its trace,
thresholds and patch starts are exactly those of the whole-series path
(:func:`~tscomplex.patching.conditional_entropy`,
:func:`~tscomplex.patching.boundaries_from_entropy`) run on that window alone.
Patch starts come back in series coordinates.

Count tables are indexed by the contexts that occur in a window (at most
``window`` of them), never by every possible context, so the 256-token
vocabulary of ``tokenizer="entrope"`` costs no more than 8 bins.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .._validation import check_choice, check_int, check_series
from ..options import ENTROPE_SPECIAL_TOKENS, ENTROPE_VOCAB_SIZE, PATCH_TOKENIZERS
from .boundaries import _QUANTILE, _boundaries_block, _resolve_sorted
from .conditional import _check_alpha, _smoothed_entropy, _xlogx
from .defaults import DEFAULT_ALPHA, DEFAULT_BINS, DEFAULT_DIM, DEFAULT_JUMP, DEFAULT_ORDER, DEFAULT_THRESHOLD
from .defaults import DEFAULT_VALUE_RANGE, ESTIMATORS, MODES, RULES
from .tokenizers import _entrope_quantize, _ordinal_symbols, _quantize, _value_contexts, entrope_edges
from .tokenizers import entrope_limits

#: Largest number of trace values (windows x window length) held at once: 2**26 floats = 512 MiB.
MAX_WINDOW_CELLS = 2**26
KIND_VALUE, KIND_ENTROPE, KIND_ORDINAL, KIND_GIVEN, KIND_MODEL = 0, 1, 2, 3, 4


@njit(cache=True, nogil=True)
def _dense_ids(keys, ids):
    """ids[i] = rank of keys[i] among the distinct keys (sorted); return how many distinct keys."""
    n = keys.shape[0]
    if n == 0:
        return 0
    order = np.argsort(keys)
    d = 0
    ids[order[0]] = 0
    for i in range(1, n):
        if keys[order[i]] != keys[order[i - 1]]:
            d += 1
        ids[order[i]] = d
    return d + 1


@njit(cache=True, nogil=True)
def _window_trace(ctx, sym, start, n_sym, alpha, causal, ylny, lnz, out, lid, pid, keys, counts, totals, s,
                  pair_ctx, pair_sym, h_ctx, row):
    """``conditional._entropy_trace`` on one window, with counts indexed by the contexts and pairs that
    occur in it: the same sums in the same order, so the same numbers. The arrays after ``out`` are
    scratch space of the window's length (``row``: of the alphabet's size, all zero)."""
    n = sym.shape[0]
    h_empty = math.log(n_sym)
    m = n - start
    n_ctx = _dense_ids(ctx[start:], lid)
    for j in range(m):
        keys[j] = lid[j] * n_sym + sym[start + j]
    n_pair = _dense_ids(keys[:m], pid)
    counts[:n_pair] = 0
    totals[:n_ctx] = 0
    if causal:
        s[:n_ctx] = n_sym * ylny[0]
        for t in range(start):
            out[t] = h_empty
        for j in range(m):
            c = lid[j]
            k = pid[j]
            nc = totals[c]
            z = nc + n_sym * alpha
            if z > 0.0:
                h = lnz[nc] - s[c] / z
                out[start + j] = h if h > 0.0 else 0.0
            else:
                out[start + j] = h_empty
            nk = counts[k]
            s[c] += ylny[nk + 1] - ylny[nk]
            counts[k] = nk + 1
            totals[c] = nc + 1
        return
    for j in range(m):
        counts[pid[j]] += 1
        totals[lid[j]] += 1
        pair_ctx[pid[j]] = lid[j]
        pair_sym[pid[j]] = sym[start + j]
    p = 0
    for c in range(n_ctx):  # pair ids are sorted by (context, symbol): each context's pairs are a run
        q = p
        while q < n_pair and pair_ctx[q] == c:
            row[pair_sym[q]] = counts[q]
            q += 1
        h_ctx[c] = _smoothed_entropy(row, float(totals[c]), n_sym, alpha)
        for r in range(p, q):
            row[pair_sym[r]] = 0.0
        p = q
    for j in range(m):
        out[start + j] = h_ctx[lid[j]]
    if start > 0:
        for j in range(m):
            row[sym[start + j]] += 1.0
        h0 = _smoothed_entropy(row, float(m), n_sym, alpha)
        for j in range(m):
            row[sym[start + j]] = 0.0
        for t in range(start):
            out[t] = h0


@njit(cache=True, nogil=True)
def _windows_kernel(x, win_starts, width, kind, k, n_sym, alpha, causal, means, scales, value_range, edges,
                    gsym, gctx, given, rules, rule, th_pct, th_val, jp_pct, jp_val, min_len, max_len, ylny, lnz,
                    traces, thetas, gammas, flags, rates, n_patch, p_start, p_end, p_win, p_mean, p_max):
    """Every window: symbols, contexts, trace, thresholds, starts and patch statistics. Returns the number
    of patches written."""
    sym = np.zeros(width, dtype=np.int64)
    ctx = np.zeros(width, dtype=np.int64)
    lid = np.empty(width, dtype=np.int64)
    pid = np.empty(width, dtype=np.int64)
    sorted_h = np.empty(width)
    diffs = np.empty(max(width - 1, 1))
    starts = np.empty(width, dtype=np.int64)
    state = np.zeros(1, dtype=np.int64)
    keys = np.empty(width, dtype=np.int64)
    counts = np.empty(width, dtype=np.int64)
    totals = np.empty(width, dtype=np.int64)
    pair_ctx = np.empty(width, dtype=np.int64)
    pair_sym = np.empty(width, dtype=np.int64)
    s_buf = np.empty(width)
    h_ctx = np.empty(width)
    row = np.zeros(n_sym)
    total = 0
    for w in range(win_starts.shape[0]):
        s0 = win_starts[w]
        h = traces[w]
        if kind == 3:
            for j in range(width):
                h[j] = given[s0 + j]
        elif kind != 4:  # 4: a context model filled the traces
            if kind == 0:
                _quantize(x[s0:s0 + width], means[w], scales[w], value_range, n_sym, sym)
            elif kind == 1:
                _entrope_quantize(x[s0:s0 + width], means[w], scales[w], edges, ENTROPE_SPECIAL_TOKENS, n_sym, sym)
            if kind <= 1:
                _value_contexts(sym, k, n_sym, ctx)
            else:
                for j in range(k, width):
                    sym[j] = gsym[s0 + j]
                    ctx[j] = gctx[s0 + j]
            _window_trace(ctx, sym, k, n_sym, alpha, causal, ylny, lnz, h, lid, pid, keys, counts, totals, s_buf,
                          pair_ctx, pair_sym, h_ctx, row)
        acc = 0.0
        for j in range(k, width):
            acc += h[j]
        rates[w] = acc / (width - k) if width > k else np.nan
        if not rules:
            continue
        theta = np.inf
        gamma = np.inf
        if rule != 1:
            sorted_h[:] = h
            sorted_h.sort()
            theta = _resolve_sorted(sorted_h, th_pct, th_val)
            if width > 1 and not (sorted_h[0] <= theta < sorted_h[width - 1]):
                flags[w] |= 1
        if rule != 0 and width > 1:
            for j in range(width - 1):
                diffs[j] = h[j + 1] - h[j]
            diffs.sort()
            gamma = _resolve_sorted(diffs, jp_pct, jp_val)
            if not (diffs[0] <= gamma < diffs[width - 2]):
                flags[w] |= 2
        elif rule != 0:
            gamma = 0.0 if jp_pct >= 0 else jp_val
        thetas[w] = theta if rule != 1 else np.nan
        gammas[w] = gamma if rule != 0 else np.nan
        state[0] = 0
        m = _boundaries_block(h, 0, 0.0, rule, theta, gamma, min_len, max_len, state, starts)
        n_patch[w] = m
        for i in range(m):
            a = starts[i]
            b = starts[i + 1] if i + 1 < m else width
            acc = 0.0
            top = h[a]
            for j in range(a, b):
                acc += h[j]
                if h[j] > top:
                    top = h[j]
            p_start[total] = s0 + a
            p_end[total] = s0 + b
            p_win[total] = w
            p_mean[total] = acc / (b - a)
            p_max[total] = top
            total += 1
    return total


def _spec(spec, name: str) -> tuple[float, float]:
    """(percent, -1) for "qNN" (checked as resolve_threshold checks it), else (-1, value)."""
    from .boundaries import resolve_threshold

    resolve_threshold([0.0], spec, name)  # one message for a bad spec
    if isinstance(spec, str) and _QUANTILE.match(spec.strip()):
        return float(_QUANTILE.match(spec.strip()).group(1)), 0.0
    return -1.0, float(spec)


def _window_scales(x: np.ndarray, starts: np.ndarray, width: int, center: bool) -> tuple[np.ndarray, np.ndarray]:
    """Each window's mean (or 0) and mean absolute value around it (1 when 0), by numpy as
    ``value_symbols`` takes them, in blocks of windows so memory stays bounded."""
    from numpy.lib.stride_tricks import sliding_window_view

    view = sliding_window_view(x, width)
    means = np.zeros(starts.size)
    scales = np.empty(starts.size)
    block = max(1, 2**22 // width)
    for i in range(0, starts.size, block):
        rows = view[starts[i:i + block]]
        if center:
            means[i:i + block] = rows.mean(axis=1)
        scales[i:i + block] = np.abs(rows - means[i:i + block, None]).mean(axis=1)
    scales[~(scales > 0)] = 1.0
    return means, scales


def windowed_patches(x, window: int | None = None, step: int | None = None, *, estimator: str = "value",
                     tokenizer: str = "value", bins: int = DEFAULT_BINS, order: int = DEFAULT_ORDER,
                     dim: int = DEFAULT_DIM, mode: str = "causal", alpha: float = DEFAULT_ALPHA,
                     value_range=DEFAULT_VALUE_RANGE, center: bool = True, vocab_size: int = ENTROPE_VOCAB_SIZE,
                     range_data=None, entropy=None, rule: str = "global", threshold=DEFAULT_THRESHOLD,
                     jump=DEFAULT_JUMP, min_len: int = 1, max_len: int | None = None, rules: bool = True,
                     model=None) -> dict:
    """Patch boundaries of every look-back window, each window on its own (EntroPE's per-window patching).

    Parameters
    ----------
    x : array_like, shape (N,)
        The series.
    window : int, optional
        W, the window length (EntroPE: 96). None: one window, the whole series.
    step : int, optional
        Start of window w is w * step (default W: windows tile the series).
        Only whole windows are used; samples in no window are counted in
        ``uncovered_samples``.
    estimator, bins, order, dim, mode, alpha, center
        As :func:`~tscomplex.patching.conditional_entropy`, applied to each window.
    tokenizer : {"value", "entrope"}
        ``value``: --bins bins over [-R, R] (:func:`value_symbols`); ``entrope``:
        EntroPE's ids (:func:`entrope_tokens`), ``vocab_size`` symbols.
    value_range : float or str
        ``value``: R. ``entrope``: R, "LOW:HIGH" or "qA:qB" (see :func:`entrope_limits`;
        quantiles are taken once, of ``range_data`` or else the whole series).
    entropy : array_like, optional
        A trace of length N computed elsewhere: the rules are applied to it,
        per window, and no model runs.
    model : ContextModel, optional
        A frozen context model (:func:`~tscomplex.patching.fit_series_model`)
        applied to each window's tokens (its tokenizer, order and smoothing
        replace ``tokenizer``, ``bins``, ``order``, ``value_range``,
        ``vocab_size``, ``mode`` and ``alpha``), as EntroPE applies its trained
        model; the result also holds ``log_prob`` and ``found`` (windows x W).
    rule, threshold, jump, min_len, max_len
        As :func:`~tscomplex.patching.boundaries_from_entropy`; a qNN threshold is
        the percentile of each window's own trace.

    Returns
    -------
    dict
        ``window``, ``step``, ``window_starts``; ``traces`` (windows x W);
        per window ``threshold``, ``jump`` (NaN when the rule does not use
        them), ``n_patches``, ``entropy_rate``, ``outside`` (bit 1: theta
        outside the window's range, bit 2: gamma); per patch ``start``,
        ``end`` (series coordinates, end exclusive), ``patch_window``,
        ``mean_entropy``, ``max_entropy``; ``uncovered_samples``; for entrope
        ``range_low``, ``range_high``, ``range_rule``.

    Examples
    --------
    Three windows of 96 tile 288 of 300 samples; window 1 starts a patch at
    its first sample, 96, and has its own threshold:

    >>> r = windowed_patches(np.sin(np.arange(300) / 2.0), 96, mode="fit", min_len=8)
    >>> r["window_starts"], r["uncovered_samples"]
    (array([  0,  96, 192]), 12)
    >>> r["start"][r["patch_window"] == 1], r["threshold"].round(4)
    (array([ 96, 105, 143, 168]), array([1.5674, 1.6336, 1.5888]))
    """
    x = check_series(x, "series", min_size=1)
    check_choice(estimator, "estimator", ESTIMATORS)
    check_choice(tokenizer, "tokenizer", PATCH_TOKENIZERS)
    check_choice(mode, "mode", MODES)
    check_choice(rule, "rule", RULES)
    alpha = _check_alpha(alpha)
    n = x.size
    width = n if window is None else check_int(window, "window", 1)
    step = width if step is None else check_int(step, "window_step", 1)
    if width > n:
        raise ValueError(f"series of {n} samples is shorter than the window of {width}")
    min_len = check_int(min_len, "min_len", 1)
    if max_len is not None:
        max_len = check_int(max_len, "max_len", 1)
        if max_len < min_len:
            raise ValueError(f"max_len ({max_len}) must be >= min_len ({min_len})")
    out: dict = {"window": window, "step": step if window is not None else None}
    if tokenizer == "entrope" and estimator != "value":
        raise ValueError("tokenizer 'entrope' makes value symbols: it needs estimator 'value'")
    given = np.zeros(1)
    if entropy is not None:
        given = check_series(entropy, "entropy", min_size=0)
        if given.size != n:
            raise ValueError(f"entropy trace has {given.size} values but the series has {n} samples")
        kind, k, n_sym = KIND_GIVEN, 0, 1
    elif model is not None:
        if estimator != "value":
            raise ValueError(f"context models need estimator 'value', got {estimator!r}")
        kind, k, n_sym = KIND_MODEL, model.order, model.n_symbols
        center = model.header["tokenizer"]["center"]
    elif estimator == "ordinal":
        from ..ordinal.series import check_dim

        kind, k, n_sym = KIND_ORDINAL, check_dim(dim), check_dim(dim)
    else:
        kind, k = (KIND_ENTROPE if tokenizer == "entrope" else KIND_VALUE), check_int(order, "order", 0)
        n_sym = check_int(vocab_size if tokenizer == "entrope" else bins, "vocab_size" if kind else "bins", 2)
        if k * math.log2(n_sym) >= 62:
            raise ValueError(f"order {k} with {n_sym} symbols gives context codes beyond 64 bits; lower the order")
    if width <= k:
        what = "dim" if kind == KIND_ORDINAL else "order"
        raise ValueError(f"window of {width} samples is too short for {what} {k}: needs at least {k + 1}")
    win_starts = np.arange(0, n - width + 1, step, dtype=np.int64)
    if win_starts.size * width > MAX_WINDOW_CELLS:
        raise ValueError(f"{win_starts.size:,} windows of {width} samples are {win_starts.size * width:,} trace "
                         f"values, more than the limit of {MAX_WINDOW_CELLS:,}; raise the window step")
    from ..ordinal.series import scale_to_unit_magnitude

    x, _ = scale_to_unit_magnitude(x)
    edges = np.zeros(2)
    means = scales = np.zeros(win_starts.size)
    if kind in (KIND_VALUE, KIND_ENTROPE, KIND_MODEL):
        means, scales = _window_scales(x, win_starts, width, center)
    value_r = 1.0
    if kind == KIND_ENTROPE:
        low, high, range_rule = entrope_limits(value_range, x if range_data is None else range_data)
        edges = entrope_edges(n_sym, low, high)
        out.update(range_low=low, range_high=high, range_rule=range_rule)
    elif kind == KIND_VALUE:
        value_r = float(value_range)
    gsym = gctx = np.zeros(1, dtype=np.int64)
    if kind == KIND_ORDINAL:
        from ..ordinal.counts import ordinal_codes

        gsym = np.empty(n, dtype=np.int64)
        _ordinal_symbols(x, k, gsym)
        gctx = np.zeros(n, dtype=np.int64)
        gctx[k:] = ordinal_codes(x[:-1], k)
    th_pct, th_val = _spec(threshold, "threshold") if rules and rule != "relative" else (-1.0, 0.0)
    jp_pct, jp_val = _spec(jump, "jump") if rules and rule != "global" else (-1.0, 0.0)
    ylny = np.array([_xlogx(i + alpha) for i in range(width + 2)])
    lnz = np.array([math.log(i + n_sym * alpha) if i + n_sym * alpha > 0 else 0.0 for i in range(width + 2)])
    nw = win_starts.size
    traces = np.empty((nw, width))
    if kind == KIND_MODEL:
        from .window_models import model_window_traces

        applied = model_window_traces(x, win_starts, width, model, means, scales)
        traces = applied["entropy"]
        out.update(log_prob=applied["log_prob"], found=applied["found"])
    thetas, gammas, rates = np.full(nw, np.nan), np.full(nw, np.nan), np.empty(nw)
    flags, n_patch = np.zeros(nw, dtype=np.int64), np.zeros(nw, dtype=np.int64)
    cells = nw * width if rules else 1
    p_start, p_end, p_win = (np.empty(cells, dtype=np.int64) for _ in range(3))
    p_mean, p_max = np.empty(cells), np.empty(cells)
    from .window_threads import run_windows, window_parts  # blocks of windows on threads (issue 14)

    args = [x, win_starts, width, kind, k, n_sym, alpha, mode == "causal", means, scales, value_r, edges, gsym,
            gctx, given, rules, RULES.index(rule), th_pct, th_val, jp_pct, jp_val, min_len, max_len or 0, ylny, lnz,
            traces, thetas, gammas, flags, rates, n_patch, p_start, p_end, p_win, p_mean, p_max]
    total = run_windows(_windows_kernel, args, (1, 8, 9, 25, 26, 27, 28, 29, 30), (31, 32, 33, 34, 35), width,
                        rules, window_parts(nw, width))
    covered = (win_starts[-1] + width) if step <= width else nw * width
    out.update(window_starts=win_starts, traces=traces, threshold=thetas, jump=gammas, outside=flags,
               n_patches=n_patch, entropy_rate=rates, start=p_start[:total].copy(), end=p_end[:total].copy(),
               patch_window=p_win[:total].copy(), mean_entropy=p_mean[:total].copy(),
               max_entropy=p_max[:total].copy(), uncovered_samples=int(n - covered), context_length=k)
    return out
