"""Evaluation: do entropy-guided patch boundaries fall on known change points? Against fixed-length patches
and ruptures' penalized change-point search.

The corpus is seeded: each series strings together segments of 200 to 500
samples, each one of four regimes (a sine of random period 12-40 with a
little noise, white noise, the logistic map at r = 4, an AR(1) process with
phi = 0.9), no regime twice in a row, every segment standardized to mean 0
and standard deviation 1, so that no change is a jump in level or scale: a
method has to see the dynamics change. The true change points are the segment
starts after the first.

For every method: ``boundaries`` (per 1000 samples, position 0 left out for
every method), ``precision`` (the share of boundaries within ``--tolerance``
samples of a true change point), ``recall`` (the share of change points with
a boundary that close) and F1. Beside each entropy method, the same scores of
fixed-length patches with as many boundaries (length N / count), the
baseline EntroPE replaces. ruptures' ``KernelCPD`` (rbf cost, searched by
PELT in C, penalty ``--penalty``) is a standard change-point detector: it aims
at the change points only, where patching cuts many patches per segment, so
compare its F1 with care and the entropy rows with their fixed-length twins.
Its two rows take the values alone (a change in the distribution of values)
and delay vectors (x_t, x_t+1, x_t+2) (a change in the dynamics); their
penalties were chosen on the --quick series (the first 4 of the 12).

    PYTHONPATH=. python benchmarks/patch_eval.py              # 12 series of about 2,800 samples
    PYTHONPATH=. python benchmarks/patch_eval.py --quick      # 4 series
    PYTHONPATH=. python benchmarks/patch_eval.py --orders 1,2,3 --option alpha=0.5
    PYTHONPATH=. python benchmarks/patch_eval.py --models     # + frozen context models, orders 1-4

``--orders`` adds value-symbol rows (fit counts, global rule) for each order,
and ``--option KEY=VALUE`` (repeatable) passes more keyword arguments to
every entropy method (``tscomplex.patching.patch_boundaries``); they are the
hooks for context models that arrive later (``--option fit_range=...`` or an
order 6 model, for example). Needs the ``bench`` extra (ruptures).
"""

from __future__ import annotations

import argparse
import json
import warnings

import numpy as np

from tscomplex.patching import ThresholdWarning, patch_boundaries

REGIMES = ("sine", "noise", "logistic", "ar1")


def segment(kind: str, n: int, rng) -> np.ndarray:
    if kind == "sine":
        period = rng.uniform(12, 40)
        x = np.sin(2 * np.pi * np.arange(n) / period + rng.uniform(0, 2 * np.pi)) + 0.05 * rng.normal(size=n)
    elif kind == "noise":
        x = rng.normal(size=n)
    elif kind == "logistic":
        x = np.empty(n + 100)
        x[0] = rng.uniform(0.1, 0.9)
        for i in range(1, x.size):
            x[i] = 4.0 * x[i - 1] * (1.0 - x[i - 1])
        x = x[100:]
    else:
        e = rng.normal(size=n + 100)
        x = np.empty(n + 100)
        x[0] = 0.0
        for i in range(1, x.size):
            x[i] = 0.9 * x[i - 1] + e[i]
        x = x[100:]
    return (x - x.mean()) / x.std()


def corpus(n_series: int, n_segments: int = 8, seed: int = 2024):
    """[(x, change points, regime entered at each change point)], seeded."""
    out = []
    for s in range(n_series):
        rng = np.random.default_rng(seed + s)
        kinds = [REGIMES[rng.integers(4)]]
        while len(kinds) < n_segments:
            k = REGIMES[rng.integers(4)]
            if k != kinds[-1]:
                kinds.append(k)
        lengths = rng.integers(200, 501, size=n_segments)
        x = np.concatenate([segment(k, int(m), rng) for k, m in zip(kinds, lengths)])
        out.append((x, np.cumsum(lengths)[:-1], kinds[1:]))
    return out


def scores(predicted, truth, tolerance: int):
    """(true positives among predictions, change points found, predictions, change points)."""
    predicted = np.asarray(predicted)
    predicted = predicted[predicted > 0]
    if predicted.size == 0:
        return 0, np.zeros(truth.size, dtype=bool), 0, truth.size
    d_pred = np.abs(predicted[:, None] - truth[None, :]).min(axis=1)
    found = np.abs(truth[:, None] - predicted[None, :]).min(axis=1) <= tolerance
    return int(np.sum(d_pred <= tolerance)), found, predicted.size, truth.size


