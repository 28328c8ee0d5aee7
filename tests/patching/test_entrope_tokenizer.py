"""The entrope tokenizer against a plain-numpy Chronos ``MeanScaleUniformBins`` written here from its definition."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.patching import entrope_edges, entrope_limits, entrope_tokens, windowed_patches
from tscomplex.patching.conditional import _entropy_trace
from tscomplex.patching.tokenizers import _entrope_quantize, _value_contexts


def chronos_ids(context, low, high, n_tokens=256, n_special=4):
    """Chronos: scale = mean |x| (1 if not positive); centres linspace(low, high, n_tokens - n_special - 1);
    boundaries -1e20, midpoints, 1e20; id = bucketize(x / scale, boundaries, right=True) + n_special, which is
    the number of boundaries <= x / scale; EntroPE clamps ids to n_tokens - 1."""
    context = np.asarray(context, dtype=np.float64)
    scale = np.abs(context).mean()
    if not scale > 0:
        scale = 1.0
    centers = np.linspace(low, high, n_tokens - n_special - 1)
    boundaries = np.concatenate(([-1e20], (centers[1:] + centers[:-1]) / 2, [1e20]))
    scaled = context / scale
    ids = np.array([int(np.sum(boundaries <= v)) for v in scaled]) + n_special
    return np.clip(ids, 0, n_tokens - 1)


DATA = {
    "normal": np.random.default_rng(0).normal(size=500),
    "offset sine": 7 + np.sin(np.arange(300) / 4),
    "heavy tails": np.random.default_rng(1).standard_t(1.5, size=400),
    "spikes": np.r_[np.zeros(50), 1e21, np.zeros(20), -1e21, np.ones(30)],
    "constant": np.full(40, 2.5),
    "integers": np.arange(-20, 21, dtype=float),
}


@pytest.mark.parametrize("name", sorted(DATA))
@pytest.mark.parametrize("low,high,vocab", [(-3.0, 3.0, 256), (-4.0, 4.0, 256), (-1.7, 2.2, 256), (-3.0, 3.0, 64)])
def test_ids_are_chronos_mean_scale_uniform_bins(name, low, high, vocab):
    x = DATA[name]
    raw = entrope_tokens(x, vocab, low, high, center=False)
    assert raw.tolist() == chronos_ids(x, low, high, vocab).tolist()
    centred = entrope_tokens(x, vocab, low, high, center=True)  # RevIN's centring first
    assert centred.tolist() == chronos_ids(x - x.mean(), low, high, vocab).tolist()
    assert centred.min() >= 4 and centred.max() <= vocab - 1


def test_special_ids_and_clipping():
    ids = entrope_tokens(np.r_[-1e30, np.zeros(998), 1e30], center=False)
    assert ids[0] == 5 and ids[-1] == 255 and set(ids[1:-1].tolist()) == {130}  # 0 is the middle bin
    # a scaled value below -1e20 gets the one value id 4; one beyond +1e20 is clamped to the last id
    out = np.empty(2, dtype=np.int64)
    _entrope_quantize(np.array([-1e21, 1e21]), 0.0, 1.0, entrope_edges(), 4, 256, out)
    assert out.tolist() == [4, 255]
    mid = entrope_tokens(np.array([-1.0, 1.0]), center=False)
    assert mid.tolist() == [5 + int(np.floor((-1 + 3) / (6 / 250) + 0.5)), 5 + int(np.floor((1 + 3) / (6 / 250) + 0.5))]


def test_range_rules():
    assert entrope_limits(3) == (-3.0, 3.0, "symmetric")
    assert entrope_limits("-1.5:2") == (-1.5, 2.0, "limits")
    z = np.random.default_rng(5).gamma(2.0, size=2000)
    low, high, rule = entrope_limits("q2.5:q97.5", z)
    standardized = (z - z.mean()) / z.std()
    assert (low, high) == pytest.approx(tuple(np.quantile(standardized, [0.025, 0.975])), rel=1e-12)
    assert rule == "quantiles q2.5:q97.5"
    for bad in ("q5:q2", "3:1", "q2.5:4", "abc", -1, "0"):
        with pytest.raises(ValueError):
            entrope_limits(bad, z)


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize("mode", ["causal", "fit"])
def test_trace_over_entrope_tokens_equals_a_dense_count_table(order, mode):
    """The window kernel (counts indexed by the contexts that occur) against the dense-table kernel of
    ``conditional_entropy``, on the same 256-token symbols."""
    x = np.cumsum(np.random.default_rng(2).normal(size=700))
    sym = entrope_tokens(x)
    ctx = np.empty(x.size, dtype=np.int64)
    _value_contexts(sym, order, 256, ctx)
    ref = np.empty(x.size)
    _entropy_trace(ctx, sym, order, 256 ** order, 256, 0.5, mode == "causal", ref)
    got = windowed_patches(x, None, tokenizer="entrope", order=order, mode=mode, rules=False)["traces"][0]
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-12)
    assert math.isclose(got[:order + 1].max(), math.log(256)) or mode == "fit"


def test_window_tokens_are_per_window():
    """Each window is scaled by its own mean absolute value: a window 1000 times larger gets the same ids."""
    x = np.tile(np.sin(np.arange(96) / 3.0), 2)
    x[96:] *= 1024.0  # a power of two: the scaled values are the same to the last bit
    got = windowed_patches(x, 96, tokenizer="entrope", mode="fit", rules=False)["traces"]
    np.testing.assert_allclose(got[0], got[1], rtol=0, atol=1e-12)


@pytest.mark.parametrize("mode", ["causal", "fit"])
def test_each_window_has_its_own_tokens_and_the_dense_table_trace(mode):
    """Per window: the window's own entrope ids (scale of that window), then the dense-table trace."""
    x = np.cumsum(np.random.default_rng(4).normal(size=1000))
    got = windowed_patches(x, 96, 60, tokenizer="entrope", order=1, mode=mode, range_data=x,
                           value_range="q2.5:q97.5", rules=False)
    low, high, _ = entrope_limits("q2.5:q97.5", x)
    for w, s in enumerate(got["window_starts"]):
        sym = entrope_tokens(x[s:s + 96], 256, low, high)
        ctx = np.empty(96, dtype=np.int64)
        _value_contexts(sym, 1, 256, ctx)
        ref = np.empty(96)
        _entropy_trace(ctx, sym, 1, 256, 256, 0.5, mode == "causal", ref)
        np.testing.assert_allclose(got["traces"][w], ref, rtol=0, atol=1e-12)
    assert (got["range_low"], got["range_high"]) == (low, high)
