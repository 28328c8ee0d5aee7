"""NPY, NPZ and Parquet read whole; objects are never unpickled."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.io.errors import InputError
from tscomplex.io.readers import read_series

X = np.array([0.5, -1.25, 3.0, 2.0, 1e-3, 7.5, -2.0, 4.25])
Y = np.arange(8) * 1.5


def _values(series_list):
    return {s.name: s.values for s in series_list}


def test_parquet_npy_npz(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"time": Y, "x": X, "label": ["a"] * 8, "k": np.arange(8, dtype=np.int32)}),
                   tmp_path / "a.parquet")
    got = read_series(str(tmp_path / "a.parquet"))
    assert [s.name for s in got] == ["x", "k"] and got[0].dt == 1.5
    assert np.array_equal(got[0].values, X) and got[1].values.dtype == np.float64
    np.save(tmp_path / "a.npy", X.astype(np.float32))
    (s,) = read_series(str(tmp_path / "a.npy"))
    assert s.name == "value" and np.array_equal(s.values, X.astype(np.float32).astype(np.float64))
    np.save(tmp_path / "m.npy", np.column_stack([X, Y]))
    assert [s.name for s in read_series(str(tmp_path / "m.npy"))] == ["0", "1"]
    np.savez(tmp_path / "a.npz", flux=X, grid=np.column_stack([X, Y]))
    got = _values(read_series(str(tmp_path / "a.npz")))
    assert list(got) == ["flux", "grid[0]", "grid[1]"] and np.array_equal(got["grid[1]"], Y)
    np.save(tmp_path / "obj.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(InputError, match="never unpickled"):
        read_series(str(tmp_path / "obj.npy"))


# --- no copies the kernel does not need (issue 14)

def test_float64_npy_is_mapped_not_copied(tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, X)
    (series,) = read_series(str(path))
    assert series.values.dtype == np.float64 and np.array_equal(series.values, X)
    assert not series.values.flags.owndata  # a view of the file's map, not a copy
    series.values[0] = 99.0  # copy-on-write: the caller may write, the file never changes
    assert np.array_equal(np.load(path), X)


@pytest.mark.parametrize("nan", ["error", "drop"])
def test_float32_npy_stays_float32(tmp_path, nan):
    x32 = X.astype(np.float32)
    np.save(tmp_path / "x.npy", x32)
    (series,) = read_series(str(tmp_path / "x.npy"), nan=nan)
    assert series.values.dtype == np.float32 and np.array_equal(series.values, x32)


def test_float32_npy_interpolated_in_float64(tmp_path):
    x32 = np.array([1.0, np.nan, 2.5, 4.0], dtype=np.float32)
    np.save(tmp_path / "x.npy", x32)
    (series,) = read_series(str(tmp_path / "x.npy"), nan="interpolate")
    assert series.values.dtype == np.float64
    assert np.array_equal(series.values, [1.0, 1.75, 2.5, 4.0])


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int16, ">f8"])
def test_npy_columns_of_every_layout_and_type(tmp_path, order, dtype):
    table = np.asarray(np.column_stack([X, Y]), dtype=dtype, order=order)
    np.save(tmp_path / "t.npy", table)
    got = _values(read_series(str(tmp_path / "t.npy")))
    want = np.float32 if np.dtype(dtype) == np.float32 else np.float64
    for j, name in enumerate(["0", "1"]):
        assert got[name].dtype == want and got[name].flags.c_contiguous
        assert np.array_equal(got[name], table[:, j].astype(np.float64))


def test_empty_npy_is_still_refused(tmp_path):
    np.save(tmp_path / "e.npy", np.empty(0))
    with pytest.raises(InputError, match="no values"):
        read_series(str(tmp_path / "e.npy"))


@pytest.mark.parametrize("dim,weighted", [(4, False), (5, True), (9, False)])
def test_float32_npy_gives_the_records_of_its_float64_values(tmp_path, dim, weighted):
    from tscomplex.records.analyze import analyze_records

    x32 = np.cumsum(np.random.default_rng(dim).standard_normal(3000)).astype(np.float32)
    np.save(tmp_path / "a.npy", x32)
    np.save(tmp_path / "a64.npy", x32.astype(np.float64))
    (s32,), (s64,) = read_series(str(tmp_path / "a.npy")), read_series(str(tmp_path / "a64.npy"))
    assert s32.values.dtype == np.float32
    got = analyze_records(s32, dim, (1, 3), weighted)
    want = analyze_records(s64, dim, (1, 3), weighted)
    for a, b in zip(got, want):
        assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}
