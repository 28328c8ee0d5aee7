"""Surrogates of data at the ends of the double range: subnormal and near 1e300 (found by the hostile-input review:
a subnormal range gave IAAFT's rank table an infinite scale, and the value step wrote out of its arrays)."""

import numpy as np
import pytest

from tscomplex.surrogates import METHODS, surrogates

BASE = np.sin(np.arange(600) / 7.0) + 0.3 * np.random.default_rng(0).standard_normal(600) ** 2


@pytest.mark.parametrize("factor", [2.0 ** -1065, 2.0 ** -1030, 1e-300, 1e300, 2.0 ** 1020])
@pytest.mark.parametrize("method", [m for m in METHODS if m != "multivariate"])
def test_surrogates_of_extreme_data_are_finite_and_keep_the_values(factor, method):
    """Never a crash, NaN or infinity; the methods that keep the data's values keep them exactly."""
    x = BASE * factor
    s = surrogates(x, 3, method, seed=4)
    assert np.all(np.isfinite(s))
    if method in ("shuffle", "aaft", "iaaft", "block-shuffle", "cyclic-shift"):
        np.testing.assert_array_equal(np.sort(s, axis=1), np.tile(np.sort(x), (3, 1)))


@pytest.mark.parametrize("method", [m for m in METHODS if m != "multivariate"])
def test_a_power_of_two_changes_no_digit_of_the_surrogates(method):
    """x * 2^1020 is exact, and so is the rescaling inside: its surrogates are x's times 2^1020, bit for bit."""
    np.testing.assert_array_equal(surrogates(np.ldexp(BASE, 1020), 3, method, seed=4),
                                  np.ldexp(surrogates(BASE, 3, method, seed=4), 1020))


def test_iaaft_of_subnormal_data_matches_the_same_data_scaled_up():
    x = BASE * 2.0 ** -1060  # subnormal: about 52 - 14 = 38 bits are left of each value
    up = np.ldexp(x, 1060)  # exact
    s, info = surrogates(x, 4, "iaaft", seed=2, return_info=True)
    t, info_up = surrogates(up, 4, "iaaft", seed=2, return_info=True)
    np.testing.assert_array_equal(np.ldexp(s, 1060), t)
    assert info.spectral_mismatch == info_up.spectral_mismatch


def test_multivariate_surrogates_of_huge_data_stay_finite():
    x = np.column_stack([BASE, np.roll(BASE, 3)]) * 1e300
    s = surrogates(x, 2, "multivariate", seed=1)
    assert s.shape == (2, 600, 2) and np.all(np.isfinite(s))
