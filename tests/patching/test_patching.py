"""Entropy-guided patching: estimators against brute-force counts, boundary rules, the patch command."""

from __future__ import annotations

import math
import warnings
from collections import Counter, defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.patching import (
    MAX_COUNT_CELLS,
    ThresholdWarning,
    boundaries_from_entropy,
    conditional_entropy,
    patch_boundaries,
    patch_table,
    resolve_threshold,
    value_symbols,
)

# --------------------------------------------------------------------------- brute-force references


def ref_value_symbols(x, bins, value_range):
    """Plain Python: centre, divide by the mean absolute deviation, uniform bins over [-R, R], clip."""
    n = len(x)
    mean = sum(x) / n
    scale = sum(abs(v - mean) for v in x) / n or 1.0
    out = []
    for v in x:
        b = math.floor(((v - mean) / scale + value_range) / (2 * value_range / bins))
        out.append(min(max(b, 0), bins - 1))
    return out


def ref_trace(symbols, contexts, start, n_sym, alpha, causal):
    """H_t from dictionaries of counts: contexts[t] is any hashable, defined for t >= start.

    Counted pairs are (contexts[u], symbols[u]) for u >= start (u < t when causal).
    For t < start the prediction pools every context (marginal symbol counts).
    """
    n = len(symbols)
    out = []
    for t in range(n):
        counted = range(start, t) if causal else range(start, n)
        table = defaultdict(Counter)
        for u in counted:
            table[contexts[u]][symbols[u]] += 1
        if t >= start:
            counts = table.get(contexts[t], Counter())
        else:
            counts = Counter()
            for c in table.values():
                counts.update(c)
        z = sum(counts.values()) + n_sym * alpha
        if z == 0:
            out.append(math.log(n_sym))
            continue
        h = 0.0
        for v in range(n_sym):
            p = (counts[v] + alpha) / z
            if p > 0:
                h -= p * math.log(p)
        out.append(h)
    return np.array(out)


def ref_value_trace(x, bins, order, alpha, causal, value_range=3.0):
    s = ref_value_symbols(list(map(float, x)), bins, value_range)
    contexts = [tuple(s[t - order:t]) if t >= order else None for t in range(len(s))]
    return ref_trace(s, contexts, order, bins, alpha, causal)


def stable_pattern(window):
    return tuple(sorted(range(len(window)), key=lambda i: (window[i], i)))


def ref_ordinal_trace(x, dim, alpha, causal):
    n = len(x)
    contexts = [stable_pattern(x[t - dim:t]) if t >= dim else None for t in range(n)]
    symbols = [sum(1 for i in range(1, dim) if x[t - i] <= x[t]) if t >= dim else 0 for t in range(n)]
    return ref_trace(symbols, contexts, dim, dim, alpha, causal)


def plugin_conditional_entropy(contexts, symbols):
    """H(S | C) = H(C, S) - H(C) from plug-in frequencies."""
    def h(items):
        counts = np.array(list(Counter(items).values()), dtype=float)
        p = counts / counts.sum()
        return float(-(p * np.log(p)).sum())
    return h(list(zip(contexts, symbols))) - h(contexts)


def ref_boundaries(h, rule, theta, gamma, min_len=1, max_len=None):
    """The definitions, written out: candidates first, then one pass applying max_len, then min_len."""
    n = len(h)
    candidate = set()
    for t in range(1, n):
        g, r = h[t] > theta, h[t] - h[t - 1] > gamma
        if {"global": g, "relative": r, "both": g and r, "either": g or r}[rule]:
            candidate.add(t)
    starts = [0]
    for t in range(1, n):
        if max_len is not None and t - starts[-1] == max_len:
            starts.append(t)
        elif t in candidate and t - starts[-1] >= min_len:
            starts.append(t)
    return starts


# --------------------------------------------------------------------------- estimators vs brute force


def test_value_symbols_match_plain_python():
    rng = np.random.default_rng(3)
    for _ in range(20):
        x = rng.standard_t(3, size=rng.integers(1, 80)) * rng.uniform(0.1, 10) + rng.normal()
        for bins, r in [(2, 1.0), (5, 3.0), (16, 3.0), (7, 0.5)]:
            assert value_symbols(x, bins, r).tolist() == ref_value_symbols(x.tolist(), bins, r)


