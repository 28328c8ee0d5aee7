"""Surrogates of the ranks (``gaussianize=True``): the null of a statistic of ranks, also for skewed data."""

from __future__ import annotations

import numpy as np
import pytest
from lyapunov_series import ar1  # tests/lyapunov_series.py
from scipy.special import ndtri

from tscomplex.measures import permutation_entropy
from tscomplex.surrogates import surrogate_test, surrogates
from tscomplex.surrogates.ranks import gaussian_scores

UNIVARIATE = ["shuffle", "ft", "aaft", "iaaft", "iaaft-spectrum", "block-shuffle", "cyclic-shift"]


def _plain_scores(x):
    """Van der Waerden scores written here: mean rank r from 0 (tied values share it) -> Phi^-1((r + 1) / (n + 1))."""
    n = x.size
    ranks = np.array([np.count_nonzero(x < v) + (np.count_nonzero(x == v) - 1) / 2 for v in x])
    return ndtri((ranks + 1) / (n + 1))


def test_gaussian_scores_are_van_der_waerdens_with_mean_ranks_for_ties():
    x = np.round(ar1(500, seed=2), 1)  # many ties
    np.testing.assert_array_equal(gaussian_scores(x), _plain_scores(x))
    columns = np.column_stack([x, -x])
    np.testing.assert_array_equal(gaussian_scores(columns)[:, 1], _plain_scores(-x))


@pytest.mark.parametrize("method", UNIVARIATE)
def test_rank_surrogates_hold_the_datas_values_in_the_ranks_of_the_scores_surrogates(method):
    x = np.exp(ar1(1000, seed=4))  # skewed
    s, info = surrogates(x, 5, method, seed=3, gaussianize=True, return_info=True)
    g = surrogates(_plain_scores(x), 5, method, seed=3)
    assert info.gaussianized
    for row, ref in zip(s, g):
        np.testing.assert_array_equal(np.sort(row), np.sort(x))  # the data's values, exactly
        np.testing.assert_array_equal(np.argsort(row, kind="stable"), np.argsort(ref, kind="stable"))


def test_multivariate_rank_surrogates_work_column_by_column():
    x = ar1(800, seed=5)
    data = np.column_stack([np.exp(x), x ** 3 + 0.1 * ar1(800, seed=6)])
    s = surrogates(data, 3, "multivariate", seed=1, gaussianize=True)
    scores = np.column_stack([_plain_scores(data[:, 0]), _plain_scores(data[:, 1])])
    ref = surrogates(scores, 3, "multivariate", seed=1)
    for k in range(3):
        for c in range(2):
            np.testing.assert_array_equal(np.sort(s[k, :, c]), np.sort(data[:, c]))
            np.testing.assert_array_equal(np.argsort(s[k, :, c], kind="stable"),
                                          np.argsort(ref[k, :, c], kind="stable"))


@pytest.mark.parametrize("method", ["iaaft", "ft", "aaft"])
def test_the_ranks_of_rank_surrogates_do_not_depend_on_the_measurement_function(method):
    """The point of the method: x and any increasing function of x get surrogates with the same ranks, so a
    statistic of ranks gets the same null (IAAFT of the values does not: its spectrum is the values')."""
    x = ar1(2000, seed=7)
    ranks = [np.argsort(surrogates(f(x), 4, method, seed=9, gaussianize=True), axis=1, kind="stable")
             for f in (lambda v: v, np.exp, lambda v: v ** 3, lambda v: np.arctan(3 * v))]
    for other in ranks[1:]:
        np.testing.assert_array_equal(other, ranks[0])
    plain = [np.argsort(surrogates(f(x), 4, "iaaft", seed=9), axis=1, kind="stable") for f in (lambda v: v, np.exp)]
    assert not np.array_equal(plain[0], plain[1])


def _rejections(make, gaussianize, trials=20, n=2000):
    rejected = 0
    for t in range(trials):
        x = make(np.random.default_rng(300 + t), n)
        test = surrogate_test(x, lambda s: permutation_entropy(s, 5, 1), 39, "iaaft", seed=t,
                              gaussianize=gaussianize)
        rejected += test.rejects(0.05)
    return rejected


def _ar1(rng, n, phi=0.8):
    e = rng.standard_normal(n + 200)
    x = np.zeros(n + 200)
    for i in range(1, n + 200):
        x[i] = phi * x[i - 1] + e[i]
    return x[200:]


@pytest.mark.parametrize("name, make", [("exp(0.5 AR(1))", lambda rng, n: np.exp(0.5 * _ar1(rng, n))),
                                        ("AR(1) cubed", lambda rng, n: _ar1(rng, n, 0.9) ** 3)])
