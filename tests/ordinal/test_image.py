"""2-D ordinal patterns: a plain-numpy reference written here, ordpy to 1e-10, analytic cases, bad input."""

import itertools
import math

import numpy as np
import pytest

from tscomplex.ordinal.image import complexity_entropy_2d, ordinal_codes_2d, ordinal_counts_2d


def reference_counts(image, dx, dy, taux, tauy):
    """Windows flattened row by row, stable argsort, lexicographic rank among all permutations."""
    a = np.asarray(image, dtype=float)
    rank = {p: k for k, p in enumerate(itertools.permutations(range(dx * dy)))}
    counts = np.zeros(math.factorial(dx * dy), dtype=np.int64)
    for j in range(a.shape[0] - (dy - 1) * tauy):
        for i in range(a.shape[1] - (dx - 1) * taux):
            window = a[j:j + dy * tauy:tauy, i:i + dx * taux:taux].ravel()
            counts[rank[tuple(np.argsort(window, kind="stable"))]] += 1
    return counts


def reference_hc(counts):
    p = counts / counts.sum()
    n = p.size
    nz = p[p > 0]
    s = -np.sum(nz * np.log(nz))
    mid = (p + 1 / n) / 2
    js = -np.sum(mid * np.log(mid)) - s / 2 - np.log(n) / 2
    js_max = -0.5 * (((n + 1) / n) * np.log(n + 1) + np.log(n) - 2 * np.log(2 * n))
    h = s / np.log(n)
    return h, h * js / js_max


CASES = [(2, 2, 1, 1), (3, 2, 1, 2), (2, 3, 2, 1), (3, 3, 1, 1), (4, 1, 1, 1), (1, 3, 1, 2)]


@pytest.mark.parametrize("dx,dy,taux,tauy", CASES)
@pytest.mark.parametrize("ties", [False, True])
def test_counts_and_hc_match_plain_numpy(dx, dy, taux, tauy, ties):
    rng = np.random.default_rng(dx * 10 + dy + taux * 100 + tauy * 1000)
    image = rng.integers(0, 4, size=(23, 31)) if ties else rng.normal(size=(23, 31))
    counts = ordinal_counts_2d(image, dx, dy, taux, tauy)
    np.testing.assert_array_equal(counts, reference_counts(image, dx, dy, taux, tauy))
    h, c = complexity_entropy_2d(image, dx, dy, taux, tauy)
    rh, rc = reference_hc(counts)
    assert h == pytest.approx(rh, abs=1e-12) and c == pytest.approx(rc, abs=1e-12)


def test_codes_are_the_window_patterns():
    rng = np.random.default_rng(3)
    image = rng.normal(size=(9, 12))
    codes = ordinal_codes_2d(image, 3, 2, 1, 2)
    assert codes.shape == (9 - 2, 12 - 2)
    np.testing.assert_array_equal(np.bincount(codes.ravel(), minlength=720), ordinal_counts_2d(image, 3, 2, 1, 2))


@pytest.mark.parametrize("dx,dy,taux,tauy", CASES)
def test_agrees_with_ordpy(dx, dy, taux, tauy):
    ordpy = pytest.importorskip("ordpy")
    rng = np.random.default_rng(7)
    for image in (rng.normal(size=(30, 40)), rng.integers(0, 3, size=(30, 40)).astype(float)):
        h, c = complexity_entropy_2d(image, dx, dy, taux, tauy)
        oh, oc = ordpy.complexity_entropy(image, dx=dx, dy=dy, taux=taux, tauy=tauy)
        assert abs(h - oh) < 1e-10 and abs(c - oc) < 1e-10


def test_ordpy_docstring_examples():
    # ordpy's documented values for the same arrays
    h, c = complexity_entropy_2d([[1, 2, 1], [8, 3, 4], [6, 7, 5]], dx=2, dy=2)
    assert h == pytest.approx(0.3271564379782973, abs=1e-12) and c == pytest.approx(0.2701200547320647, abs=1e-12)
    h, c = complexity_entropy_2d([[1, 2, 1, 4], [8, 3, 4, 5], [6, 7, 5, 6]], dx=3, dy=2)
    assert h == pytest.approx(0.21070701155008006, abs=1e-12) and c == pytest.approx(0.20704765093242872, abs=1e-12)


def test_analytic_cases():
    ramp = np.add.outer(np.arange(6.0), np.arange(8.0))  # increasing along rows and columns: one pattern
    assert complexity_entropy_2d(ramp, 2, 2) == (0.0, 0.0)
    assert complexity_entropy_2d(np.ones((5, 5)), 2, 2) == (0.0, 0.0)  # ties: the identity pattern
    rng = np.random.default_rng(0)
    h, c = complexity_entropy_2d(rng.normal(size=(400, 400)), 2, 2)  # white noise: nearly uniform over 24
    assert h > 0.999 and c < 0.002


def test_one_row_is_the_series_measure():
    from tscomplex.measures import complexity_entropy

    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 300))
    counts = ordinal_counts_2d(x, 4, 1)
    from tscomplex.ordinal import ordinal_counts

    np.testing.assert_array_equal(counts, ordinal_counts(x[0], 4) + ordinal_counts(x[1], 4))
    assert complexity_entropy(x[0], 4) == pytest.approx(complexity_entropy_2d(x[:1].repeat(2, 0), 4, 1), abs=1e-12)


def test_invariant_under_positive_affine_maps():
    rng = np.random.default_rng(11)
    image = rng.normal(size=(20, 20))
    np.testing.assert_allclose(complexity_entropy_2d(image, 2, 2), complexity_entropy_2d(3.5 * image + 7, 2, 2),
                               atol=1e-12)


@pytest.mark.parametrize("image,dx,dy,message", [
    (np.zeros((1, 50)), 2, 2, "at least 2 rows"),
    (np.zeros((50, 1)), 2, 2, "at least 2 rows and 2 columns"),
    (np.zeros(50), 2, 2, "2-D array"),
    (np.zeros((4, 4)), 4, 3, "12! = 479001600 patterns"),
    (np.zeros((4, 4)), 1, 1, "at least 2"),
    (np.zeros((4, 4)), 5, 1, "more than the image's 4 x 4"),
    (np.array([[1.0, np.nan], [2, 3]]), 2, 1, "NaN"),
    (np.array([["a", "b"], ["c", "d"]]), 2, 1, "numbers"),
])
def test_bad_input_says_what_is_wrong(image, dx, dy, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("*", r"\*")):
        ordinal_counts_2d(image, dx, dy)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra.numpy import arrays  # noqa: E402


@settings(max_examples=40)
@given(arrays(np.float64, st.tuples(st.integers(3, 9), st.integers(3, 9)),
              elements=st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False), unique=True),
       st.sampled_from([(2, 1), (1, 2), (2, 2), (3, 2)]))
def test_transpose_swaps_dx_and_dy(image, size):
    """Transposing the image and swapping dx, dy reorders each window's samples by a fixed permutation: a
    bijection of the patterns (values are distinct: no ties), so H and C are unchanged."""
    dx, dy = size
    if image.shape[0] < dy or image.shape[1] < dx:
        return
    h, c = complexity_entropy_2d(image, dx, dy)
    ht, ct = complexity_entropy_2d(image.T.copy(), dy, dx)
    assert h == pytest.approx(ht, abs=1e-12) and c == pytest.approx(ct, abs=1e-12)
