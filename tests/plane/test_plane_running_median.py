"""The spectral-line evidence's running median equals scipy.ndimage's median filter (mode "nearest")."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.ndimage import median_filter

from tscomplex.plane.evidence import LINE_HALF_WIDTH, running_median


@pytest.mark.parametrize("n", [1, 2, 7, 41, 1000, 4097])
@pytest.mark.parametrize("half_width", [1, 3, LINE_HALF_WIDTH])
def test_running_median_equals_scipy(n, half_width):
    values = np.random.default_rng(n + half_width).exponential(size=n)
    values[::5] = 1.0  # ties inside windows
    np.testing.assert_array_equal(running_median(values, half_width),
                                  median_filter(values, size=2 * half_width + 1, mode="nearest"))