def test_a_skewed_linear_process_is_not_called_nonlinear_with_rank_surrogates(name, make):
    """A monotone function of a linear Gaussian process is IAAFT's null. Permutation entropy (d = 5) against 39
    surrogates, alpha = 0.05, 20 trials of 2,000 samples: IAAFT of the values rejects it in about half the
    trials (measured 11/20 and 16/20; at 20,000 samples 19/20 and 20/20), the rank surrogates at the nominal
    rate (measured 2/20 and 2/20). The bounds leave room for a few trials either way."""
    assert _rejections(make, gaussianize=True) <= 4
    assert _rejections(make, gaussianize=False) >= 7


def test_rank_surrogates_still_see_chaos():
    """The logistic map's forbidden patterns: rejected in every trial (alpha = 0.05, 39 surrogates)."""
    def logistic(rng, n):
        x = np.empty(n)
        x[0] = rng.uniform(0.1, 0.9)
        for i in range(n - 1):
            x[i + 1] = 4.0 * x[i] * (1.0 - x[i])
        return x

    assert _rejections(logistic, gaussianize=True, trials=10, n=1000) == 10


def _tested(value, values_null, scores_null):
    from tscomplex.surrogates.records import WithSurrogates

    tested = WithSurrogates(func=None, count=39, method="iaaft", seed=1, alpha=0.05,
                            statistic="permutation_entropy", gaussianize=True)
    record = {"permutation_entropy": value, "regime": "complex", "regime_rule": "C >= threshold(H)"}
    return tested.augment(record, {"permutation_entropy": values_null}, {"permutation_entropy": scores_null})


@pytest.mark.parametrize("values_beyond, scores_beyond, nonlinear",
                         [(True, True, True), (True, False, False), (False, True, False), (False, False, False)])
def test_nonlinear_needs_both_the_values_and_the_scores_test(values_beyond, scores_beyond, nonlinear):
    """An intersection-union test: each null (IAAFT of the values, of the Gaussian scores) fails on its own kind
    of linear data (a skewed series; a tone or narrow-band noise, whose one realization's marginal is not its
    process's), so only data beyond both are nonlinear."""
    inside, beyond = list(np.linspace(0.5, 0.9, 39)), list(np.linspace(0.8, 0.9, 39))
    record = _tested(0.6, beyond if values_beyond else inside, beyond if scores_beyond else inside)
    assert record["nonlinear"] is nonlinear
    assert record["surrogate_scores_tested"] is True
    assert (record["permutation_entropy_p"] <= 0.05) is values_beyond
    assert (record["permutation_entropy_p_scores"] <= 0.05) is scores_beyond
    assert record["regime"] == ("complex" if nonlinear else "stochastic")
    assert "surrogates of its values, p = " in record["regime_rule"]
    assert ", and of its Gaussian scores, p = " in record["regime_rule"]
    assert record["regime_rule"].endswith("both <= 0.05)" if nonlinear else "not both <= 0.05)")


def test_a_lognormal_series_is_not_called_nonlinear_on_the_command_line(tmp_path):
    """exp of an AR(1): IAAFT of the values rejects (z about -8), the scores' test does not; nonlinear false."""
    from click.testing import CliRunner

    from tscomplex.cli import main

    rng = np.random.default_rng(5)
    x = np.exp(0.5 * _ar1(rng, 20000))
    path = tmp_path / "lognormal.npy"
    np.save(path, x)
    result = CliRunner().invoke(main, ["analyze", str(path), "--surrogates", "39", "--seed", "1", "-f", "json"])
    (record,) = __import__("json").loads(result.stdout)
    assert record["permutation_entropy_p"] == pytest.approx(0.05)
    assert record["permutation_entropy_p_scores"] > 0.2
    assert record["nonlinear"] is False


def test_a_constant_series_keeps_the_keys_of_both_tests_with_nulls(tmp_path):
    """No test can be made: every key of both tests is there, null, and nonlinear is null with the reason."""
    from click.testing import CliRunner

    from tscomplex.cli import main

    path = tmp_path / "flat.txt"
    path.write_text("2.5\n" * 200)
    result = CliRunner().invoke(main, ["analyze", str(path), "--surrogates", "39", "--seed", "1", "-f", "json"])
    (record,) = __import__("json").loads(result.stdout)
    assert record["surrogate_scores_tested"] is True and record["nonlinear"] is None
    assert record["permutation_entropy_p"] is None and record["permutation_entropy_p_scores"] is None
    assert "constant" in record["surrogate_note"]
