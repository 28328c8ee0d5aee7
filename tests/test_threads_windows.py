"""Per-window patching with its windows split over threads: every output array equals the serial one (issue 14)."""

import numpy as np
import pytest

import tscomplex.patching.window_threads as threads_module
from tscomplex.patching.windows import windowed_patches


def series(n=3000, seed=0):
    """Rounded noise plus a sine: ties in every window."""
    rng = np.random.default_rng(seed)
    return np.round(np.sin(np.arange(n) / 5.0) + 0.5 * rng.standard_normal(n), 1)


CASES = [{}, {"tokenizer": "entrope", "mode": "fit"}, {"estimator": "ordinal", "dim": 3},
         {"rule": "either", "threshold": "q80", "jump": "q90", "min_len": 3, "max_len": 20}, {"rules": False},
         {"entropy": "given"}]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_windows_on_threads_equal_serial(monkeypatch, case):
    x = series(seed=case)
    options = dict(CASES[case])
    if options.get("entropy") == "given":
        options["entropy"] = np.abs(np.round(np.cos(np.arange(x.size) / 3.0), 1))
    monkeypatch.setattr(threads_module, "WINDOW_THREAD_CELLS", 50)
    got = {}
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("TSCOMPLEX_THREADS", threads)
        assert threads_module.window_parts(61, 48) == int(threads)
        got[threads] = windowed_patches(x, 48, 49, **options)  # 61 windows, uneven blocks, 11 samples left
    assert got["1"]["start"].size > 0 or options.get("rules") is False
    for threads in ("2", "3"):
        assert got[threads].keys() == got["1"].keys()
        for key, value in got["1"].items():
            if isinstance(value, np.ndarray):
                assert np.array_equal(value, got[threads][key], equal_nan=True), key
            else:
                assert value == got[threads][key], key


def test_patches_of_each_window_lie_in_it(monkeypatch):
    monkeypatch.setattr(threads_module, "WINDOW_THREAD_CELLS", 50)
    monkeypatch.setenv("TSCOMPLEX_THREADS", "3")
    r = windowed_patches(series(), 96, 96, min_len=4)
    starts = r["window_starts"][r["patch_window"]]
    assert np.all((starts <= r["start"]) & (r["end"] <= starts + 96))
    assert np.array_equal(np.bincount(r["patch_window"], minlength=r["window_starts"].size), r["n_patches"])
