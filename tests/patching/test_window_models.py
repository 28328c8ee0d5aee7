"""A frozen context model applied per look-back window, with the value or EntroPE's tokens (issue 19)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import tscomplex
from tscomplex.patching import (
    ThresholdWarning,
    boundaries_from_entropy,
    resolve_threshold,
    windowed_patches,
)
from tscomplex.patching.fitted import fit_series_model
from tscomplex.patching.tokenizers import entrope_tokens, value_symbols


def series(n=2000, seed=5):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return np.where((t // 400) % 2 == 1, rng.normal(size=n), np.sin(2 * np.pi * t / 37) + 0.05 * rng.normal(size=n))


def window_tokens(w, tokenizer):
    """The window tokenized alone by the whole-series tokenizers."""
    if tokenizer["name"] == "entrope":
        return entrope_tokens(w, tokenizer["vocab_size"], tokenizer["range_low"], tokenizer["range_high"],
                              tokenizer["center"])
    return value_symbols(w, tokenizer["bins"], tokenizer["value_range"], tokenizer["center"])


@pytest.mark.parametrize("tokenizer,settings", [("value", {"bins": 8}), ("value", {"bins": 5, "value_range": 2.0}),
                                                ("entrope", {"value_range": "q2.5:q97.5"}),
                                                ("entrope", {"vocab_size": 64, "value_range": 4.0})])
@pytest.mark.parametrize("context_model", ["fixed", "variable"])
@pytest.mark.parametrize("order", [1, 3])
@pytest.mark.parametrize("rule", ["global", "either"])
def test_each_window_equals_the_model_applied_to_that_window_alone(tokenizer, settings, context_model, order, rule):
    x = series()
    model = fit_series_model(series(3000, seed=9), tokenizer=tokenizer, context_model=context_model, order=order,
                             window=96, **settings)
    width, step = 96, 70
    got = windowed_patches(x, width, step, model=model, rule=rule, threshold="q80", jump="q75", min_len=2,
                           max_len=24)
    assert got["window_starts"].tolist() == list(range(0, x.size - width + 1, step))
    for w, s in enumerate(range(0, x.size - width + 1, step)):
        h = model.entropy(window_tokens(x[s:s + width], model.header["tokenizer"]))
        np.testing.assert_allclose(got["traces"][w], h, rtol=0, atol=1e-12)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ThresholdWarning)
            starts = boundaries_from_entropy(h, rule, "q80", "q75", 2, 24)
        assert got["start"][got["patch_window"] == w].tolist() == (starts + s).tolist()
        assert got["threshold"][w] == pytest.approx(resolve_threshold(h, "q80"), abs=1e-12)
        if rule == "either":
            assert got["jump"][w] == pytest.approx(resolve_threshold(np.diff(h), "q75", "jump"), abs=1e-12)


def test_the_model_of_a_window_sees_no_sample_before_it():
    """Window w's first steps have no past: its trace is the same whatever precedes the window."""
    x = series()
    model = fit_series_model(x, order=3, context_model="variable", window=96)
    shifted = np.concatenate((np.random.default_rng(1).normal(size=96), x[96:]))
    a = windowed_patches(x, 96, model=model)["traces"]
    b = windowed_patches(shifted, 96, model=model)["traces"]
    np.testing.assert_array_equal(a[1:], b[1:])


def test_training_tokens_are_each_training_window_tokenized_alone():
    """A model of per-window tokens counts the tokens of each training window (tiling, tail left out)."""
    train = series(1000, seed=2)
    model = fit_series_model(train, order=0, window=96, bins=6)
    tokens = np.concatenate([value_symbols(train[s:s + 96], 6) for s in range(0, 1000 - 95, 96)])
    counts = np.bincount(tokens, minlength=6).astype(float)
    p = (counts + 0.5) / (counts.sum() + 3.0)  # order 0, add-1/2
    assert model.header["training_samples"] == 960
    np.testing.assert_allclose(model.entropy([0, 1, 2]), -(p * np.log(p)).sum(), rtol=1e-12)


