"""Tests of the scaling region of a divergence curve (tscomplex.lyapunov.scaling)."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.lyapunov.scaling import scaling_region

def test_scaling_region_on_a_synthetic_curve():
    k = np.arange(120, dtype=float)
    # a fast alignment for 10 steps, a straight rise of slope 0.1 to k = 70, then a smooth plateau at 2.5
    curve = np.where(k < 10, -6 + 0.2 * k, -4 + 0.1 * (k - 10))
    curve = np.where(k > 70, 2.0 + 0.5 * (1 - np.exp(-(k - 70) / 5.0)), curve)
    region = scaling_region(curve)
    assert region is not None
    assert region.slope == pytest.approx(0.1, rel=1e-9)
    # cut where the curve has risen 90% of the way to its plateau: -6 + 0.9 * 8.5 = 1.65, i.e. at k = 67
    assert (region.start, region.end) == (10, 67)
    slope, intercept = np.polyfit(k[region.start:region.end + 1], curve[region.start:region.end + 1], 1)
    assert region.slope == pytest.approx(slope) and region.intercept == pytest.approx(intercept)
    assert region.r2 > 0.999


def test_scaling_region_absent_for_flat_or_jumping_curves():
    assert scaling_region(np.zeros(50)) is None
    jump = np.r_[-5.0, np.zeros(40)]  # white noise: neighbours are apart after one step
    assert scaling_region(jump) is None
    assert scaling_region(-0.1 * np.arange(30.0)) is None  # contraction
