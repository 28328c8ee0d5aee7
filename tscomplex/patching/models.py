"""Context models of a symbol sequence: fitted (context, next symbol) counts, applied frozen to other series.

A model is fitted on one symbol sequence (a training split) and predicts the
next symbol of another from the previous ``order`` symbols, so entropy-guided
patch boundaries can come from a model trained elsewhere, as EntroPE's do.

* ``fixed``: the order-k context alone, smoothed by add-alpha
  (Krichevsky-Trofimov for alpha = 1/2); the same numbers as the ``fit`` mode of
  :func:`~tscomplex.patching.conditional_entropy` when applied to its own
  training series.
* ``variable``: every context length 0..k, each smoothed towards the
  prediction of the next-shorter context (interpolated KT, a hierarchical
  Dirichlet back-off), so a context seen rarely or never falls back on the
  shorter ones instead of on the uniform distribution.

Counts are sparse: only the contexts that occur are stored, as sorted 64-bit
keys (the last k symbols packed ``ceil(log2 A)`` bits each, so alphabets up to
256 symbols and orders up to 8 fit), never a dense A^k table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_int, check_positive, check_series
from .model_kernels import (
    _apply,
    _apply_rows,
    _composite,
    _group_pairs,
    _group_weighted,
    _level_mask,
    _rolling_keys,
)

#: What :func:`load_context_model` reads; a file of another format or version is refused.
MODEL_FORMAT = "tscomplex-context-model"
MODEL_VERSION = 1
CONTEXT_MODELS = ("fixed", "variable")
MAX_MODEL_ORDER = 8
MAX_MODEL_SYMBOLS = 256
#: The arrays of a model file, with the dtype each must have.
ARRAYS = {"level_orders": np.int64, "level_offsets": np.int64, "keys": np.uint64, "totals": np.int64,
          "row_offsets": np.int64, "symbols": np.int64, "counts": np.int64}


def symbol_bits(n_symbols: int) -> int:
    """Bits per symbol in a packed context key: ceil(log2 A), at least 1."""
    return max(1, int(n_symbols - 1).bit_length())


@dataclass(frozen=True, eq=False)
class ContextModel:
    """Fitted sparse counts of (context, next symbol), one table per context length (``level_orders``).

    Level l holds the contexts ``keys[level_offsets[l]:level_offsets[l+1]]`` (sorted packed keys of the
    last ``level_orders[l]`` symbols); context c has ``totals[c]`` counts spread over the sorted
    ``symbols[row_offsets[c]:row_offsets[c+1]]`` with ``counts`` alongside. ``header`` holds the settings.
    """

    header: dict
    level_orders: np.ndarray
    level_offsets: np.ndarray
    keys: np.ndarray
    totals: np.ndarray
    row_offsets: np.ndarray
    symbols: np.ndarray
    counts: np.ndarray
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def order(self) -> int:
        return int(self.header["order"])

    @property
    def n_symbols(self) -> int:
        return int(self.header["n_symbols"])

    @property
    def alpha(self) -> float:
        return float(self.header["alpha"])

    @property
    def context_model(self) -> str:
        return self.header["context_model"]

    @property
    def n_contexts(self) -> int:
        return int(self.keys.size)

    def arrays(self) -> dict:
        return {name: getattr(self, name) for name in ARRAYS}

    def apply(self, symbols) -> dict:
        """Entropy trace, per-step ln p of the symbol that came, and which steps' contexts the model knew.

        Returns a dict: ``entropy`` (nats, shape (N,)), ``log_prob`` (NaN for t < order), ``found`` (bool).
        """
        sym = _check_symbols(symbols, self.n_symbols)
        bits = symbol_bits(self.n_symbols)
        rolling = np.empty(sym.size, dtype=np.uint64)
        _rolling_keys(sym, self.order, bits, rolling)
        entropy = np.empty(sym.size)
        log_prob = np.full(sym.size, np.nan)
        found = np.zeros(sym.size, dtype=np.bool_)
        _apply(sym, rolling, self.level_orders, self.level_offsets, self.keys, self.parents(), self.totals,
               self.row_offsets, self.symbols, self.counts, self.n_symbols, bits, self.n_symbols * self.alpha,
               self.context_model == "variable", self.order, entropy, log_prob, found)
        return {"entropy": entropy, "log_prob": log_prob, "found": found}

    def apply_rows(self, rows) -> dict:
        """:meth:`apply` to each row of ``rows`` (windows x W) as a sequence of its own, in one call: the
        first ``order`` steps of every row have no past (EntroPE's windows are modelled one at a time)."""
        rows = np.asarray(rows)
        if rows.ndim != 2:
            raise ValueError(f"rows must be two-dimensional, got shape {rows.shape}")
        sym = _check_symbols(rows.reshape(-1), self.n_symbols).reshape(rows.shape)
        entropy = np.empty(sym.shape)
        log_prob = np.full(sym.shape, np.nan)
        found = np.zeros(sym.shape, dtype=np.bool_)
        _apply_rows(sym, np.empty(sym.shape, dtype=np.uint64), self.level_orders, self.level_offsets, self.keys,
                    self.parents(), self.totals, self.row_offsets, self.symbols, self.counts, self.n_symbols,
                    symbol_bits(self.n_symbols), self.n_symbols * self.alpha, self.context_model == "variable",
                    self.order, entropy, log_prob, found, True)
        return {"entropy": entropy, "log_prob": log_prob, "found": found}

    def parents(self) -> np.ndarray:
        """For each context of a variable-order model, the index of its suffix one symbol shorter (-1: none)."""
        if "parents" not in self._cache:
            bits = symbol_bits(self.n_symbols)
            parents = np.full(self.keys.size, -1, dtype=np.int64)
            if self.context_model == "variable":
                lo = self.level_offsets
                for level in range(1, self.level_orders.size):
                    shorter = self.keys[lo[level - 1]:lo[level]]
                    cut = self.keys[lo[level]:lo[level + 1]] & _level_mask(int(self.level_orders[level - 1]), bits)
                    idx = np.minimum(np.searchsorted(shorter, cut), max(shorter.size - 1, 0))
                    ok = shorter[idx] == cut if shorter.size else np.zeros(cut.size, dtype=bool)
                    parents[lo[level]:lo[level + 1]] = np.where(ok, idx + lo[level - 1], -1)
            self._cache["parents"] = parents
        return self._cache["parents"]

    def entropy(self, symbols) -> np.ndarray:
        """H_t (nats) of the next symbol at every step of ``symbols``, from the frozen counts."""
        return self.apply(symbols)["entropy"]

    def cross_entropy(self, symbols) -> float:
        """Mean of -ln p(s_t | context) over the steps t >= order, nats per symbol (inf when a step has p = 0)."""
        return cross_entropy(self.apply(symbols)["log_prob"], self.order)


def cross_entropy(log_prob, order: int, keep=None) -> float:
    """-mean ln p over steps t >= order (and where ``keep`` is True); NaN when no step is left."""
    lp = np.asarray(log_prob, dtype=np.float64)
    steps = np.zeros(lp.size, dtype=bool)
    steps[order:] = True
    if keep is not None:
        steps &= keep
    return float(-lp[steps].mean()) if steps.any() else math.nan


def _check_symbols(symbols, n_symbols: int) -> np.ndarray:
    sym = np.asarray(symbols)
    if sym.ndim != 1:
        raise ValueError(f"symbols must be one-dimensional, got shape {sym.shape}")
    if sym.size and not np.issubdtype(sym.dtype, np.integer):
        raise ValueError(f"symbols must be integers, got dtype {sym.dtype}")
    sym = np.ascontiguousarray(sym, dtype=np.int64)
    if sym.size and (sym.min() < 0 or sym.max() >= n_symbols):
        raise ValueError(f"symbols must lie in 0..{n_symbols - 1}, got {sym.min()}..{sym.max()}")
    return sym


def check_model_settings(order, n_symbols, alpha, context_model) -> tuple:
    """Validate (order, n_symbols, alpha, context_model) of a context model; return them."""
    order = check_int(order, "order", 0, MAX_MODEL_ORDER)
    n_symbols = check_int(n_symbols, "bins", 2, MAX_MODEL_SYMBOLS)
    alpha = check_positive(alpha, "alpha", allow_zero=True)
    check_choice(context_model, "context_model", CONTEXT_MODELS)
    return order, n_symbols, alpha, context_model


def fit_context_model(symbols, n_symbols: int, order: int, alpha: float = 0.5, context_model: str = "fixed",
                      tokenizer: dict | None = None) -> ContextModel:
    """Count (context, next symbol) pairs of a symbol sequence into a frozen :class:`ContextModel`.

    Parameters
    ----------
    symbols : array_like of int, shape (N,) or (R, W)
        The training sequence, values in 0 .. n_symbols-1; or R sequences of
        W symbols each (windows), counted without contexts across two.
    n_symbols : int
        Alphabet size A, 2 <= A <= 256.
    order : int
        Context length k, 0 <= k <= 8.
    alpha : float
        Additive smoothing (1/2: Krichevsky-Trofimov).
    context_model : {"fixed", "variable"}
        ``fixed``: counts of the order-k contexts at positions u >= k, and
        their pooled (order-0) counts for the first k steps of a series.
        ``variable``: counts of every context length j = 0..k at positions
        u >= j, interpolated from long to short.
    tokenizer : dict, optional
        How the symbols were made (stored in the header and checked on use).

    Notes
    -----
    With beta = A alpha, level j predicts
    p_j(v | c_j) = (n(c_j, v) + beta p_{j-1}(v | c_{j-1})) / (n(c_j) + beta),
    with p_{-1} = 1/A, so one level alone is the add-alpha (KT) estimate
    (n(c, v) + alpha) / (n(c) + A alpha), and a context never seen
    (n(c_j) = 0) passes the shorter prediction on unchanged. ``fixed`` uses
    the order-k level alone; ``variable`` chains j = k, k-1, ..., 0 (a
    hierarchical Dirichlet back-off; MacKay & Peto, Natural Language
    Engineering 1, 289, 1995; Krichevsky & Trofimov, IEEE Trans. Inf. Theory
    27, 199, 1981).

    Examples
    --------
    >>> model = fit_context_model([0, 1] * 20, n_symbols=2, order=1)
    >>> model.entropy([1, 0, 1, 0]).round(4)
    array([0.6928, 0.1169, 0.1125, 0.1169])
    """
    order, n_symbols, alpha, context_model = check_model_settings(order, n_symbols, alpha, context_model)
    seqs = np.asarray(symbols)
    if seqs.ndim == 2:  # sequences of their own (windows): no context reaches across two of them
        seqs = _check_symbols(seqs.reshape(-1), n_symbols).reshape(seqs.shape)
    else:
        seqs = _check_symbols(seqs, n_symbols)[None, :]
    if seqs.shape[1] <= order:
        raise ValueError(f"training series of {seqs.shape[1]} samples is too short for order {order}: "
                         f"needs at least order+1 = {order + 1}")
    bits = symbol_bits(n_symbols)
    rolling = np.empty(seqs.shape, dtype=np.uint64)
    for r in range(seqs.shape[0]):
        _rolling_keys(seqs[r], order, bits, rolling[r])
    # (context length, first position counted): fixed pools its order-k counts as order 0 for the first steps
    if context_model == "fixed":
        levels = [(0, order), (order, order)] if order else [(0, 0)]
    else:
        levels = [(j, j) for j in range(order + 1)]
    # one sort of the raw pairs at the longest context; every shorter level is the longer one's table with
    # the oldest symbol dropped, plus (variable) the positions u = k of each sequence that level k counts and
    # k+1 does not
    by_order = {order: _fit_level(np.ascontiguousarray(seqs[:, order:]).reshape(-1),
                                  np.ascontiguousarray(rolling[:, order:]).reshape(-1), order, 0, bits)}
    for k, _ in sorted(levels, reverse=True)[1:]:
        extra = context_model == "variable"
        by_order[k] = _shorter_level(by_order.get(k + 1, by_order[order]), k, bits,
                                     rolling[:, k] if extra else [], seqs[:, k] if extra else [])
    parts = [by_order[k] for k, _ in levels]
    level_offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    level_offsets[1:] = np.cumsum([p[0].size for p in parts])
    row_offsets, shift = [np.zeros(1, dtype=np.int64)], 0
    for keys, totals, rows, syms, counts in parts:
        row_offsets.append(rows[1:] + shift)
        shift += syms.size
    header = {"format": MODEL_FORMAT, "version": MODEL_VERSION, "context_model": context_model, "order": order,
              "n_symbols": n_symbols, "alpha": alpha, "tokenizer": dict(tokenizer or {}),
              "training_samples": int(seqs.size), "trained_on": "given symbols"}
    return ContextModel(header, np.array([k for k, _ in levels], dtype=np.int64), level_offsets,
                        np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
                        np.concatenate(row_offsets), np.concatenate([p[3] for p in parts]),
                        np.concatenate([p[4] for p in parts]))


def _shorter_level(table, k, bits, extra_keys, extra_symbols) -> tuple:
    """The order-k table from a longer one: its contexts cut to the last k symbols, counts merged."""
    keys, _, rows, syms, counts = table
    ctx = np.repeat(keys, np.diff(rows)) & _level_mask(k, bits)
    ctx = np.concatenate([ctx, np.asarray(extra_keys, dtype=np.uint64)]) & _level_mask(k, bits)
    comp = (ctx << np.uint64(bits)) | np.concatenate([syms, np.asarray(extra_symbols, dtype=np.int64)]).astype(
        np.uint64)
    weights = np.concatenate([counts, np.ones(len(extra_keys), dtype=np.int64)])
    idx = np.argsort(comp)
    n = comp.size
    out_keys, totals = np.empty(n, dtype=np.uint64), np.empty(n, dtype=np.int64)
    out_rows, out_syms, out_counts = np.empty(n + 1, dtype=np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    n_ctx, n_ent = _group_weighted(comp[idx], weights[idx], bits, out_keys, totals, out_rows, out_syms, out_counts)
    return out_keys[:n_ctx].copy(), totals[:n_ctx].copy(), out_rows[:n_ctx + 1].copy(), out_syms[:n_ent].copy(), \
        out_counts[:n_ent].copy()


def _fit_level(sym, rolling, k, start, bits) -> tuple:
    """Sparse rows of the order-k contexts at positions u >= start: keys, totals, row offsets, symbols, counts."""
    n = max(sym.size - start, 0)
    keys = np.empty(n, dtype=np.uint64)
    totals = np.empty(n, dtype=np.int64)
    rows = np.empty(n + 1, dtype=np.int64)
    syms = np.empty(n, dtype=np.int64)
    counts = np.empty(n, dtype=np.int64)
    if (k + 1) * bits <= 64:
        comp = np.empty(n, dtype=np.uint64)
        _composite(rolling, sym, start, k, bits, comp)
        comp.sort()
        n_ctx, n_ent = _group_weighted(comp, np.ones(n, dtype=np.int64), bits, keys, totals, rows, syms, counts)
    else:  # 256 symbols at order 8: context and symbol do not fit one 64-bit word together
        ctx = rolling[start:] & _level_mask(k, bits)
        s = sym[start:]
        idx = np.lexsort((s, ctx))
        n_ctx, n_ent = _group_pairs(ctx[idx], s[idx], keys, totals, rows, syms, counts)
    return keys[:n_ctx].copy(), totals[:n_ctx].copy(), rows[:n_ctx + 1].copy(), syms[:n_ent].copy(), \
        counts[:n_ent].copy()


def series_symbols(x, tokenizer: dict) -> np.ndarray:
    """Symbols of a series by a tokenizer description: ``{"name": "value", "bins", "value_range", "center"}``
    or ``{"name": "entrope", "vocab_size", "range_low", "range_high", "center"}``; with a ``window`` W in
    it, each window of W samples (tiling the series, the tail left out) is tokenized on its own, one row per
    window (how a model of per-window tokens is trained: no context spans two windows)."""
    from .tokenizers import entrope_tokens, value_symbols

    x = check_series(x, "series", min_size=0)
    name = tokenizer.get("name")
    if name not in ("value", "entrope"):
        raise ValueError(f"tokenizer {name!r} has no context models; use 'value' or 'entrope'")
    width = tokenizer.get("window")
    if width:
        if x.size < width:
            raise ValueError(f"training series of {x.size} samples is shorter than the window of {width}")
        return np.stack([series_symbols(x[s:s + width], {**tokenizer, "window": None})
                         for s in range(0, x.size - width + 1, width)])
    if name == "entrope":
        return entrope_tokens(x, tokenizer["vocab_size"], tokenizer["range_low"], tokenizer["range_high"],
                              tokenizer["center"])
    return value_symbols(x, tokenizer["bins"], tokenizer["value_range"], tokenizer["center"])
