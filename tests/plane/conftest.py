"""A private noise-curve cache for every plane test module."""

from __future__ import annotations

import os

import pytest

from tscomplex.plane import noise


@pytest.fixture(scope="module", autouse=True)
def private_cache(tmp_path_factory):
    """Noise curves go to a fresh folder, so the tests exercise generation and the on-disk cache."""
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("TSCOMPLEX_CACHE_DIR")
    os.environ["TSCOMPLEX_CACHE_DIR"] = str(folder)
    noise._noise_curve.cache_clear()
    noise._sorted_noise.cache_clear()
    yield folder
    if old is None:
        del os.environ["TSCOMPLEX_CACHE_DIR"]
    else:
        os.environ["TSCOMPLEX_CACHE_DIR"] = old
    noise._noise_curve.cache_clear()
    noise._sorted_noise.cache_clear()

