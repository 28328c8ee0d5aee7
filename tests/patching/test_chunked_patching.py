"""patch on a series read in chunks: the same summary and patches as in memory, exact percentiles."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.chunked.quantile import StreamedQuantile as _Quantile
from tscomplex.patching import resolve_threshold

OPTIONS = [
    [],
    ["--estimator", "ordinal"],
    ["--mode", "fit"],
    ["--rule", "either", "--max-len", "50", "--jump", "q80"],
    ["--rule", "relative", "--min-len", "3", "--mode", "fit", "--estimator", "ordinal"],
    ["--threshold", "1.5", "--order", "0", "--alpha", "0"],
    ["--rule", "both", "--threshold", "q99.5", "--no-center", "--bins", "5", "--order", "3"],
]


def _same(a: dict, b: dict) -> None:
    assert set(a) == set(b), (a, b)
    for key, want in b.items():
        got = a[key]
        if isinstance(want, float) and isinstance(got, float):
            assert got == pytest.approx(want, rel=1e-9, abs=1e-12), key
        else:
            assert got == want, key


@pytest.mark.parametrize("extra", OPTIONS, ids=lambda o: " ".join(o) or "defaults")
def test_chunked_patch_gives_the_in_memory_records(cli, tmp_path, extra):
    rng = np.random.default_rng(4)
    n = 23_456  # blocks of 1000 leave a partial last block
    x = np.sin(np.arange(n) / 9.0) + 0.5 * rng.standard_normal(n)
    x[5000:5400] = 0.25  # a plateau: ties, and a stretch where the trace repeats itself
    path = tmp_path / "x.npy"
    np.save(path, x)
    chunked = cli(["patch", path, "--chunk-size", "1000", *extra])
    whole = cli(["patch", path, *extra])
    assert chunked.exit_code == whole.exit_code == 0, (chunked.stderr, whole.stderr)
    assert len(chunked.records) == len(whole.records)
    for a, b in zip(chunked.records, whole.records):
        _same(a, b)
    assert sum(r["length"] for r in chunked.records[1:]) == n  # the patches tile the series


def test_chunked_patch_of_a_two_column_npy_and_summary_only(cli, tmp_path):
    rng = np.random.default_rng(5)
    x = np.column_stack([rng.standard_normal(6000).cumsum(), rng.standard_normal(6000)])
    path = tmp_path / "two.npy"
    np.save(path, x)
    chunked = cli(["patch", path, "--summary", "--chunk-size", "1000"])
    whole = cli(["patch", path, "--summary"])
    assert [r["series"] for r in chunked.records] == ["0", "1"]
    for a, b in zip(chunked.records, whole.records):
        _same(a, b)


@pytest.mark.parametrize("seed", range(4))
def test_streamed_quantile_is_numpys(seed):
    rng = np.random.default_rng(seed)
    values = [rng.uniform(0, 2, 5001), np.round(rng.uniform(0, 2, 4000), 2), np.full(3000, 1.0),
              np.concatenate([rng.uniform(0, 1, 50), np.full(950, 2.0)])][seed]
    for spec in ("q0", "q10", "q50", "q90", "q99.9", "q100"):
        quantile = _Quantile(spec, 0.0, 2.0)
        for piece in np.array_split(values, 7):
            quantile.first_pass(piece)
        quantile.plan()
        for piece in np.array_split(values, 5):
            quantile.second_pass(piece)
        want = resolve_threshold(values, spec)
        assert quantile.value() == pytest.approx(want, rel=1e-15, abs=1e-15), spec
        assert quantile.low == values.min() and quantile.top == values.max()
    assert math.isinf(_Quantile("q90", 0.0, 1.0).second)


def test_chunked_patch_too_short_after_dropping_nan(cli, tmp_path):
    x = np.full(3000, np.nan)
    x[:2] = [1.0, 2.0]
    path = tmp_path / "short.npy"
    np.save(path, x)
    result = cli(["patch", path, "--nan", "drop", "--chunk-size", "1000"])
    assert result.exit_code == 1
    assert "too short" in result.records[0]["error"]
