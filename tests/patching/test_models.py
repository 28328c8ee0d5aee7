"""Context models: fitted counts applied frozen, against a plain-dict reimplementation; the model file."""

from __future__ import annotations

import io
import json
import math
from collections import Counter, defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.patching import conditional_entropy, value_symbols
from tscomplex.patching.fitted import model_entropy, model_summary
from tscomplex.patching.model_files import (
    ModelFileError,
    check_model_matches,
    load_context_model,
    model_bytes,
    model_from_bytes,
    save_context_model,
)
from tscomplex.patching.models import MODEL_FORMAT, MODEL_VERSION, fit_context_model

# --------------------------------------------------------------------------- plain-dict reference


def ref_tables(train, order, variable):
    """{j: {context tuple: Counter(symbol)}} for the levels the model keeps, counted at u >= start."""
    levels = range(order + 1) if variable else ([0, order] if order else [0])
    tables = {}
    for j in levels:
        start = j if variable else order
        table = defaultdict(Counter)
        for u in range(start, len(train)):
            table[tuple(train[u - j:u])][train[u]] += 1
        tables[j] = table
    return tables


def ref_distribution(tables, seq, t, order, n_sym, alpha, variable):
    """p(. | past of seq at t) as a list: interpolated KT, p_j = (n_j + A alpha p_{j-1}) / (N_j + A alpha)."""
    beta = n_sym * alpha
    if variable:
        used = [j for j in range(order + 1) if j <= t]
    else:
        used = [order] if t >= order else [0]
    p = [1.0 / n_sym] * n_sym
    for j in used:  # shortest first
        counts = tables[j].get(tuple(seq[t - j:t]), Counter())
        total = sum(counts.values())
        if total == 0:
            continue  # an unseen context passes the shorter prediction on
        p = [(counts[v] + beta * p[v]) / (total + beta) for v in range(n_sym)]
    return p


def ref_apply(train, test, order, n_sym, alpha, variable):
    tables = ref_tables(list(train), order, variable)
    test = list(test)
    entropy, log_prob = [], []
    for t in range(len(test)):
        p = ref_distribution(tables, test, t, order, n_sym, alpha, variable)
        assert math.isclose(sum(p), 1.0, rel_tol=1e-12)
        entropy.append(-sum(q * math.log(q) for q in p if q > 0))
        q = p[test[t]]
        log_prob.append(math.log(q) if q > 0 else -math.inf)
    return np.array(entropy), np.array(log_prob)


def random_symbols(rng, n, n_sym, memory=2):
    """A sequence with structure (a noisy function of the previous symbols), so contexts matter."""
    s = list(rng.integers(0, n_sym, size=memory))
    for _ in range(n - memory):
        s.append(int((s[-1] + s[-2] * 3 + (rng.random() < 0.3) * rng.integers(0, n_sym)) % n_sym))
    return np.array(s, dtype=np.int64)


# --------------------------------------------------------------------------- against the reference


@pytest.mark.parametrize("variable", [False, True])
@pytest.mark.parametrize("order,n_sym,alpha", [(0, 3, 0.5), (1, 2, 0.5), (2, 5, 0.5), (3, 4, 1.0), (4, 3, 0.5),
                                               (2, 3, 0.0)])
def test_model_matches_dict_reference_on_other_data(variable, order, n_sym, alpha):
    rng = np.random.default_rng(order * 10 + n_sym)
    train, test = random_symbols(rng, 300, n_sym), random_symbols(rng, 120, n_sym)
    test[50:60] = rng.integers(0, n_sym, size=10)  # contexts the training data may not have
    model = fit_context_model(train, n_sym, order, alpha, "variable" if variable else "fixed")
    out = model.apply(test)
    entropy, log_prob = ref_apply(train, test, order, n_sym, alpha, variable)
    np.testing.assert_allclose(out["entropy"], entropy, rtol=0, atol=1e-12)
    np.testing.assert_allclose(out["log_prob"][order:], log_prob[order:], rtol=0, atol=1e-12)
    assert np.isnan(out["log_prob"][:order]).all()
    scored = log_prob[order:]
    expected = -scored.mean() if np.isfinite(scored).all() else math.inf
    assert model.cross_entropy(test) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("n_sym,order", [(256, 8), (200, 8), (256, 3), (129, 7)])
