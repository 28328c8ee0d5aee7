"""The notebook API (tscomplex.analyze, sweep, lyapunov, patch): the CLI's records as DataFrames, same numbers."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import tscomplex
from tscomplex.records import api

REL = 1e-12


def _rows(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as records: missing cells (NaN, None, <NA>) as None, numpy scalars as Python ones."""
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                value = None
            elif isinstance(value, np.generic):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


def _same(api_frame, cli_records, where=""):
    """Same columns in the same order as the CLI's keys, and the same values (source aside: a path there)."""
    keys = list(dict.fromkeys(k for r in cli_records for k in r))
    assert list(api_frame.columns) == keys, where
    rows = _rows(api_frame)
    assert len(rows) == len(cli_records), where
    for i, (got, want) in enumerate(zip(rows, cli_records)):
        for key in keys:
            if key == "source":
                continue
            a, b = got.get(key), want.get(key)
            if isinstance(b, float) and b is not None:
                assert a == pytest.approx(b, rel=REL, abs=1e-14), f"{where} row {i} {key}"
            else:
                assert a == b, f"{where} row {i} {key}: {a!r} != {b!r}"


def _cli(cli, args):
    result = cli(list(args) + ["-f", "ndjson"])
    assert result.exit_code == 0, result.stderr
    return result.records


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    x = np.empty(3000)
    x[0] = 0.3
    for i in range(1, x.size):  # logistic map, chaotic
        x[i] = 3.9 * x[i - 1] * (1 - x[i - 1])
    return {"x": x, "noise": rng.standard_normal(3000)}


@pytest.fixture()
def files(tmp_path, data):
    one = tmp_path / "one.csv"
    pd.DataFrame({"value": data["x"]}).to_csv(one, index=False)
    named = tmp_path / "named.csv"
    pd.DataFrame({"flux": data["x"]}).to_csv(named, index=False)
    wide = tmp_path / "wide.csv"
    pd.DataFrame({"x": data["x"], "noise": data["noise"]}).to_csv(wide, index=False)
    long = tmp_path / "long.csv"
    pd.DataFrame({"run": np.repeat([2, 1], 1500), "x": data["x"], "noise": data["noise"]}).to_csv(long, index=False)
    return {"one": one, "named": named, "wide": wide, "long": long}


def _inputs(data, files):
    """(API data, API keywords, CLI arguments) for an array, a Series, a wide DataFrame and a long one."""
    wide = pd.DataFrame({"x": data["x"], "noise": data["noise"]})
    long = pd.DataFrame({"run": np.repeat([2, 1], 1500), "x": data["x"], "noise": data["noise"]})
    return [
        ("array", data["x"], {}, [files["one"]]),
        ("series", pd.Series(data["x"], name="flux"), {}, [files["named"]]),
        ("wide", wide, {}, [files["wide"]]),
        ("long", long, {"by": "run"}, [files["long"], "--group-by", "run"]),
    ]


def test_analyze_matches_cli(cli, data, files):
    for kind, values, extra, args in _inputs(data, files):
        frame = tscomplex.analyze(values, dim=4, tau=[1, 3], q=2.0, **extra)
        _same(frame, _cli(cli, ["analyze", *args, "-d", "4", "-t", "1,3", "-q", "2"]), kind)


def test_analyze_weighted_and_large_dim_match_cli(cli, data, files):
    _same(tscomplex.analyze(data["x"], dim=9, weighted=True),
          _cli(cli, ["analyze", files["one"], "-d", "9", "--weighted"]), "d=9 weighted")
    _same(tscomplex.analyze(data["x"], dim=10), _cli(cli, ["analyze", files["one"], "-d", "10"]), "d=10")


@pytest.mark.filterwarnings("ignore::tscomplex.records.frames.TscomplexWarning")
def test_sweep_matches_cli(cli, data, files):
    for kind, values, extra, args in _inputs(data, files):
        frame = tscomplex.sweep(values, tau=range(1, 6), dim=4, **extra)
        _same(frame, _cli(cli, ["sweep", *args, "-d", "4", "-t", "1:5"]), kind)
        assert str(frame["tau"].dtype) == "Int64"  # integer, with the summary's tau missing
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tscomplex.TscomplexWarning)
        _same(tscomplex.sweep(data["x"], summary_only=True), _cli(cli, ["sweep", files["one"], "--summary"]),
              "default taus")


def test_patch_matches_cli(cli, data, files):
    for kind, values, extra, args in _inputs(data, files):
        frame = tscomplex.patch(values, estimator="ordinal", dim=4, rule="both", **extra)
        _same(frame, _cli(cli, ["patch", *args, "--estimator", "ordinal", "-d", "4", "--rule", "both"]), kind)


def test_lyapunov_matches_cli(cli, data, files):
    for kind, values, extra, args in _inputs(data, files)[::3]:  # an array and a long table: the slow one
        frame = api.lyapunov(values, **extra)
        _same(frame, _cli(cli, ["lyapunov", *args]), kind)
    frame = api.lyapunov(data["x"], dim=2, lag=1)
    want = _cli(cli, ["lyapunov", files["one"], "-m", "2", "--lag", "1"])
    _same(frame, want, "given embedding")
    assert frame["max_lyapunov"][0] == pytest.approx(0.494, rel=0.15)  # the logistic map at r = 3.9


