"""The store's convergence rule for a whole spectrum (tscomplex.lyapunov.catalog.spectrum_disagreement)."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.lyapunov.catalog import spectrum_disagreement


def test_a_chaotic_spectrum_is_judged_exponent_by_exponent():
    # allowances 1% of max(|l_i|, lambda_max) + 1e-4: 0.01015, 0.01015, 0.1006
    ratio, index = spectrum_disagreement([1.0, 0.0005, -10.0], [1.005, 0.0, -10.06])
    assert index == 2
    assert ratio == pytest.approx(0.06 / (0.01 * 10.06 + 1e-4))
    assert ratio < 1.0


def test_a_lesser_exponent_alone_can_fail_it():
    # lambda_max agrees to 0.2%; lambda_2 0.136 against 0.163 (hyper_bao's T and 2T under the old rule)
    ratio, index = spectrum_disagreement([0.7536, 0.136, 0.0, -19.9], [0.7550, 0.163, 0.0, -19.9])
    assert index == 1
    assert ratio == pytest.approx(0.027 / (0.01 * 0.755 + 1e-4))
    assert ratio > 1.0


def test_a_torus_judges_its_zero_exponents_against_its_largest_rate():
    # ca_two_plus_quasiperiodic: lambda_max is not above the chaos threshold, so the lead is |lambda_min|
    ratio, index = spectrum_disagreement([0.00039, -0.00047, -0.03616], [0.00029, -0.00027, -0.03619])
    assert index == 1
    assert ratio == pytest.approx(0.0002 / (0.01 * 0.03619 + 1e-4))
    assert ratio < 1.0


def test_minus_infinity_agrees_only_with_itself():
    assert spectrum_disagreement([0.0, -0.037, -np.inf], [0.0, -0.0372, -np.inf])[0] < 1.0
    ratio, index = spectrum_disagreement([0.0, -0.037, -5.0], [0.0, -0.0372, -np.inf])
    assert ratio == np.inf and index == 2


def test_the_allowance_can_be_widened_to_the_two_percent_of_a_fresh_run():
    short, long = [0.7536, 0.136, 0.0, -19.9], [0.7550, 0.163, 0.0, -19.9]
    wide, index = spectrum_disagreement(short, long, relative=0.02)
    assert index == 1 and wide == pytest.approx(0.027 / (0.02 * 0.755 + 1e-4))
