"""Records of ``patch`` done EntroPE's way: per look-back window (``window``), with EntroPE's tokenizer
(``tokenizer="entrope"``), or on an entropy trace computed elsewhere (``entropy``).

Keys appear only when these options are used, so the records of the default path keep their shape.
"""

from __future__ import annotations

from .. import options as O
from .base import Records

#: The options of this module; the rest are those of :func:`tscomplex.records.patch.patch_analysis`.
EXTENDED = ("tokenizer", "vocab_size", "window", "window_step", "entropy", "entropy_source", "range_data")


def is_extended(options: dict) -> bool:
    """Whether the options ask for a window, the entrope tokenizer or a given entropy trace."""
    return (options.get("window") is not None or options.get("tokenizer", "value") != "value"
            or options.get("entropy") is not None)


def settings(options: dict, extra: dict | None = None) -> dict:
    """The estimator settings of a summary record (as ``records.patch`` writes them), with the tokenizer,
    range, window and entropy source added where those options are used."""
    extra = extra or {}
    if options.get("entropy") is not None:
        return {"estimator": "given", "entropy_source": options.get("entropy_source") or "array"}
    estimator = options.get("estimator", O.PATCH_ESTIMATORS[0])
    out: dict = {"estimator": estimator}
    if estimator != "value":
        out["dim"] = options.get("dim", O.DEFAULT_DIM)
    elif options.get("tokenizer", "value") == "entrope":
        out.update(tokenizer="entrope", vocab_size=options.get("vocab_size", O.ENTROPE_VOCAB_SIZE),
                   order=options.get("order", O.PATCH_DEFAULT_ORDER), range_rule=extra.get("range_rule"),
                   range_low=extra.get("range_low"), range_high=extra.get("range_high"),
                   center=options.get("center", True))
    else:
        out.update(bins=options.get("bins", O.PATCH_DEFAULT_BINS), order=options.get("order", O.PATCH_DEFAULT_ORDER),
                   value_range=options.get("value_range", O.PATCH_DEFAULT_VALUE_RANGE),
                   center=options.get("center", True))
    out.update(mode=options.get("mode", O.PATCH_MODES[0]), alpha=options.get("alpha", O.PATCH_DEFAULT_ALPHA))
    return out


def window_options(options: dict) -> dict:
    """The keyword arguments of :func:`tscomplex.patching.windows.windowed_patches` among ``options``."""
    keys = ("estimator", "tokenizer", "bins", "order", "dim", "mode", "alpha", "value_range", "center", "vocab_size",
            "range_data", "entropy", "rule", "threshold", "jump", "min_len", "max_len")
    return {key: options[key] for key in keys if options.get(key) is not None}


def windowed_records(series, summary_only: bool = False, figure: dict | None = None, **options) -> Records:
    """Summary, then per window a ``window`` record (its threshold and jump) and its ``patch`` records;
    ``figure`` (a dict) receives the result of :func:`~tscomplex.patching.windows.windowed_patches`."""
    import numpy as np

    from ..patching import default_min_len
    from ..patching.windows import windowed_patches

    min_len = default_min_len(options.get("min_len"), options.get("max_len"))
    model, held_out = window_model(series, options)
    result = windowed_patches(series.values, options["window"], options.get("window_step"),
                              **{**window_options(options), "min_len": min_len}, model=model)
    if figure is not None:
        figure.update(result)
    source, name = series.source, series.name
    lengths = result["end"] - result["start"]
    rule = options.get("rule", O.PATCH_RULES[0])
    outside = result["outside"]
    records = Records()
    summary = {"record": "summary", "source": source, "series": name, "n": int(series.values.size),
               **settings(options, result), "rule": rule, "threshold": None, "jump": None,
               "threshold_scope": "window", "window_length": int(result["window"]),
               "window_step": int(result["step"]),
               "n_windows": int(result["window_starts"].size), "uncovered_samples": result["uncovered_samples"],
               "min_len": min_len, "max_len": options.get("max_len"), "n_patches": int(lengths.size),
               "mean_patch_length": float(lengths.mean()), "median_patch_length": float(np.median(lengths)),
               "entropy_rate": float(np.nanmean(result["entropy_rate"]))}
    if model is not None:
        from ..patching.fitted import window_model_summary

        described = window_model_summary(model, result, result["window_starts"], int(result["window"]), held_out)
        note = described.pop("model_cross_entropy_note", None)
        for key in ("bins", "value_range") if described.get("tokenizer") == "entrope" else (
                "tokenizer", "vocab_size", "range_rule", "range_low", "range_high"):
            summary.pop(key, None)  # the other tokenizer's settings
        summary.update(described)
        if note:
            records.warn(source, name, note)
    notes = []
    for bit, what, name_ in ((1, "entropy", "threshold"), (2, "entropy step", "jump")):
        hit = int(np.count_nonzero(outside & bit))
        if hit:
            notes.append(f"{name_} is at or above the largest {what}, or below the smallest, in {hit} of "
                         f"{outside.size} windows (there the rule marks no step, or every step)")
    if notes:
        summary["warning"] = records.warn(source, name, "; ".join(notes))
    records.append(summary)
    if summary_only:
        return records
    cuts = np.concatenate(([0], np.cumsum(result["n_patches"])))
    starts, ends = result["start"].tolist(), result["end"].tolist()
    means, maxima = result["mean_entropy"].tolist(), result["max_entropy"].tolist()
    width = int(result["window"])
    for w, start in enumerate(result["window_starts"].tolist()):
        theta, gamma = float(result["threshold"][w]), float(result["jump"][w])
        records.append({"record": "window", "source": source, "series": name, "window": w, "start": start,
                        "end": start + width, "threshold": None if np.isnan(theta) else theta,
                        "jump": None if np.isnan(gamma) else gamma, "n_patches": int(result["n_patches"][w]),
                        "entropy_rate": float(result["entropy_rate"][w])})
        for i in range(int(cuts[w]), int(cuts[w + 1])):
            records.append({"record": "patch", "source": source, "series": name, "patch": i, "window": w,
                            "start": starts[i], "end": ends[i], "length": ends[i] - starts[i],
                            "mean_entropy": means[i], "max_entropy": maxima[i]})
    return records


def window_model(series, options: dict) -> tuple:
    """(model, held_out) of a context model applied per window (the options' ``model`` picked for this
    series, or fitted as they say), or (None, None) without one."""
    from ..patching.fitted import resolve_model, uses_model
    from .patch_models import MODEL_OPTIONS, model_for_series

    chosen = {key: options.get(key) for key in MODEL_OPTIONS}
    if not uses_model(**chosen):
        return None, None
    if options.get("estimator", "value") != "value":
        raise ValueError(f"context models (context_model, fit_on, fit_range, model) need estimator 'value', "
                         f"got {options.get('estimator')!r}")
    chosen["model"] = model_for_series(series, options).get("model")
    settings = {key: options.get(key) for key in ("bins", "order", "value_range", "center", "alpha", "mode",
                                                  "tokenizer", "vocab_size")}
    return resolve_model(series.values, **settings, **chosen, window=options["window"])
