"""Records of ``patch``: entropy-guided patch boundaries of one series, a summary and one record per patch."""

from __future__ import annotations

from .. import options as O
from .base import Records
from .constant import PATCH, is_constant
from .patch_models import MODEL_OPTIONS, fitted_trace, model_for_series, with_model_keys  # noqa: F401


def patch_analysis(values, estimator=O.PATCH_ESTIMATORS[0], bins=O.PATCH_DEFAULT_BINS, order=O.PATCH_DEFAULT_ORDER,
                   dim=O.DEFAULT_DIM, value_range=O.PATCH_DEFAULT_VALUE_RANGE, center=True, mode=O.PATCH_MODES[0],
                   alpha=O.PATCH_DEFAULT_ALPHA, rule=O.PATCH_RULES[0], threshold=O.PATCH_DEFAULT_THRESHOLD,
                   jump=O.PATCH_DEFAULT_JUMP, min_len=None, max_len=None, tokenizer="value",
                   vocab_size=O.ENTROPE_VOCAB_SIZE, range_data=None, entropy=None, **rest) -> dict:
    """Entropy trace, resolved thresholds, patch starts and any threshold warning of one series.

    ``tokenizer="entrope"`` takes the trace over EntroPE's tokens; ``entropy`` is a trace computed
    elsewhere, used as it is (``records.patch_windows``; ``window`` is handled there, not here);
    ``rest`` holds the context-model options (``fit_on``, ``fit_range``, ``model``, ``context_model``)
    and the window keys, which are not this function's."""
    import warnings

    import numpy as np

    from ..patching import (ThresholdWarning, boundaries_from_entropy, conditional_entropy, default_min_len,
                            resolve_threshold)

    min_len = default_min_len(min_len, max_len)

    model_options = {key: rest[key] for key in MODEL_OPTIONS if key in rest}
    extra = {}
    fitted = None
    if entropy is not None:
        from ..patching.windows import windowed_patches

        h = windowed_patches(values, None, entropy=entropy, rules=False)["traces"][0]  # checks length, NaN
    elif tokenizer not in (None, "value") and not any(model_options.get(key) is not None for key in MODEL_OPTIONS):
        from ..patching.windows import windowed_patches

        result = windowed_patches(values, None, estimator=estimator, tokenizer=tokenizer, order=order, mode=mode,
                                  alpha=alpha, value_range=value_range, center=center, vocab_size=vocab_size,
                                  range_data=range_data, rules=False)
        h = result["traces"][0]
        extra = {key: result[key] for key in ("range_low", "range_high", "range_rule")}
    else:
        fitted = fitted_trace(values, estimator, bins=bins, order=order, value_range=value_range, center=center,
                              mode=mode, alpha=alpha, tokenizer=tokenizer,
                              vocab_size=vocab_size if tokenizer == "entrope" else None,
                              **model_options)  # context models: None without
        h = fitted["entropy"] if fitted else conditional_entropy(values, estimator, bins=bins, order=order,
                                                                  dim=dim, mode=mode, alpha=alpha,
                                                                  value_range=value_range, center=center)
    model = fitted and fitted["summary"]
    if entropy is None and is_constant(values):  # one rule for constant series: a record, null thresholds, and why
        return {"entropy": h, "starts": np.zeros(1, dtype=np.int64), "threshold": None, "jump": None,
                "warning": PATCH, "model": model, "extra": extra}
    theta = resolve_threshold(h, threshold, "threshold") if rule != "relative" else None
    gamma = resolve_threshold(np.diff(h), jump, "jump") if rule != "global" and h.size > 1 else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ThresholdWarning)
        starts = boundaries_from_entropy(h, rule, theta if theta is not None else 0.0,
                                         gamma if gamma is not None else 0.0, min_len, max_len)
    messages = [str(w.message) for w in caught if issubclass(w.category, ThresholdWarning)]
    return {"entropy": h, "starts": starts, "threshold": theta, "jump": gamma,
            "warning": "; ".join(messages) or None, "model": model, "extra": extra}


