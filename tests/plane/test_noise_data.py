"""The noise curves shipped in tscomplex/data/ are what the generator makes, and are used without generating."""

import json
import os

import numpy as np
import pytest

from tscomplex import plane
from tscomplex.plane import noise


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TSCOMPLEX_CACHE_DIR", str(tmp_path / "cache"))
    noise._noise_curve.cache_clear()
    yield tmp_path / "cache"
    noise._noise_curve.cache_clear()


@pytest.mark.parametrize("dim", range(plane.MIN_DIM, plane.MAX_DIM + 1))
def test_every_plane_dim_ships_a_curve_for_the_current_settings(dim):
    with np.load(plane.shipped_noise_curve_path(dim)) as data:
        assert json.loads(str(data["settings"])) == plane.noise_curve_settings(dim)
        np.testing.assert_array_equal(data["k"], plane.NOISE_EXPONENTS)
        assert data["h"].shape == data["c"].shape == (len(plane.NOISE_EXPONENTS),)
        assert data["h"][0] == pytest.approx(1.0, abs=5e-3) and np.all(np.diff(data["h"]) < 0)


def test_shipped_curve_equals_a_fresh_computation():
    # FFT and log last digits may differ between numpy builds: compare with a tolerance
    settings = plane.noise_curve_settings(5)
    k, h, c = noise._generate_noise_curve(settings)
    with np.load(plane.shipped_noise_curve_path(5)) as data:
        np.testing.assert_allclose(data["k"], k, rtol=0, atol=0)
        np.testing.assert_allclose(data["h"], h, rtol=0, atol=1e-9)
        np.testing.assert_allclose(data["c"], c, rtol=0, atol=1e-9)


def test_shipped_curve_is_used_without_generating_or_caching(empty_cache, monkeypatch):
    def refuse(settings):
        raise AssertionError("the shipped curve should have been used")

    monkeypatch.setattr(noise, "_generate_noise_curve", refuse)
    for dim in range(plane.MIN_DIM, plane.MAX_DIM + 1):
        curve = plane.noise_curve(dim)
        with np.load(plane.shipped_noise_curve_path(dim)) as data:
            np.testing.assert_array_equal(curve.c, data["c"])
    assert not os.path.exists(empty_cache) or not os.listdir(empty_cache)


def test_changed_settings_ignore_the_shipped_curve(empty_cache, monkeypatch):
    original = plane.noise_curve_settings

    def changed(dim):
        settings = original(dim)
        settings["seed"] = 1
        return settings

    monkeypatch.setattr(noise, "noise_curve_settings", changed)
    curve = plane.noise_curve(3)
    with np.load(plane.shipped_noise_curve_path(3)) as data:
        assert not np.array_equal(curve.c, data["c"])  # another seed, another curve
    assert len(os.listdir(empty_cache)) == 1  # generated and cached


def test_write_shipped_noise_curves_round_trips(tmp_path):
    path, = plane.write_shipped_noise_curves(str(tmp_path), dims=[3])
    with np.load(path) as data, np.load(plane.shipped_noise_curve_path(3)) as shipped:
        assert str(data["settings"]) == str(shipped["settings"])
        np.testing.assert_allclose(data["c"], shipped["c"], rtol=0, atol=1e-9)