def fixed(n: int, count: int) -> np.ndarray:
    """Fixed-length patches with ``count`` boundaries after position 0."""
    length = max(1, int(round(n / (count + 1))))
    return np.arange(0, n, length)


def entropy_methods(orders, extra: dict):
    """(label, keyword arguments of patch_boundaries): the rules, estimators and tokenizers, whole series and
    per 96-sample window, at a dense (q90) and a sparse (q98) threshold."""
    methods = []
    for window in (None, 96):
        tag = "" if window is None else ", window 96"
        for q in ("q90", "q98"):
            base = {"threshold": q, "jump": q, "window": window, **extra}
            methods += [
                (f"value, causal, global {q}{tag}", dict(base)),
                (f"value, fit, global {q}{tag}", {**base, "mode": "fit"}),
                (f"value, fit, relative {q}{tag}", {**base, "mode": "fit", "rule": "relative"}),
                (f"ordinal d4, fit, global {q}{tag}", {**base, "estimator": "ordinal", "dim": 4, "mode": "fit"}),
                (f"entrope order 1, fit, global {q}{tag}", {**base, "tokenizer": "entrope", "order": 1,
                                                             "mode": "fit"}),
            ]
    for order in orders:
        methods.append((f"value order {order}, fit, global q90", {"threshold": "q90", "mode": "fit", "order": order,
                                                                  **extra}))
    return methods


def model_methods(train, orders=(1, 2, 3, 4)):
    """(label, options) rows of frozen context models trained on ``train`` (separate seeded series of the same
    regimes, concatenated): value symbols, fixed and variable, each order, whole series and per 96-sample
    window; EntroPE's tokens (q2.5:q97.5 of the training data), variable, per window. Global rule, q90."""
    from tscomplex.patching.fitted import fit_series_model

    joined = np.concatenate(train)
    methods = []
    for window in (None, 96):
        tag = "" if window is None else ", window 96"
        for context_model in ("fixed", "variable"):
            for order in orders:
                model = fit_series_model(joined, order=order, context_model=context_model, window=window,
                                         trained_on="training corpus")
                methods.append((f"model {context_model} order {order}, value 8 bins, q90{tag}",
                                {"threshold": "q90", "model": model, "window": window}))
    for order in orders:
        model = fit_series_model(joined, order=order, context_model="variable", window=96, tokenizer="entrope",
                                 value_range="q2.5:q97.5", trained_on="training corpus")
        methods.append((f"model variable order {order}, entrope q2.5:q97.5, q90, window 96",
                        {"threshold": "q90", "model": model, "window": 96}))
    return methods


def model_starts(x, model, window, **rules):
    """Patch starts of ``x`` from a frozen model: per window (windowed_patches), or on the whole series."""
    from tscomplex.patching import boundaries_from_entropy, windowed_patches
    from tscomplex.patching.models import series_symbols

    if window is not None:
        return windowed_patches(x, window, model=model, min_len=8, **rules)["start"]
    h = model.apply(series_symbols(x, model.header["tokenizer"]))["entropy"]
    return boundaries_from_entropy(h, "global", rules["threshold"], "q90", 8, None)


