"""numba kernels of the context models: packed context keys, sparse count tables, the chain of contexts.

A context key packs the last k symbols, ``bits`` each, most recent lowest, into one unsigned 64-bit word;
tables are sorted keys with CSR rows of (symbol, count). See :mod:`tscomplex.patching.models`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _rolling_keys(sym, order, bits, out):
    """out[t] = sum_{i=1..min(t, order)} sym[t-i] << bits (i-1): the last symbols before t, most recent lowest."""
    key = np.uint64(0)
    b = np.uint64(bits)
    keep = order * bits
    mask = np.uint64(0xFFFFFFFFFFFFFFFF) if keep >= 64 else (np.uint64(1) << np.uint64(keep)) - np.uint64(1)
    for t in range(sym.shape[0]):
        out[t] = key
        if order > 0:
            key = ((key << b) | np.uint64(sym[t])) & mask


@njit(cache=True, nogil=True)
def _level_mask(order, bits):
    if order * bits >= 64:
        return np.uint64(0xFFFFFFFFFFFFFFFF)
    return (np.uint64(1) << np.uint64(order * bits)) - np.uint64(1)


@njit(cache=True, nogil=True)
def _composite(keys, sym, start, order, bits, out):
    """out[u - start] = (key of the last `order` symbols at u) << bits | sym[u], for u >= start."""
    mask = _level_mask(order, bits)
    b = np.uint64(bits)
    for u in range(start, sym.shape[0]):
        out[u - start] = ((keys[u] & mask) << b) | np.uint64(sym[u])


@njit(cache=True, nogil=True)
def _group_weighted(comp, weights, bits, ctx_keys, totals, row_offsets, symbols, counts):
    """Runs of a sorted composite (context << bits | symbol) array, entry i counted ``weights[i]`` times, ->
    sparse rows; return (contexts, entries)."""
    b = np.uint64(bits)
    low = (np.uint64(1) << b) - np.uint64(1)
    n_ctx = 0
    n_ent = 0
    for i in range(comp.shape[0]):
        c = comp[i]
        w = weights[i]
        if i > 0 and c == comp[i - 1]:
            counts[n_ent - 1] += w
            totals[n_ctx - 1] += w
            continue
        key = c >> b
        if n_ctx == 0 or key != ctx_keys[n_ctx - 1]:
            ctx_keys[n_ctx] = key
            totals[n_ctx] = 0
            row_offsets[n_ctx] = n_ent
            n_ctx += 1
        symbols[n_ent] = np.int64(c & low)
        counts[n_ent] = w
        totals[n_ctx - 1] += w
        n_ent += 1
    row_offsets[n_ctx] = n_ent
    return n_ctx, n_ent


@njit(cache=True, nogil=True)
def _group_pairs(ctx, sym, ctx_keys, totals, row_offsets, symbols, counts):
    """As :func:`_group_weighted` (each entry counted once) for contexts and symbols sorted by (context,
    symbol) as two arrays."""
    n_ctx = 0
    n_ent = 0
    for i in range(ctx.shape[0]):
        if i > 0 and ctx[i] == ctx[i - 1] and sym[i] == sym[i - 1]:
            counts[n_ent - 1] += 1
            totals[n_ctx - 1] += 1
            continue
        if n_ctx == 0 or ctx[i] != ctx_keys[n_ctx - 1]:
            ctx_keys[n_ctx] = ctx[i]
            totals[n_ctx] = 0
            row_offsets[n_ctx] = n_ent
            n_ctx += 1
        symbols[n_ent] = sym[i]
        counts[n_ent] = 1
        totals[n_ctx - 1] += 1
        n_ent += 1
    row_offsets[n_ctx] = n_ent
    return n_ctx, n_ent


@njit(cache=True, nogil=True)
def _search(keys, lo, hi, key):
    """Index of ``key`` in the sorted keys[lo:hi], or -1."""
    end = hi
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < end and keys[lo] == key:
        return lo
    return -1


@njit(cache=True, nogil=True)
def _chain(t, rolling, level_orders, level_offsets, keys, parents, bits, interpolate, chain):
    """Context indices used at step t, longest first (-1: not in the model); return how many levels.

    Variable order: once a context is found, its shorter suffixes are its ``parents``, found without a
    search."""
    n_levels = level_orders.shape[0]
    top = level_orders[n_levels - 1]
    if not interpolate:
        # fixed order: the order-k context once complete, before that the pooled order-0 counts (level 0)
        level = n_levels - 1 if t >= top else 0
        key = rolling[t] & _level_mask(level_orders[level], bits)
        chain[0] = _search(keys, level_offsets[level], level_offsets[level + 1], key)
        return 1
    # level l holds the contexts of length l; the longest usable one is min(top, t)
    high = top if t >= top else t
    m = high + 1
    idx = _search(keys, level_offsets[high], level_offsets[high + 1], rolling[t] & _level_mask(high, bits))
    if idx >= 0:  # the longest context is known: its suffixes follow by the links
        for i in range(m):
            chain[i] = idx
            if idx >= 0:
                nxt = parents[idx]
                level = high - i - 1
                if nxt < 0 and level >= 0:  # no link (a model file written by hand): search
                    nxt = _search(keys, level_offsets[level], level_offsets[level + 1],
                                  rolling[t] & _level_mask(level, bits))
                idx = nxt
        return m
    # unknown: a context is known only if its suffix is, so search from the shortest up to the first miss
    for i in range(m):
        chain[i] = -1
    for level in range(high):
        found = _search(keys, level_offsets[level], level_offsets[level + 1], rolling[t] & _level_mask(level, bits))
        if found < 0:
            break
        chain[high - level] = found
    return m


@njit(cache=True, nogil=True)
def _chain_entropy(chain, m, totals, row_offsets, symbols, counts, n_sym, beta, base, base_log, base_plogp, acc,
                   touched, mark):
    """Entropy (nats) of p_j(v) = (n_j(v) + beta p_{j-1}(v)) / (n_j + beta) down the chain, p_{-1} uniform.

    Only the symbols seen in the chain are visited: the others share the
    remainder w p_base(v), with w the product of beta / (n_j + beta) and p_base
    uniform, or (``base`` not empty: variable order) the order-0 prediction,
    whose sum of p ln p (``base_plogp``) is known, so the last link of the
    chain, the order-0 context, is not visited.
    """
    use_base = base.shape[0] > 0
    links = m - 1 if use_base else m
    w = 1.0
    nt = 0
    for i in range(links):
        c = chain[i]
        if c < 0:
            continue
        z = totals[c] + beta
        coef = w / z
        for r in range(row_offsets[c], row_offsets[c + 1]):
            v = symbols[r]
            if not mark[v]:
                mark[v] = True
                touched[nt] = v
                nt += 1
            acc[v] += coef * counts[r]
        w *= beta / z
        if w == 0.0:
            break
    h = 0.0
    seen_mass = 0.0
    seen_plogp = 0.0
    u = w / n_sym
    for i in range(nt):
        v = touched[i]
        b = base[v] if use_base else 1.0 / n_sym
        p = acc[v] + w * b
        if p > 0.0:
            h -= p * math.log(p)
        if use_base and b > 0.0:
            seen_mass += b
            seen_plogp += b * base_log[v]
        acc[v] = 0.0
        mark[v] = False
    if w > 0.0:
        if use_base:
            rest = 1.0 - seen_mass
            if rest > 0.0:
                h -= w * math.log(w) * rest + w * (base_plogp - seen_plogp)
        else:
            h -= (n_sym - nt) * u * math.log(u)
    return h if h > 0.0 else 0.0


@njit(cache=True, nogil=True)
def _chain_log_prob(chain, m, s, totals, row_offsets, symbols, counts, n_sym, beta):
    """ln p(s) under the interpolated prediction of the chain (-inf when it is 0)."""
    w = 1.0
    p = 0.0
    for i in range(m):
        c = chain[i]
        if c < 0:
            continue
        z = totals[c] + beta
        r = _search(symbols, row_offsets[c], row_offsets[c + 1], s)
        if r >= 0:
            p += w * counts[r] / z
        w *= beta / z
        if w == 0.0:
            break
    p += w / n_sym
    return math.log(p) if p > 0.0 else -math.inf


@njit(cache=True, nogil=True)
def _apply(sym, rolling, level_orders, level_offsets, keys, parents, totals, row_offsets, symbols, counts, n_sym,
           bits, beta, interpolate, score_from, entropy, log_prob, found):
    """Per-step entropy, ln p of the symbol that came (for t >= score_from), and whether the longest
    context of the step was in the model (found[t])."""
    _apply_rows(sym.reshape(1, -1), rolling.reshape(1, -1), level_orders, level_offsets, keys, parents, totals,
                row_offsets, symbols, counts, n_sym, bits, beta, interpolate, score_from, entropy.reshape(1, -1),
                log_prob.reshape(1, -1), found.reshape(1, -1), False)


@njit(cache=True, nogil=True)
def _apply_rows(sym, rolling, level_orders, level_offsets, keys, parents, totals, row_offsets, symbols, counts,
                n_sym, bits, beta, interpolate, score_from, entropy, log_prob, found, roll):
    """:func:`_apply` on each row of ``sym`` (rows x steps) as a sequence of its own (its first steps have
    no past; ``roll``: the rolling keys are computed here, per row). The entropy of a context does not depend
    on where it occurs, so one memo serves every row."""
    n_levels = level_orders.shape[0]
    top = level_orders[n_levels - 1]
    order = top
    chain = np.empty(n_levels, dtype=np.int64)
    base = np.zeros(0)
    base_log = np.zeros(0)
    base_plogp = 0.0
    if interpolate and level_offsets[1] - level_offsets[0] == 1:  # the order-0 prediction, once
        base = np.full(n_sym, beta / n_sym)
        for r in range(row_offsets[0], row_offsets[1]):
            base[symbols[r]] += counts[r]
        base /= totals[0] + beta
        base_log = np.zeros(n_sym)
        for v in range(n_sym):
            if base[v] > 0.0:
                base_log[v] = math.log(base[v])
                base_plogp += base[v] * base_log[v]
    acc = np.zeros(n_sym)
    touched = np.empty(n_sym, dtype=np.int64)
    mark = np.zeros(n_sym, dtype=np.bool_)
    n_ctx = keys.shape[0]
    memo = np.full(n_ctx + 1, -1.0)  # by the longest context found (n_ctx: none found)
    for row in range(sym.shape[0]):
        seq = sym[row]
        if roll:
            _rolling_keys(seq, order, bits, rolling[row])
        keys_t = rolling[row]
        for t in range(seq.shape[0]):
            m = _chain(t, keys_t, level_orders, level_offsets, keys, parents, bits, interpolate, chain)
            first = n_ctx
            for i in range(m):
                if chain[i] >= 0:
                    first = chain[i]
                    break
            found[row, t] = chain[0] >= 0 and (t >= top or interpolate)
            if memo[first] < 0.0:
                memo[first] = _chain_entropy(chain, m, totals, row_offsets, symbols, counts, n_sym, beta,
                                             base if chain[m - 1] == 0 else base[:0], base_log, base_plogp, acc,
                                             touched, mark)
            entropy[row, t] = memo[first]
            if t >= score_from:
                log_prob[row, t] = _chain_log_prob(chain, m, seq[t], totals, row_offsets, symbols, counts, n_sym,
                                                   beta)
