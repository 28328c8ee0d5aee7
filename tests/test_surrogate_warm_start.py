"""The IAAFT value step's warm start sorts exactly like a stable argsort; surrogates and records are unchanged."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from lyapunov_series import ar1  # tests/lyapunov_series.py

from tscomplex.surrogates._kernels import (
    BUCKETS_PER_SAMPLE,
    WARM_CHANGED,
    rank_order_warm,
    rank_step,
    rank_table,
    rank_tables,
)


def _warm(y, previous_order, sorted_x):
    """(order, keys, whether the warm start finished) of rank_order_warm started from ``previous_order``."""
    n = y.size
    order = np.array(previous_order, dtype=np.int32)
    keys = np.empty(n)
    done = rank_order_warm(y, *rank_table(sorted_x), order, keys, np.empty(n, dtype=np.int32),
                           np.empty((BUCKETS_PER_SAMPLE + 1) * n + 1, dtype=np.int32))
    return order, keys, done


def _assert_stable_argsort(y, order, keys):
    np.testing.assert_array_equal(order, np.argsort(y, kind="stable"))
    np.testing.assert_array_equal(keys, np.sort(y))


X = ar1(3000) + 0.3 * ar1(3000, seed=1) ** 2


@pytest.mark.parametrize("case", ["exact", "near", "near-ties", "reversed", "random", "all-equal", "runs",
                                  "overshoot"])
def test_the_warm_start_sorts_exactly_like_a_stable_argsort(case):
    """Started from the right order, a nearly right one (with equal values out of index order), a
    reversed or random one (the counting sort takes over), on all-equal values and runs of equal values."""
    rng = np.random.default_rng(3)
    n = X.size
    sorted_x = np.sort(X)
    y = {"exact": X, "near": X, "near-ties": np.round(X, 1), "reversed": X, "random": X,
         "all-equal": np.full(n, 2.5), "runs": np.repeat(rng.standard_normal(n // 50), 50),
         "overshoot": 4 * X}[case].copy()
    true = np.argsort(y, kind="stable")
    previous = {"exact": true, "near": true.copy(), "near-ties": true[::-1].copy(), "reversed": true[::-1],
                "random": rng.permutation(n), "all-equal": rng.permutation(n), "runs": rng.permutation(n),
                "overshoot": true}[case]
    if case == "near":  # a few neighbours swapped: what a converging iterate looks like
        for i in rng.choice(n - 1, 200, replace=False):
            previous[i], previous[i + 1] = previous[i + 1], previous[i]
    if case == "near-ties":  # right by value, but every run of equal values in reversed index order
        previous = np.lexsort((-np.arange(n), y))
    order, keys, done = _warm(y, previous, sorted_x)
    _assert_stable_argsort(y, order, keys)
    if case in ("exact", "near", "near-ties", "overshoot"):
        assert done  # the insertion pass itself finished (ties put in index order by the warm start)
    if case in ("reversed", "random"):
        assert not done  # too far off: the counting sort finished


@pytest.mark.parametrize("n", range(1, 9))
def test_the_warm_start_on_every_small_order(n):
    """n = 1..8: every starting order (up to 5! of them), values with and without ties."""
    rng = np.random.default_rng(n)
    starts = list(itertools.permutations(range(n)))
    if len(starts) > 120:
        starts = [rng.permutation(n) for _ in range(120)]
    for values in (rng.standard_normal(n), rng.integers(0, 3, n).astype(float), np.zeros(n)):
        for previous in starts:
            order, keys, _ = _warm(values, previous, np.sort(rng.standard_normal(n)))
            _assert_stable_argsort(values, order, keys)


def test_rank_step_gives_the_same_values_warm_and_cold():
    """The same iterate, with and without the previous order: the same values, orders and change counts."""
    rng = np.random.default_rng(4)
    sorted_x = np.sort(X)
    y = np.stack([X + 1e-3 * rng.standard_normal(X.size) for _ in range(3)] + [rng.standard_normal(X.size)])
    previous = np.stack([np.argsort(X, kind="stable")] * 4).astype(np.int32)
    start = np.stack([rng.permutation(X) for _ in range(4)])
    results = []
    for hint in (0, X.size):  # 0: every row starts warm; n: every row cold
        out, orders, changed = start.copy(), previous.copy(), np.empty(4, dtype=np.int64)
        rank_step(y, *rank_tables(sorted_x, 4), sorted_x, out, changed, orders, np.full(4, hint, dtype=np.int64))
        results.append((out, orders, changed))
    for a, b in zip(*results):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(results[0][1], np.argsort(y, axis=1, kind="stable"))


def _plain_iaaft(x, seed, count, iterations):
    """IAAFT with scipy's FFT (as the package) and numpy's stable argsort, from the package's random phases;
    also the fraction of values each value step changed."""
    from scipy import fft

    n = x.size
    sorted_x, spectrum = np.sort(x), fft.rfft(x)
    amplitude = np.abs(spectrum)
    rows, fractions = [], []
    for i in range(count):
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(i,))))
        phi = rng.uniform(0.0, 2.0 * np.pi, n // 2 + 1)
        phi[0] = phi[-1] = 0.0  # DC, and Nyquist (n is even)
        s = np.empty(n)
        s[np.argsort(fft.irfft(spectrum[None, :] * np.exp(1j * phi)[None, :], n=n, axis=1)[0], kind="stable")] = \
            sorted_x
        for _ in range(iterations):
            z = fft.rfft(s[None, :], axis=1)[0]
            m = np.sqrt(z.real * z.real + z.imag * z.imag)
            y = fft.irfft((z * (amplitude / m))[None, :], n=n, axis=1)[0]
            new = np.empty(n)
            new[np.argsort(y, kind="stable")] = sorted_x
            fractions.append(np.count_nonzero(new != s) / n)
            s = new
        rows.append(s)
    return np.stack(rows), np.array(fractions)


@pytest.mark.parametrize("data", ["gaussian", "skewed", "ties"])
def test_iaaft_is_bit_identical_to_a_plain_iaaft_with_a_stable_argsort(data):
    """Long enough for the warm start to take over (a step that changed at most WARM_CHANGED of the values),
    the surrogates equal, bit for bit, IAAFT written with numpy's stable argsort."""
    x = {"gaussian": ar1(4096, seed=5), "skewed": ar1(4096, seed=5) + 0.3 * ar1(4096, seed=5) ** 2,
         "ties": np.round(ar1(4096, seed=5), 1)}[data]
    from tscomplex.surrogates.generators import surrogate_rngs
    from tscomplex.surrogates.iaaft import iaaft

    iterations = 40
    # only the cap or an unchanged ranking stops a surrogate (after which more iterations change nothing)
    s, *_ = iaaft(x, surrogate_rngs(11, 3), iterations, rank_tolerance=0.0, mismatch_rtol=-np.inf)
    ref, fractions = _plain_iaaft(x, 11, 3, iterations)
    if data != "skewed":
        assert fractions.min() <= WARM_CHANGED  # the warm start was taken
    np.testing.assert_array_equal(s, ref)