def run(series, methods, tolerance, penalty):
    import ruptures

    rows = []
    for label, options in methods:
        tp = found = pred = total = ftp = ffound = fpred = 0
        by_kind = {k: [0, 0] for k in REGIMES}
        for x, truth, kinds in series:
            options = dict(options)
            estimator = options.pop("estimator", "value")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ThresholdWarning)
                if "model" in options:
                    starts = model_starts(x, options.pop("model"), options.pop("window"), **options)
                else:
                    starts = patch_boundaries(x, estimator, **options)
            a, f, p, t = scores(starts, truth, tolerance)
            tp, found, pred, total = tp + a, found + int(f.sum()), pred + p, total + t
            for k, hit in zip(kinds, f):
                by_kind[k][0] += int(hit)
                by_kind[k][1] += 1
            a, f, p, _ = scores(fixed(x.size, max(p, 1)), truth, tolerance)
            ftp, ffound, fpred = ftp + a, ffound + int(f.sum()), fpred + p
        rows.append((label, pred, tp, found, total, (fpred, ftp, ffound), by_kind))
    for label, embed, pen in ((f"ruptures KernelCPD rbf on values, PELT, pen {penalty[0]:g}", 1, penalty[0]),
                              (f"ruptures KernelCPD rbf on (x_t, x_t+1, x_t+2), PELT, pen {penalty[1]:g}", 3,
                               penalty[1])):
        tp = found = pred = total = 0
        by_kind = {k: [0, 0] for k in REGIMES}
        for x, truth, kinds in series:
            signal = np.column_stack([x[i:x.size - embed + 1 + i] for i in range(embed)])
            cps = np.array(ruptures.KernelCPD(kernel="rbf", min_size=20).fit(signal).predict(pen=pen)[:-1])
            a, f, p, t = scores(cps, truth, tolerance)
            tp, found, pred, total = tp + a, found + int(f.sum()), pred + p, total + t
            for k, hit in zip(kinds, f):
                by_kind[k][0] += int(hit)
                by_kind[k][1] += 1
        rows.append((label, pred, tp, found, total, None, by_kind))
    return rows


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def table(rows, n_samples, tolerance):
    print(f"| method | boundaries / 1000 | precision | recall | F1 | fixed, same count: precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, pred, tp, found, total, fixed_scores, _ in rows:
        p, r = tp / max(pred, 1), found / max(total, 1)
        line = f"| {label} | {1000 * pred / n_samples:.1f} | {p:.3f} | {r:.3f} | {f1(p, r):.3f} |"
        if fixed_scores:
            fpred, ftp, ffound = fixed_scores
            fp, fr = ftp / max(fpred, 1), ffound / max(total, 1)
            line += f" {fp:.3f} | {fr:.3f} | {f1(fp, fr):.3f} |"
        else:
            line += " | | |"
        print(line)
    print()
    print(f"Recall by the regime a change point enters (tolerance {tolerance} samples):")
    print()
    print("| method | " + " | ".join(f"into {k}" for k in REGIMES) + " |")
    print("|---|" + "---:|" * len(REGIMES))
    for label, *_, by_kind in rows:
        print(f"| {label} | " + " | ".join(f"{h / max(c, 1):.2f}" for h, c in by_kind.values()) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 series instead of 12")
    parser.add_argument("--tolerance", type=int, default=10, help="samples (default 10)")
    parser.add_argument("--penalty", type=float, nargs=2, default=(2.0, 5.0), metavar=("VALUES", "DELAYS"),
                        help="ruptures penalties on the values and on delay vectors (default 2 5, chosen on the "
                             "--quick series)")
    parser.add_argument("--orders", default="", help="comma list: extra value-symbol rows, one per order")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="more keyword arguments for every entropy method (VALUE read as JSON if it parses)")
    parser.add_argument("--models", action="store_true",
                        help="add rows of frozen context models (fixed, variable; orders 1-4) trained on 12 "
                             "separate seeded series of the same regimes (seeds 3024-3035)")
    args = parser.parse_args()
    extra = {}
    for item in args.option:
        key, _, value = item.partition("=")
        try:
            extra[key] = json.loads(value)
        except json.JSONDecodeError:
            extra[key] = value
    orders = [int(o) for o in args.orders.split(",") if o.strip()]
    series = corpus(4 if args.quick else 12)
    n_samples = sum(x.size for x, _, _ in series)
    n_changes = sum(t.size for _, t, _ in series)
    print(f"{len(series)} series, {n_samples:,} samples, {n_changes} change points; tolerance +-{args.tolerance} "
          f"samples; min_len 8 (tscomplex's default), no max_len")
    print()
    methods = entropy_methods(orders, extra)
    if args.models:
        train = [x for x, _, _ in corpus(12, seed=3024)]
        print(f"Context models: trained on 12 separate series ({sum(t.size for t in train):,} samples, seeds "
              "3024-3035), the same regimes; applied frozen to the evaluation series.")
        print()
        methods += model_methods(train)
    table(run(series, methods, args.tolerance, args.penalty), n_samples, args.tolerance)


if __name__ == "__main__":
    main()
