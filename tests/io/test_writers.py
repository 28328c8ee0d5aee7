"""RecordWriter: round trips in every format, null for non-finite, streaming, abort."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from tscomplex.io.writers import RecordWriter


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


def test_abort_publishes_no_partial_table_but_keeps_streamed_ndjson(tmp_path):
    from tscomplex.io.writers import RecordWriter

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