def test_large_alphabets_and_orders_use_sparse_keys(n_sym, order):
    """256 symbols at order 8 take all 64 bits of a key (the two-array sort); no dense table is made."""
    rng = np.random.default_rng(n_sym + order)
    train = np.concatenate([rng.integers(0, n_sym, size=200), np.tile(rng.integers(0, n_sym, size=12), 20)])
    test = np.concatenate([np.tile(train[-24:], 3), rng.integers(0, n_sym, size=30)])
    for variable in (False, True):
        model = fit_context_model(train, n_sym, order, 0.5, "variable" if variable else "fixed")
        entropy, log_prob = ref_apply(train, test, order, n_sym, 0.5, variable)
        out = model.apply(test)
        np.testing.assert_allclose(out["entropy"], entropy, rtol=0, atol=1e-12)
        np.testing.assert_allclose(out["log_prob"][order:], log_prob[order:], rtol=0, atol=1e-12)
        assert model.n_contexts <= train.size * (order + 1)


@settings(max_examples=40)
@given(st.lists(st.integers(0, 3), min_size=6, max_size=60), st.lists(st.integers(0, 3), min_size=6, max_size=40),
       st.integers(0, 4), st.booleans())
def test_property_matches_reference(train, test, order, variable):
    train, test = np.array(train), np.array(test)
    model = fit_context_model(train, 4, order, 0.5, "variable" if variable else "fixed")
    entropy, _ = ref_apply(train, test, order, 4, 0.5, variable)
    h = model.entropy(test)
    np.testing.assert_allclose(h, entropy, rtol=0, atol=1e-12)
    assert (h >= 0).all() and (h <= math.log(4) + 1e-12).all()


# --------------------------------------------------------------------------- against fit mode


@pytest.mark.parametrize("order,bins,alpha", [(0, 8, 0.5), (1, 4, 0.5), (2, 8, 0.5), (3, 6, 0.0), (5, 8, 1.0)])
def test_fitted_on_a_copy_gives_the_fit_mode_entropies(order, bins, alpha):
    x = np.random.default_rng(order).normal(size=4000).cumsum() + np.sin(np.arange(4000) / 7)
    fit = conditional_entropy(x, bins=bins, order=order, alpha=alpha, mode="fit")
    frozen = conditional_entropy(x, bins=bins, order=order, alpha=alpha, fit_on=x.copy())
    np.testing.assert_allclose(frozen, fit, rtol=0, atol=1e-12)


def test_fit_range_is_fit_on_the_slice_and_scores_the_rest():
    rng = np.random.default_rng(3)
    x = np.concatenate([np.sin(np.arange(3000) / 5), rng.normal(size=1000)])
    a = model_entropy(x, order=3, fit_range=(0, 3000))
    b = model_entropy(x, order=3, fit_on=x[:3000])
    np.testing.assert_array_equal(a["entropy"], b["entropy"])
    summary = model_summary(a)
    assert summary["model_trained_on"] == "samples 0:3000 of this series" and summary["model_scored_steps"] == 1000
    c = model_entropy(x[3000:], order=3, fit_on=x, fit_range=(0, 3000))  # a range of the training series
    np.testing.assert_array_equal(c["entropy"], model_entropy(x[3000:], order=3, fit_on=x[:3000])["entropy"])
    assert model_summary(c)["model_trained_on"] == "samples 0:3000 of fit_on"
    expected = -a["log_prob"][3000:].mean()
    assert summary["model_cross_entropy"] == pytest.approx(expected, rel=1e-12)
    # the sine the model knows is predictable, the noise it never saw is not
    assert a["entropy"][3000:].mean() > a["entropy"][100:3000].mean() + 0.5


