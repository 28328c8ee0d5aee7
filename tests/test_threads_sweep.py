"""The tau sweep's delays spread over threads give the serial numbers exactly (issue 14)."""

import numpy as np
import pytest

import tscomplex.plane.sweep as sweep_module
from tscomplex import complexity_entropy
from tscomplex.plane import tau_sweep_full


def series(n=4000, seed=0):
    """A rounded random walk plus a sine: ties, structure at several delays."""
    rng = np.random.default_rng(seed)
    return np.round(rng.standard_normal(n).cumsum() + 3 * np.sin(np.arange(n) / 7.0), 1)


@pytest.mark.parametrize("dim", [3, 5, 7])
def test_sweep_on_threads_equals_serial(monkeypatch, dim):
    x = series(seed=dim)
    taus = [1, 2, 3, 5, 8, 13, 21]
    monkeypatch.setattr(sweep_module, "SWEEP_MIN_WINDOWS", 10)
    results = {}
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("TSCOMPLEX_THREADS", threads)
        assert sweep_module.sweep_parts(x.size, dim, taus) == int(threads)
        results[threads] = tau_sweep_full(x, taus, dim)
    for threads in ("2", "3"):
        for a, b in zip(results["1"], results[threads]):
            assert np.array_equal(a, b)
    for k, tau in enumerate(taus):  # and each delay is the measure of its own count
        h, c = complexity_entropy(x, dim, tau)
        assert results["3"][0][k] == pytest.approx(h, abs=1e-12)
        assert results["3"][1][k] == pytest.approx(c, abs=1e-12)


def test_sweep_of_float32_equals_float64():
    x32 = (np.random.default_rng(2).integers(-30, 30, 3000) / 4.0).astype(np.float32)  # exact in float32, ties
    one = tau_sweep_full(x32, [1, 4, 9], 4)
    two = tau_sweep_full(x32.astype(np.float64), [1, 4, 9], 4)
    for a, b in zip(one, two):
        assert np.array_equal(a, b)


def test_sweep_parts_threshold():
    assert sweep_module.sweep_parts(1000, 5, [1, 2, 3], threads=4) == 1  # too little work
    n = sweep_module.SWEEP_MIN_WINDOWS
    assert sweep_module.sweep_parts(n // 2, 5, [1, 1, 1], threads=2) == 1  # 1.5 n windows in all: too few
    assert sweep_module.sweep_parts(2 * n + 4, 5, [1, 1, 1, 1], threads=2) == 2
    assert sweep_module.sweep_parts(10 * n, 5, [1, 2, 3], threads=8) == 3  # one delay per thread at most
    assert sweep_module.sweep_parts(10 * n, 5, [1], threads=8) == 1


@pytest.mark.parametrize("weighted", [False, True])
def test_chunked_counts_over_taus_on_threads_equal_serial(tmp_path, monkeypatch, weighted):
    from tscomplex.chunked.counts import table_counts
    from tscomplex.io import ChunkedTable
    from tscomplex.ordinal import ordinal_counts

    x = series(5000, seed=11)
    path = tmp_path / "x.npy"
    np.save(path, x)
    monkeypatch.setattr(sweep_module, "SWEEP_MIN_WINDOWS", 10)
    taus = [1, 2, 3, 5, 8, 13]
    got = {}
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("TSCOMPLEX_THREADS", threads)
        got[threads] = table_counts(ChunkedTable(str(path), chunk_samples=700), 4, taus, weighted=weighted)["value"]
    for tau in taus:
        want = ordinal_counts(x, 4, tau, weighted)
        for threads in ("1", "2", "3"):
            assert np.array_equal(got[threads].counters[tau].counts(), want)
            if weighted:
                assert np.array_equal(got[threads].plain[tau].counts(), ordinal_counts(x, 4, tau))
