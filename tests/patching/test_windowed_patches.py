"""EntroPE's per-window patching: each window equals the whole-series path run on that window alone."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.patching import (
    ThresholdWarning,
    boundaries_from_entropy,
    conditional_entropy,
    patch_boundaries,
    patch_table,
    resolve_threshold,
    windowed_patches,
)


def series(n=1500, seed=3):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return np.where((t // 300) % 2 == 1, rng.normal(size=n), np.sin(2 * np.pi * t / 23) + 0.05 * rng.normal(size=n))


def per_window_reference(x, width, step, estimator, options, rule, threshold, jump, min_len, max_len):
    """The whole-series functions, called on each window in a Python loop."""
    out = []
    for s in range(0, x.size - width + 1, step):
        w = x[s:s + width]
        h = conditional_entropy(w, estimator, **options)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ThresholdWarning)
            starts = boundaries_from_entropy(h, rule, threshold, jump, min_len, max_len)
        theta = resolve_threshold(h, threshold) if rule != "relative" else np.nan
        gamma = resolve_threshold(np.diff(h), jump, "jump") if rule != "global" else np.nan
        out.append((s, h, starts, theta, gamma))
    return out


CASES = [("value", {"bins": 8, "order": 2}), ("value", {"bins": 5, "order": 1, "value_range": 2.0}),
         ("value", {"bins": 4, "order": 3, "center": False}), ("ordinal", {"dim": 4}), ("ordinal", {"dim": 3})]


@pytest.mark.parametrize("estimator,options", CASES)
@pytest.mark.parametrize("mode", ["causal", "fit"])
@pytest.mark.parametrize("rule", ["global", "relative", "both", "either"])
def test_each_window_equals_the_whole_series_path_on_that_window(estimator, options, mode, rule):
    x = series()
    width, step = 96, 70
    got = windowed_patches(x, width, step, estimator=estimator, mode=mode, rule=rule, threshold="q80", jump="q75",
                           min_len=2, max_len=24, **options)
    ref = per_window_reference(x, width, step, estimator, {**options, "mode": mode}, rule, "q80", "q75", 2, 24)
    assert got["window_starts"].tolist() == [r[0] for r in ref]
    for w, (s, h, starts, theta, gamma) in enumerate(ref):
        np.testing.assert_allclose(got["traces"][w], h, rtol=0, atol=1e-12)
        mine = got["start"][got["patch_window"] == w]
        assert mine.tolist() == (starts + s).tolist()  # series coordinates, the window's first sample a start
        np.testing.assert_allclose(got["threshold"][w], theta, rtol=1e-12, equal_nan=True)
        np.testing.assert_allclose(got["jump"][w], gamma, rtol=1e-12, atol=1e-15, equal_nan=True)
        table = patch_table(h, starts)
        sel = got["patch_window"] == w
        assert (got["end"][sel] - s).tolist() == table["end"].tolist()
        np.testing.assert_allclose(got["mean_entropy"][sel], table["mean_entropy"], rtol=1e-12)
        np.testing.assert_allclose(got["max_entropy"][sel], table["max_entropy"], rtol=0)
        k = options.get("order", options.get("dim"))
        np.testing.assert_allclose(got["entropy_rate"][w], h[k:].mean(), rtol=1e-12)


@pytest.mark.parametrize("step,uncovered", [(96, 1500 - 15 * 96), (50, 1500 - (28 * 50 + 96)), (130, 1500 - 11 * 96)])
def test_steps_tile_overlap_or_leave_gaps_and_say_how_much_is_uncovered(step, uncovered):
    x = series()
    got = windowed_patches(x, 96, step, min_len=1)
    assert got["window_starts"].tolist() == list(range(0, 1500 - 96 + 1, step))
    assert got["uncovered_samples"] == uncovered
    assert set(got["window_starts"].tolist()) <= set(got["start"].tolist())
    # patches never cross their window
    ends_of_window = got["window_starts"][got["patch_window"]] + 96
    assert (got["end"] <= ends_of_window).all() and (got["start"] < got["end"]).all()


def test_one_window_of_the_whole_series_is_the_whole_series_path():
    x = series(800)
    got = windowed_patches(x, None, mode="fit", threshold="q85", min_len=3, max_len=40)
    assert got["start"].tolist() == patch_boundaries(x, mode="fit", threshold="q85", min_len=3, max_len=40).tolist()
    assert got["uncovered_samples"] == 0


def test_patch_boundaries_takes_a_window():
    x = series()
    direct = windowed_patches(x, 96, estimator="ordinal", dim=4, min_len=1, max_len=32)["start"]
    assert patch_boundaries(x, "ordinal", dim=4, window=96, min_len=1, max_len=32).tolist() == direct.tolist()


def test_numeric_thresholds_are_the_same_in_every_window():
    got = windowed_patches(series(), 96, threshold=1.5, rule="global")
    assert np.all(got["threshold"] == 1.5) and np.all(np.isnan(got["jump"]))


def test_a_given_trace_gives_the_boundaries_of_the_same_trace_computed_internally():
    x = series()
    h = conditional_entropy(x, mode="fit")
    for window in (None, 96):
        internal = windowed_patches(x, window, mode="fit", rule="both", threshold="q70", jump="q70", max_len=50)
        given = windowed_patches(x, window, entropy=h.copy(), rule="both", threshold="q70", jump="q70", max_len=50)
        if window is None:
            assert given["start"].tolist() == internal["start"].tolist()
    # per window, a given trace is sliced, not recomputed: equal to the internal path on a whole-series model
    got = windowed_patches(x, 96, entropy=h, threshold="q90")
    for w, s in enumerate(got["window_starts"]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ThresholdWarning)
            ref = boundaries_from_entropy(h[s:s + 96], "global", "q90", min_len=1)
        assert (got["start"][got["patch_window"] == w] - s).tolist() == ref.tolist()
    assert patch_boundaries(x, entropy=h, threshold="q90").tolist() == \
        patch_boundaries(x, mode="fit", threshold="q90").tolist()


@pytest.mark.parametrize("kwargs,fragment", [
    ({"window": 2, "order": 2}, "too short for order 2"),
    ({"window": 5, "estimator": "ordinal", "dim": 5}, "too short for dim 5"),
    ({"window": 2000}, "shorter than the window"),
    ({"window": 96, "entropy": np.ones(10)}, "entropy trace has 10 values"),
    ({"window": 96, "entropy": np.r_[np.ones(1499), np.nan]}, "entropy"),
    ({"window": 96, "tokenizer": "entrope", "estimator": "ordinal"}, "needs estimator 'value'"),
    ({"window": 96, "tokenizer": "entrope", "order": 8}, "beyond 64 bits"),
    ({"window": 0}, "window"),
])
def test_bad_settings_say_what_is_wrong(kwargs, fragment):
    window = kwargs.pop("window")
    with pytest.raises(ValueError, match=fragment):
        windowed_patches(series(), window, **kwargs)


@settings(max_examples=40)
@given(st.integers(0, 10**6), st.integers(4, 40), st.integers(1, 50), st.sampled_from(["causal", "fit"]),
       st.sampled_from(["global", "relative", "either"]), st.integers(1, 5))
def test_property_windows_equal_the_loop(seed, width, step, mode, rule, bins_or_dim):
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=int(rng.integers(width, 300))), int(rng.integers(0, 3)))  # ties included
    options = {"bins": bins_or_dim + 1, "order": 1} if seed % 2 else {"dim": min(bins_or_dim + 1, 3)}
    estimator = "value" if seed % 2 else "ordinal"
    k = options.get("order", options.get("dim"))
    if width <= k:
        return
    got = windowed_patches(x, width, step, estimator=estimator, mode=mode, rule=rule, threshold="q70", jump="q70",
                           min_len=1, max_len=9, **options)
    ref = per_window_reference(x, width, step, estimator, {**options, "mode": mode}, rule, "q70", "q70", 1, 9)
    assert len(ref) == got["window_starts"].size
    for w, (s, h, starts, _, _) in enumerate(ref):
        np.testing.assert_allclose(got["traces"][w], h, rtol=0, atol=1e-12)
        assert (got["start"][got["patch_window"] == w] - s).tolist() == starts.tolist()


def test_dataframe_api_has_window_rows():
    import tscomplex

    frame = tscomplex.patch(series(600), window=96, mode="fit")
    kinds = frame["record"].tolist()
    assert kinds[0] == "summary" and kinds.count("window") == 6
    assert frame.loc[0, "window_length"] == 96 and frame.loc[0, "uncovered_samples"] == 600 - 6 * 96
    windows = frame[frame["record"] == "window"]
    assert windows["threshold"].notna().all()
