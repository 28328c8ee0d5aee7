"""Entropy-guided patches of series read in chunks: the trace, thresholds and boundaries of
:mod:`tscomplex.patching`, in memory bounded by one chunk.

The entropy trace is recomputed in each pass (it is deterministic), never
stored: a pass for the value scale (value symbols), one for the counts (fit
mode), one for the trace's range, its mean and the histograms of any qNN
threshold, one to collect the values of the histogram bins that hold the
wanted order statistics (so a percentile is exact, as numpy's linear
interpolation gives it), and one for the boundaries and patch statistics.
Symbols, contexts, counts and the boundary rule's state are carried across
block edges, so the numbers are those of the in-memory path up to the
rounding of sums taken block by block.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..patching.boundaries import _boundaries_block
from ..patching.conditional import _smoothed_entropy, _xlogx
from ..patching.tokenizers import _ordinal_symbols, _quantize, _value_contexts
from .quantile import StreamedQuantile

TABLE = 1 << 20  # entries of the y ln y and ln Z tables; larger counts compute their logs directly


@njit(cache=True, nogil=True)
def _trace_causal(ctx, sym, t0, start, n_sym, alpha, counts, totals, s, ylny, lnz, out):
    """The causal branch of ``patching._entropy_trace`` for positions t0 .. t0+len-1, its counts carried."""
    h_empty = math.log(n_sym)
    m = ylny.shape[0]
    for j in range(sym.shape[0]):
        if t0 + j < start:
            out[j] = h_empty
            continue
        c = ctx[j]
        k = c * n_sym + sym[j]
        nc = totals[c]
        z = nc + n_sym * alpha
        if z > 0.0:
            lz = lnz[nc] if nc < m else math.log(z)
            h = lz - s[c] / z
            out[j] = h if h > 0.0 else 0.0
        else:
            out[j] = h_empty
        nk = counts[k]
        up = ylny[nk + 1] if nk + 1 < m else _xlogx(nk + 1 + alpha)
        down = ylny[nk] if nk < m else _xlogx(nk + alpha)
        s[c] += up - down
        counts[k] = nk + 1
        totals[c] = nc + 1


@njit(cache=True, nogil=True)
def _fill_tables(alpha, n_sym, ylny, lnz):
    """The tables of ``patching._entropy_trace``, filled the same way, so every value is the same."""
    for i in range(ylny.shape[0]):
        ylny[i] = _xlogx(i + alpha)
        z = i + n_sym * alpha
        lnz[i] = math.log(z) if z > 0.0 else 0.0


@njit(cache=True, nogil=True)
def _count_pairs(ctx, sym, t0, start, n_sym, counts, totals, marginal):
    for j in range(sym.shape[0]):
        if t0 + j >= start:
            counts[ctx[j] * n_sym + sym[j]] += 1
            totals[ctx[j]] += 1
            marginal[sym[j]] += 1.0


class _Trace:
    """The entropy trace of one series, block by block, restartable for another pass."""

    def __init__(self, estimator, bins, order, dim, mode, alpha, value_range, center):
        self.estimator, self.bins, self.order, self.dim = estimator, bins, order, dim
        self.mode, self.alpha, self.value_range, self.center = mode, alpha, value_range, center
        if estimator == "value":
            self.start, self.n_ctx, self.n_sym = order, bins ** order, bins
        else:
            self.start, self.n_ctx, self.n_sym = dim, math.factorial(dim), dim
        self.exponent, self.mean, self.scale = 0, 0.0, 1.0
        self.h_ctx = self.h0 = None

    def set_scale(self, exponent, mean, scale):
        self.exponent, self.mean, self.scale = exponent, mean, scale

    def restart(self):
        self.carry = np.empty(0, dtype=np.int64 if self.estimator == "value" else np.float64)
        self.t0 = 0
        if self.mode == "causal":
            self.counts = np.zeros(self.n_ctx * self.n_sym, dtype=np.int64)
            self.totals = np.zeros(self.n_ctx, dtype=np.int64)
            self.ylny, self.lnz = np.empty(TABLE), np.empty(TABLE)
            _fill_tables(self.alpha, self.n_sym, self.ylny, self.lnz)
            self.s = np.full(self.n_ctx, self.n_sym * self.ylny[0])

    def symbols(self, values):
        """(contexts, symbols) of the positions of this block; the last order symbols (dim values) carry over."""
        skip = self.carry.size
        if self.estimator == "value":
            sym = np.empty(values.size, dtype=np.int64)
            _quantize(np.ldexp(values, -self.exponent), self.mean, self.scale, self.value_range, self.bins, sym)
            buf = np.concatenate((self.carry, sym)) if skip else sym
            ctx = np.empty(buf.size, dtype=np.int64)
            _value_contexts(buf, self.order, self.bins, ctx)
            self.carry = buf[buf.size - min(self.order, buf.size):].copy()
            return ctx[skip:], buf[skip:]
        from ..ordinal.counts import ordinal_codes

        x = np.concatenate((self.carry, values)) if skip else values
        sym = np.empty(x.size, dtype=np.int64)
        _ordinal_symbols(x, self.dim, sym)
        ctx = np.zeros(x.size, dtype=np.int64)
        if x.size > self.dim:
            ctx[self.dim:] = ordinal_codes(x[:-1], self.dim)
        self.carry = x[x.size - min(self.dim, x.size):].copy()
        return ctx[skip:], sym[skip:]

    def count(self, values):
        ctx, sym = self.symbols(values)
        _count_pairs(ctx, sym, self.t0, self.start, self.n_sym, self.counts, self.totals, self.marginal)
        self.t0 += sym.size

    def begin_counting(self):
        self.restart()
        self.counts = np.zeros(self.n_ctx * self.n_sym, dtype=np.int64)
        self.totals = np.zeros(self.n_ctx, dtype=np.int64)
        self.marginal = np.zeros(self.n_sym)

    def end_counting(self):
        n = self.t0
        self.h_ctx = np.full(self.n_ctx, math.log(self.n_sym))
        for c in np.flatnonzero(self.totals):
            self.h_ctx[c] = _smoothed_entropy(self.counts[c * self.n_sym:(c + 1) * self.n_sym].astype(np.float64),
                                              float(self.totals[c]), self.n_sym, self.alpha)
        self.h0 = _smoothed_entropy(self.marginal, float(max(n - self.start, 0)), self.n_sym, self.alpha)

    def entropy(self, values):
        ctx, sym = self.symbols(values)
        if self.mode == "causal":
            out = np.empty(sym.size)
            _trace_causal(ctx, sym, self.t0, self.start, self.n_sym, self.alpha, self.counts, self.totals, self.s,
                          self.ylny, self.lnz, out)
        else:
            out = self.h_ctx[ctx]
            early = max(0, min(self.start - self.t0, sym.size))
            out[:early] = self.h0
        self.t0 += sym.size
        return out


def _outside(name, value, lo, hi, what):
    if lo <= value < hi:
        return None
    where = "at or above the largest" if value >= hi else "below the smallest"
    return f"{name} {value:.6g} is {where} {what} (observed range [{lo:.6g}, {hi:.6g}] nats)"


def chunked_patches(table, estimator="value", bins=8, order=2, dim=5, value_range=3.0, center=True, mode="causal",
                    alpha=0.5, rule="global", threshold="q90", jump="q90", min_len=None, max_len=None,
                    patches=True) -> dict:
    """{series name: statistics dict, or a ValueError} of a :class:`~tscomplex.io.ChunkedTable`.

    The statistics are those of the summary record of ``tscomplex patch``
    (n, threshold, jump, n_patches, mean and median patch length,
    entropy_rate, warning) and, with ``patches``, the list of patches as
    (start, end, length, mean_entropy, max_entropy).
    """
    from ..ordinal.series import MAGNITUDE_BITS
    from ..patching.boundaries import resolve_threshold
    from ..patching.conditional import _check_alpha
    from ..patching.defaults import RULES, default_min_len
    from ..patching.tokenizers import check_estimator

    min_len = default_min_len(min_len, max_len)
    estimator, bins, order, dim = check_estimator(estimator, bins=bins, order=order, dim=dim)
    alpha = _check_alpha(alpha)
    names = table.names
    traces = {name: _Trace(estimator, bins, order, dim, mode, alpha, value_range, center) for name in names}
    size = dict.fromkeys(names, 0)
    if estimator == "value":  # the scale of value_symbols: a power of two, the mean, the mean absolute deviation
        peak, total = dict.fromkeys(names, 0.0), dict.fromkeys(names, 0.0)
        for block in table.blocks():
            for name, v in block.items():
                if v.size:
                    peak[name] = max(peak[name], float(np.max(np.abs(v))))
                    total[name] += float(np.sum(v))
                    size[name] += v.size
        exponent = {n: 0 if p == 0.0 or 2.0 ** -MAGNITUDE_BITS <= p <= 2.0 ** MAGNITUDE_BITS else math.frexp(p)[1]
                    for n, p in peak.items()}
        if any(exponent.values()) or not all(math.isfinite(t) for t in total.values()):
            total = dict.fromkeys(names, 0.0)
            for block in table.blocks():
                for name, v in block.items():
                    total[name] += float(np.sum(np.ldexp(v, -exponent[name])))
        mean = {n: total[n] / size[n] if center and size[n] else 0.0 for n in names}
        spread = dict.fromkeys(names, 0.0)
        for block in table.blocks():
            for name, v in block.items():
                spread[name] += float(np.sum(np.abs(np.ldexp(v, -exponent[name]) - mean[name])))
        for name in names:
            scale = spread[name] / size[name] if size[name] else 1.0
            traces[name].set_scale(exponent[name], mean[name], scale if scale > 0 else 1.0)
    if mode == "fit":
        for trace in traces.values():
            trace.begin_counting()
        for block in table.blocks():
            for name, v in block.items():
                traces[name].count(v)
        for trace in traces.values():
            trace.end_counting()

    uses_theta = rule in ("global", "both", "either")
    uses_gamma = rule in ("relative", "both", "either")
    top = math.log(bins if estimator == "value" else dim)
    k = order if estimator == "value" else dim

    def run_trace(each):
        """Call each(name, h, previous h) for every block of the trace, in order."""
        for trace in traces.values():
            trace.restart()
        prev = dict.fromkeys(names, math.nan)
        for block in table.blocks():
            for name, v in block.items():
                h = traces[name].entropy(v)
                if h.size:
                    each(name, h, prev[name])
                    prev[name] = float(h[-1])

    qh = {n: StreamedQuantile(threshold, 0.0, top * (1 + 1e-9) + 1e-12) for n in names}
    qd = {n: StreamedQuantile(jump, -top * (1 + 1e-9) - 1e-12, top * (1 + 1e-9) + 1e-12) for n in names}
    rate = dict.fromkeys(names, 0.0)
    seen = dict.fromkeys(names, 0)

    def first(name, h, prev):
        qh[name].first_pass(h)
        d = np.diff(h) if math.isnan(prev) else np.diff(np.concatenate(([prev], h)))
        qd[name].first_pass(d)
        skip = max(0, k - seen[name])
        rate[name] += float(np.sum(h[skip:]))
        seen[name] += h.size

    run_trace(first)
    out = {}
    for name in names:
        n = seen[name]
        need = k + 1
        if n < need:
            what = f"order {order}" if estimator == "value" else f"dim {dim}"
            out[name] = ValueError(f"series of {n} samples is too short for {what}: needs at least "
                                   f"{'order' if estimator == 'value' else 'dim'}+1 = {need}")
    live = [name for name in names if name not in out]
    plan_h = {name for name in live if uses_theta and qh[name].plan()}
    plan_d = {name for name in live if uses_gamma and seen[name] > 1 and qd[name].plan()}
    if plan_h or plan_d:
        def second(name, h, prev):
            if name in plan_h:
                qh[name].second_pass(h)
            if name in plan_d:
                qd[name].second_pass(np.diff(h) if math.isnan(prev) else np.diff(np.concatenate(([prev], h))))

        run_trace(second)
    theta, gamma = {}, {}
    for name in live:
        theta[name] = (qh[name].value() if qh[name].q is not None else resolve_threshold([0.0], threshold)) \
            if uses_theta else None
        gamma[name] = None
        if uses_gamma and seen[name] > 1:
            gamma[name] = qd[name].value() if qd[name].q is not None else resolve_threshold([0.0], jump)

    rule_code = RULES.index(rule)
    state = {n: np.zeros(1, dtype=np.int64) for n in live}
    open_patch = {n: [0, 0.0, -math.inf] for n in live}  # start, sum, max of the patch being read
    lengths = {n: {} for n in live}
    rows = {n: [] for n in live}

    def third(name, h, prev):
        if name not in state:
            return
        t0 = seen[name]
        starts = np.empty(h.size, dtype=np.int64)
        m = _boundaries_block(h, t0, prev, rule_code, theta[name] if theta[name] is not None else math.inf,
                              gamma[name] if gamma[name] is not None else math.inf, min_len, max_len or 0,
                              state[name], starts)
        cuts = starts[:m][starts[:m] > 0] - t0  # position 0 of the series opens the first patch, not a cut
        patch = open_patch[name]
        if cuts.size and cuts[0] == 0:  # a patch starts right at this block's first sample
            close(name, patch, t0)
            patch[0], patch[1], patch[2] = t0, 0.0, -math.inf
            cuts = cuts[1:]
        edges = np.concatenate(([0], cuts))
        sums = np.add.reduceat(h, edges)
        maxima = np.maximum.reduceat(h, edges)
        patch[1] += float(sums[0])
        patch[2] = max(patch[2], float(maxima[0]))
        for i, cut in enumerate(cuts):
            close(name, patch, t0 + int(cut))
            patch[0], patch[1], patch[2] = t0 + int(cut), float(sums[i + 1]), float(maxima[i + 1])
        seen[name] += h.size

    def close(name, patch, end):
        length = end - patch[0]
        lengths[name][length] = lengths[name].get(length, 0) + 1
        if patches:
            rows[name].append((patch[0], end, length, patch[1] / length, patch[2]))

    seen = dict.fromkeys(names, 0)
    run_trace(third)
    for name in live:
        n = seen[name]
        close(name, open_patch[name], n)
        counts = sorted(lengths[name].items())
        n_patches = sum(c for _, c in counts)
        lo_i, hi_i = (n_patches - 1) // 2, n_patches // 2
        ranked, r = [], 0
        for length, c in counts:
            if r <= hi_i < r + c or r <= lo_i < r + c:
                ranked.append((r, r + c, length))
            r += c
        pick = {i: next(length for a, b, length in ranked if a <= i < b) for i in (lo_i, hi_i)}
        notes = []
        if uses_theta and n > 1:
            notes.append(_outside("threshold", theta[name], qh[name].low, qh[name].top, "entropy"))
        if uses_gamma and n > 1:
            notes.append(_outside("jump", gamma[name], qd[name].low, qd[name].top, "entropy step"))
        notes = [note for note in notes if note]
        warning = ("; ".join(notes) + f": {n_patches} patch{'es' if n_patches != 1 else ''} resulted") \
            if notes else None
        out[name] = {"n": n, "threshold": theta[name], "jump": gamma[name], "n_patches": n_patches,
                     "mean_patch_length": n / n_patches, "median_patch_length": (pick[lo_i] + pick[hi_i]) / 2,
                     "entropy_rate": rate[name] / (n - k) if n > k else math.nan, "warning": warning,
                     "patches": rows[name]}
    return out
