"""A dt given beside a time column wins, and says so when the two differ."""

from __future__ import annotations

import numpy as np
import pytest
from test_bad_input import tsc

from tscomplex.io import read_series
from tscomplex.io.cleaning import WARNINGS


def _timed(path, step=0.1, n=400):
    t = np.arange(n) * step
    rows = "\n".join(f"{float(a)!r},{float(b)!r},{g}" for a, b, g in zip(t, np.sin(t * 7.3), np.arange(n) % 2))
    path.write_text("time,x,g\n" + rows + "\n")
    return path


def test_a_different_dt_wins_with_a_warning_and_an_equal_one_says_nothing(tmp_path):
    path = _timed(tmp_path / "timed.csv")
    (series,) = read_series(str(path), columns=["x"], dt=0.05)
    assert series.dt == 0.05
    (warning,) = series.meta["record"][WARNINGS]
    assert "0.05" in warning and "'time'" in warning and "0.1" in warning
    for dt in (None, 0.1):
        (series,) = read_series(str(path), columns=["x"], dt=dt)
        assert series.dt == 0.1 and WARNINGS not in series.meta.get("record", {})


def test_the_command_line_warns_once_per_series_and_per_group(tmp_path):
    _timed(tmp_path / "timed.csv")
    result = tsc("analyze", "timed.csv", "-c", "x", "--dt", "0.05", "-d", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.records[0]["dt"] == 0.05
    assert len(result.warnings) == 1 and "replaces the step of the time column 'time', 0.1" in result.warnings[0]
    same = tsc("analyze", "timed.csv", "-c", "x", "--dt", "0.1", "-d", "3", cwd=tmp_path)
    assert same.returncode == 0 and same.warnings == []
    # per group: each group's own step (every other row: 0.2) is the one replaced
    grouped = tsc("analyze", "timed.csv", "-c", "x", "--group-by", "g", "--dt", "0.05", "-d", "3", cwd=tmp_path)
    assert grouped.returncode == 0, grouped.stderr
    assert [r["dt"] for r in grouped.records] == [0.05, 0.05]
    assert len(grouped.warnings) == 2 and all("time column 'time', 0.2" in w for w in grouped.warnings)


def test_the_chunked_reader_warns_of_a_replaced_step_too(tmp_path):
    import pandas as pd

    t = np.arange(3000) * 0.1
    pd.DataFrame({"time": t, "x": np.sin(t * 7.3)}).to_parquet(tmp_path / "timed.parquet")
    result = tsc("analyze", "timed.parquet", "--dt", "0.05", "--chunk-size", "1000", "-d", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.records[0]["dt"] == 0.05
    assert len(result.warnings) == 1 and "time column 'time', 0.1" in result.warnings[0]


@pytest.mark.parametrize("chunk", [None, "1000"])
@pytest.mark.parametrize("leading, trailing", [(5, 40), (0, 3), (1500, 1), (0, 0)])
def test_interpolation_says_when_it_held_a_value_over_an_end(tmp_path, chunk, leading, trailing):
    """Interior gaps are interpolated; at an end there is nothing to interpolate between, so the nearest value is
    repeated, and those ties read as order: the warning counts them, whole or read in chunks."""
    x = np.sin(np.arange(3000) / 7.0)
    x[:leading] = np.nan
    x[x.size - trailing:] = np.nan
    x[2000:2003] = np.nan  # an interior gap, interpolated without a word
    np.save(tmp_path / "gappy.npy", x)
    args = ["analyze", "gappy.npy", "--nan", "interpolate", "-d", "3"] + (["--chunk-size", chunk] if chunk else [])
    result = tsc(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.records[0]["nan_filled"] == leading + trailing + 3
    held = [w for w in result.warnings if "repeated the nearest finite value" in w]
    if leading or trailing:
        (warning,) = held
        assert (f"{leading} leading" in warning) is bool(leading)
        assert (f"{trailing} trailing" in warning) is bool(trailing)
        assert "--nan interpolate" in warning
    else:
        assert held == []
