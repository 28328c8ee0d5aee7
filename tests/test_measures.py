"""The series measures of tscomplex.measures: each is its composition outcome space -> probabilities -> measure."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest

from tscomplex import information as info
from tscomplex import measures
from tscomplex.ordinal import OrdinalPatterns

SERIES_MEASURES = ("ordinal_probabilities", "permutation_entropy", "complexity_entropy", "statistical_complexity",
                   "fisher_information", "missing_patterns", "renyi_permutation_entropy",
                   "tsallis_permutation_entropy")


def plain_probabilities(x, dim, tau):
    """Relative frequencies of the stable argsorts of the windows, by lexicographic rank (plain numpy)."""
    import itertools

    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    counts = np.zeros(math.factorial(dim))
    for t in range(len(x) - (dim - 1) * tau):
        counts[index[tuple(np.argsort(x[t:t + (dim - 1) * tau + 1:tau], kind="stable"))]] += 1
    return counts / counts.sum()


@pytest.fixture(scope="module")
def x():
    return np.random.default_rng(11).normal(size=400).cumsum()


@pytest.mark.parametrize("dim, tau", [(3, 1), (4, 2), (5, 3)])
@pytest.mark.parametrize("weighted", [False, True])
def test_each_measure_is_its_composition(x, dim, tau, weighted):
    space = OrdinalPatterns(dim, tau, weighted=weighted)
    p = space.probabilities(x)
    kw = {"weighted": weighted}
    assert measures.permutation_entropy(x, dim, tau, **kw) == info.shannon_entropy(p)
    assert measures.complexity_entropy(x, dim, tau, **kw) == info.complexity_entropy_from_probabilities(p)
    assert measures.statistical_complexity(x, dim, tau, **kw) == info.statistical_complexity_from_probabilities(p)
    assert measures.fisher_information(x, dim, tau, **kw) == info.fisher_information_from_probabilities(p)
    assert measures.renyi_permutation_entropy(x, dim, tau, q=2.0, **kw) == info.renyi_entropy(p, 2.0)
    assert measures.tsallis_permutation_entropy(x, dim, tau, q=0.5, **kw) == info.tsallis_entropy(p, 0.5)
    np.testing.assert_array_equal(measures.ordinal_probabilities(x, dim, tau, **kw), p)
    plain = OrdinalPatterns(dim, tau).counts(x)
    assert measures.missing_patterns(x, dim, tau) == info.missing_fraction(plain)


def test_composition_matches_plain_numpy(x):
    p = plain_probabilities(x, 4, 2)
    nz = p[p > 0]
    assert measures.permutation_entropy(x, 4, 2) == pytest.approx(-np.sum(nz * np.log(nz)) / math.log(24), abs=1e-12)
    assert measures.missing_patterns(x, 4, 2) == pytest.approx(np.mean(p == 0), abs=0)


def test_sparse_path_equals_the_composition():
    # d! = 3,628,800 >> 200 windows: the measures count only the patterns seen, to the same numbers
    y = np.random.default_rng(5).normal(size=209)
    p = OrdinalPatterns(10).probabilities(y)
    h, c = info.complexity_entropy_from_probabilities(p)
    assert measures.complexity_entropy(y, 10) == pytest.approx((h, c), rel=1e-12)
    assert measures.fisher_information(y, 10) == pytest.approx(info.fisher_information_from_probabilities(p),
                                                              rel=1e-12)
    assert measures.missing_patterns(y, 10) == info.missing_fraction(OrdinalPatterns(10).counts(y))


def test_analytic_values():
    ramp = np.arange(30.0)
    assert measures.permutation_entropy(ramp, 4) == 0.0
    assert measures.complexity_entropy(ramp, 4) == (0.0, 0.0)
    assert measures.fisher_information(ramp, 4) == 1.0
    assert measures.missing_patterns(ramp, 3) == pytest.approx(5 / 6)
    period2 = np.tile([0.0, 1.0], 50)  # two patterns, equally often
    assert measures.permutation_entropy(period2, 3) == pytest.approx(math.log(2) / math.log(6), abs=1e-15)


def test_every_measure_has_the_same_keyword_order():
    for name in SERIES_MEASURES:
        params = inspect.signature(getattr(measures, name)).parameters
        names = list(params)
        assert names[:3] == ["x", "dim", "tau"], name
        assert params["dim"].default == 5 and params["tau"].default == 1, name
        keyword_only = [n for n, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY]
        assert keyword_only == names[3:], name  # everything after tau by keyword
        assert "tie_precision" in keyword_only, name
        if name != "missing_patterns":  # counts plain windows: weights play no part
            assert keyword_only.index("weighted") < keyword_only.index("tie_precision"), name


def test_positional_weight_or_order_is_refused(x):
    with pytest.raises(TypeError):
        measures.permutation_entropy(x, 3, 1, True)
    with pytest.raises(TypeError):
        measures.renyi_permutation_entropy(x, 2.0)  # q is keyword-only and required: no silent dim=2


@pytest.mark.parametrize("old, new", [
    ("complexity_entropy", "complexity_entropy_from_probabilities"),
    ("statistical_complexity", "statistical_complexity_from_probabilities"),
    ("fisher_information", "fisher_information_from_probabilities"),
])
def test_old_information_names_warn_and_agree(old, new):
    p = np.array([0.5, 0.25, 0.25, 0.0, 0.0, 0.0])
    with pytest.warns(DeprecationWarning, match=f"use {new}"):
        got = getattr(info, old)(p)
    assert got == getattr(info, new)(p)


def test_package_exports_the_series_forms():
    import tscomplex

    for name in ("permutation_entropy", "complexity_entropy", "statistical_complexity", "fisher_information"):
        assert getattr(tscomplex, name) is getattr(measures, name)
