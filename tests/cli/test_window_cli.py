"""`analyze --window W --step S`: one record per window, the regime timeline, chunked = in memory, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import complexity_entropy


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("win")
    x = np.empty(12000)
    x[0] = 0.3
    for i in range(1, x.size):
        x[i] = 4 * x[i - 1] * (1 - x[i - 1])
    x[4000:8000] = np.sin(2 * np.pi * np.arange(4000) / 40)
    path = folder / "x.npy"
    np.save(path, x)
    return path, x


def test_one_record_per_window_equal_to_analyze_of_the_slice(cli, data):
    path, x = data
    result = cli(["analyze", path, "--window", "2000", "--step", "1000"])
    assert result.exit_code == 0, result.stderr
    records = result.records
    assert [r["window_start"] for r in records] == list(range(0, 10001, 1000))
    for r in records:
        assert r["window_end"] == r["window_start"] + 2000 and r["n"] == 2000
        h, c = complexity_entropy(x[r["window_start"]:r["window_end"]], 5, 1)
        assert r["permutation_entropy"] == pytest.approx(h, abs=1e-12)
        assert r["statistical_complexity"] == pytest.approx(c, abs=1e-12)
    regimes = [r["regime"] for r in records]
    assert regimes[0] == "complex" and regimes[5] == "regular" and regimes[-1] == "complex"


def test_regime_of_a_window_is_that_of_analyze_on_the_slice(cli, data, tmp_path):
    path, x = data
    window = cli(["analyze", path, "--window", "3000", "--step", "4500"]).records
    for r in window:
        part = tmp_path / f"part{r['window_start']}.npy"
        np.save(part, x[r["window_start"]:r["window_end"]])
        whole = cli(["analyze", part]).records[0]
        for key in ("regime", "regime_rule", "regime_complexity_threshold", "multi_turn_fraction"):
            assert r[key] == pytest.approx(whole[key], abs=1e-12) if isinstance(r[key], float) else r[key] == whole[key]


def test_chunked_reading_gives_the_same_records(cli, data):
    path, _ = data
    whole = cli(["analyze", path, "--window", "1500", "--step", "700"])
    chunked = cli(["analyze", path, "--window", "1500", "--step", "700", "--chunk-size", "1000"])
    assert chunked.exit_code == 0, chunked.stderr
    assert chunked.records == whole.records


def test_times_with_dt_and_default_step(cli, data):
    path, _ = data
    records = cli(["analyze", path, "--window", "3000", "--dt", "0.5"]).records
    assert [r["window_start"] for r in records] == [0, 3000, 6000, 9000]
    assert records[1]["window_start_time"] == 1500.0 and records[1]["window_end_time"] == 2999.5


def test_timeline_figure(cli, data, tmp_path):
    path, _ = data
    fig = tmp_path / "t.png"
    result = cli(["analyze", path, "--window", "2000", "--step", "100", "--plot", fig, "-t", "1,2"])
    assert result.exit_code == 0, result.stderr
    assert fig.stat().st_size > 20000


@pytest.mark.parametrize("args,message", [
    (["--window", "3"], "shorter than one ordinal pattern"),
    (["--window", "100", "--step", "0"], "--step"),
    (["--step", "5"], "--step needs --window"),
    (["--window", "100", "--weighted"], "--weighted"),
    (["--window", "99999"], "shorter than window=99999"),
])
def test_bad_windows_are_one_line(cli, data, args, message):
    path, _ = data
    result = cli(["analyze", path, *args])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code in (1, 2) and len(lines) == 1 and message in lines[0], result.stderr
    assert result.exception is None


def test_million_samples_streamed_equal_in_memory(cli, tmp_path):
    path = tmp_path / "long.npy"
    np.save(path, np.cumsum(np.random.default_rng(12).normal(size=10**6)))
    args = ["analyze", path, "--window", "10000", "--step", "7000", "-d", "4"]
    whole = cli(args)
    streamed = cli([*args, "--chunk-size", "65536"])
    assert whole.exit_code == streamed.exit_code == 0, streamed.stderr
    assert len(whole.records) == (10**6 - 10000) // 7000 + 1
    assert streamed.records == whole.records  # identical, floats included
