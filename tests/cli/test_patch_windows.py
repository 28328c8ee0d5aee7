"""``tscomplex patch`` done EntroPE's way: --window, --tokenizer entrope, --entropy FILE, and their bad input."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.patching import conditional_entropy, windowed_patches


@pytest.fixture
def switch(tmp_path):
    t = np.arange(1500)
    x = np.where((t >= 500) & (t < 1000), np.random.default_rng(7).normal(size=1500), np.sin(2 * np.pi * t / 50))
    path = tmp_path / "switch.csv"
    np.savetxt(path, x, header="x", comments="", fmt="%.6f")
    return path, np.loadtxt(path, skiprows=1)


def one_error(result, code: int, *fragments: str) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:"), result.stderr
    assert result.exception is None and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_window_records_carry_each_windows_threshold_and_patches_in_series_coordinates(cli, switch):
    path, x = switch
    result = cli(["patch", path, "--window", "96", "--max-len", "32", "--mode", "fit"])
    assert result.exit_code == 0, result.stderr
    records = result.records
    summary = records[0]
    assert summary["record"] == "summary" and summary["threshold_scope"] == "window"
    assert (summary["window_length"], summary["window_step"], summary["n_windows"]) == (96, 96, 15)
    assert summary["uncovered_samples"] == 1500 - 15 * 96 and summary["threshold"] is None
    windows = [r for r in records if r["record"] == "window"]
    patches = [r for r in records if r["record"] == "patch"]
    ref = windowed_patches(x, 96, mode="fit", min_len=8, max_len=32)
    assert [w["start"] for w in windows] == ref["window_starts"].tolist()
    assert [w["threshold"] for w in windows] == pytest.approx(ref["threshold"].tolist(), rel=1e-12)
    assert [p["start"] for p in patches] == ref["start"].tolist()
    assert summary["n_patches"] == len(patches) == sum(w["n_patches"] for w in windows)
    for w in windows:  # position 0 of every window starts a patch, and patches tile their window
        mine = [p for p in patches if p["window"] == w["window"]]
        assert mine[0]["start"] == w["start"] and mine[-1]["end"] == w["end"]
        assert all(a["end"] == b["start"] for a, b in zip(mine, mine[1:]))


def test_window_step_overlaps(cli, switch):
    path, _ = switch
    result = cli(["patch", path, "--window", "96", "--window-step", "48", "--summary"])
    assert result.exit_code == 0, result.stderr
    assert result.records[0]["n_windows"] == (1500 - 96) // 48 + 1
    assert len(result.records) == 1


def test_an_entropy_file_gives_the_boundaries_of_the_same_trace_computed_internally(cli, switch, tmp_path):
    path, x = switch
    h = conditional_entropy(x, mode="fit")
    np.save(tmp_path / "h.npy", h)
    np.savetxt(tmp_path / "h.csv", h, header="entropy", comments="", fmt="%.17g")
    internal = cli(["patch", path, "--mode", "fit", "--rule", "either", "--max-len", "40"]).records
    for trace in ("h.npy", "h.csv"):
        given = cli(["patch", path, "--entropy", tmp_path / trace, "--rule", "either", "--max-len", "40"])
        assert given.exit_code == 0, given.stderr
        assert given.records[0]["estimator"] == "given" and given.records[0]["entropy_source"].endswith(trace)
        assert [r["start"] for r in given.records[1:]] == [r["start"] for r in internal[1:]]
        assert given.records[0]["threshold"] == pytest.approx(internal[0]["threshold"], rel=1e-12)
    windowed = cli(["patch", path, "--entropy", tmp_path / "h.npy", "--window", "96"])
    ref = windowed_patches(x, 96, entropy=h, min_len=8)
    assert [r["start"] for r in windowed.records if r["record"] == "patch"] == ref["start"].tolist()


def test_entrope_tokenizer_records_its_vocabulary_and_range(cli, switch):
    path, x = switch
    result = cli(["patch", path, "--tokenizer", "entrope", "--range", "q2.5:q97.5", "--order", "1", "--summary"])
    assert result.exit_code == 0, result.stderr
    summary = result.records[0]
    z = (x - x.mean()) / x.std()
    assert summary["tokenizer"] == "entrope" and summary["vocab_size"] == 256
    assert summary["range_rule"] == "quantiles q2.5:q97.5"
    assert [summary["range_low"], summary["range_high"]] == pytest.approx(np.quantile(z, [0.025, 0.975]).tolist())
    assert "bins" not in summary and "value_range" not in summary
    symmetric = cli(["patch", path, "--tokenizer", "entrope", "--range", "4", "--summary"]).records[0]
    assert (symmetric["range_low"], symmetric["range_high"], symmetric["range_rule"]) == (-4.0, 4.0, "symmetric")


def test_default_records_keep_their_keys(cli, switch):
    path, _ = switch
    summary = cli(["patch", path, "--summary"]).records[0]
    for key in ("tokenizer", "window_length", "threshold_scope", "entropy_source", "range_rule"):
        assert key not in summary


@pytest.mark.parametrize("args,code,fragments", [
    (["--window", "2"], 2, ["--window", "too short for --order 2", "at least 3"]),
    (["--window", "4", "--estimator", "ordinal", "-d", "4"], 2, ["too short for --dim 4"]),
    (["--window-step", "10"], 2, ["--window-step needs --window"]),
    (["--vocab-size", "64"], 2, ["--vocab-size applies to --tokenizer entrope"]),
    (["--range", "1:2"], 2, ["--range", "--tokenizer entrope"]),
    (["--tokenizer", "entrope", "--range", "q9:q1"], 2, ["--range", "0 <= A < B"]),
    (["--tokenizer", "entrope", "--estimator", "ordinal"], 2, ["needs --estimator value"]),
    (["--tokenizer", "entrope", "--order", "8"], 2, ["--order", "64 bits"]),
    (["--window", "5000"], 1, ["shorter than the window of 5000"]),
    (["--window", "96", "--chunk-size", "1000"], 2, ["--chunk-size", "held in memory"]),
])
def test_bad_settings_fail_in_one_line(cli, switch, args, code, fragments):
    path, _ = switch
    one_error(cli(["patch", path, *args]), code, *fragments)


def test_bad_entropy_files_fail_in_one_line(cli, switch, tmp_path):
    path, x = switch
    (tmp_path / "nan.csv").write_text("h\n" + "\n".join(["0.5"] * 1499 + ["nan"]) + "\n")
    one_error(cli(["patch", path, "--entropy", tmp_path / "nan.csv"]), 2, "--entropy", "NaN", "must be finite")
    np.save(tmp_path / "short.npy", np.ones(1000))
    one_error(cli(["patch", path, "--entropy", tmp_path / "short.npy"]), 1, "entropy trace has 1000 values",
              "1500 samples")
    np.savetxt(tmp_path / "two.csv", np.ones((1500, 2)), header="a,b", comments="", delimiter=",")
    one_error(cli(["patch", path, "--entropy", tmp_path / "two.csv"]), 2, "2 columns", "one entropy trace")
    one_error(cli(["patch", path, "--entropy", tmp_path / "missing.npy"]), 2, "--entropy", "missing.npy")
    # an object array is never unpickled
    np.save(tmp_path / "pickled.npy", np.array([{"a": 1}] * 3, dtype=object), allow_pickle=True)
    one_error(cli(["patch", path, "--entropy", tmp_path / "pickled.npy"]), 2, "--entropy")
