"""Tests of the largest Lyapunov exponent from data (tscomplex.lyapunov.data): accuracy, verdicts, bad input, figure."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest

from lyapunov_series import henon, logistic, lorenz_x_series  # tests/lyapunov_series.py

from tscomplex import lyapunov as ly
from tscomplex.lyapunov import max_lyapunov
from tscomplex.lyapunov.spectrum import LyapunovSpectrum

@pytest.fixture(scope="module")
def lorenz_x():
    return lorenz_x_series()


LN2 = math.log(2.0)

# --------------------------------------------------------------------------- accuracy with default settings


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_logistic_map_gives_ln2(method):
    result = max_lyapunov(logistic(), method=method)
    assert result.chaotic
    assert abs(result.max_lyapunov - LN2) < 0.05 * LN2
    assert result.max_lyapunov == result.max_lyapunov_per_sample  # dt = 1
    assert result.lag == 1 and result.fit_r2 > 0.99
    assert 0 <= result.fit_start < result.fit_end < result.divergence.size


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_henon_map_x(method):
    result = max_lyapunov(henon(), method=method)
    assert result.chaotic
    assert result.dim == 2
    assert abs(result.max_lyapunov - 0.41922) < 0.05 * 0.41922


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_lorenz_x(lorenz_x, method):
    result = max_lyapunov(lorenz_x, dt=0.01, method=method)
    assert result.chaotic
    assert abs(result.max_lyapunov - 0.9056) < 0.15 * 0.9056
    assert result.max_lyapunov_per_sample == pytest.approx(result.max_lyapunov * 0.01)
    # the scaling region excludes the plateau: the curve keeps rising after it
    assert np.nanmax(result.divergence) > result.divergence[result.fit_end] + 0.3


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
@pytest.mark.parametrize("kind", ["white noise", "sine", "random walk"])
def test_noise_and_regular_series_are_not_called_chaotic(kind, method):
    rng = np.random.default_rng(7)
    x = {"white noise": rng.standard_normal(10_000),
         "sine": np.sin(2 * np.pi * np.arange(10_000) / 100),
         "random walk": np.cumsum(rng.standard_normal(10_000))}[kind]
    result = max_lyapunov(x, method=method)
    assert not result.chaotic
    assert result.reason
    if result.fit_start is None:
        assert result.max_lyapunov is None and result.fit_r2 is None
    else:  # a region, but it must not pass as a good positive exponent
        assert result.max_lyapunov <= 0 or result.fit_r2 < ly.GOOD_FIT_R2


def test_affine_change_of_units_keeps_the_exponent_and_dt_rescales_it():
    x = logistic(3000)
    base = max_lyapunov(x)
    scaled = max_lyapunov(250.0 * x - 17.0, dt=0.5)
    assert scaled.max_lyapunov_per_sample == pytest.approx(base.max_lyapunov_per_sample, rel=1e-6)
    assert scaled.max_lyapunov == pytest.approx(base.max_lyapunov_per_sample / 0.5, rel=1e-6)
    assert (scaled.dim, scaled.lag, scaled.theiler) == (base.dim, base.lag, base.theiler)


def test_docstring_examples_run():
    # the package re-exports; doctest finds a docstring only in the module that defines it
    import importlib

    failures = tried = 0
    for name in ("lyapunov.data", "lyapunov.divergence", "lyapunov.scaling", "lyapunov.spectrum",
                 "embedding.delay", "embedding.lag", "embedding.dimension", "embedding.theiler"):
        result = doctest.testmod(importlib.import_module(f"tscomplex.{name}"), optionflags=doctest.ELLIPSIS)
        failures, tried = failures + result.failed, tried + result.attempted
    assert tried > 15 and failures == 0


def test_package_is_importable_and_callable():
    import tscomplex
    import tscomplex.lyapunov
    from tscomplex.lyapunov import max_lyapunov as again
    from tscomplex.lyapunov.spectrum import lyapunov_spectrum as shim

    assert again is max_lyapunov and tscomplex.lyapunov is ly
    assert callable(tscomplex.lyapunov) and callable(ly)
    assert shim is ly.lyapunov_spectrum and ly.LyapunovSpectrum is LyapunovSpectrum
    for name in ("auto_lag", "auto_dim", "auto_theiler", "delay_embedding", "divergence_curve", "scaling_region",
                 "MaxLyapunovResult", "kaplan_yorke_dimension"):  # the public names; private ones live in their modules
        assert hasattr(ly, name), name


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("x, kwargs, message", [
    (np.full(1000, 3.0), {}, "constant"),
    (np.r_[np.ones(10), np.nan], {}, "NaN"),
    (np.arange(40.0) % 7, {"dim": 3, "lag": 10}, "too short"),
    (logistic(200), {"dim": 2, "lag": 1, "theiler": 100}, "too short"),
    (logistic(200), {"method": "wolf"}, "method"),
    (logistic(200), {"dt": 0.0}, "dt"),
    (logistic(200), {"lag_method": "fft"}, "lag_method"),
    (np.ones((10, 2)), {}, "one-dimensional"),
])
def test_bad_input_is_refused_with_the_reason(x, kwargs, message):
    with pytest.raises(ValueError, match=message):
        max_lyapunov(x, **kwargs)


# --------------------------------------------------------------------------- figures


def _is_png(path, min_bytes=10_000):
    data = path.read_bytes()
    return data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > min_bytes


def test_divergence_figure(tmp_path):
    from tscomplex.plots.lyapunov import divergence_figure

    good = max_lyapunov(logistic(3000))
    noise = max_lyapunov(np.random.default_rng(1).standard_normal(3000))
    path = tmp_path / "div.png"
    divergence_figure([good, noise], str(path), labels=["logistic", "noise"])
    assert _is_png(path)


def test_cao_dimension_and_acf_lag_also_work_on_henon():
    result = max_lyapunov(henon(), dim_method="cao", lag_method="acf")
    assert result.dim == 2 and result.lag == 1 and result.chaotic
    assert abs(result.max_lyapunov - 0.41922) < 0.05 * 0.41922


def test_random_walk_is_refused_quickly_with_the_reason(tmp_path):
    """A random walk's mean period is a large part of the series: following neighbours for it cost
    minutes and gigabytes. Since issue 13 (l-flag3) a series that drifts is judged by its increments, here
    white noise with a mean period of 4 samples: quick, not chaotic, and the record and the reason say so.
    (Before, it was null: too few cycles; a series of too few cycles that does not drift still is, see
    tests/lyapunov/test_flag3_epsilon.py.) Its figure is drawn."""
    from tscomplex.plots.lyapunov import divergence_figure

    x = np.cumsum(np.random.default_rng(0).normal(size=50_000))
    result = max_lyapunov(x)
    assert result.differenced is True and result.theiler <= 10
    assert result.chaotic is False and result.max_lyapunov is None
    assert "drifts" in result.reason and "increments" in result.reason
    fig = tmp_path / "rw.png"
    divergence_figure(result, str(fig))
    assert fig.read_bytes()[:4] == b"\x89PNG"
    # with an explicit Theiler window the user takes over, and the curve is computed
    forced = max_lyapunov(x[:5000], theiler=50, n_steps=40)
    assert forced.divergence.size == 41


def test_max_lyapunov_is_the_composition_of_its_public_steps():
    """choose_embedding -> follow_divergence -> fit_scaling_region, called by hand, give max_lyapunov's numbers."""
    x = henon(5000)
    whole = max_lyapunov(x)
    embedding = ly.choose_embedding(x)
    assert (embedding.dim, embedding.lag, embedding.theiler) == (whole.dim, whole.lag, whole.theiler)
    assert not embedding.too_few_cycles
    windows = ly.slope_windows(x, embedding.lag, embedding.theiler)
    y = np.ascontiguousarray(ly.delay_embedding(x, embedding.dim, embedding.lag))
    curve, steps = ly.follow_divergence(y, embedding, smooth=windows[0])
    region, window = ly.fit_scaling_region(curve, windows)
    assert steps == whole.n_steps and window == whole.slope_window
    np.testing.assert_allclose(curve, whole.divergence, rtol=1e-12)
    assert (region.start, region.end) == (whole.fit_start, whole.fit_end)
    assert region.slope == pytest.approx(whole.max_lyapunov_per_sample, rel=1e-12)
    assert whole.max_lyapunov == pytest.approx(0.41922, rel=0.05)


