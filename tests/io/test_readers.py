"""Readers (every format, headers, NaN policies, time columns, long tables) and writers (round trips, atomicity)."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.io import (
    ChunkedTable,
    InputError,
    RecordWriter,
    SeriesFailure,
    StepChecker,
    atomic_write,
    clean_nonfinite,
    expand_inputs,
    read_groups,
    read_series,
    uniform_step,
)

X = np.array([0.5, -1.25, 3.0, 2.0, 1e-3, 7.5, -2.0, 4.25])
Y = np.arange(8) * 1.5


def _values(series_list):
    return {s.name: s.values for s in series_list}


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("name,text", [
    ("a.csv", "x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
    ("a.tsv", "x\ty\n" + "".join(f"{a!r}\t{b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
    ("a.txt", "# comment\nx y\n" + "".join(f"{a!r}   {b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
    ("a.dat", "x;y\n" + "".join(f"{a!r};{b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
])
def test_text_formats_with_header(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    got = _values(read_series(str(path)))
    assert list(got) == ["x", "y"]
    np.testing.assert_array_equal(got["x"], X)
    np.testing.assert_array_equal(got["y"], Y)


def test_headerless_single_and_multi_column(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("\n".join(map(repr, X.tolist())) + "\n")
    (s,) = read_series(str(one))
    assert s.name == "value" and np.array_equal(s.values, X)
    two = tmp_path / "two.csv"
    two.write_text("".join(f"{a!r},{b!r}\n" for a, b in zip(X.tolist(), Y.tolist())))
    assert [s.name for s in read_series(str(two))] == ["0", "1"]


def test_header_detection_keeps_nan_literal_rows_as_data(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("nan,1\n2,3\n4,5\n")  # 'nan' is a number: no header
    got = _values(read_series(str(path), nan="drop"))
    assert list(got) == ["0", "1"] and np.array_equal(got["0"], [2.0, 4.0])


def test_gzip_and_stdin(tmp_path, monkeypatch):
    text = "x\n" + "\n".join(map(repr, X.tolist())) + "\n"
    gz = tmp_path / "a.csv.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    assert np.array_equal(read_series(str(gz))[0].values, X)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    (s,) = read_series("-")
    assert s.source == "-" and s.name == "x" and np.array_equal(s.values, X)
    bad = tmp_path / "b.csv.gz"
    bad.write_bytes(b"\x1f\x8bnot really gzip")
    with pytest.raises(InputError, match="cannot decompress"):
        read_series(str(bad))


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


# --------------------------------------------------------------------------- NaN policies


def test_nan_policies_against_plain_numpy(tmp_path):
    x = np.sin(np.arange(40) / 3.0)
    x[[0, 7, 8, 20, 39]] = np.nan
    path = tmp_path / "g.csv"
    path.write_text("v\n" + "\n".join("NA" if np.isnan(v) else repr(float(v)) for v in x) + "\n")
    with pytest.raises(InputError, match="5 NaN, inf or blank values \\(first at data row 1\\)"):
        read_series(str(path))
    dropped = read_series(str(path), nan="drop")[0].values
    assert np.array_equal(dropped, x[np.isfinite(x)])
    filled = read_series(str(path), nan="interpolate")[0].values
    # plain reference: linear between neighbours, constant beyond the ends
    ref = x.copy()
    good = [i for i in range(x.size) if np.isfinite(x[i])]
    for i in range(x.size):
        if np.isfinite(x[i]):
            continue
        left = max((g for g in good if g < i), default=None)
        right = min((g for g in good if g > i), default=None)
        if left is None:
            ref[i] = x[right]
        elif right is None:
            ref[i] = x[left]
        else:
            ref[i] = x[left] + (x[right] - x[left]) * (i - left) / (right - left)
    np.testing.assert_allclose(filled, ref, rtol=0, atol=1e-15)
    with pytest.raises(InputError, match="fewer than 2 finite values"):
        clean_nonfinite(np.array([np.nan, 1.0, np.inf]), "interpolate", "v")
    with pytest.raises(InputError, match="^nan must be one of error, drop, interpolate"):
        read_series(str(path), nan="zero")


def test_interpolation_that_overflows_is_refused(tmp_path):
    """Midway between -1.7e308 and 1.7e308 np.interp computes (b - a), which is inf; both readers say so."""
    x = np.array([1.0, -1.7e308, np.nan, np.nan, 1.7e308, 2.0])
    csv = tmp_path / "big.csv"
    csv.write_text("v\n" + "\n".join("" if np.isnan(v) else repr(float(v)) for v in x) + "\n")
    npy = tmp_path / "big.npy"
    np.save(npy, x)
    for path in (csv, npy):
        with pytest.raises(InputError, match="overflows float64"):
            read_series(str(path), nan="interpolate")
    for chunk in (1, 2, 3, 100):
        with pytest.raises(InputError, match="overflows float64"):
            list(ChunkedTable(str(npy), nan="interpolate", chunk_samples=chunk).blocks())
    ok = x.copy()
    ok[[1, 4]] = [-1e300, 1e300]  # large but with room for the difference
    np.save(npy, ok)
    filled = read_series(str(npy), nan="interpolate")[0].values
    np.testing.assert_allclose(filled[2:4], [-1e300 / 3, 1e300 / 3], rtol=1e-12)


# --------------------------------------------------------------------------- time columns


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


def test_uniform_step_errors():
    with pytest.raises(InputError, match="not strictly increasing"):
        uniform_step(np.array([0.0, 1.0, 1.0, 2.0]))
    with pytest.raises(InputError, match="fewer than 2 values"):
        uniform_step(np.array([1.0]))
    t = np.arange(20.0)
    t[19] += 0.3
    with pytest.raises(InputError, match="step 1.3 at row 19 differs from the mean step 1.01579"):
        uniform_step(t)


def test_step_checker_in_blocks_matches_one_block():
    rng = np.random.default_rng(0)
    t = 3.0 + np.arange(1000) * 0.1 + rng.normal(scale=1e-9, size=1000)
    whole = uniform_step(t)
    for size in (1, 2, 7, 999):
        checker = StepChecker()
        for i in range(0, t.size, size):
            checker.add(t[i:i + size])
        assert checker.step() == whole
    bad = t.copy()
    bad[500] += 0.05
    checker = StepChecker()
    for i in range(0, bad.size, 7):
        checker.add(bad[i:i + 7])
    with pytest.raises(InputError, match="row 50[01]"):
        checker.step()


# --------------------------------------------------------------------------- long tables


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


# --------------------------------------------------------------------------- inputs


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


# --------------------------------------------------------------------------- writers

RECORDS = [
    {"source": "a.csv", "series": "x", "n": 10, "permutation_entropy": 0.5, "missing_patterns": float("nan"),
     "weighted": False, "taus": [1, 2]},
    {"source": "b.csv", "series": "y", "n": 12, "permutation_entropy": float("inf"), "missing_patterns": 0.25,
     "weighted": True, "taus": [3]},
]
CLEAN = [
    {"source": "a.csv", "series": "x", "n": 10, "permutation_entropy": 0.5, "missing_patterns": None,
     "weighted": False, "taus": [1, 2]},
    {"source": "b.csv", "series": "y", "n": 12, "permutation_entropy": None, "missing_patterns": 0.25,
     "weighted": True, "taus": [3]},
]


def _write(tmp_path, fmt, name):
    path = tmp_path / name
    writer = RecordWriter(fmt, str(path))
    for r in RECORDS:
        writer.write({**r, "n": np.int64(r["n"]), "permutation_entropy": np.float64(r["permutation_entropy"])})
    writer.close()
    return path


def test_ndjson_and_json_round_trip_with_null_for_non_finite(tmp_path):
    lines = _write(tmp_path, "ndjson", "o.ndjson").read_text().splitlines()
    assert [json.loads(ln) for ln in lines] == CLEAN
    assert "NaN" not in lines[0] and "Infinity" not in lines[1]
    assert json.loads(_write(tmp_path, "json", "o.json").read_text()) == CLEAN


@pytest.mark.parametrize("fmt,sep", [("csv", ","), ("tsv", "\t")])
def test_delimited_round_trip(tmp_path, fmt, sep):
    import csv

    text = _write(tmp_path, fmt, f"o.{fmt}").read_text()
    rows = list(csv.DictReader(io.StringIO(text), delimiter=sep))
    assert list(rows[0]) == list(CLEAN[0])
    assert rows[0]["missing_patterns"] == "" and rows[1]["permutation_entropy"] == ""
    assert float(rows[0]["permutation_entropy"]) == 0.5 and rows[1]["weighted"] == "true"
    assert json.loads(rows[0]["taus"]) == [1, 2]


def test_parquet_round_trip(tmp_path):
    import pyarrow.parquet as pq

    rows = pq.read_table(_write(tmp_path, "parquet", "o.parquet")).to_pylist()
    assert [r["permutation_entropy"] for r in rows] == [0.5, None]
    assert [r["missing_patterns"] for r in rows] == [None, 0.25]
    assert [json.loads(r["taus"]) for r in rows] == [[1, 2], [3]] and rows[1]["n"] == 12


def test_table_format_is_aligned_and_skips_error_records(tmp_path):
    path = tmp_path / "o.txt"
    writer = RecordWriter("table", str(path))
    writer.write_many([*CLEAN, {"source": "c.csv", "series": None, "error": "broken"}])
    writer.close()
    lines = path.read_text().splitlines()
    assert lines[0].split()[:3] == ["source", "series", "n"] and len(lines) == 4
    assert "broken" not in path.read_text() and "-" in lines[3]


def test_atomic_write_leaves_no_partial_file(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old contents")

    def explode(fh):
        fh.write(b"half of the new")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(str(path), explode)
    assert path.read_text() == "old contents"
    assert os.listdir(tmp_path) == ["out.json"]
    atomic_write(str(path), lambda fh: fh.write(b"new"))
    assert path.read_text() == "new" and os.listdir(tmp_path) == ["out.json"]


def test_csv_writer_renders_only_at_close(tmp_path):
    path = tmp_path / "o.csv"
    writer = RecordWriter("csv", str(path))
    writer.write(CLEAN[0])
    assert not path.exists()  # nothing half-written while the run goes on
    writer.close()
    assert path.read_text().count("\n") == 2


def test_ndjson_appends_and_flushes_each_line(tmp_path):
    path = tmp_path / "o.ndjson"
    writer = RecordWriter("ndjson", str(path))
    writer.write(CLEAN[0])
    assert json.loads(path.read_text()) == CLEAN[0]  # flushed before close
    writer.close()
    again = RecordWriter("ndjson", str(path), append=True)
    again.write_many([CLEAN[1], CLEAN[0]])
    again.close()
    assert [json.loads(ln) for ln in path.read_text().splitlines()] == [CLEAN[0], CLEAN[1], CLEAN[0]]


# --------------------------------------------------------------------------- the fast text path


def _general_path(data):
    from unittest import mock

    import tscomplex.io as tio

    with mock.patch.object(tio, "_parse_numeric_text", lambda data: None):
        return tio._parse_text(data, None)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.lists(st.one_of(st.floats(allow_nan=False, width=64), st.just(None)),
                                min_size=1, max_size=3), min_size=2, max_size=30),
       header=st.booleans(), sep=st.sampled_from([",", "\t", ";"]), style=st.sampled_from(["repr", "g", "e"]))
def test_fast_text_path_equals_the_general_path(values, header, sep, style):
    import tscomplex.io as tio

    width = len(values[0])
    rows = [row[:width] + [0.0] * (width - len(row)) for row in values]
    fmt = {"repr": repr, "g": lambda v: f"{v:.6g}", "e": lambda v: f"{v:.17e}"}[style]
    cell = lambda v: "" if v is None else fmt(float(v))  # noqa: E731
    lines = ([sep.join(f"c{j}" for j in range(width))] if header else [])
    lines += [sep.join(cell(v) for v in row) if width > 1 else cell(row[0]) for row in rows]
    data = ("\n".join(lines) + "\n").encode()
    tio.warm_text_reader()  # small files take the fast path only once pyarrow is loaded (as in a batch)
    fast = tio._parse_numeric_text(data)
    try:
        general = _general_path(data)
    except InputError:
        assert fast is None
        return
    if fast is None:
        return
    assert fast[1] == general[1]
    for name in fast[1]:
        np.testing.assert_array_equal(fast[0][name], general[0][name])


def test_fast_text_path_declines_what_it_cannot_parse():
    import tscomplex.io as tio

    tio.warm_text_reader()
    for data in [b"# c\n1\n2\n", b"x y\n1 2\n3 4\n", b"a,b\n1,x\n", b"a,b\n1,2\n3\n", b"a,a\n1,2\n", b" 1\n2\n"]:
        assert tio._parse_numeric_text(data) is None, data
    table, names = tio._parse_numeric_text(b"\xef\xbb\xbfflux\n1.5\n\nNA\n2\n\n\n")
    assert names == ["flux"] and np.array_equal(table["flux"], [1.5, np.nan, np.nan, 2.0], equal_nan=True)


def test_uniform_step_is_rounded_to_12_significant_digits():
    """A time column written in decimal gives the step it was written with, in one block or many."""
    from tscomplex.io import StepChecker, round_significant

    t = np.array([float(f"{v:.2f}") for v in np.arange(100_001) * 0.01])  # 0.00, 0.01, ..., 1000.00
    raw = (t[-1] - t[0]) / (t.size - 1)
    assert uniform_step(t) == 0.01
    checker = StepChecker("time")
    for block in np.array_split(t, 7):
        checker.add(block)
    assert checker.step() == 0.01
    assert round_significant(0.00999999999999801) == 0.01 and abs(raw - 0.01) < 1e-15
    assert round_significant(1 / 3) == 0.333333333333
    assert round_significant(-2.5e-9) == -2.5e-9 and round_significant(0.0) == 0.0


def test_atomic_write_gives_the_umask_mode(tmp_path):
    import os

    mask = os.umask(0o027)
    try:
        atomic_write(str(tmp_path / "a.bin"), lambda fh: fh.write(b"x"))
    finally:
        os.umask(mask)
    assert (tmp_path / "a.bin").stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_a_lone_small_file_does_not_import_pyarrow(tmp_path):
    """pyarrow's import costs more than numpy's parse of one small file, so a lone file skips it."""
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "small.csv"
    path.write_text("flux\n" + "\n".join(str(i % 7) for i in range(1000)) + "\n")
    code = ("import sys; from tscomplex.io import read_series; s = read_series(sys.argv[1]); "
            "print(s[0].values.size, 'pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert out.stdout.split() == ["1000", "False"]


def test_abort_publishes_no_partial_table_but_keeps_streamed_ndjson(tmp_path):
    from tscomplex.io import RecordWriter

    csv_path = tmp_path / "part.csv"
    writer = RecordWriter("csv", str(csv_path))
    writer.write({"a": 1.0})
    writer.abort()
    writer.close()
    assert not csv_path.exists()
    nd_path = tmp_path / "part.ndjson"
    writer = RecordWriter("ndjson", str(nd_path))
    writer.write({"a": 1.0})
    writer.abort()
    assert nd_path.read_text() == '{"a": 1.0}\n'
    unused = RecordWriter("ndjson", str(tmp_path / "never.ndjson"))
    assert not (tmp_path / "never.ndjson").exists()  # opened at the first record, not before
    unused.close()
    assert (tmp_path / "never.ndjson").read_text() == ""
