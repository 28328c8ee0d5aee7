"""Issue 20, real-world files: date-time time columns, and the traces of --nan drop / interpolate.

Through the real command line. dt of a date-time axis is in seconds
(``dt_unit: "s"``); the expected values are worked out here by hand.
"""

from __future__ import annotations

import datetime as dtm

import numpy as np
import pytest

from test_bad_input import assert_one_error, tsc

X = np.random.default_rng(20).standard_normal(240)


def _csv(path, header, rows):
    path.write_text(header + "\n" + "".join(",".join(map(str, row)) + "\n" for row in rows))


def _by_series(result):
    return {r["series"]: r for r in result.records}


@pytest.mark.parametrize("style, step", [
    ("naive", 60.0),  # 2024-03-01T00:00:00
    ("zulu", 0.5),  # ...Z, half-second steps with fractions
    ("offset", 60.0),  # +01:00 then +02:00 across the change to summer time: uniform in UTC
    ("space", 3600.0),  # 2024-03-01 00:00:00
])
def test_iso_8601_time_column_gives_dt_in_seconds(tmp_path, style, step):
    start = dtm.datetime(2024, 3, 31, 0, 0, tzinfo=dtm.timezone.utc)
    stamps = []
    for i in range(X.size):
        t = start + dtm.timedelta(seconds=step * i)
        if style == "naive":
            stamps.append(t.replace(tzinfo=None).isoformat())
        elif style == "zulu":
            stamps.append(t.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z")
        elif style == "offset":  # Central European: +01:00 before 01:00 UTC, +02:00 after
            offset = dtm.timezone(dtm.timedelta(hours=1 if t.hour < 1 else 2))
            stamps.append(t.astimezone(offset).isoformat())
        else:
            stamps.append(t.replace(tzinfo=None).isoformat(sep=" "))
    _csv(tmp_path / "log.csv", "timestamp,flux", zip(stamps, X.tolist()))
    named = tsc("analyze", "log.csv", "--time-column", "timestamp", "-d", "3", cwd=tmp_path)
    assert named.returncode == 0, named.stderr
    record = named.records[0]
    assert record["series"] == "flux" and record["n"] == X.size
    assert record["dt"] == pytest.approx(step, rel=1e-9)
    assert record["dt_unit"] == "s" and record["time_column"] == "timestamp"
    auto = tsc("analyze", "log.csv", "-d", "3", cwd=tmp_path)  # found without being named, and reported
    assert auto.returncode == 0, auto.stderr
    assert [r["series"] for r in auto.records] == ["flux"]
    assert auto.records[0]["time_column"] == "timestamp" and auto.records[0]["dt"] == pytest.approx(step)
    chosen = tsc("analyze", "log.csv", "-c", "flux", "-d", "3", cwd=tmp_path)  # -c picks the series only
    assert chosen.records[0]["time_column"] == "timestamp" and chosen.records[0]["dt"] == pytest.approx(step)


@pytest.mark.parametrize("kind", ["naive", "utc", "berlin", "date"])
def test_parquet_timestamp_types(tmp_path, kind):
    import pyarrow as pa
    import pyarrow.parquet as pq

    base = np.datetime64("2024-03-31T00:00:00", "s").astype(np.int64)
    if kind == "date":
        column = pa.array((np.arange(X.size) + 19_000).astype(np.int32), type=pa.date32())
        step = 86_400.0
    else:
        tz = {"naive": None, "utc": "UTC", "berlin": "Europe/Berlin"}[kind]
        column = pa.array(base + 30 * np.arange(X.size), type=pa.timestamp("s", tz=tz))
        step = 30.0
    pq.write_table(pa.table({"when": column, "x": X}), tmp_path / "t.parquet")
    result = tsc("analyze", "t.parquet", "-d", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = result.records[0]
    assert record["series"] == "x" and record["time_column"] == "when" and record["dt_unit"] == "s"
    assert record["dt"] == pytest.approx(step)
    assert tsc("analyze", "t.parquet", "-c", "x", "-d", "3", cwd=tmp_path).records[0]["dt"] == pytest.approx(step)


def test_numeric_time_column_keeps_its_records_as_they_were(tmp_path):
    _csv(tmp_path / "a.csv", "t,x", zip((0.25 * np.arange(X.size)).tolist(), X.tolist()))
    record = tsc("analyze", "a.csv", "-d", "3", cwd=tmp_path).records[0]
    assert record["dt"] == 0.25 and "dt_unit" not in record and "time_column" not in record


def test_date_times_that_are_not_uniform_or_not_a_series(tmp_path):
    stamps = [f"2024-01-01T00:{m:02d}:00" for m in range(50)]
    stamps[20] = "2024-01-01T00:20:30"
    _csv(tmp_path / "jitter.csv", "when,x", zip(stamps, X[:50].tolist()))
    assert_one_error(tsc("analyze", "jitter.csv", "-d", "3", cwd=tmp_path), 1, "'when' is not uniformly spaced")
    _csv(tmp_path / "ok.csv", "when,x", zip([f"2024-01-01T00:{m:02d}:00" for m in range(50)], X[:50].tolist()))
    assert_one_error(tsc("analyze", "ok.csv", "-c", "when", cwd=tmp_path), 1, "holds date-times",
                     "--time-column when")
    _csv(tmp_path / "words.csv", "label,x", zip(["a"] * 50, X[:50].tolist()))
    assert_one_error(tsc("analyze", "words.csv", "--time-column", "label", cwd=tmp_path), 1,
                     "neither numbers nor ISO 8601 date-times")


def test_date_time_axis_per_group(tmp_path):
    rows = []
    for g, step in ((1, 10), (2, 20)):
        for i in range(100):
            rows.append((g, "2024-05-01T00:00:00+00:00" if i == 0 else
                         (dtm.datetime(2024, 5, 1, tzinfo=dtm.timezone.utc)
                          + dtm.timedelta(seconds=step * i)).isoformat(), X[i]))
    _csv(tmp_path / "long.csv", "station,when,x", rows)
    result = tsc("analyze", "long.csv", "--group-by", "station", "-d", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [(r["group"], r["dt"], r["dt_unit"]) for r in result.records] == [(1, 10.0, "s"), (2, 20.0, "s")]


def test_nan_policies_leave_a_count_in_the_record(tmp_path):
    values = X.copy()
    values[[3, 4, 90]] = np.nan
    values[150] = np.inf
    cells = ["" if np.isnan(v) else repr(float(v)) for v in values]
    _csv(tmp_path / "holes.csv", "x,y", zip(cells, X.tolist()))
    expected = int(np.count_nonzero(~np.isfinite(values)))  # 4, counted independently of the reader
    dropped = tsc("analyze", "holes.csv", "--nan", "drop", "-d", "3", cwd=tmp_path)
    assert dropped.returncode == 0, dropped.stderr
    assert _by_series(dropped)["x"]["nan_dropped"] == expected and _by_series(dropped)["x"]["n"] == X.size - 4
    assert _by_series(dropped)["y"]["nan_dropped"] == 0
    assert not dropped.warnings  # no time axis: nothing to break
    filled = tsc("analyze", "holes.csv", "--nan", "interpolate", "-d", "3", cwd=tmp_path)
    assert _by_series(filled)["x"]["nan_filled"] == expected and _by_series(filled)["x"]["n"] == X.size
    plain = tsc("analyze", "holes.csv", "-c", "y", "-d", "3", cwd=tmp_path).records[0]
    assert "nan_dropped" not in plain and "nan_filled" not in plain


def test_dropping_across_a_time_axis_warns(tmp_path):
    values = X.copy()
    values[10] = np.nan
    cells = ["nan" if np.isnan(v) else repr(float(v)) for v in values]
    _csv(tmp_path / "timed.csv", "time,x", zip(range(X.size), cells))
    result = tsc("analyze", "timed.csv", "--nan", "drop", "-d", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.warnings) == 1 and "removed 1 samples" in result.warnings[0]
    assert "'time' now has gaps" in result.warnings[0]
    assert result.records[0]["nan_dropped"] == 1


def test_the_chunked_reader_reports_the_same_time_axis_and_counts(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 5000
    values = np.random.default_rng(21).standard_normal(n)
    values[[7, 4000, 4001]] = np.nan
    start = np.datetime64("2024-03-31T00:00:00", "s").astype(np.int64)
    when = pa.array(start + 2 * np.arange(n), type=pa.timestamp("s", tz="Europe/Berlin"))
    pq.write_table(pa.table({"when": when, "x": values}), tmp_path / "big.parquet", row_group_size=1000)
    whole = tsc("analyze", "big.parquet", "-d", "3", "--nan", "interpolate", cwd=tmp_path)
    chunked = tsc("analyze", "big.parquet", "-d", "3", "--nan", "interpolate", "--chunk-size", "1000", cwd=tmp_path)
    assert whole.returncode == chunked.returncode == 0, (whole.stderr, chunked.stderr)
    for record in (whole.records[0], chunked.records[0]):
        assert record["dt"] == 2.0 and record["dt_unit"] == "s" and record["time_column"] == "when"
        assert record["nan_filled"] == 3 and record["n"] == n
    assert chunked.records[0]["permutation_entropy"] == pytest.approx(whole.records[0]["permutation_entropy"],
                                                                      rel=1e-12)
    dropped = tsc("analyze", "big.parquet", "-d", "3", "--nan", "drop", "--chunk-size", "1000", cwd=tmp_path)
    assert dropped.records[0]["nan_dropped"] == 3 and dropped.records[0]["n"] == n - 3
    assert len(dropped.warnings) == 1 and "removed 3 samples" in dropped.warnings[0]


def test_the_drop_warning_is_data_printed_once_per_series_in_flag_words(tmp_path):
    """The reader leaves the warning in the series' trace (no stderr write in library code); the run prints it
    once even when the series gives several records, naming the flags."""
    from tscomplex.io.cleaning import WARNINGS, nan_trace

    values = X.copy()
    values[10] = np.nan
    trace = nan_trace(values, "drop", "timed.csv", "x", "time")
    assert trace["nan_dropped"] == 1 and 'nan="interpolate"' in trace[WARNINGS][0]
    cells = ["nan" if np.isnan(v) else repr(float(v)) for v in values]
    _csv(tmp_path / "timed.csv", "time,x", zip(range(X.size), cells))
    result = tsc("analyze", "timed.csv", "--nan", "drop", "-d", "3", "-t", "1,2,3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.records) == 3 and all(WARNINGS not in r for r in result.records)
    assert len(result.warnings) == 1 and "--nan drop removed 1 samples" in result.warnings[0]
    assert "--nan interpolate keeps it uniform" in result.warnings[0]
