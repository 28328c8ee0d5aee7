"""Surrogate generators keep what they promise, are seeded, refuse bad input; the rank test has the right size."""

from __future__ import annotations

import math

import numpy as np
import pytest
from lyapunov_series import ar1  # tests/lyapunov_series.py

from tscomplex.surrogates import METHODS, rank_p_value, surrogate_test, surrogates


def periodogram(x):
    return np.abs(np.fft.rfft(x)) ** 2


X = ar1(500) + 0.3 * ar1(500) ** 2  # skewed, correlated: a non-Gaussian series


def test_shuffle_keeps_the_multiset_exactly():
    s = surrogates(X, 5, "shuffle", seed=3)
    assert s.shape == (5, X.size)
    for row in s:
        assert np.array_equal(np.sort(row), np.sort(X))
    assert not np.array_equal(s[0], X)


@pytest.mark.parametrize("n", [500, 501])
def test_ft_keeps_the_periodogram(n):
    x = X[:n]
    s = surrogates(x, 4, "ft", seed=1)
    ref = periodogram(x)
    for row in s:
        np.testing.assert_allclose(periodogram(row), ref, rtol=0, atol=1e-10 * ref.max())
        assert not np.allclose(row, x)


@pytest.mark.parametrize("method", ["aaft", "iaaft"])
def test_aaft_and_iaaft_keep_the_sorted_values_exactly(method):
    s = surrogates(X, 4, method, seed=2)
    for row in s:
        assert np.array_equal(np.sort(row), np.sort(X))


def test_iaaft_spectrum_is_within_the_mismatch_it_reports():
    s, info = surrogates(X, 6, "iaaft", seed=4, return_info=True)
    amplitude = np.abs(np.fft.rfft(X))
    assert len(info.spectral_mismatch) == 6 and len(info.iterations) == 6
    for row, reported in zip(s, info.spectral_mismatch):
        mismatch = np.linalg.norm(np.abs(np.fft.rfft(row)) - amplitude) / np.linalg.norm(amplitude)
        assert mismatch <= reported * (1 + 1e-9) + 1e-15
        assert reported < 0.15  # a plain IAAFT reaches 0.04-0.11 here: a good match, not a reported bad one
    # a shuffle is far off that spectrum: IAAFT did something
    shuffled = surrogates(X, 1, "shuffle", seed=4)[0]
    far = np.linalg.norm(np.abs(np.fft.rfft(shuffled)) - amplitude) / np.linalg.norm(amplitude)
    assert far > 3 * max(info.spectral_mismatch)


def test_iaaft_stops_when_the_ranking_stops_changing_or_at_the_cap():
    _, info = surrogates(X, 3, "iaaft", seed=5, return_info=True, max_iterations=2000)
    assert all(info.converged) and max(info.iterations) < info.max_iterations
    _, capped = surrogates(X, 3, "iaaft", seed=5, return_info=True, max_iterations=2)
    assert capped.iterations == (2, 2, 2) and not any(capped.converged)


def test_iaaft_spectrum_variant_keeps_the_periodogram_and_nearly_the_values():
    s, info = surrogates(X, 3, "iaaft-spectrum", seed=6, return_info=True)
    ref = periodogram(X)
    spread = np.linalg.norm(X - X.mean())
    for row, reported in zip(s, info.amplitude_mismatch):
        np.testing.assert_allclose(periodogram(row), ref, rtol=0, atol=1e-10 * ref.max())
        assert np.linalg.norm(np.sort(row) - np.sort(X)) / spread <= reported * (1 + 1e-9) + 1e-15 < 0.2


def test_multivariate_keeps_every_cross_spectrum():
    rng = np.random.default_rng(7)
    a = ar1(400, seed=1)
    b = np.roll(a, 3) + 0.5 * rng.standard_normal(400)
    c = rng.standard_normal(400)
    x = np.column_stack([a, b, c])
    s = surrogates(x, 3, "multivariate", seed=8)
    assert s.shape == (3, 400, 3)
    fx = np.fft.rfft(x, axis=0)
    for row in s:
        fs = np.fft.rfft(row, axis=0)
        for i in range(3):
            for j in range(3):
                cross_x = fx[:, i] * np.conj(fx[:, j])
                cross_s = fs[:, i] * np.conj(fs[:, j])
                np.testing.assert_allclose(cross_s, cross_x, rtol=0, atol=1e-9 * np.abs(cross_x).max())
        assert not np.allclose(row[:, 0], a)


def test_block_shuffle_keeps_whole_blocks_and_the_values():
    x = np.arange(100.0)
    s, info = surrogates(x, 4, "block-shuffle", seed=9, return_info=True)
    assert info.block_length == 10
    for row in s:
        assert np.array_equal(np.sort(row), x)
        blocks = row.reshape(10, 10)
        assert np.all(np.diff(blocks, axis=1) == 1)  # inside a block, the order is kept
        assert np.all(blocks[:, 0] % 10 == 0)
    assert not all(np.array_equal(row, x) for row in s)
    odd = surrogates(np.arange(23.0), 2, "block-shuffle", seed=1, block_length=5)
    for row in odd:
        assert np.array_equal(np.sort(row), np.arange(23.0))