def test_variable_order_backs_off_where_the_fixed_order_knows_nothing():
    """On contexts the training data never had, fixed order predicts uniformly; variable uses shorter ones."""
    train = np.tile([0, 1, 2, 3], 200)
    test = np.array([0, 1, 2, 3, 3, 2, 1, 0, 1, 2, 3, 0])
    fixed = fit_context_model(train, 4, 3, 0.5, "fixed").apply(test)
    variable = fit_context_model(train, 4, 3, 0.5, "variable").apply(test)
    unseen = ~fixed["found"]
    unseen[:3] = False
    assert unseen.any()
    np.testing.assert_allclose(fixed["entropy"][unseen], math.log(4))
    assert (variable["entropy"][unseen] < math.log(4)).all()


def test_summary_reports_the_settings_and_the_score():
    x = np.sin(np.arange(2000) / 9)
    result = model_entropy(x, bins=6, order=4, fit_on=np.sin(np.arange(5000) / 9 + 1), context_model="variable")
    s = model_summary(result)
    assert (s["bins"], s["order"], s["context_model"], s["mode"]) == (6, 4, "variable", "fit")
    assert s["model_training_samples"] == 5000 and s["model_scored_steps"] == 2000 - 4
    assert 0 <= s["model_cross_entropy"] < 0.5 and s["model_known_context_fraction"] > 0.9


def test_infinite_cross_entropy_is_null_with_a_note():
    result = model_entropy(np.array([0.0, 1.0] * 50 + [5.0]), bins=4, order=0, alpha=0.0,
                           fit_on=np.array([0.0, 1.0] * 50))
    s = model_summary(result)
    assert s["model_cross_entropy"] is None and "probability 0" in s["model_cross_entropy_note"]


# --------------------------------------------------------------------------- bad settings


@pytest.mark.parametrize("kwargs,fragment", [
    ({"mode": "causal", "fit_on": np.ones(50)}, "mode 'causal'"),
    ({"estimator": "ordinal", "fit_on": np.ones(50)}, "estimator 'value'"),
    ({"order": 9, "context_model": "variable"}, "order"),
    ({"bins": 300, "context_model": "variable"}, "bins"),
    ({"context_model": "cubic"}, "context_model"),
    ({"fit_range": (10, 5)}, "fit_range"),
    ({"fit_range": (0, 10_000)}, "ends after"),
    ({"fit_on": np.ones(2), "order": 3}, "training series of 2 samples"),
    ({"fit_on": np.ones(50), "model": fit_context_model([0, 1] * 9, 8, 2)}, "not both"),
])
def test_bad_settings_say_which(kwargs, fragment):
    x = np.random.default_rng(0).normal(size=200)
    with pytest.raises(ValueError, match=None) as info:
        conditional_entropy(x, **kwargs)
    assert fragment in str(info.value)


# --------------------------------------------------------------------------- the model file


def test_saved_model_loads_to_identical_output(tmp_path):
    rng = np.random.default_rng(5)
    train, test = rng.normal(size=3000).cumsum(), rng.normal(size=1000).cumsum()
    for context_model in ("fixed", "variable"):
        model = fit_context_model(value_symbols(train, 8), 8, 4, 0.5, context_model,
                                  {"name": "value", "bins": 8, "value_range": 3.0, "center": True})
        path = tmp_path / f"{context_model}.npz"
        save_context_model(model, str(path))
        loaded = load_context_model(str(path))
        assert loaded.header == model.header
        a, b = model.apply(value_symbols(test, 8)), loaded.apply(value_symbols(test, 8))
        for key in a:
            np.testing.assert_array_equal(a[key], b[key])
        h = conditional_entropy(test, model=loaded)
        np.testing.assert_array_equal(h, a["entropy"])


def test_model_file_is_plain_numpy_and_json(tmp_path):
    model = fit_context_model([0, 1, 2, 1] * 30, 3, 2, 0.5, "fixed", {"name": "value", "bins": 3})
    path = tmp_path / "m.npz"
    save_context_model(model, str(path))
    with np.load(path, allow_pickle=False) as npz:
        header = json.loads(npz["header"].tobytes().decode("utf-8"))
        assert header["format"] == MODEL_FORMAT and header["version"] == MODEL_VERSION
        assert (header["order"], header["n_symbols"], header["alpha"]) == (2, 3, 0.5)
        assert npz["counts"].sum() == npz["totals"].sum()
        assert all(npz[name].dtype.kind in "iuf" for name in npz.files)