@pytest.mark.parametrize("mode", ["causal", "fit"])
def test_value_trace_matches_brute_force(mode):
    rng = np.random.default_rng(11)
    for trial in range(60):
        bins = int(rng.integers(2, 6))
        order = int(rng.integers(0, 4))
        n = int(rng.integers(order + 1, 50))
        alpha = [0.5, 1.0, 0.0][trial % 3]
        x = rng.normal(size=n) + np.sin(np.arange(n) / 3.0)
        got = conditional_entropy(x, "value", bins=bins, order=order, mode=mode, alpha=alpha)
        want = ref_value_trace(x, bins, order, alpha, mode == "causal")
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-10, err_msg=f"bins={bins} order={order} n={n}")


@pytest.mark.parametrize("mode", ["causal", "fit"])
def test_ordinal_trace_matches_brute_force(mode):
    rng = np.random.default_rng(12)
    for trial in range(60):
        dim = int(rng.integers(2, 6))
        n = int(rng.integers(dim + 1, 60))
        alpha = [0.5, 1.0, 0.0][trial % 3]
        x = rng.integers(0, 4, size=n).astype(float)  # small integers: many ties
        got = conditional_entropy(x, "ordinal", dim=dim, mode=mode, alpha=alpha)
        want = ref_ordinal_trace(x.tolist(), dim, alpha, mode == "causal")
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-10, err_msg=f"dim={dim} n={n}")


