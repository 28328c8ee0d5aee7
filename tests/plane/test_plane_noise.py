"""The f^-k noise curve: generated, cached atomically, reproducible, between the bounds."""

from __future__ import annotations

import os

import numpy as np
import pytest

from tscomplex import plane
from tscomplex.plane import noise


def test_noise_curve_is_generated_cached_and_reproducible(private_cache, tmp_path, monkeypatch):
    # settings without a shipped curve (here: no shipped files at all) are generated and cached
    monkeypatch.setattr(noise, "SHIPPED_NOISE_DIR", str(tmp_path / "none-shipped"))
    noise._noise_curve.cache_clear()
    curve = plane.noise_curve(4)
    files = [f for f in os.listdir(private_cache) if f.startswith("noise_curve_d4_")]
    assert len(files) == 1
    assert curve.k[0] == 0 and curve.k[-1] == pytest.approx(3.5)
    assert curve.h[0] == pytest.approx(1.0, abs=1e-3) and curve.c[0] == pytest.approx(0.0, abs=1e-3)
    assert np.all(np.diff(curve.h) < 0)  # steeper spectra, lower entropy
    fresh = noise._generate_noise_curve(plane.noise_curve_settings(4))
    np.testing.assert_array_equal(fresh[1], curve.h)
    np.testing.assert_array_equal(fresh[2], curve.c)
    # a broken cache file is recomputed, not trusted
    path = os.path.join(private_cache, files[0])
    with open(path, "wb") as fh:
        fh.write(b"not an npz")
    noise._noise_curve.cache_clear()
    again = plane.noise_curve(4)
    np.testing.assert_array_equal(again.c, curve.c)
    with np.load(path) as data:
        np.testing.assert_array_equal(data["c"], curve.c)


def test_noise_curve_lies_between_bounds():
    for dim in (4, 5, 6):
        curve = plane.noise_curve(dim)
        assert np.all(curve.c <= plane.max_complexity(curve.h, dim) + 1e-6)
        assert np.all(curve.c >= plane.min_complexity(curve.h, dim) - 1e-6)


def test_power_law_noise_has_the_asked_spectral_slope():
    x = plane.power_law_noise(2 ** 16, 1.5, seed=3)
    f = np.fft.rfftfreq(x.size)[1:]
    p = np.abs(np.fft.rfft(x))[1:] ** 2
    band = (f > 1e-3) & (f < 1e-1)
    slope = np.polyfit(np.log(f[band]), np.log(p[band]), 1)[0]
    assert slope == pytest.approx(-1.5, abs=0.1)



def test_cache_write_is_atomic_and_a_failed_write_is_not_an_error(tmp_path, monkeypatch):
    """A write that fails half-way leaves neither a cache file nor a temporary; an unusable folder is ignored."""
    monkeypatch.setattr(noise, "SHIPPED_NOISE_DIR", str(tmp_path / "none-shipped"))
    expected = noise._generate_noise_curve(noise.noise_curve_settings(3))
    folder = tmp_path / "cache"
    monkeypatch.setenv("TSCOMPLEX_CACHE_DIR", str(folder))

    def half_written(fh, **arrays):
        fh.write(b"PK\x03\x04 half")
        raise OSError("no space left on device")

    monkeypatch.setattr(np, "savez", half_written)
    noise._noise_curve.cache_clear()
    curve = noise.noise_curve(3)
    np.testing.assert_array_equal(curve.c, expected[2])
    assert os.listdir(folder) == []
    monkeypatch.undo()

    monkeypatch.setattr(noise, "SHIPPED_NOISE_DIR", str(tmp_path / "none-shipped"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TSCOMPLEX_CACHE_DIR", str(blocker / "cache"))
    noise._noise_curve.cache_clear()
    np.testing.assert_array_equal(noise.noise_curve(3).c, expected[2])
    assert blocker.read_text() == "not a folder"
    noise._noise_curve.cache_clear()