def test_cyclic_shift_is_a_rotation():
    x = X[:50]
    s = surrogates(x, 5, "cyclic-shift", seed=10)
    for row in s:
        shifts = [k for k in range(1, 50) if np.array_equal(np.roll(x, k), row)]
        assert len(shifts) == 1


@pytest.mark.parametrize("method", [m for m in METHODS if m != "multivariate"])
def test_same_seed_same_surrogates_different_seed_different(method):
    a = surrogates(X, 3, method, seed=11)
    b = surrogates(X, 3, method, seed=11)
    c = surrogates(X, 3, method, seed=12)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("method", ["shuffle", "ft", "aaft", "iaaft", "block-shuffle"])
def test_a_surrogate_does_not_depend_on_its_batch(method):
    whole = surrogates(X, 6, method, seed=13)
    tail = surrogates(X, 2, method, seed=13, start=4)
    np.testing.assert_array_equal(whole[4:], tail)


def test_without_a_seed_one_is_drawn_and_reported():
    s, info = surrogates(X, 2, "ft", return_info=True)
    assert isinstance(info.seed, int)
    np.testing.assert_array_equal(surrogates(X, 2, "ft", seed=info.seed), s)


@pytest.mark.parametrize("call, match", [
    (lambda: surrogates(X, 0), "surrogates must be an integer >= 1"),
    (lambda: surrogates(X, 3, "wavelet"), "unknown surrogate method 'wavelet'"),
    (lambda: surrogates(X[:5], 3), "too short"),
    (lambda: surrogates(np.full(100, 2.5), 3), "constant series"),
    (lambda: surrogates(X, 3, "multivariate"), "at least two columns"),
    (lambda: surrogates(np.column_stack([X, X]), 3, "iaaft"), "takes one series"),
    (lambda: surrogates(np.r_[X, np.nan], 3), "NaN"),
    (lambda: surrogates(X, 3, "block-shuffle", block_length=400), "block_length"),
    (lambda: surrogates(X, 3, seed=-1), "seed"),
    (lambda: surrogate_test(X, "entropy", 3), "measure"),
])
def test_bad_input_is_one_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_rank_p_value_matches_a_plain_count():
    null = np.arange(1.0, 40.0)  # 39 values
    assert rank_p_value(100.0, null) == pytest.approx(2 / 40)
    assert rank_p_value(-100.0, null) == pytest.approx(2 / 40)
    assert rank_p_value(20.0, null) == 1.0  # in the middle: p capped at 1
    assert rank_p_value(39.0, null) == pytest.approx(2 * 2 / 40)  # one tie, counted against rejecting
    assert math.isnan(rank_p_value(math.nan, null))
    rng = np.random.default_rng(0)
    for _ in range(20):
        null = rng.standard_normal(19)
        v = rng.standard_normal()
        k_ge, k_le = sum(1 for u in null if u >= v), sum(1 for u in null if u <= v)
        assert rank_p_value(v, null) == pytest.approx(min(1, 2 * (1 + min(k_ge, k_le)) / 20))


def test_surrogate_test_summarizes_its_null():
    t = surrogate_test(X, np.mean, 19, "shuffle", seed=1)
    assert t.value == pytest.approx(X.mean())
    assert len(t.null) == 19 and t.count == 19 and t.method == "shuffle" and t.seed == 1
    np.testing.assert_allclose(t.null, X.mean(), rtol=1e-12)  # a shuffle has the same mean
    assert t.p == 1.0 and not t.rejects() and math.isnan(t.z)  # rounding differences are ties
    t = surrogate_test(X, lambda s: float(np.mean(s[:-1] * s[1:])), 19, "shuffle", seed=1)
    assert t.mean == pytest.approx(np.mean(t.null))
    assert t.std == pytest.approx(np.std(t.null, ddof=1))
    assert t.z == pytest.approx((t.value - t.mean) / t.std)
    assert t.p == pytest.approx(2 / 20) and t.rejects(0.1) and not t.rejects(0.05)
    with pytest.raises(Exception):
        t.p = 0.5  # frozen


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def finite_series(draw):
    n = draw(st.integers(8, 120))
    values = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, width=64),
                           min_size=n, max_size=n))
    x = np.array(values)
    if np.all(x == x[0]):
        x[-1] = x[0] + 1.0  # not constant: a constant series is refused, and tested above
    return x


@settings(max_examples=40)
@given(finite_series(), st.sampled_from(["shuffle", "aaft", "iaaft", "block-shuffle", "cyclic-shift"]),
       st.integers(0, 2**32 - 1))
def test_value_keeping_methods_keep_the_values_of_any_series(x, method, seed):
    for row in surrogates(x, 2, method, seed=seed):
        assert np.array_equal(np.sort(row), np.sort(x))


@settings(max_examples=40)
@given(finite_series(), st.integers(0, 2**32 - 1))
def test_ft_keeps_the_periodogram_of_any_series(x, seed):
    ref = periodogram(x)
    for row in surrogates(x, 2, "ft", seed=seed):
        np.testing.assert_allclose(periodogram(row), ref, rtol=0, atol=1e-9 * max(ref.max(), 1e-300))