def test_lyapunov_package_is_callable(data):
    import tscomplex.lyapunov as package  # the submodule import and the call are the same object

    assert package is tscomplex.lyapunov
    frame = tscomplex.lyapunov(data["x"])
    assert frame["max_lyapunov"][0] == pytest.approx(api.lyapunov(data["x"])["max_lyapunov"][0])


def test_nan_policy_is_reported_as_the_cli_does(cli, data, tmp_path):
    x = data["noise"][:500].copy()
    x[[10, 20]] = np.nan
    path = tmp_path / "gaps.csv"
    pd.DataFrame({"value": x}).to_csv(path, index=False)
    for policy, key in (("drop", "nan_dropped"), ("interpolate", "nan_filled")):
        frame = tscomplex.analyze(x, dim=3, nan=policy)
        assert frame[key].tolist() == [2]
        _same(frame, _cli(cli, ["analyze", path, "-d", "3", "--nan", policy]), policy)
    with pytest.raises(ValueError, match="NaN"):
        tscomplex.analyze(x, dim=3)


def test_time_column_gives_dt(cli, data, tmp_path):
    frame = pd.DataFrame({"t": np.arange(1000) * 0.5, "x": data["x"][:1000]})
    path = tmp_path / "timed.csv"
    frame.to_csv(path, index=False)
    got = tscomplex.analyze(frame, dim=3)
    assert got["dt"].tolist() == [0.5] and got["series"].tolist() == ["x"]
    _same(got, _cli(cli, ["analyze", path, "-d", "3"]), "time column")


def test_constant_series_warns_and_keeps_its_record():
    with pytest.warns(tscomplex.TscomplexWarning, match="constant series"):
        frame = tscomplex.analyze(np.ones(200), dim=3)
    assert frame["permutation_entropy"].tolist() == [0.0] and frame["warning"].notna().all()


def test_errors_raise_or_become_rows():
    with pytest.raises(ValueError, match="too short"):
        tscomplex.analyze(np.arange(5.0), dim=4, tau=[1, 2])
    frame = tscomplex.analyze(np.arange(5.0), dim=4, tau=[1, 2], errors="record")
    assert frame["tau"].tolist() == [1, 2] and "too short" in frame["error"].iloc[1]


@pytest.mark.parametrize("kwargs,message", [
    ({"dim": 11}, "dim"), ({"tau": 0}, "tau"), ({"tau": 1.5}, "tau"), ({"nan": "skip"}, "nan"),
    ({"errors": "ignore"}, "errors"),
])
def test_bad_parameters_name_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        tscomplex.analyze(np.arange(100.0), **kwargs)


def test_two_dimensional_array_is_one_series_per_column(data):
    both = np.column_stack([data["x"], data["noise"]])
    frame = tscomplex.analyze(both, dim=4)
    assert frame["series"].tolist() == ["0", "1"]
    assert frame["permutation_entropy"].tolist() == pytest.approx(
        [tscomplex.permutation_entropy(data["x"], dim=4), tscomplex.permutation_entropy(data["noise"], dim=4)],
        rel=1e-12)


def test_by_needs_a_dataframe_and_its_column(data):
    with pytest.raises(ValueError, match="by="):
        tscomplex.analyze(data["x"], by="run")
    with pytest.raises(ValueError, match="group column 'run' not found"):
        tscomplex.analyze(pd.DataFrame({"x": data["x"]}), by="run")


def test_docstring_example_runs():
    import doctest

    assert doctest.testmod(api, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


def test_warnings_name_the_group_of_a_long_table():
    long = pd.DataFrame({"run": np.repeat([1, 2], 300), "x": np.r_[np.ones(300), np.arange(300.0) % 7]})
    with pytest.warns(tscomplex.TscomplexWarning) as caught:
        frame = tscomplex.analyze(long, by="run", dim=3)
    assert [str(w.message) for w in caught if "constant" in str(w.message)][0].startswith("DataFrame [x] group 1:")
    assert frame["group"].tolist() == [1, 2] and frame["warning"].notna().tolist() == [True, False]


def test_columns_and_time_column_pick_as_the_cli_does(cli, data, files, tmp_path):
    wide = pd.DataFrame({"x": data["x"], "noise": data["noise"]})
    _same(tscomplex.analyze(wide, dim=4, columns=["noise"]),
          _cli(cli, ["analyze", files["wide"], "-d", "4", "-c", "noise"]), "-c noise")
    timed = pd.DataFrame({"clock": np.arange(3000) * 0.01, "x": data["x"]})
    path = tmp_path / "clock.csv"
    timed.to_csv(path, index=False)
    got = tscomplex.analyze(timed, dim=4, time_column="clock")
    assert got["dt"].tolist() == [pytest.approx(0.01)]
    _same(got, _cli(cli, ["analyze", path, "-d", "4", "--time-column", "clock"]), "--time-column")
    with pytest.raises(ValueError, match="'missing' is not a numeric column"):
        tscomplex.analyze(wide, columns=["missing"])


@pytest.mark.filterwarnings("ignore::tscomplex.records.frames.TscomplexWarning")
def test_python_page_shows_real_output():
    """docs/python.md's sessions run as doctests (its code fences read as blank lines)."""
    import doctest
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "python.md").read_text()
    text = "\n".join("" if line.startswith("```") else line for line in text.splitlines())
    test = doctest.DocTestParser().get_doctest(text, {}, "python.md", "python.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    with pd.option_context("display.width", 80, "display.max_columns", 0):  # the page sets them; put them back
        runner.run(test)
    assert runner.failures == 0 and runner.tries >= 10
