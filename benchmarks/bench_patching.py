"""Benchmark: entropy-guided patching of a 10^6-sample series, numba (tscomplex) against pure numpy.

The numpy version below computes the same thing without a Python loop: the
symbols, the order-k contexts, and for the causal trace the counts each pair
and each context had *before* every step (stable sorts and grouped cumulative
sums), then the quantile threshold and the max-len splits. Both run on one
core (numba kernels are serial; BLAS threads are pinned to 1).

    python benchmarks/bench_patching.py            # 10^6 samples, best of 5
    python benchmarks/bench_patching.py --quick    # 10^5 samples, best of 3

The ``--window 96`` rows patch every 96-sample window on its own (EntroPE's
look-back), in one numba pass; the comparison is a Python loop calling the
whole-series functions on each window, timed on the first 500 windows and
scaled to all of them (its starts must be the same).
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

from tscomplex.patching import boundaries_from_entropy, conditional_entropy, patch_boundaries  # noqa: E402
from tscomplex.patching import windowed_patches  # noqa: E402

BINS, ORDER, RANGE, ALPHA, Q, MAX_LEN = 8, 2, 3.0, 0.5, 0.90, 64


# --------------------------------------------------------------------------- the pure-numpy version


def _xlogx(y):
    return np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0)), 0.0)


def _earlier_in_group(keys):
    """For each i: how many j < i have keys[j] == keys[i]; also the stable order and group starts."""
    m = keys.size
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    first = np.empty(m, dtype=bool)
    first[:1] = True
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(m), 0))
    rank = np.empty(m, dtype=np.int64)
    rank[order] = np.arange(m) - group_start
    return rank, order, group_start


def numpy_symbols_and_contexts(x, bins=BINS, order=ORDER, value_range=RANGE):
    u = x - x.mean()
    scale = np.abs(u).mean() or 1.0
    s = np.clip(np.floor((u / scale + value_range) / (2 * value_range / bins)), 0, bins - 1).astype(np.int64)
    ctx = np.zeros(x.size, dtype=np.int64)
    for i in range(1, order + 1):  # most recent symbol least significant
        ctx[order:] += s[order - i:x.size - i] * bins ** (i - 1)
    return s, ctx


def numpy_trace(x, mode="causal", bins=BINS, order=ORDER, alpha=ALPHA):
    s, ctx = numpy_symbols_and_contexts(x, bins, order)
    n, k = x.size, order
    c, v = ctx[k:], s[k:]
    out = np.empty(n)
    if mode == "fit":
        pair_counts = np.bincount(c * bins + v, minlength=bins ** order * bins).reshape(-1, bins)
        totals = pair_counts.sum(axis=1, keepdims=True)
        p = (pair_counts + alpha) / (totals + bins * alpha)
        h_ctx = -(_xlogx(p)).sum(axis=1)
        out[k:] = h_ctx[c]
        marginal = (pair_counts.sum(axis=0) + alpha) / (c.size + bins * alpha)
        out[:k] = -(_xlogx(marginal)).sum()
        return out
    pair_before, _, _ = _earlier_in_group(c * bins + v)
    ctx_before, order_c, start_c = _earlier_in_group(c)
    y = pair_before + alpha
    delta = _xlogx(y + 1.0) - _xlogx(y)            # growth of sum_v y ln y when this pair is counted
    d = delta[order_c]
    csum = np.cumsum(d)
    before_in_group = (csum - d) - (csum[start_c] - d[start_c])
    s_sum = np.empty(c.size)
    s_sum[order_c] = before_in_group + bins * _xlogx(np.float64(alpha))
    z = ctx_before + bins * alpha
    out[:k] = math.log(bins)
    out[k:] = np.maximum(np.log(z) - s_sum / z, 0.0)
    return out


def numpy_boundaries(h, q=Q, max_len=MAX_LEN):
    theta = np.quantile(h, q)
    starts = np.concatenate(([0], 1 + np.flatnonzero(h[1:] > theta)))
    lengths = np.diff(np.append(starts, h.size))
    pieces = -(-lengths // max_len)
    offsets = np.arange(pieces.sum()) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    return np.repeat(starts, pieces) + offsets * max_len


def numpy_patch(x, mode="causal"):
    return numpy_boundaries(numpy_trace(x, mode))


# --------------------------------------------------------------------------- timing


def best_of(f, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t0)
    return min(times), result


def series(n, seed=0):
    """Sine, then noise, then an AR(1) process, in equal thirds."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    ar = np.empty(n)
    ar[0] = 0.0
    e = rng.normal(size=n)
    for i in range(1, n):  # only to build the input
        ar[i] = 0.9 * ar[i - 1] + e[i]
    return np.where(t < n // 3, np.sin(2 * np.pi * t / 64), np.where(t < 2 * n // 3, e, ar / 2.3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10^5 samples, best of 3")
    args = parser.parse_args()
    n, repeats = (100_000, 3) if args.quick else (1_000_000, 5)
    x = series(n)
    for mode in ("causal", "fit"):  # warm up (compile or load the numba cache)
        patch_boundaries(x[:1000], mode=mode, threshold="q90", max_len=MAX_LEN)
        patch_boundaries(x[:1000], "ordinal", mode=mode, threshold="q90", max_len=MAX_LEN)
        numpy_patch(x[:1000], mode)

    print(f"entropy-guided patching of {n:,} samples, one core, best of {repeats}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (the machine may be shared)")
    print(f"value symbols: {BINS} bins over [-{RANGE:g}, {RANGE:g}], order {ORDER}, alpha {ALPHA}; "
          f"rule H_t > q{Q * 100:g}, max-len {MAX_LEN}")
    print(f"{'case':<28}{'tscomplex (s)':>15}{'numpy (s)':>12}{'ratio':>9}{'max |dH|':>11}{'same starts':>13}")
    for mode in ("causal", "fit"):
        t_nb, starts = best_of(lambda: patch_boundaries(x, mode=mode, threshold="q90", min_len=1, max_len=MAX_LEN),
                               repeats)
        t_np, starts_np = best_of(lambda: numpy_patch(x, mode), repeats)
        dh = np.abs(conditional_entropy(x, mode=mode) - numpy_trace(x, mode)).max()
        same = starts.size == starts_np.size and bool(np.all(starts == starts_np))
        flag = "" if t_nb < 0.2 else "  (over the 0.2 s target)"
        print(f"{'value, ' + mode:<28}{t_nb:>15.4f}{t_np:>12.4f}{t_np / t_nb:>8.1f}x{dh:>11.1e}"
              f"{'yes' if same else 'no':>13}{flag}")
    for mode in ("causal", "fit"):
        t_nb, starts = best_of(lambda: patch_boundaries(x, "ordinal", mode=mode, threshold="q90", min_len=1,
                                                        max_len=MAX_LEN), repeats)
        print(f"{'ordinal (dim 4), ' + mode:<28}{t_nb:>15.4f}{'':>12}{'':>9}{'':>11}{'':>13}")
    h = conditional_entropy(x)
    t_nb, _ = best_of(lambda: boundaries_from_entropy(h, threshold="q90", max_len=MAX_LEN), repeats)
    t_np, _ = best_of(lambda: numpy_boundaries(h), repeats)
    print(f"{'boundary rule only':<28}{t_nb:>15.4f}{t_np:>12.4f}{t_np / t_nb:>8.1f}x")
    window_rows(x, repeats)


WINDOW = 96


def loop_windows(x, n_windows, **options):
    """The whole-series functions on each window, in a Python loop: the reference of the --window rows."""
    starts = []
    options.setdefault("min_len", 1)
    for w in range(n_windows):
        s = w * WINDOW
        starts.append(patch_boundaries(x[s:s + WINDOW], threshold="q90", max_len=MAX_LEN,
                                       **options) + s)
    return np.concatenate(starts)


def window_rows(x, repeats):
    print(f"--window {WINDOW}: every window tokenized, counted and thresholded alone "
          f"(loop: whole-series functions per window, first 500 windows, scaled)")
    print(f"{'case':<36}{'tscomplex (s)':>15}{'loop (s)':>12}{'ratio':>9}{'':>11}{'same starts':>13}")
    n_windows = x.size // WINDOW
    sample = 500
    cases = (("value, causal", {}), ("value, fit", {"mode": "fit"}), ("entrope tokens, causal", {"tokenizer": "entrope"}),
             ("ordinal (dim 4), causal", {"estimator": "ordinal", "dim": 4}))
    for label, options in cases:
        windowed_patches(x[:10 * WINDOW], WINDOW, **options)  # warm up
        t_nb, result = best_of(lambda: windowed_patches(x, WINDOW, threshold="q90", min_len=1, max_len=MAX_LEN,
                                                        **options),
                               repeats)
        estimator = options.pop("estimator", "value")
        with warnings.catch_warnings():  # a window whose trace is flat warns; the loop is only a reference
            warnings.simplefilter("ignore")
            t_loop, ref = best_of(lambda: loop_windows(x, sample, estimator=estimator, **options), 1)
        t_loop *= n_windows / sample
        mine = result["start"][result["patch_window"] < sample]
        same = mine.size == ref.size and bool(np.all(mine == ref))
        flag = "" if t_nb < 0.5 else "  (over the 0.5 s target)"
        print(f"{label + ', --window 96':<36}{t_nb:>15.4f}{t_loop:>12.3f}{t_loop / t_nb:>8.0f}x{'':>11}"
              f"{'yes' if same else 'no':>13}{flag}")
    h = conditional_entropy(x)
    t_nb, _ = best_of(lambda: windowed_patches(x, WINDOW, entropy=h, threshold="q90", max_len=MAX_LEN), repeats)
    print(f"{'given trace, --window 96':<36}{t_nb:>15.4f}")


if __name__ == "__main__":
    main()
