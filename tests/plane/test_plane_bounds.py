"""The bounds of the plane: C_min, C_max and the periodic entropy bounds, against plain loops."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plane_series import ref_hc, ref_max_point, ref_min_point

from tscomplex import plane


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_min_curve_matches_plain_loops(dim):
    n = math.factorial(dim)
    curves = plane.complexity_curves(dim, h_step=1e-4)
    assert curves.h_min[0] == 0 and curves.h_min[-1] == pytest.approx(1.0)
    assert np.all(np.diff(curves.h_min) > 0)
    for pk in np.linspace(1.0 / n, 1.0, 37)[1:-1]:
        h, c = ref_min_point(pk, n)
        assert np.interp(h, curves.h_min, curves.c_min) == pytest.approx(c, abs=2e-6)


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_max_curve_matches_plain_loops(dim):
    n = math.factorial(dim)
    curves = plane.complexity_curves(dim, h_step=1e-4)
    assert np.all(np.diff(curves.h_max) >= 0)
    segments = range(1, n) if n <= 24 else list(range(1, 8)) + list(range(60, n, 7)) + [n - 1]
    for i in segments:
        for frac in (0.0, 0.3, 0.7, 1.0):
            pk = frac / (n - i + 1)
            h, c = ref_max_point(i, pk, n)
            assert np.interp(h, curves.h_max, curves.c_max) == pytest.approx(c, abs=2e-6), (i, frac)


def test_curve_points_are_exact():
    """Each returned point is a distribution of the family: C(H) recomputed from H matches (d = 4)."""
    n = 24
    curves = plane.complexity_curves(4, h_step=0.01)
    for h, c in zip(curves.h_min[1:-1], curves.c_min[1:-1]):
        lo, hi = 1.0 / n, 1.0
        for _ in range(80):  # solve H(pk) = h with plain bisection
            mid = 0.5 * (lo + hi)
            lo, hi = (lo, mid) if ref_min_point(mid, n)[0] < h else (mid, hi)
        assert ref_min_point(0.5 * (lo + hi), n)[1] == pytest.approx(c, abs=1e-12)


def test_peak_of_max_curve_d5():
    h, c = plane.complexity_peak(5)
    assert h == pytest.approx(0.615027, abs=1e-5)
    assert c == pytest.approx(0.424820, abs=1e-5)
    curves = plane.complexity_curves(5)
    i = int(np.argmax(curves.c_max))
    assert curves.c_max[i] == pytest.approx(0.424820, abs=1e-5)
    assert curves.h_max[i] == pytest.approx(0.615027, abs=1e-5)


def test_curves_d8_have_every_vertex_and_are_bounded():
    curves = plane.complexity_curves(8)
    n = math.factorial(8)
    vertices = np.log(np.arange(1, n + 1)) / math.log(n)
    assert np.isin(np.round(vertices, 12), np.round(curves.h_max, 12)).all()
    assert np.all(curves.c_max >= np.interp(curves.h_max, curves.h_min, curves.c_min) - 1e-12)
    assert 0.6 < curves.c_max.max() < 0.62


@settings(max_examples=60, deadline=None)
@given(st.integers(4, 5), st.lists(st.floats(0.0, 1.0), min_size=24, max_size=120), st.integers(0, 23))
def test_every_distribution_lies_between_the_curves(dim, weights, zeros):
    n = math.factorial(dim)
    w = np.resize(np.asarray(weights), n)
    w[:zeros] = 0.0
    if w.sum() <= 0:
        return
    h, c = ref_hc(list(w / w.sum()))
    assert plane.min_complexity(h, dim) - 1e-6 <= c <= plane.max_complexity(h, dim) + 1e-6


def test_periodic_bounds():
    lo, hi = plane.periodic_entropy_bounds(5)
    assert lo == pytest.approx(0.144783, abs=1e-6)
    assert hi == pytest.approx(0.551240, abs=1e-6)
    for d in range(3, 9):
        lo, hi = plane.periodic_entropy_bounds(d)
        assert lo == pytest.approx(math.log(2) / math.log(math.factorial(d)))
        assert hi == pytest.approx(math.log(2 * (2 * (d - 2) + 1)) / math.log(math.factorial(d)))


@pytest.mark.parametrize("bad", [2, 9, 2.5])
def test_curves_refuse_bad_dim(bad):
    with pytest.raises(ValueError, match="dim"):
        plane.complexity_curves(bad)

