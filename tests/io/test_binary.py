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