def test_entrope_quantile_range_comes_from_the_training_data():
    """qA:qB: percentiles of the training data standardized by its mean and population std (numpy here)."""
    train = series(3000, seed=9) * 3.0 + 1.0
    model = fit_series_model(train, tokenizer="entrope", value_range="q2.5:q97.5", window=96,
                             trained_on="train.csv [x]")
    z = (train - train.mean()) / train.std()
    low, high = np.quantile(z, [0.025, 0.975])
    tok = model.header["tokenizer"]
    assert tok["range_low"] == pytest.approx(low, rel=1e-9) and tok["range_high"] == pytest.approx(high, rel=1e-9)
    assert (tok["name"], tok["vocab_size"], tok["range_rule"], tok["range_data"], tok["window"]) == \
        ("entrope", 256, "quantiles q2.5:q97.5", "train.csv [x]", 96)


def test_a_window_shorter_than_the_model_needs_is_refused():
    model = fit_series_model(series(), order=6, window=8)
    with pytest.raises(ValueError, match="window of 5 samples is too short for order 6"):
        windowed_patches(series(), 5, model=model)


def test_dataframe_api_applies_a_model_per_window_and_refuses_other_settings():
    x = series()
    model = fit_series_model(series(3000, seed=9), tokenizer="entrope", value_range="q2.5:q97.5", window=96)
    frame = tscomplex.patch(x, window=96, model=model)
    summary = frame[frame["record"] == "summary"].iloc[0]
    assert (summary["tokenizer"], summary["range_rule"], summary["window_length"]) == \
        ("entrope", "quantiles q2.5:q97.5", 96)
    traces = windowed_patches(x, 96, model=model)
    windows = frame[frame["record"] == "window"]
    np.testing.assert_allclose(windows["threshold"].to_numpy(float), traces["threshold"], rtol=0, atol=1e-12)
    for bad, fragment in (({"window": 48}, "window 96 (asked: 48)"), ({"window": None}, "window 96"),
                          ({"window": 96, "vocab_size": 128}, "vocab_size 256 (asked: 128)"),
                          ({"window": 96, "tokenizer": "value"}, "tokenizer 'entrope' (asked: 'value')"),
                          ({"window": 96, "value_range": "q5:q95"}, "range_rule")):
        with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
            tscomplex.patch(x, model=model, **bad)


@pytest.mark.parametrize("context_model", ["fixed", "variable"])
def test_no_training_context_spans_two_windows(context_model):
    """Rows are sequences of their own: an order-1 model of windows counts the pairs inside each window only
    (plain numpy counts here); fixed: add-1/2 per context, variable: smoothed towards the order-0 counts."""
    rng = np.random.default_rng(4)
    rows = rng.integers(0, 3, size=(40, 6))
    from tscomplex.patching.models import fit_context_model

    model = fit_context_model(rows, 3, 1, 0.5, context_model)
    pairs = np.zeros((3, 3))
    for row in rows:
        np.add.at(pairs, (row[:-1], row[1:]), 1)
    if context_model == "fixed":
        p = (pairs + 0.5) / (pairs.sum(axis=1, keepdims=True) + 1.5)
    else:
        p0 = (np.bincount(rows.reshape(-1), minlength=3) + 0.5) / (rows.size + 1.5)
        p = (pairs + 1.5 * p0) / (pairs.sum(axis=1, keepdims=True) + 1.5)
    expected = -(p * np.log(p)).sum(axis=1)
    np.testing.assert_allclose(model.entropy([0, 1, 2, 0])[1:], expected[[0, 1, 2]], rtol=1e-12)
    assert model.header["training_samples"] == 240
    joined = fit_context_model(rows.reshape(-1), 3, 1, 0.5, context_model)  # one sequence: 39 more pairs
    assert not np.allclose(joined.entropy([0, 1, 2, 0])[1:], expected[[0, 1, 2]], rtol=1e-12)