def _rewrite(data: bytes, **changes) -> bytes:
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    for key, value in changes.items():
        if value is None:
            arrays.pop(key)
        else:
            arrays[key] = value
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _header_bytes(**changes) -> np.ndarray:
    model = fit_context_model([0, 1, 2, 1] * 30, 3, 2)
    header = {**model.header, **changes}
    return np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)


def test_bad_model_files_are_refused_with_one_clear_line(tmp_path):
    good = model_bytes(fit_context_model([0, 1, 2, 1] * 30, 3, 2))
    pickled = io.BytesIO()
    np.savez(pickled, header=np.array([{"evil": 1}], dtype=object))  # an object array: a pickle inside
    bad_keys = _rewrite(good, keys=np.zeros(3, dtype=np.uint64))
    cases = {
        "pickled": (pickled.getvalue(), "pickled Python objects"),
        "not npz": (b"hello, not a model", "not an NPZ archive"),
        "truncated": (good[: len(good) // 2], "model file"),
        "version": (_rewrite(good, header=_header_bytes(version=99)), "version 99; this tscomplex reads version 1"),
        "format": (_rewrite(good, header=_header_bytes(format="other")), "not a tscomplex model file"),
        "no header": (_rewrite(good, header=None), "no header"),
        "missing array": (_rewrite(good, counts=None), "missing arrays: counts"),
        "dtype": (_rewrite(good, symbols=np.zeros(3)), "array symbols is float64"),
        "offsets": (_rewrite(good, row_offsets=np.array([0, 99], dtype=np.int64)), "corrupt"),
        "keys": (bad_keys, "corrupt"),
        "json": (_rewrite(good, header=np.frombuffer(b"{not json", dtype=np.uint8)), "not valid JSON"),
    }
    for name, (data, fragment) in cases.items():
        with pytest.raises(ModelFileError) as info:
            model_from_bytes(data, "m.npz")
        message = str(info.value)
        assert fragment in message, (name, message)
        assert "\n" not in message and message.startswith("model file m.npz")
    with pytest.raises(ModelFileError, match="cannot read it"):
        load_context_model(str(tmp_path / "absent.npz"))


def test_a_model_for_other_settings_is_refused():
    model = fit_context_model([0, 1, 2, 1] * 30, 3, 2, 0.5, "fixed",
                              {"name": "value", "bins": 3, "value_range": 3.0, "center": True})
    check_model_matches(model, {"bins": 3, "order": 2, "value_range": 3, "alpha": None})
    for wanted, fragment in [({"bins": 8}, "bins 3 (asked: 8)"), ({"order": 4}, "order 2 (asked: 4)"),
                             ({"context_model": "variable"}, "context_model 'fixed'"),
                             ({"tokenizer": "entrope"}, "tokenizer 'value'")]:
        with pytest.raises(ModelFileError, match="other settings") as info:
            check_model_matches(model, wanted, "model file m.npz")
        assert fragment in str(info.value)


def test_dataframe_api_takes_the_model_options():
    import tscomplex

    rng = np.random.default_rng(8)
    x = np.sin(np.arange(3000) / 7) + 0.1 * rng.normal(size=3000)
    fit = tscomplex.patch(x, mode="fit", order=3)
    frozen = tscomplex.patch(x, fit_on=x.copy(), order=3)
    assert frozen["mode"][0] == "fit" and frozen["model_trained_on"][0] == "fit_on"
    np.testing.assert_allclose(frozen["mean_entropy"][1:].to_numpy(float), fit["mean_entropy"][1:].to_numpy(float),
                               rtol=1e-12)
    tokenizer = {"name": "value", "bins": 16, "value_range": 3.0, "center": True}
    model = fit_context_model(value_symbols(x, 16), 16, 4, tokenizer=tokenizer)
    summary = tscomplex.patch(x, model=model, summary_only=True)
    assert (summary["bins"][0], summary["order"][0], summary["model_trained_on"][0]) == (16, 4, "given symbols")
    assert tscomplex.patch(x, summary_only=True)["mode"][0] == "causal"  # no model: as before
    with pytest.raises(ValueError, match="other settings: bins 16"):
        tscomplex.patch(x, model=model, bins=8)
