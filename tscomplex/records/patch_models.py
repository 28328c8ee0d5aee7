"""Records of a patch run with a context model fitted elsewhere (issue 19): --fit-on, --fit-range, --model,
--context-model. Shared by whole-series records (``records.patch``) and window records (``records.patch_windows``)."""

from __future__ import annotations

from .base import Records

MODEL_OPTIONS = ("context_model", "fit_on", "fit_range", "model")


def fitted_trace(values, estimator, **options) -> dict | None:
    """The trace of a context model and its record keys, or None when no model option is set.

    ``model`` may be a :class:`~tscomplex.patching.models.ContextModel`; ``fit_on`` an array;
    ``fit_range`` (A, B). ``entropy_rate`` of a model's trace is the mean of its H_t as usual."""
    from ..patching.fitted import model_entropy, model_summary, uses_model

    chosen = {key: options.pop(key, None) for key in MODEL_OPTIONS}
    if not uses_model(**chosen):
        return None
    if estimator != "value":
        raise ValueError(f"context models (context_model, fit_on, fit_range, model) need estimator 'value', "
                         f"got {estimator!r}")
    result = model_entropy(values, **options, **chosen)
    return {"entropy": result["entropy"], "summary": model_summary(result)}


def model_for_series(series, options: dict) -> dict:
    """``options`` with a per-series model picked: ``model`` may map series names to models (a training
    file with several series trains the analysed series of the same name)."""
    models = options.get("model")
    if not isinstance(models, dict):
        return options
    if len(models) == 1:
        return {**options, "model": next(iter(models.values()))}
    if series.name not in models:
        raise ValueError(f"the training data has no series named {series.name!r} (it has "
                         f"{', '.join(map(repr, models))}); pick one with -c")
    return {**options, "model": models[series.name]}


def with_model_keys(records: Records, summary: dict, entropy) -> None:
    """Put the model's settings (they replace those asked for) and scores into the summary record, with the
    entropy rate over the steps the model's order leaves; a null cross-entropy's reason also goes to stderr."""
    from ..patching import entropy_rate

    first = records[0]
    for key in ("bins", "value_range") if summary.get("tokenizer") == "entrope" else ("vocab_size", "range_rule",
                                                                                        "range_low", "range_high"):
        first.pop(key, None)  # the other tokenizer's settings
    first.update(summary)
    first["entropy_rate"] = entropy_rate(entropy, "value", order=summary["order"])
    note = summary.get("model_cross_entropy_note")
    if note:
        records.warn(first["source"], first["series"], note)