def test_causal_trace_on_long_series_matches_fit_counts_at_the_end():
    """The O(1) running-sum update stays exact: the last causal step equals a fresh entropy from the counts."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=20_000)
    h = conditional_entropy(x, bins=6, order=2, mode="causal")
    s = ref_value_symbols(x.tolist(), 6, 3.0)
    ctx = tuple(s[-3:-1])
    counts = Counter(s[u] for u in range(2, len(s) - 1) if tuple(s[u - 2:u]) == ctx)
    z = sum(counts.values()) + 6 * 0.5
    want = -sum((counts[v] + 0.5) / z * math.log((counts[v] + 0.5) / z) for v in range(6))
    assert h[-1] == pytest.approx(want, abs=1e-9)


# --------------------------------------------------------------------------- fit mode = plug-in conditional entropy


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_fit_mean_is_plugin_conditional_entropy_value(order):
    rng = np.random.default_rng(order)
    x = np.cumsum(rng.normal(size=3000)) * 0.1 + rng.normal(size=3000)
    h = conditional_entropy(x, bins=6, order=order, mode="fit", alpha=0.0)
    s = ref_value_symbols(x.tolist(), 6, 3.0)
    contexts = [tuple(s[t - order:t]) for t in range(order, len(s))]
    want = plugin_conditional_entropy(contexts, s[order:])
    assert h[order:].mean() == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize("dim", [2, 3, 4, 5])
def test_fit_mean_is_unakafov_keller_conditional_entropy(dim):
    """H(Pi_t | Pi_{t-1}) of successive ordinal patterns, from stable argsorts in the test."""
    rng = np.random.default_rng(dim)
    x = np.round(rng.normal(size=3000).cumsum(), 1)  # rounded: ties occur
    h = conditional_entropy(x, "ordinal", dim=dim, mode="fit", alpha=0.0)
    patterns = [tuple(np.argsort(x[i:i + dim], kind="stable")) for i in range(x.size - dim + 1)]
    want = plugin_conditional_entropy(patterns[:-1], patterns[1:])
    assert h[dim:].mean() == pytest.approx(want, abs=1e-12)


def test_ordinal_white_noise_dim2_is_analytic():
    """i.i.d. data, D = 2: after a rise the next step rises with p = 1/3, after a fall with 2/3: H = h(1/3)."""
    x = np.random.default_rng(0).random(200_000)
    h = conditional_entropy(x, "ordinal", dim=2, mode="fit")
    want = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3))
    assert h[2:].mean() == pytest.approx(want, abs=2e-3)


def test_period_two_is_certain():
    h = conditional_entropy([1.0, -1.0] * 40, bins=4, order=1, mode="fit", alpha=0.0)
    assert np.all(h[1:] == 0.0)


# --------------------------------------------------------------------------- boundary rules


H_TRACE = [0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0, 2.0, 0.0]


@pytest.mark.parametrize("h, kwargs, expected", [
    (H_TRACE, {"threshold": 1.0}, [0, 2, 6, 7]),
    (H_TRACE, {"rule": "relative", "jump": 1.0}, [0, 2, 6]),
    ([0, 1, 3, 3, 1, 2], {"rule": "relative", "jump": 0.5}, [0, 1, 2, 5]),
    ([0, 1, 3, 3, 1, 2], {"rule": "both", "threshold": 1.5, "jump": 0.5}, [0, 2, 5]),
    ([0, 1, 3, 3, 1, 2], {"rule": "either", "threshold": 2.5, "jump": 1.5}, [0, 2, 3]),
    ([0, 0, 2, 2, 2, 0, 2, 0, 2], {"threshold": 1.0, "min_len": 2}, [0, 2, 4, 6, 8]),
    ([0, 0, 2, 2, 2, 0, 2, 0, 2], {"threshold": 1.0, "min_len": 3}, [0, 3, 6]),
    ([0.0] * 10, {"threshold": 1.0, "max_len": 3}, [0, 3, 6, 9]),
    (H_TRACE, {"threshold": 1.0, "min_len": 2, "max_len": 3}, [0, 2, 5, 7]),
    (list(range(10)), {"threshold": "q50"}, [0, 5, 6, 7, 8, 9]),
    ([5.0, 0, 0, 0], {"threshold": 1.0}, [0]),  # position 0 starts a patch whatever H_0 is
    ([3.0], {"threshold": 1.0}, [0]),
])
def test_boundary_rules_on_hand_made_traces(h, kwargs, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThresholdWarning)
        assert boundaries_from_entropy(h, **kwargs).tolist() == expected


def test_jump_quantile_is_taken_over_differences():
    h = [0.0, 1.0, 3.0, 6.0, 10.0]  # differences 1, 2, 3, 4; median 2.5
    assert resolve_threshold(np.diff(h), "q50") == 2.5
    assert boundaries_from_entropy(h, rule="relative", jump="q50").tolist() == [0, 3, 4]


@settings(max_examples=150, deadline=None)
@given(h=st.lists(st.floats(0, 3, allow_nan=False), min_size=1, max_size=60),
       rule=st.sampled_from(["global", "relative", "both", "either"]),
       theta=st.floats(0, 3), gamma=st.floats(-1, 1),
       min_len=st.integers(1, 5), extra=st.one_of(st.none(), st.integers(0, 8)))
def test_boundaries_match_definition_and_tile(h, rule, theta, gamma, min_len, extra):
    max_len = None if extra is None else min_len + extra
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThresholdWarning)
        starts = boundaries_from_entropy(h, rule, theta, gamma, min_len, max_len)
    assert starts.dtype == np.int64
    assert starts.tolist() == ref_boundaries(h, rule, theta, gamma, min_len, max_len)
    assert starts[0] == 0 and np.all(np.diff(starts) > 0) and starts[-1] < len(h)
    lengths = np.diff(np.append(starts, len(h)))
    assert lengths.sum() == len(h)
    if max_len is not None:
        assert lengths.max() <= max_len
    assert np.all(lengths[:-1] >= min_len)


@settings(max_examples=60, deadline=None)
@given(x=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=3, max_size=80),
       estimator=st.sampled_from(["value", "ordinal"]), mode=st.sampled_from(["causal", "fit"]),
       max_len=st.integers(1, 10), q=st.integers(0, 100))
def test_patch_boundaries_properties(x, estimator, mode, max_len, q):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThresholdWarning)
        starts = patch_boundaries(x, estimator, dim=2, order=1, mode=mode, threshold=f"q{q}", max_len=max_len)
    assert starts[0] == 0
    assert np.all(np.diff(starts) > 0)
    assert np.all(np.diff(np.append(starts, len(x))) <= max_len)
    h = conditional_entropy(x, estimator, dim=2, order=1, mode=mode)
    assert h.shape == (len(x),)
    alphabet = 8 if estimator == "value" else 2
    assert np.all(h >= 0) and np.all(h <= math.log(alphabet) + 1e-12)


@settings(max_examples=60, deadline=None)
@given(x=st.lists(st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False), min_size=3, max_size=60),
       power=st.integers(-20, 20), mode=st.sampled_from(["causal", "fit"]))
def test_value_trace_invariant_to_positive_scaling(x, power, mode):
    """Scaling by a power of two is exact in floating point, so the symbols, and the trace, are identical."""
    x = np.array(x)
    a = conditional_entropy(x, bins=5, order=2, mode=mode)
    b = conditional_entropy(x * 2.0 ** power, bins=5, order=2, mode=mode)
    np.testing.assert_array_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(x=st.lists(st.integers(-50, 50), min_size=4, max_size=60), mode=st.sampled_from(["causal", "fit"]))
def test_ordinal_trace_invariant_to_increasing_maps(x, mode):
    x = np.array(x, dtype=float)
    a = conditional_entropy(x, "ordinal", dim=3, mode=mode)
    np.testing.assert_array_equal(a, conditional_entropy(3 * x + 7, "ordinal", dim=3, mode=mode))
    np.testing.assert_array_equal(a, conditional_entropy(x ** 3, "ordinal", dim=3, mode=mode))


# --------------------------------------------------------------------------- sine -> noise -> sine

SEG = 2000


def switching_series(seed=1, period=50):
    t = np.arange(3 * SEG)
    noise = np.random.default_rng(seed).normal(size=t.size)
    return np.where((t >= SEG) & (t < 2 * SEG), noise, np.sin(2 * np.pi * t / period))


@pytest.mark.parametrize("estimator", ["value", "ordinal"])
@pytest.mark.parametrize("mode", ["causal", "fit"])
def test_sine_noise_sine(estimator, mode):
    x = switching_series()
    h = conditional_entropy(x, estimator, mode=mode)
    starts = boundaries_from_entropy(h, threshold="q90")
    # boundaries: dense in the noise, sparse in the sines (after the first period of a causal model's learning)
    in_noise = np.sum((starts >= SEG) & (starts < 2 * SEG))
    in_sine = np.sum((starts >= 100) & (starts < SEG)) + np.sum(starts >= 2 * SEG)
    assert in_noise > 200
    assert in_noise > 8 * max(in_sine, 1)
    # the trace steps up at the first switch and down at the second (a causal model's sine contexts
    # keep some of the noise's counts, so its step down is smaller)
    w = 300
    before, during, after = h[SEG - w:SEG].mean(), h[SEG:SEG + w].mean(), h[2 * SEG + 100:2 * SEG + 100 + w].mean()
    assert during - before > 0.5
    assert during - after > (0.35 if mode == "causal" else 0.5)
    smooth = np.convolve(h, np.ones(100) / 100, mode="same")
    for switch, low in [(SEG, before), (2 * SEG, after)]:
        mid = (low + during) / 2
        inside, outside = (switch + 100, switch - 100) if switch == SEG else (switch - 100, switch + 150)
        assert smooth[outside] < mid < smooth[inside]


# --------------------------------------------------------------------------- bad input


def test_bad_input_messages():
    with pytest.raises(ValueError, match="bins must be >= 2"):
        conditional_entropy(np.arange(10.0), bins=1)
    with pytest.raises(ValueError, match=r"4,294,967,296 contexts x 16 symbols"):
        conditional_entropy(np.arange(10.0), bins=16, order=8)
    with pytest.raises(ValueError, match=r"3,628,800 contexts x 10 symbols"):
        conditional_entropy(np.arange(100.0), "ordinal", dim=10)
    assert 9 * math.factorial(9) < MAX_COUNT_CELLS  # dim 9 is allowed
    with pytest.raises(ValueError, match="NaN"):
        conditional_entropy([1.0, np.nan, 2.0])
    with pytest.raises(ValueError, match="too short"):
        conditional_entropy([1.0, 2.0], order=2)
    with pytest.raises(ValueError, match="too short"):
        conditional_entropy([1.0, 2.0, 3.0], "ordinal", dim=3)
    with pytest.raises(ValueError, match="estimator"):
        conditional_entropy([1.0, 2.0, 3.0], "bytes")
    with pytest.raises(ValueError, match="mode"):
        conditional_entropy([1.0, 2.0, 3.0], mode="online")
    with pytest.raises(ValueError, match="quantile like q95"):
        boundaries_from_entropy([0.0, 1.0], threshold="p95")
    with pytest.raises(ValueError, match="between q0 and q100"):
        boundaries_from_entropy([0.0, 1.0], threshold="q150")
    with pytest.raises(ValueError, match="max_len"):
        boundaries_from_entropy([0.0, 1.0], min_len=3, max_len=2)


def test_threshold_outside_range_warns_with_patch_count():
    h = [0.0, 1.0, 0.5, 1.0, 0.2, 0.0, 0.3]
    with pytest.warns(ThresholdWarning, match=r"at or above the largest entropy.*: 3 patches resulted"):
        starts = boundaries_from_entropy(h, threshold=5.0, max_len=3)
    assert starts.tolist() == [0, 3, 6]
    with pytest.warns(ThresholdWarning, match=r"below the smallest entropy.*: 7 patches resulted"):
        boundaries_from_entropy(h, threshold=-1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        boundaries_from_entropy(h, threshold=0.5)  # inside the range: no warning


# --------------------------------------------------------------------------- patch table


def test_patch_table_against_slices():
    rng = np.random.default_rng(2)
    h = rng.random(50)
    starts = np.array([0, 3, 4, 20, 49])
    table = patch_table(h, starts)
    ends = list(starts[1:]) + [50]
    for i, (a, b) in enumerate(zip(starts, ends)):
        assert table["end"][i] == b and table["length"][i] == b - a
        assert table["mean_entropy"][i] == pytest.approx(h[a:b].mean())
        assert table["max_entropy"][i] == h[a:b].max()


# --------------------------------------------------------------------------- the command


@pytest.fixture
def switch_csv(tmp_path):
    path = tmp_path / "switch.csv"
    x = switching_series(seed=4)[::2]
    np.savetxt(path, x[:, None], header="x", comments="", fmt="%.9f")
    return path, np.loadtxt(path, skiprows=1)


def test_cli_records_tile_and_match_api(cli, switch_csv):
    path, x = switch_csv
    result = cli(["patch", path, "--threshold", "q85", "--max-len", "40"])
    assert result.exit_code == 0, result.stderr
    summary = [r for r in result.records if r["record"] == "summary"]
    patches = [r for r in result.records if r["record"] == "patch"]
    assert len(summary) == 1 and summary[0]["n"] == x.size
    starts = patch_boundaries(x, threshold="q85", max_len=40)
    assert [p["start"] for p in patches] == starts.tolist()
    assert [p["patch"] for p in patches] == list(range(len(patches)))
    assert all(p["end"] == q["start"] for p, q in zip(patches, patches[1:]))
    assert patches[-1]["end"] == x.size and sum(p["length"] for p in patches) == x.size
    assert set(patches[0]) == {"record", "source", "series", "patch", "start", "end", "length", "mean_entropy",
                               "max_entropy"}
    s = summary[0]
    assert s["n_patches"] == len(patches)
    lengths = [p["length"] for p in patches]
    assert s["mean_patch_length"] == pytest.approx(np.mean(lengths))
    assert s["median_patch_length"] == pytest.approx(np.median(lengths))
    h = conditional_entropy(x)
    assert s["threshold"] == pytest.approx(np.quantile(h, 0.85))
    assert s["entropy_rate"] == pytest.approx(h[2:].mean())
    assert patches[3]["mean_entropy"] == pytest.approx(h[patches[3]["start"]:patches[3]["end"]].mean())
    assert "warning" not in s


def test_cli_summary_only_and_ordinal(cli):
    result = cli(["patch", "--system", "logistic", "-n", "3000", "--estimator", "ordinal", "-d", "3",
                  "--mode", "fit", "--alpha", "0", "--summary"])
    assert result.exit_code == 0, result.stderr
    (s,) = result.records
    assert s["record"] == "summary" and s["dim"] == 3 and "bins" not in s
    from tscomplex.systems import simulate

    x = simulate("logistic", 3000).component("x")
    assert s["entropy_rate"] == pytest.approx(conditional_entropy(x, "ordinal", dim=3, mode="fit", alpha=0)[3:].mean())


def test_cli_threshold_outside_range_warns(cli, switch_csv):
    path, _ = switch_csv
    result = cli(["patch", path, "--threshold", "9", "--max-len", "500"])
    assert result.exit_code == 0
    assert "warning" in result.stderr and "6 patches resulted" in result.stderr
    assert result.records[0]["n_patches"] == 6


@pytest.mark.parametrize("args, message", [
    (["--bins", "1"], "--bins"),
    (["--order", "9", "--bins", "16"], "68,719,476,736 contexts"),
    (["--estimator", "ordinal", "-d", "10"], "3,628,800 contexts"),
    (["--threshold", "x95"], "quantile like q95"),
    (["--min-len", "5", "--max-len", "3"], "--max-len"),
    (["--plot", "out.gif"], "suffix"),
])
def test_cli_usage_errors(cli, switch_csv, args, message):
    path, _ = switch_csv
    result = cli(["patch", path, *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_short_series_fails_that_input_only(cli, tmp_path, switch_csv):
    short = tmp_path / "short.csv"
    short.write_text("x\n1.0\n2.0\n")
    path, _ = switch_csv
    result = cli(["patch", short, path, "--summary"])
    assert result.exit_code == 1
    assert "too short" in result.stderr
    assert [r["record"] for r in result.records if "record" in r] == ["summary"]


def test_cli_plot(cli, switch_csv, tmp_path):
    path, _ = switch_csv
    fig = tmp_path / "patches.png"
    result = cli(["patch", path, "--rule", "either", "--plot", fig, "--summary"])
    assert result.exit_code == 0, result.stderr
    data = fig.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert 800 < width < 3000 and 600 < height < 3000
    assert len(data) > 20_000


def test_docstring_examples_are_real():
    import doctest

    import importlib
    import pkgutil

    import tscomplex.patching

    attempted = failed = 0  # the package's modules together (one module before the split)
    for info in pkgutil.iter_modules(tscomplex.patching.__path__):
        module = importlib.import_module(f"tscomplex.patching.{info.name}")
        result = doctest.testmod(module, extraglobs={"np": np})
        attempted, failed = attempted + result.attempted, failed + result.failed
    assert attempted > 10 and failed == 0


def test_cli_plot_range_and_default_window(cli, tmp_path):
    fig = tmp_path / "long.png"
    result = cli(["patch", "--system", "logistic", "-n", "6000", "--summary", "--plot", fig])
    assert result.exit_code == 0 and "samples 0:2000 of 6000" in result.stderr
    assert fig.read_bytes()[:4] == b"\x89PNG"
    result = cli(["patch", "--system", "logistic", "-n", "6000", "--summary", "--plot", fig, "--force",
                  "--plot-range", "100:300"])
    assert result.exit_code == 0 and "samples 0:2000" not in result.stderr
    result = cli(["patch", "--system", "logistic", "--plot", fig, "--plot-range", "300:100"])
    assert result.exit_code == 2 and "--plot-range" in result.stderr


def test_cli_module_stays_light():
    """`tscomplex --help` must not pay for numba or matplotlib: the patch command imports them when it runs."""
    import subprocess
    import sys

    code = ("import sys, tscomplex.cli.patch, tscomplex.cli; tscomplex.cli.main.get_command(None, 'patch'); "
            "print(sorted(m for m in ('numba', 'matplotlib', 'pandas', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_quantile_threshold_on_a_tied_maximum_still_cuts():
    """A causal trace sits at ln B while contexts are unseen; when more than 10% of it ties at the
    maximum, q90 lands on the tie and a strict H_t > theta would never cut."""
    from tscomplex.patching import resolve_threshold

    trace = np.array([0.1, 0.2, 0.3, 2.0, 2.0, 2.0, 0.4, 2.0])
    theta = resolve_threshold(trace, "q90")
    assert theta == 0.4
    assert boundaries_from_entropy(trace, "global", "q90").tolist() == [0, 3, 4, 5, 7]
    assert resolve_threshold(trace, "q100") == 2.0  # the explicit maximum is kept: nothing exceeds it
    x = np.random.default_rng(0).normal(size=500)
    assert patch_boundaries(x).size > 10  # 500 samples of noise: many patches, not one