@pytest.mark.parametrize("options", [{}, {"dim": 3, "taus": (1, 2, 7)}, {"weighted": True}, {"q": 2.0},
                                     {"tie_precision": 0.5}, {"dim": 9}, {"dim": 4, "taus": (1, 2000)},
                                     {"taus": 3}, {"ties": "noise", "seed": 4}, {"taus": ("ideal",)}])
def test_the_surrogates_records_hold_analyzes_measures(options):
    """analyze's surrogates skip the regime: their tested measures equal those of analyze's whole records."""
    from tscomplex.cli.analyze import analyze_null_records
    from tscomplex.io import Series
    from tscomplex.records.analyze import analyze_records
    from tscomplex.surrogates.records import TESTED_MEASURES

    defaults = {"dim": 5, "taus": (1,), "weighted": False, "tie_precision": None, "q": None, "ties": "order",
                "seed": None}
    options = {**defaults, **options}
    for values in (X, np.round(X, 1), np.full(500, 1.5)):
        series = Series(source="s", name="x", values=values, dt=None)
        full = [r for r in analyze_records(series, *options.values()) if "error" not in r]
        null = [r for r in analyze_null_records(series, **options) if "error" not in r]  # as WithSurrogates reads them
        assert [r["tau"] for r in null] == [r["tau"] for r in full]
        for a, b in zip(null, full):
            tested = [m for m in TESTED_MEASURES if m in b]
            assert tested and {m: a[m] for m in tested} == {m: b[m] for m in tested}


@pytest.mark.parametrize("options", [{}, {"t_nat": 40.0}, {"t_nat": 40.0, "dim": 4, "taus": range(1, 6)},
                                     {"t_nat": 40.0, "summary_only": True}, {"t_nat": 1e5},
                                     {"t_nat": 400.0, "taus": range(1, 200), "clip_taus": True},
                                     {"t_nat": 40.0, "dim": 3}, {"t_nat": 40.0, "min_windows": 2900},
                                     {"t_nat": 40.0, "taus": range(1, 4)}])