def test_iaaft_result_does_not_depend_on_the_threads():
    one = surrogates(X, 19, "iaaft", seed=14, threads=1)
    two = surrogates(X, 19, "iaaft", seed=14, threads=2)
    three = surrogates(X, 19, "iaaft", seed=14, threads=3)
    np.testing.assert_array_equal(one, two)
    np.testing.assert_array_equal(one, three)


def test_iaaft_reports_its_stopping_rule_and_why_each_surrogate_stopped():
    from tscomplex.surrogates.generators import surrogate_rngs
    from tscomplex.surrogates.iaaft import iaaft

    _, info = surrogates(X, 4, "iaaft", seed=15, return_info=True)
    assert "rank" in info.criterion and "mismatch" in info.criterion
    assert set(info.stop_reasons) <= {"rank", "mismatch"} and all(info.converged)
    # with both tolerances at 0 only an unchanged ranking (or the cap) stops a surrogate: the
    # last value step then changed nothing, so one more IAAFT step gives back the same series
    s, its, conv, spectral, _, reasons = iaaft(X, surrogate_rngs(15, 3), 2000, rank_tolerance=0.0,
                                               mismatch_rtol=-np.inf)
    amplitude = np.abs(np.fft.rfft(X))
    for row in s:
        spectrum = np.fft.rfft(row)
        y = np.fft.irfft(spectrum / np.abs(spectrum) * amplitude, n=X.size)
        again = np.empty_like(row)
        again[np.argsort(y)] = np.sort(X)
        np.testing.assert_array_equal(again, row)
    assert reasons == ("rank",) * 3 and all(conv)
    # the mismatch rule stops as soon as an iteration gains less than the tolerance
    _, its_loose, *_ = iaaft(X, surrogate_rngs(15, 3), 2000, rank_tolerance=0.0, mismatch_rtol=0.5)
    assert max(its_loose) < min(its)


def _rank_order(y, sorted_x):
    from tscomplex.surrogates._kernels import BUCKETS_PER_SAMPLE, rank_order, rank_table

    n = y.size
    order, keys = np.empty(n, dtype=np.int32), np.empty(n)
    rank_order(y, *rank_table(sorted_x), order, keys, np.empty(n, dtype=np.int32),
               np.empty((BUCKETS_PER_SAMPLE + 1) * n + 1, dtype=np.int32))
    return order, keys


@pytest.mark.parametrize("case", ["near", "overshoot", "ties", "outlier", "cauchy", "tiny"])
def test_the_rank_step_sorts_exactly_like_a_stable_argsort(case):
    """The bucket sort of the IAAFT value step against numpy's stable argsort, on iterates near the data,
    far outside its range, with ties, with one huge outlier (the fallback merge sort) and on 8 samples."""
    rng = np.random.default_rng(16)
    x = {"near": X, "overshoot": X, "ties": np.repeat(np.arange(7.0), 300), "outlier": np.r_[X, 1e9],
         "cauchy": rng.standard_cauchy(3000), "tiny": X[:8]}[case]
    sorted_x = np.sort(x)
    y = {"near": rng.permutation(x) + 1e-3 * rng.standard_normal(x.size),
         "overshoot": 3 * rng.standard_normal(x.size) * x.std() + x.mean(),
         "ties": rng.permutation(x), "outlier": rng.permutation(x) + rng.standard_normal(x.size),
         "cauchy": rng.standard_cauchy(x.size), "tiny": rng.standard_normal(8)}[case]
    order, keys = _rank_order(y, sorted_x)
    np.testing.assert_array_equal(order, np.argsort(y, kind="stable"))
    np.testing.assert_array_equal(keys, np.sort(y))


def test_iaaft_follows_a_plain_numpy_iaaft():
    """Three iterations of IAAFT written with numpy's FFT and argsort, from the same random phases."""
    from scipy import fft

    n, k = X.size, 3
    sorted_x, amplitude = np.sort(X), np.abs(np.fft.rfft(X))
    s, info = surrogates(X, 4, "iaaft", seed=17, max_iterations=k, return_info=True)
    for i, row in enumerate(s):
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(17, spawn_key=(i,))))
        phi = rng.uniform(0.0, 2.0 * np.pi, n // 2 + 1)
        phi[0] = phi[-1] = 0.0  # DC, and Nyquist (n is even)
        ref = np.empty(n)
        ref[np.argsort(np.fft.irfft(np.fft.rfft(X) * np.exp(1j * phi), n=n))] = sorted_x
        for _ in range(k):
            spectrum = np.fft.rfft(ref)
            ref[np.argsort(np.fft.irfft(amplitude * spectrum / np.abs(spectrum), n=n))] = sorted_x
        # rounding (pocketfft in two builds) may swap two nearly equal ranks; nothing more
        assert np.mean(ref == row) > 0.99
        mismatch = np.linalg.norm(np.abs(fft.rfft(ref)) - amplitude) / np.linalg.norm(amplitude)
        assert info.spectral_mismatch[i] == pytest.approx(mismatch, rel=1e-3)
