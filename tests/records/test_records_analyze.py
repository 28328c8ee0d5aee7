"""tscomplex.records.analyze: the analyze records, built without click, and the sparse path of issue 14."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.io import Series
from tscomplex.records import ORDINAL, WEIGHTED, Records
from tscomplex.records.analyze import _record, analyze_records
from tscomplex.records.analyze_sparse import multi_turn_of_rank_codes, rank_vectors, sparse_measures

KEYS = ("permutation_entropy", "statistical_complexity", "fisher_information", "missing_patterns",
        "multi_turn_fraction")


def _series(values, name="x"):
    return Series("test", name, np.asarray(values, dtype=float), None)


def _dense_record(x, dim, tau, weighted=False, q=None):
    """The record from dense counts over all d! patterns, as analyze built it before issue 14."""
    from tscomplex.ordinal import ordinal_counts

    counts = ordinal_counts(x, dim, tau, weighted)
    plain = ordinal_counts(x, dim, tau, False) if weighted else None
    return _record("test", "x", x.size, None, dim, tau, weighted, counts, q, x, plain)


@pytest.mark.parametrize("dim", [8, 9, 10])
@pytest.mark.parametrize("weighted", [False, True])
def test_sparse_record_equals_dense(dim, weighted):
    rng = np.random.default_rng(dim)
    n = 2000 if dim < 10 else 10_000
    x = np.round(rng.standard_normal(n), 1)  # ties too
    # below d = 9 the dense vector is cheaper (benchmarks/bench_analyze_large_dim.py), so no sparse path
    assert (sparse_measures(x, dim, 1, weighted, None, None) is not None) == (dim >= 9)
    got = analyze_records(_series(x), dim=dim, taus=(1, 3), weighted=weighted, q=2.0)
    for rec, tau in zip(got, (1, 3)):
        want = _dense_record(x, dim, tau, weighted, q=2.0)
        # analyze_records adds the ties of the series (issue 13) after the measures: x is rounded, so it warns
        assert list(rec) == list(want) + ["tied_windows", "warning"]
        assert rec["tied_windows"] > 0.01 and "equal values" in rec["warning"]
        for key in want:
            if isinstance(want[key], float):
                assert rec[key] == pytest.approx(want[key], rel=1e-12, abs=1e-14), key
            else:
                assert rec[key] == want[key], key


def test_long_series_at_large_dim_reads_nonzero_counts():
    """d = 9 with more windows than d!/4: the dense histogram read back sparsely, same numbers."""
    x = np.random.default_rng(3).standard_normal(120_000)
    assert sparse_measures(x, 9, 1, False, None, None) is not None
    got = analyze_records(_series(x), dim=9)[0]
    want = _dense_record(x, 9, 1)
    for key in KEYS:
        assert got[key] == pytest.approx(want[key], rel=1e-12, abs=1e-14), key


@pytest.mark.parametrize("dim", [3, 4, 5, 6])
def test_rank_vectors_and_turns_match_the_pattern_table(dim):
    """Decoding every rank-vector code by hand gives the windows' ranks and the plane's multi-turn mask."""
    from itertools import permutations

    from tscomplex.ordinal import ordinal_codes, pattern_table
    from tscomplex.plane import multi_turn_mask

    table = pattern_table(dim)  # lexicographic index of each rank code
    codes = np.arange(math.factorial(dim))
    ranks = rank_vectors(codes, dim)
    assert sorted(map(tuple, ranks)) == sorted(permutations(range(dim)))
    # a window whose samples are its rank vector has the lexicographic code the table gives
    for code, r in zip(codes[:50], ranks[:50]):
        assert ordinal_codes(r.astype(float), dim, 1)[0] == table[code]
    mask = multi_turn_mask(dim)
    assert np.array_equal(multi_turn_of_rank_codes(codes, dim), mask[table])


def test_constant_series_warning_is_data():
    recs = analyze_records(_series(np.ones(50)), dim=3, taus=(1,))
    assert isinstance(recs, Records)
    assert recs[0]["permutation_entropy"] == 0.0 and recs[0]["warning"] == ORDINAL
    assert [str(w) for w in recs.warnings] == [f"test [x]: {ORDINAL}"]
    weighted = analyze_records(_series(np.ones(50)), dim=3, weighted=True)
    assert weighted[0]["permutation_entropy"] is None and weighted.warnings[0].message == WEIGHTED


def test_short_series_one_error_record_and_no_warning():
    recs = analyze_records(_series(np.arange(5.0)), dim=3, taus=(1, 2, 3, 4))
    assert [r["tau"] for r in recs] == [1, 2, 3]
    assert "needs at least (dim-1)*tau+1 = 7" in recs[-1]["error"] and not recs.warnings


def test_records_pickle_with_warnings():
    import pickle

    recs = analyze_records(_series(np.ones(20)), dim=3)
    back = pickle.loads(pickle.dumps(recs))
    assert back == recs and back.warnings == recs.warnings


@pytest.mark.parametrize("dim,weighted", [(9, False), (10, False), (10, True)])
def test_chunked_records_at_large_dim_equal_the_dense_ones(tmp_path, dim, weighted):
    """The chunked path reads its d! accumulators sparsely from d = 9 on; same numbers as dense counts."""
    from tscomplex.io import ChunkedTable
    from tscomplex.records.analyze import analyze_chunked_records

    x = np.round(np.random.default_rng(dim).standard_normal(6000), 2)
    path = tmp_path / "x.npy"
    np.save(path, x)
    got = analyze_chunked_records(ChunkedTable(str(path), chunk_samples=1000), dim=dim, taus=(1, 2),
                                  weighted=weighted, q=0.5)
    for rec, tau in zip(got, (1, 2)):
        want = _dense_record(x, dim, tau, weighted, q=0.5)
        # the chunked path adds the ties (issue 13) as the in-memory one does, to the same fraction
        assert [k for k in rec if k not in ("tied_windows", "warning")] == list(want)
        assert rec["tied_windows"] == analyze_records(_series(x), dim=dim, taus=(tau,))[0]["tied_windows"]
        for key in want:
            if key in ("source", "series"):
                continue
            if isinstance(want[key], float):
                assert rec[key] == pytest.approx(want[key], rel=1e-12, abs=1e-14), key
            else:
                assert rec[key] == want[key], key