def test_the_surrogates_sweep_holds_sweeps_measures(options):
    """sweep's surrogates skip the regimes and the timescale: their tested measures, per tau and at the ideal tau,
    equal those of sweep's whole records given the same t_nat (the data's, as WithSurrogates fixes it)."""
    from tscomplex.cli.sweep import sweep_null_records
    from tscomplex.io import Series
    from tscomplex.records.sweep import sweep_records
    from tscomplex.surrogates.records import TESTED_MEASURES

    defaults = {"taus": range(1, 21), "dim": 5, "t_nat": None, "t_nat_method": "auto", "min_windows": None,
                "summary_only": False, "clip_taus": False}
    options = {**defaults, **options}
    for values in (X, np.round(X, 1), np.full(500, 1.5)):
        series = Series(source="s", name="x", values=values, dt=None)
        try:
            full = [r for r in sweep_records(series, **options) if "error" not in r]
        except ValueError as exc:
            with pytest.raises(ValueError, match=re.escape(str(exc))):
                sweep_null_records(series, **options)
            continue
        null = [r for r in sweep_null_records(series, **options) if "error" not in r]
        assert [(r.get("tau"), r["kind"]) for r in null] == [(r.get("tau"), r["kind"]) for r in full]
        for a, b in zip(null, full):
            tested = [m for m in TESTED_MEASURES if m in b]
            assert tested and {m: a[m] for m in tested} == {m: b[m] for m in tested}
        if options["t_nat"] == 40.0 and values is X:
            assert null[-1]["permutation_entropy"] is not None      # the ideal tau's measures, not a null


@pytest.mark.parametrize("values", ["normal", "skewed", "constant"])
def test_a_rows_own_rank_table_is_the_data_table_of_its_sorted_values(values):
    """rank_step replaces a row's rank table with that of its iterate: the same table rank_table builds (with
    numpy's searchsorted) from those values."""
    from tscomplex.surrogates._kernels import _table_from_sorted

    rng = np.random.default_rng(5)
    z = rng.standard_normal(4000)
    keys = np.sort({"normal": z, "skewed": np.exp(z), "constant": np.ones(4000)}[values])
    cells = 4000 // 16
    scale = cells / (keys[-1] - keys[0]) if keys[-1] > keys[0] else 0.0
    grid = keys[0] + np.arange(cells + 1) / scale if scale else np.full(cells + 1, keys[0])
    expected = np.searchsorted(keys, grid, side="left").astype(float)  # values below each grid point, with numpy
    expected[-1] = keys.size
    own = np.empty(cells + 1)
    assert _table_from_sorted(keys, own) == (keys[0], scale)
    np.testing.assert_array_equal(own, expected * BUCKETS_PER_SAMPLE)
    assert rank_table(keys)[2].tolist() == own.tolist()


def test_a_rank_step_that_leaves_the_next_one_cold_leaves_it_the_table_of_its_iterate():
    rng = np.random.default_rng(6)
    sorted_x = np.sort(X)
    y = np.stack([np.exp(rng.standard_normal(X.size)) for _ in range(2)])
    los, scales, tables = rank_tables(sorted_x, 2)
    rank_step(y, los, scales, tables, sorted_x, np.zeros_like(y), np.empty(2, dtype=np.int64),
              np.empty(y.shape, dtype=np.int32), np.full(2, X.size, dtype=np.int64))
    for r in range(2):
        lo, scale, table = rank_table(np.sort(y[r]))
        assert (los[r], scales[r]) == (lo, scale)
        np.testing.assert_array_equal(tables[r], table)


def test_the_transforms_into_reused_arrays_equal_scipys():
    """numpy's FFT into reused arrays (numpy >= 2) and scipy's allocating FFT (older numpy) give the same bits,
    so the surrogates do not depend on the numpy version's path; a smaller block reuses the arrays' first rows."""
    from tscomplex.surrogates.iaaft import _transforms

    if np.lib.NumpyVersion(np.__version__) < "2.0.0":
        pytest.skip("numpy < 2 has no out= in numpy.fft")
    x = np.random.default_rng(3).standard_normal((5, 1000))
    ours, theirs = _transforms(5, 1000, reuse=True), _transforms(5, 1000, reuse=False)
    for rows in (5, 2):
        f_ours, f_theirs = ours[0](x[:rows]), theirs[0](x[:rows])
        np.testing.assert_array_equal(f_ours, f_theirs)
        np.testing.assert_array_equal(ours[1](f_theirs), theirs[1](f_theirs))
