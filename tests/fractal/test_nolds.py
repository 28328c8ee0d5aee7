"""Agreement with nolds (sampen, dfa, hurst_rs) where the definitions are the same, and where and why they differ.

nolds is a peer in the ``bench`` extra; without it these tests are skipped.

Why ``import nolds`` fails on Python 3.11: nolds 0.6.3's package ``__init__``
imports ``nolds.datasets``, which loads its bundled data at import time with
``importlib.resources.files(__name__)``, ``__name__`` being the *module*
``nolds.datasets``. Python 3.12 accepts a module there (it anchors at the
module's package); Python 3.11's ``files`` accepts packages only and raises
``TypeError: 'nolds.datasets' is not a package``. The measures do not need the
data sets, so ``nolds.measures`` is imported under a bare package object, as
``benchmarks/bench_battery.py`` does. (nolds.measures itself needs the
``future`` package, which nolds declares.)
"""

import importlib
import importlib.util
import sys
import types

import numpy as np
import pytest

from tscomplex.entropy.sample import sample_entropy
from tscomplex.fractal.dfa import dfa
from tscomplex.fractal.hurst import hurst_result


@pytest.fixture(scope="module")
def nolds():
    if importlib.util.find_spec("nolds") is None:
        pytest.skip("nolds is not installed (pip install -e '.[bench]')")
    saved = {k: v for k, v in sys.modules.items() if k == "nolds" or k.startswith("nolds.")}
    try:
        import nolds as package  # works on Python >= 3.12

        yield package
    except TypeError:  # Python 3.11: see the module docstring
        for name in [k for k in sys.modules if k == "nolds" or k.startswith("nolds.")]:
            del sys.modules[name]
        bare = types.ModuleType("nolds")
        bare.__path__ = list(importlib.util.find_spec("nolds").submodule_search_locations)
        sys.modules["nolds"] = bare
        yield importlib.import_module("nolds.measures")
    finally:
        for name in [k for k in sys.modules if k == "nolds" or k.startswith("nolds.")]:
            del sys.modules[name]
        sys.modules.update(saved)


def logistic(n, r=3.9, x0=0.4):
    x = np.empty(n)
    x[0] = x0
    for i in range(1, n):
        x[i] = r * x[i - 1] * (1 - x[i - 1])
    return x


@pytest.mark.parametrize("m", [1, 2, 3])
@pytest.mark.parametrize("series", ["white", "logistic"])
def test_sample_entropy_equals_nolds_on_continuous_data(nolds, m, series):
    # Both count pairs among the same N - m templates at lengths m and m + 1 (Richman & Moorman), Chebyshev
    # distance; nolds counts d < r, tscomplex d <= r, which is the same when no distance equals r exactly.
    x = np.random.default_rng(m).standard_normal(1500) if series == "white" else logistic(1500)
    tolerance = 0.2 * np.std(x)
    ours = sample_entropy(x, m, tolerance, absolute=True)
    assert ours == pytest.approx(nolds.sampen(x, emb_dim=m, tolerance=tolerance), rel=1e-12)


def test_sample_entropy_with_ties_at_r_equals_nolds_closed(nolds):
    # Integer data put many distances exactly at r = 1: tscomplex counts them (d <= r, Richman & Moorman's
    # definition), nolds only with closed=True; its default (d < r) gives another number.
    x = np.random.default_rng(7).integers(0, 6, 800).astype(float)
    ours = sample_entropy(x, 2, 1.0, absolute=True)
    assert ours == pytest.approx(nolds.sampen(x, emb_dim=2, tolerance=1.0, closed=True), rel=1e-12)
    assert abs(ours - nolds.sampen(x, emb_dim=2, tolerance=1.0)) > 0.05


def test_sample_entropy_default_tolerances_differ(nolds):
    # nolds' default tolerance is 0.1164 (0.5627 ln m + 1.3334) SD(ddof=1), about 0.2006 SD at m = 2; ours is
    # 0.2 SD (ddof=0). With nolds' tolerance passed explicitly the two agree.
    x = np.random.default_rng(3).standard_normal(1000)
    theirs = nolds.sampen(x, emb_dim=2)
    tolerance = np.std(x, ddof=1) * 0.1164 * (0.5627 * np.log(2) + 1.3334)
    assert sample_entropy(x, 2, tolerance, absolute=True) == pytest.approx(theirs, rel=1e-12)


def test_dfa_equals_nolds_when_every_scale_divides_n(nolds):
    # nolds cuts the profile into windows from the start only; tscomplex from the start and from the end
    # (Kantelhardt 2001). When n divides N both sets are the same windows, so F(n) and alpha agree exactly.
    x = np.random.default_rng(1).standard_normal(2 ** 14)
    scales = [16, 32, 64, 128, 256, 512, 1024]
    theirs, (_, log_f, _) = nolds.dfa(x, nvals=scales, overlap=False, order=1, fit_trend="poly", fit_exp="poly",
                                      debug_data=True)
    ours = dfa(x, order=1, scales=scales, fit_range="all")
    assert np.log(ours.fluctuation) == pytest.approx(log_f, rel=1e-9)
    assert ours.alpha == pytest.approx(theirs, rel=1e-9)


@pytest.mark.parametrize("order", [1, 2])
def test_dfa_alpha_close_to_nolds_on_any_length(nolds, order):
    x = np.cumsum(np.random.default_rng(order).standard_normal(30_011)) * 0.05 + \
        np.random.default_rng(9).standard_normal(30_011)
    scales = [int(s) for s in np.unique(np.geomspace(12, 3000, 20).astype(int))]
    ours = dfa(x, order=order, scales=scales, fit_range="all").alpha
    theirs = nolds.dfa(x, nvals=scales, overlap=False, order=order, fit_trend="poly", fit_exp="poly")
    assert ours == pytest.approx(theirs, abs=0.02)  # the end windows add the remainder N mod n


def test_hurst_equals_nolds_rs(nolds):
    # Same R/S per window (floor(N/n) windows from the start, population SD with unbiased=False) and the same
    # Anis-Lloyd-Peters expected R/S; with least squares (fit="poly", not nolds' default RANSAC) H agrees.
    x = np.random.default_rng(4).standard_normal(20_000)
    ours = hurst_result(x)
    scales = [int(s) for s in ours.scales]
    corrected = nolds.hurst_rs(x, nvals=scales, fit="poly", corrected=True, unbiased=False)
    plain = nolds.hurst_rs(x, nvals=scales, fit="poly", corrected=False, unbiased=False)
    assert ours.hurst_exponent == pytest.approx(corrected, rel=1e-9)
    assert ours.hurst_exponent_uncorrected == pytest.approx(plain, rel=1e-9)
    # nolds' default SD has ddof=1, which raises every R/S by sqrt(n / (n - 1)): H differs, slightly
    assert abs(nolds.hurst_rs(x, nvals=scales, fit="poly", corrected=False) - plain) < 0.01
