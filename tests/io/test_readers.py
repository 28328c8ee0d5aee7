"""read_series and read_groups: unreadable inputs, column choice, time columns, long tables; expand_inputs."""

from __future__ import annotations

import os

import numpy as np
import pytest

from tscomplex.io.errors import InputError, SeriesFailure
from tscomplex.io.readers import expand_inputs, read_groups, read_series


def test_unreadable_inputs_have_one_line_reasons(tmp_path):
    cases = {"empty.csv": b"", "bin.csv": b"\x00\x01\x02", "words.csv": b"a,b\nx,y\n",
             "ragged.csv": b"a,b\n1,2\n3\n", "bad.parquet": b"PAR1 nope", "bad.npy": b"\x93NUMPY garbage"}
    reasons = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as err:
            read_series(str(tmp_path / name))
        reasons[name] = str(err.value)
        assert "\n" not in reasons[name]
    assert reasons["empty.csv"] == "file is empty"
    assert "binary content" in reasons["bin.csv"]
    assert reasons["words.csv"] == "no numeric column found"
    assert "row 3 has 1 fields, expected 2" in reasons["ragged.csv"]  # line 3 of the file
    assert "not a valid Parquet file" in reasons["bad.parquet"]
    assert "not a valid NPY/NPZ file" in reasons["bad.npy"]


def test_column_choice(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("x,y,name\n1,2,a\n3,4,b\n5,6,c\n")
    assert [s.name for s in read_series(str(path), columns=["y"])] == ["y"]
    with pytest.raises(InputError, match="column 'z' not found; columns are: x, y, name"):
        read_series(str(path), columns=["z"])
    with pytest.raises(InputError, match="column 'name' is not numeric"):
        read_series(str(path), columns=["name"])


def test_time_column_gives_dt_and_is_not_a_series(tmp_path):
    path = tmp_path / "a.csv"
    t = 10.0 + np.arange(50) * 0.01
    path.write_text("t,x\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(t.tolist(), np.sin(t).tolist())))
    (s,) = read_series(str(path))
    assert s.name == "x" and s.dt == pytest.approx(0.01, rel=1e-12)
    # the mean step (t[-1] - t[0]) / 49 = 0.01000000000000018, rounded to 12 significant digits
    assert s.dt == 0.01 and s.dt == float(f"{(t[-1] - t[0]) / 49:.11e}")
    (s,) = read_series(str(path), dt=0.5)
    assert s.dt == 0.5
    with pytest.raises(InputError, match="time column 'x' is not strictly increasing"):
        read_series(str(path), time_column="x")
    assert [r.name for r in read_series(str(path), columns=["t", "x"])] == ["t", "x"]  # -c: no automatic time


def test_read_groups_numeric_and_failures(tmp_path):
    path = tmp_path / "long.csv"
    rows = ["id,time,a,b"]
    for g in (3, 1):
        rows += [f"{g},{k * 0.5},{k * g},{(-1) ** k}" for k in range(10)]
    rows += [f"2,{k},{k},{'nan' if k == 4 else 1}" for k in range(10)]
    path.write_text("\n".join(rows) + "\n")
    items = read_groups(str(path), "id")
    kinds = [(type(i).__name__, i.meta["group"], i.name) for i in items]
    assert kinds == [("Series", 1, "a"), ("Series", 1, "b"), ("Series", 2, "a"),
                     ("SeriesFailure", 2, "b"), ("Series", 3, "a"), ("Series", 3, "b")]
    assert items[0].dt == 0.5 and items[2].dt == 1.0
    assert np.array_equal(items[4].values, np.arange(10) * 3.0)
    assert isinstance(items[3], SeriesFailure) and "column 'b' has 1 NaN" in items[3].reason
    assert "(first at data row 5)" in items[3].reason and "within the group" in items[3].reason
    only_a = read_groups(str(path), "id", columns=["a"], nan="drop")
    assert [s.name for s in only_a] == ["a"] * 3


def test_read_groups_blank_key_is_an_error(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("id,x\na,1\n,2\nb,3\n")
    with pytest.raises(InputError, match="group column 'id' has 1 blank values \\(first at data row 2\\)"):
        read_groups(str(path), "id")


def test_read_groups_parquet_string_keys(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "long.parquet"
    pq.write_table(pa.table({"star": ["b", "a", "b", "a", "b", "a"], "flux": [1.0, 2, 3, 4, 5, 6]}), path)
    items = read_groups(str(path), "star")
    assert [(s.meta["group"], s.values.tolist()) for s in items] == [("a", [2.0, 4.0, 6.0]), ("b", [1.0, 3.0, 5.0])]


def test_expand_inputs(tmp_path):
    (tmp_path / "d" / "e").mkdir(parents=True)
    for name in ["d/b.csv", "d/a.txt", "d/e/c.npy", "d/skip.md"]:
        (tmp_path / name).write_text("1\n")
    assert [os.path.basename(p) for p in expand_inputs([str(tmp_path / "d")])] == ["a.txt", "b.csv"]
    assert len(expand_inputs([str(tmp_path / "d")], recursive=True)) == 3
    assert expand_inputs(["-"]) == ["-"]
    with pytest.raises(InputError, match="no such file or folder"):
        expand_inputs([str(tmp_path / "nope.csv")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="folder has no supported files"):
        expand_inputs([str(tmp_path / "empty")])
