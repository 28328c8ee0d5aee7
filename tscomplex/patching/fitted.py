"""Series -> entropy trace from a context model fitted elsewhere: on training data, on a range, or loaded."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_series
from ..options import ENTROPE_VOCAB_SIZE
from .defaults import DEFAULT_ALPHA, DEFAULT_BINS, DEFAULT_ORDER, DEFAULT_VALUE_RANGE
from .models import ContextModel, cross_entropy, fit_context_model, series_symbols


def uses_model(context_model=None, fit_on=None, fit_range=None, model=None) -> bool:
    """Whether these options ask for a context model (anything but the plain fixed-order count tables)."""
    return (context_model not in (None, "fixed")) or fit_on is not None or fit_range is not None \
        or model is not None


def check_fit_range(fit_range, n: int | None = None) -> tuple[int, int]:
    """(A, B) with 0 <= A < B (and B <= n when n is known): the training samples A <= t < B."""
    try:
        a, b = (int(v) for v in fit_range)
    except (TypeError, ValueError):
        raise ValueError(f"fit_range must be two sample indices (A, B), got {fit_range!r}") from None
    if not 0 <= a < b:
        raise ValueError(f"fit_range ({a}, {b}) needs 0 <= A < B")
    if n is not None and b > n:
        raise ValueError(f"the fit range {a}:{b} ends after the series' {n} samples")
    return a, b


def value_tokenizer(bins=None, value_range=None, center=None) -> dict:
    """The description of the value tokenizer that a model stores: name, bins, value_range, center."""
    return {"name": "value", "bins": DEFAULT_BINS if bins is None else bins,
            "value_range": float(DEFAULT_VALUE_RANGE if value_range is None else value_range),
            "center": True if center is None else bool(center)}


def make_tokenizer(tokenizer=None, *, bins=None, value_range=None, center=None, vocab_size=None, window=None,
                   range_data=None, range_source: str = "the training data") -> dict:
    """The tokenizer description a model stores and is checked against: ``value`` (bins, value_range, center)
    or ``entrope`` (vocab_size, range_rule, range_low, range_high, range_data, center), plus ``window`` when
    each window of W samples is tokenized on its own. An entrope ``qA:qB`` range is taken from
    ``range_data`` (the training data), and ``range_source`` says which data that was."""
    from .tokenizers import entrope_limits

    if tokenizer in (None, "value"):
        out = value_tokenizer(bins, value_range, center)
    else:
        low, high, rule = entrope_limits(DEFAULT_VALUE_RANGE if value_range is None else value_range, range_data)
        out = {"name": "entrope", "vocab_size": int(ENTROPE_VOCAB_SIZE if vocab_size is None else vocab_size),
               "range_rule": rule, "range_low": low, "range_high": high,
               "range_data": range_source if rule.startswith("quantiles") else None,
               "center": True if center is None else bool(center)}
    if window is not None:
        out["window"] = int(window)
    return out


def fit_series_model(train, *, bins=None, order=None, value_range=None, center=None, alpha=None,
                     context_model=None, fit_range=None, trained_on: str = "fit_on", tokenizer=None,
                     vocab_size=None, window=None) -> ContextModel:
    """A context model of the symbols of ``train`` (of its samples A:B with ``fit_range``); the header's
    ``trained_on`` describes the data (``trained_on``, plus the range). ``tokenizer`` "entrope" takes EntroPE's
    tokens (a qA:qB ``value_range`` from the training samples); ``window`` tokenizes each window alone."""
    train = check_series(train, "fit_on", min_size=0)
    order = DEFAULT_ORDER if order is None else order
    if fit_range is not None:
        a, b = check_fit_range(fit_range, train.size)
        train, trained_on = train[a:b], f"samples {a}:{b} of {trained_on}"
    if train.size <= order:
        raise ValueError(f"training series of {train.size} samples is too short for order {order}: "
                         f"needs at least order+1 = {order + 1}")
    if window is not None and window <= order:
        raise ValueError(f"window of {window} samples is too short for order {order}: needs at least {order + 1}")
    description = make_tokenizer(tokenizer, bins=bins, value_range=value_range, center=center,
                                 vocab_size=vocab_size, window=window, range_data=train, range_source=trained_on)
    n_symbols = description.get("vocab_size") or description["bins"]
    model = fit_context_model(series_symbols(train, description), n_symbols, order,
                              DEFAULT_ALPHA if alpha is None else alpha, context_model or "fixed", description)
    model.header["trained_on"] = trained_on
    return model


def resolve_model(x, *, bins=None, order=None, value_range=None, center=None, alpha=None, mode=None,
                  context_model=None, fit_on=None, fit_range=None, model=None, tokenizer=None, vocab_size=None,
                  window=None) -> tuple:
    """(model, held_out) for the series ``x``: ``model`` checked against the settings given, or fitted on
    ``fit_on`` (samples A:B of it with ``fit_range``), on samples A:B of ``x`` (``fit_range`` alone; then
    ``held_out`` masks the other samples, else it is None) or on ``x`` itself (in-sample)."""

    if model is not None and (fit_on is not None or fit_range is not None):
        raise ValueError("give a model, or fit_on and/or fit_range to fit one, not both")
    if mode not in (None, "fit"):
        raise ValueError(f"mode {mode!r} cannot be used with a fitted context model, which is frozen: use mode "
                         "'fit' (or leave it out)")
    x = check_series(x, "series", min_size=0)
    if model is not None:
        if not isinstance(model, ContextModel):
            raise ValueError(f"model must be a ContextModel (see load_context_model), got {type(model).__name__}")
        check_model_against(model, bins=bins, order=order, value_range=value_range, center=center, alpha=alpha,
                            context_model=context_model, tokenizer=tokenizer, vocab_size=vocab_size, window=window)
        return model, None
    settings = {"bins": bins, "order": order, "value_range": value_range, "center": center, "alpha": alpha,
                "context_model": context_model, "tokenizer": tokenizer, "vocab_size": vocab_size, "window": window}
    if fit_on is not None:
        return fit_series_model(fit_on, fit_range=fit_range, **settings), None
    model = fit_series_model(x, fit_range=fit_range, trained_on="this series", **settings)
    if fit_range is None:
        model.header["trained_on"] = "this series (in-sample)"
        return model, None
    a, b = check_fit_range(fit_range, x.size)
    held_out = np.ones(x.size, dtype=bool)
    held_out[a:b] = False
    return model, held_out


def check_model_against(model: ContextModel, *, bins=None, order=None, value_range=None, center=None, alpha=None,
                        context_model=None, tokenizer=None, vocab_size=None, window=None, source="model") -> None:
    """Refuse (one sentence) a model whose settings differ from those given (None: not given), or whose
    window differs: a model of per-window tokens applies per window of its length, one of whole-series tokens
    to whole series. An entrope range is compared by its limits, or a qA:qB by the rule the limits came from."""
    from .model_files import check_model_matches

    wanted = {"bins": bins, "order": order, "center": center, "alpha": alpha, "context_model": context_model,
              "tokenizer": tokenizer, "vocab_size": vocab_size, "window": window}
    if value_range is not None and model.header["tokenizer"].get("name") == "entrope":
        rule = _quantile_rule(value_range)
        if rule:
            wanted["range_rule"] = rule
        else:
            from .tokenizers import entrope_limits

            low, high, _ = entrope_limits(value_range)
            wanted.update(range_low=low, range_high=high)
    else:
        wanted["value_range"] = value_range
    check_model_matches(model, wanted, source, window_checked=True)


def _quantile_rule(value_range) -> str | None:
    """The range_rule an entrope qA:qB range records ("quantiles qA:qB"), or None."""
    import re

    match = re.match(r"^\s*q([-+0-9.eE]+)\s*:\s*q([-+0-9.eE]+)\s*$", str(value_range))
    return f"quantiles q{float(match.group(1)):g}:q{float(match.group(2)):g}" if match else None


def model_entropy(x, **options) -> dict:
    """Entropy trace of ``x`` from a frozen context model, with what the record reports about the model.

    The model is :func:`resolve_model`'s; settings left None take the model's, or the defaults; given ones
    must match a model's.

    Returns a dict: ``entropy``, ``log_prob``, ``found`` (per step), ``model``, ``trained_on`` (the
    model header's description of its training data), and ``held_out`` (bool mask of the steps scored,
    or None for all).
    """
    x = check_series(x, "series", min_size=0)
    model, held_out = resolve_model(x, **options)
    if x.size <= model.order:
        raise ValueError(f"series of {x.size} samples is too short for order {model.order}: "
                         f"needs at least order+1 = {model.order + 1}")
    out = model.apply(series_symbols(x, model.header["tokenizer"]))
    return {**out, "model": model, "trained_on": model.header.get("trained_on"), "held_out": held_out}


def model_summary(result: dict) -> dict:
    """The record keys of a model-based trace: settings actually used, the training size, held-out score."""
    model, held_out = result["model"], result["held_out"]
    tokenizer = model.header["tokenizer"]
    score = cross_entropy(result["log_prob"], model.order, held_out)
    steps = np.zeros(result["log_prob"].size, dtype=bool)
    steps[model.order:] = True
    if held_out is not None:
        steps &= held_out
    found = result["found"][steps]
    summary = {**tokenizer_keys(tokenizer), "order": model.order, "mode": "fit", "alpha": model.alpha,
               "context_model": model.context_model, "model_trained_on": result["trained_on"],
               "model_training_samples": int(model.header["training_samples"]),
               "model_contexts": model.n_contexts,
               "model_cross_entropy": score if math.isfinite(score) else None,
               "model_scored_steps": int(steps.sum()),
               "model_known_context_fraction": float(found.mean()) if found.size else None}
    why = None
    if not steps.any():
        why = "no held-out step to score the model on (the fit range covers the series)"
    elif math.isinf(score):
        why = ("the model gives probability 0 to a symbol that came (alpha 0): its cross-entropy is infinite, "
               "written as null")
    if why:
        summary["model_cross_entropy_note"] = why
    return summary


def tokenizer_keys(tokenizer: dict) -> dict:
    """The record keys of a model's tokenizer: bins, value_range, center for the value symbols; tokenizer,
    vocab_size, the range rule and limits, the data the range came from, and center for EntroPE's tokens."""
    if tokenizer.get("name") == "entrope":
        return {"tokenizer": "entrope", **{key: tokenizer.get(key) for key in (
            "vocab_size", "range_rule", "range_low", "range_high", "range_data", "center")}}
    return {"bins": tokenizer["bins"], "value_range": tokenizer["value_range"], "center": tokenizer["center"]}


def window_model_summary(model: ContextModel, applied: dict, win_starts, width: int, held_out=None,
                         trained_on=None) -> dict:
    """:func:`model_summary` of a model applied per window (``applied``: windows x W ``log_prob`` and
    ``found``): steps j >= order of each window are scored, and with ``held_out`` (a per-sample mask) only the
    windows that lie wholly in held-out samples."""
    k = model.order
    rows = np.asarray(win_starts).size
    keep = np.ones(rows, dtype=bool)
    if held_out is not None:
        inside = np.concatenate(([0], np.cumsum(~held_out)))  # training samples before each index
        starts = np.asarray(win_starts)
        keep = inside[starts + width] == inside[starts]
    mask = np.concatenate((np.zeros(k, dtype=bool), np.repeat(keep, width - k)))
    flat = {"log_prob": np.concatenate((np.full(k, np.nan), applied["log_prob"][:, k:].ravel())),
            "found": np.concatenate((np.zeros(k, dtype=bool), applied["found"][:, k:].ravel())),
            "model": model, "trained_on": trained_on or model.header.get("trained_on"),
            "held_out": None if held_out is None else mask}
    return model_summary(flat)