def test_choose_embedding_says_when_the_data_cannot_decide():
    walk = np.cumsum(np.random.default_rng(3).standard_normal(20_000))
    assert ly.choose_embedding(walk).too_few_cycles
    assert not ly.choose_embedding(walk, theiler=10).too_few_cycles  # a window the user gives is taken
    with pytest.raises(ValueError, match="too short"):
        ly.choose_embedding(logistic(200), dim=2, lag=1, theiler=100)


def test_calling_the_package_forwards_to_the_records_api(monkeypatch):
    """tscomplex.lyapunov(data, **kw) is tscomplex.records.api.lyapunov(data, **kw), imported when called."""
    import sys
    import types

    import tscomplex

    calls = []
    fake = types.ModuleType("tscomplex.records.api")
    fake.lyapunov = lambda data, **kw: calls.append((data, kw)) or "frame"
    monkeypatch.setitem(sys.modules, "tscomplex.records", types.ModuleType("tscomplex.records"))
    monkeypatch.setattr(sys.modules["tscomplex.records"], "api", fake, raising=False)
    monkeypatch.setitem(sys.modules, "tscomplex.records.api", fake)
    data = np.arange(5.0)
    assert tscomplex.lyapunov(data, method="kantz", dt=0.5) == "frame"
    assert calls and calls[0][0] is data and calls[0][1] == {"method": "kantz", "dt": 0.5}
