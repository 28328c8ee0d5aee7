"""Information measures on probability vectors and on series, against formulas written out here
and against the published ordpy/peccary reference values (docs/references.md)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tscomplex import information as info
from tscomplex.measures import (
    complexity_entropy,
    fisher_information,
    measures_from_counts,
    missing_patterns,
    permutation_entropy,
    renyi_permutation_entropy,
    statistical_complexity,
    tsallis_permutation_entropy,
)
from tscomplex.ordinal import ordinal_counts


# ----------------------------------------------------------------- plain references, written term by term

def ref_entropy(p):
    return -sum(pi * math.log(pi) for pi in p if pi > 0) / math.log(len(p))


def ref_complexity(p):
    n = len(p)
    def s(q):
        return -sum(qi * math.log(qi) for qi in q if qi > 0)
    mid = [(pi + 1 / n) / 2 for pi in p]
    js = s(mid) - s(p) / 2 - math.log(n) / 2
    js_max = -0.5 * (((n + 1) / n) * math.log(n + 1) + math.log(n) - 2 * math.log(2 * n))
    return ref_entropy(p) * js / js_max


def ref_fisher(p):
    if sum(1 for pi in p if pi > 0) == 1:
        return 1.0
    return 0.5 * sum((math.sqrt(p[i + 1]) - math.sqrt(p[i])) ** 2 for i in range(len(p) - 1))


def logistic(n, r=4.0, x0=0.1):
    x = np.empty(n)
    x[0] = x0
    for i in range(1, n):
        x[i] = r * x[i - 1] * (1 - x[i - 1])
    return x


# ----------------------------------------------------------------- published values

@pytest.mark.parametrize("dim,h,c", [
    (3, 0.826710, 0.168698), (4, 0.738098, 0.292110), (5, 0.678462, 0.399241), (6, 0.627287, 0.483355),
])
def test_logistic_map_reference_values(dim, h, c):
    got_h, got_c = complexity_entropy(logistic(10_000), dim=dim)
    assert got_h == pytest.approx(h, abs=1e-6)
    assert got_c == pytest.approx(c, abs=1e-6)


@pytest.mark.parametrize("tau,h,c", [(1, 0.214437, 0.191580), (10, 0.525400, 0.386890), (50, 0.669743, 0.404629)])
def test_sine_reference_values(tau, h, c):
    x = np.sin(2 * np.pi * np.arange(10_000) / 100)
    got_h, got_c = complexity_entropy(x, dim=5, tau=tau)
    assert got_h == pytest.approx(h, abs=1e-6)
    assert got_c == pytest.approx(c, abs=1e-6)


def test_ordpy_docstring_example_to_1e_10():
    h, c = complexity_entropy([4, 7, 9, 10, 6, 11, 3], dim=2)
    assert abs(h - 0.9182958340544894) < 1e-10
    assert abs(c - 0.06112816548804511) < 1e-10
    # ordpy's probability-vector example
    h, c = info.complexity_entropy_from_probabilities([1 / 3, 1 / 15, 4 / 15, 2 / 15, 1 / 5, 0])
    assert abs(h - 0.8314454838586238) < 1e-10
    assert abs(c - 0.16576716623440763) < 1e-10


@pytest.mark.parametrize("dim,q0", [(3, 1.527050), (4, 1.144419), (5, 1.036071), (6, 1.007652)])
def test_jensen_shannon_normalization(dim, q0):
    # The tabulated Q0 normalizes J measured in bits; ours normalizes J in nats, so it is Q0 / ln 2.
    # C = Q0 J H is the same either way.
    assert info.jensen_shannon_normalization(math.factorial(dim)) * math.log(2) == pytest.approx(q0, abs=1e-6)


# ----------------------------------------------------------------- analytic cases

@pytest.mark.parametrize("x", [np.full(500, 2.5), np.arange(500.0), np.arange(500.0)[::-1], np.exp(np.arange(50.0))])
def test_constant_and_monotone_give_zero(x):
    h, c = complexity_entropy(x, dim=5)
    assert h == 0.0 and c == 0.0
    assert fisher_information(x, dim=5) == 1.0
    assert missing_patterns(x, dim=5) == pytest.approx(119 / 120)


def test_period_two():
    x = np.tile([0.0, 1.0], 200)
    p = np.zeros(6)
    p[1] = p[2] = 0.5  # (0,1,0) -> argsort (0,2,1) = code 1; (1,0,1) -> (1,0,2) = code 2
    h, c = complexity_entropy(x, dim=3)
    assert h == pytest.approx(math.log(2) / math.log(6), abs=1e-12)
    assert c == pytest.approx(ref_complexity(p), abs=1e-12)
    assert fisher_information(x, dim=3) == pytest.approx(ref_fisher(p), abs=1e-12)
    assert missing_patterns(x, dim=3) == pytest.approx(4 / 6)


def test_white_noise_approaches_maximal_entropy():
    rng = np.random.default_rng(0)
    previous = None
    for n in (10**3, 10**4, 10**5, 10**6):
        h, c = complexity_entropy(rng.normal(size=n), dim=4)
        assert h > 1 - (60 / n ** 0.75 + 1e-4)  # finite-sample bias shrinks with n
        assert c < 0.05
        if previous is not None:
            assert h > previous - 1e-4
        previous = h
    assert h > 0.9999 and c < 1e-4


def test_uniform_and_delta_distributions():
    u = np.full(24, 1 / 24)
    assert info.shannon_entropy(u) == pytest.approx(1.0)
    assert info.statistical_complexity_from_probabilities(u) == pytest.approx(0.0, abs=1e-15)
    assert info.fisher_information_from_probabilities(u) == 0.0
    delta = np.zeros(24)
    delta[7] = 1
    assert info.complexity_entropy_from_probabilities(delta) == (0.0, 0.0)
    assert info.fisher_information_from_probabilities(delta) == 1.0
    assert info.renyi_entropy(delta, 2) == 0.0 and info.tsallis_entropy(delta, 2) == 0.0


# ----------------------------------------------------------------- against the plain references

@pytest.mark.parametrize("seed", range(5))
def test_measures_match_plain_references(seed):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(120, 0.3))
    p[rng.integers(0, 120, size=30)] = 0
    p /= p.sum()
    h, c = info.complexity_entropy_from_probabilities(p)
    assert h == pytest.approx(ref_entropy(p), abs=1e-12)
    assert c == pytest.approx(ref_complexity(p), abs=1e-12)
    assert info.fisher_information_from_probabilities(p) == pytest.approx(ref_fisher(p), abs=1e-12)
    for q in (0.5, 2.0, 3.7):
        renyi = math.log(sum(pi ** q for pi in p if pi > 0)) / (1 - q) / math.log(120)
        ln_q = lambda v: (v ** (1 - q) - 1) / (1 - q)  # noqa: E731
        tsallis = sum(pi * ln_q(1 / pi) for pi in p if pi > 0) / ln_q(120)
        assert info.renyi_entropy(p, q) == pytest.approx(renyi, abs=1e-12)
        assert info.tsallis_entropy(p, q) == pytest.approx(tsallis, abs=1e-12)
    assert info.renyi_entropy(p, 1) == pytest.approx(h, abs=1e-12)
    assert info.tsallis_entropy(p, 1) == pytest.approx(h, abs=1e-12)
    assert info.renyi_entropy(p, math.inf) == pytest.approx(-math.log(p.max()) / math.log(120))


def test_renyi_and_tsallis_limits_approach_shannon():
    p = np.random.default_rng(9).dirichlet(np.ones(24))
    h = info.shannon_entropy(p)
    assert info.renyi_entropy(p, 1 + 1e-7) == pytest.approx(h, abs=1e-6)
    assert info.tsallis_entropy(p, 1 - 1e-7) == pytest.approx(h, abs=1e-6)


def test_series_functions_compose_counts_and_measures():
    x = logistic(3000)
    counts = ordinal_counts(x, 4, 2)
    rec = measures_from_counts(counts, q=2.0)
    p = counts / counts.sum()
    assert permutation_entropy(x, 4, 2) == pytest.approx(ref_entropy(p), abs=1e-12)
    assert statistical_complexity(x, 4, 2) == rec["statistical_complexity"]
    assert fisher_information(x, 4, 2) == rec["fisher_information"]
    assert renyi_permutation_entropy(x, 4, 2, q=2.0) == rec["renyi_entropy"]
    assert tsallis_permutation_entropy(x, 4, 2, q=2.0) == rec["tsallis_entropy"]
    assert permutation_entropy(x, 4, 2, normalized=False) == pytest.approx(ref_entropy(p) * math.log(24))


def test_weighted_permutation_entropy_reference():
    x = np.random.default_rng(2).normal(size=400) * np.linspace(0.1, 3, 400)
    dim = 4
    weights = np.zeros(24)
    import itertools
    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    for t in range(x.size - dim + 1):
        w = x[t:t + dim]
        weights[index[tuple(np.argsort(w, kind="stable"))]] += np.mean((w - w.mean()) ** 2)
    assert permutation_entropy(x, dim, weighted=True) == pytest.approx(ref_entropy(weights / weights.sum()), abs=1e-12)


def test_weighted_constant_series_is_refused():
    with pytest.raises(ValueError, match="no pattern has positive weight"):
        permutation_entropy(np.ones(50), 3, weighted=True)


def test_bad_orders_are_refused():
    p = np.full(6, 1 / 6)
    with pytest.raises(ValueError, match="q must be > 0"):
        info.renyi_entropy(p, -1)
    with pytest.raises(ValueError, match="q must be > 0"):
        info.tsallis_entropy(p, 0)


# ----------------------------------------------------------------- invariances

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(30, 300), elements=st.integers(-500, 500).map(float)),
       st.integers(3, 5), st.integers(1, 50), st.integers(-100, 100))
def test_h_and_c_invariant_under_positive_affine_maps(x, dim, a, b):
    h, c = complexity_entropy(x, dim)
    h2, c2 = complexity_entropy(a * x + b, dim)
    assert h == h2 and c == c2


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(30, 300), elements=finite), st.integers(2, 6))
def test_measures_are_bounded(x, dim):
    rec = measures_from_counts(ordinal_counts(x, dim), q=2.0)
    for key in ("permutation_entropy", "statistical_complexity", "fisher_information", "missing_patterns",
                "renyi_entropy", "tsallis_entropy"):
        assert -1e-12 <= rec[key] <= 1 + 1e-12, key


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.integers(30, 200), elements=finite, unique=True), st.integers(3, 5))
def test_time_reversal_keeps_entropy_without_ties(x, dim):
    # reversing time permutes the patterns (a bijection), so H is unchanged; C may change
    # only through J, which is also permutation invariant, so both must agree
    h, c = complexity_entropy(x, dim)
    h2, c2 = complexity_entropy(x[::-1], dim)
    assert h == pytest.approx(h2, abs=1e-12) and c == pytest.approx(c2, abs=1e-12)