def records_from_analysis(series, analysis: dict, options: dict, summary_only: bool = False) -> Records:
    """One summary record, then one record per patch (unless ``summary_only``)."""
    import numpy as np

    from ..patching import entropy_rate, patch_table

    h, starts = analysis["entropy"], analysis["starts"]
    table = patch_table(h, starts)
    lengths = table["length"]
    stats = {"n": int(h.size), "threshold": analysis["threshold"], "jump": analysis["jump"],
             "n_patches": int(starts.size), "mean_patch_length": float(lengths.mean()),
             "median_patch_length": float(np.median(lengths)),
             "entropy_rate": entropy_rate(h, options.get("estimator", O.PATCH_ESTIMATORS[0]),
                                          order=options.get("order", O.PATCH_DEFAULT_ORDER) if options.get(
                                              "entropy") is None else 0,
                                          dim=options.get("dim", O.DEFAULT_DIM)),
             "warning": analysis["warning"], "extra": analysis.get("extra")}
    rows = () if summary_only else zip(table["start"].tolist(), table["end"].tolist(), lengths.tolist(),
                                       table["mean_entropy"].tolist(), table["max_entropy"].tolist())
    records = _records(series.source, series.name, options, stats, rows)
    if analysis.get("model"):
        with_model_keys(records, analysis["model"], h)
    return records


def patch_chunked_records(table, summary_only: bool = False, **options) -> Records:
    """The records of every series of a :class:`~tscomplex.io.ChunkedTable`, in passes over its blocks
    (see :mod:`tscomplex.chunked.patching`); summary warnings travel in ``.warnings``."""
    from ..chunked.patching import chunked_patches

    records = Records()
    for name, stats in chunked_patches(table, patches=not summary_only, **options).items():
        if isinstance(stats, ValueError):
            records.append({"source": table.source, "series": name, "error": str(stats)})
            continue
        records.extend_from(_records(table.source, name, options, stats, stats["patches"]))
    return records


def _records(source, name, options: dict, stats: dict, rows) -> Records:
    """The summary record from ``stats``, then one record per (start, end, length, mean, max) row."""
    from ..patching import default_min_len
    from .patch_windows import is_extended
    from .patch_windows import settings as extended_settings

    estimator = options.get("estimator", O.PATCH_ESTIMATORS[0])
    settings = ({"bins": options.get("bins", O.PATCH_DEFAULT_BINS),
                 "order": options.get("order", O.PATCH_DEFAULT_ORDER),
                 "value_range": options.get("value_range", O.PATCH_DEFAULT_VALUE_RANGE),
                 "center": options.get("center", True)}
                if estimator == "value" else {"dim": options.get("dim", O.DEFAULT_DIM)})
    described = {"estimator": estimator, **settings, "mode": options.get("mode", O.PATCH_MODES[0]),
                 "alpha": options.get("alpha", O.PATCH_DEFAULT_ALPHA)}
    if is_extended(options):  # the entrope tokenizer or a given trace: their own keys
        described = extended_settings(options, stats.get("extra"))
    summary = {
        "record": "summary", "source": source, "series": name, "n": stats["n"],
        **described, "rule": options.get("rule", O.PATCH_RULES[0]),
        "threshold": stats["threshold"], "jump": stats["jump"],
        "min_len": default_min_len(options.get("min_len"), options.get("max_len")), "max_len": options.get("max_len"),
        "n_patches": stats["n_patches"], "mean_patch_length": stats["mean_patch_length"],
        "median_patch_length": stats["median_patch_length"], "entropy_rate": stats["entropy_rate"],
    }
    records = Records()
    if stats["warning"]:
        summary["warning"] = records.warn(source, name, stats["warning"])
    records.append(summary)
    for i, (start, end, length, mean_entropy, max_entropy) in enumerate(rows):
        records.append({"record": "patch", "source": source, "series": name, "patch": i, "start": int(start),
                        "end": int(end), "length": int(length), "mean_entropy": float(mean_entropy),
                        "max_entropy": float(max_entropy)})
    return records


def patch_records(series, summary_only: bool = False, **options) -> Records:
    """Summary and patch records of one Series (module level, so a process pool can map it)."""
    if options.get("window") is not None:
        from .patch_windows import windowed_records

        return windowed_records(series, summary_only, **options)
    options = model_for_series(series, options)
    return records_from_analysis(series, patch_analysis(series.values, **options), options, summary_only)
