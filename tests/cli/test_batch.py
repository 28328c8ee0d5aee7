"""The batch layer: folders, long tables, process pools, Dask, --resume, chunked series, progress."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.cli.analyze import analyze_chunked_records, analyze_records
from tscomplex.io import ChunkedTable, InputError, read_series
from tscomplex.measures import complexity_entropy

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def _cli_env():
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _write_txt(path, x):
    path.write_text("\n".join(repr(float(v)) for v in x) + "\n")


@pytest.fixture
def folder(tmp_path):
    rng = np.random.default_rng(1)
    d = tmp_path / "runs"
    d.mkdir()
    series = {}
    for i in range(200):
        x = rng.normal(size=120).cumsum() if i % 2 else rng.normal(size=120)
        p = d / f"run{i:03d}.txt"
        _write_txt(p, x)
        series[str(p)] = x
    return d, series


# --------------------------------------------------------------------------- folders, failures, order


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_of_200_files_gives_200_records_in_order(cli, folder, jobs):
    d, series = folder
    result = cli(["analyze", d, "-d", "3", "--jobs", jobs])
    assert result.exit_code == 0, result.stderr
    recs = result.records
    assert len(recs) == 200
    assert [r["source"] for r in recs] == sorted(series)  # input order, whatever the executor
    for r in recs[::37]:
        h, c = complexity_entropy(series[r["source"]], 3)
        assert r["permutation_entropy"] == h and r["statistical_complexity"] == c


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_corrupt_member_in_the_middle(cli, folder, jobs):
    d, series = folder
    bad = d / "run100.txt"
    bad.write_bytes(b"\x00\x01\x02 not numbers")
    result = cli(["analyze", d, "-d", "3", "--jobs", jobs])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("tscomplex: error:")]
    assert len(errors) == 1 and str(bad) in errors[0] and "binary content" in errors[0]
    recs = result.records
    assert len(recs) == 200
    assert recs[100]["source"] == str(bad) and "binary content" in recs[100]["error"]
    good = [r for r in recs if "error" not in r]
    assert len(good) == 199 and str(bad) not in {r["source"] for r in good}


def test_glob_and_recursive_folders(cli, tmp_path):
    rng = np.random.default_rng(2)
    (tmp_path / "a" / "b").mkdir(parents=True)
    for p in [tmp_path / "a" / "x.txt", tmp_path / "a" / "b" / "y.txt", tmp_path / "a" / "notes.md"]:
        _write_txt(p, rng.normal(size=50))
    flat = cli(["analyze", tmp_path / "a", "-d", "3"]).records
    deep = cli(["analyze", tmp_path / "a", "-r", "-d", "3"]).records
    globbed = cli(["analyze", str(tmp_path / "a" / "**" / "*.txt"), "-d", "3"]).records
    assert [Path(r["source"]).name for r in flat] == ["x.txt"]
    assert sorted(Path(r["source"]).name for r in deep) == ["x.txt", "y.txt"]
    assert sorted(Path(r["source"]).name for r in globbed) == ["x.txt", "y.txt"]
    missing = cli(["analyze", str(tmp_path / "nothing*.csv"), tmp_path / "a", "-d", "3"])
    assert missing.exit_code == 1 and "no file matches this pattern" in missing.stderr
    assert len([r for r in missing.records if "error" not in r]) == 1


def test_stdin_with_jobs(cli):
    x = np.random.default_rng(3).normal(size=300)
    result = cli(["analyze", "-", "-d", "4", "--jobs", "2"], input="\n".join(map(repr, x.tolist())))
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["source"] == "-" and rec["permutation_entropy"] == complexity_entropy(x, 4)[0]


# --------------------------------------------------------------------------- long tables


def test_group_by_gives_one_record_per_group(cli, tmp_path):
    rng = np.random.default_rng(4)
    groups = {7: rng.normal(size=300), 2: rng.normal(size=200).cumsum(), 11: np.sin(np.arange(250) / 3)}
    rows = [(g, k * 0.25, float(v)) for g, x in groups.items() for k, v in enumerate(x)]
    rows_interleaved = sorted(rows, key=lambda r: (r[1], r[0]))  # groups interleaved, each in time order
    path = tmp_path / "long.csv"
    path.write_text("particle_id,time,x\n" + "".join(f"{g},{t!r},{v!r}\n" for g, t, v in rows_interleaved))
    result = cli(["analyze", path, "--group-by", "particle_id", "-d", "4", "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    recs = result.records
    assert [r["group"] for r in recs] == [2, 7, 11]
    assert list(recs[0])[:3] == ["source", "group", "series"]
    for r in recs:
        x = groups[r["group"]]
        assert r["series"] == "x" and r["n"] == x.size and r["dt"] == 0.25
        assert r["permutation_entropy"] == complexity_entropy(x, 4)[0]


def test_group_by_string_keys_and_a_bad_group(cli, tmp_path):
    rng = np.random.default_rng(5)
    lines = ["star,t,flux"]
    for name, times in [("beta", np.arange(100) * 2.0), ("alpha", np.arange(100) * 1.0),
                        ("gamma", np.r_[np.arange(50), np.arange(50) * 1.5 + 60])]:
        lines += [f"{name},{t!r},{v!r}" for t, v in zip(times.tolist(), rng.normal(size=100).tolist())]
    path = tmp_path / "stars.csv"
    path.write_text("\n".join(lines) + "\n")
    result = cli(["analyze", path, "--group-by", "star", "--time-column", "t", "-d", "3"])
    assert result.exit_code == 1
    recs = result.records
    assert [r["group"] for r in recs] == ["alpha", "beta", "gamma"]
    assert recs[0]["dt"] == 1.0 and recs[1]["dt"] == 2.0
    assert recs[2]["group"] == "gamma" and "not uniformly spaced" in recs[2]["error"]
    assert "stars.csv group gamma: time column 't' is not uniformly spaced" in result.stderr
    missing = cli(["analyze", path, "--group-by", "planet"])
    assert missing.exit_code == 1 and "group column 'planet' not found" in missing.stderr


def test_time_column_must_be_uniform(cli, tmp_path):
    path = tmp_path / "t.csv"
    t = np.arange(100) * 0.1
    t[60] += 0.05
    path.write_text("time,x\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(t.tolist(), np.sin(t).tolist())))
    result = cli(["analyze", path, "-d", "3"])
    assert result.exit_code == 1
    assert "time column 'time' is not uniformly spaced" in result.stderr and "row 60" in result.stderr


# --------------------------------------------------------------------------- resume


def _many_files(d, count=240, n=20_000):
    rng = np.random.default_rng(6)
    d.mkdir()
    for i in range(count):
        np.save(d / f"f{i:04d}.npy", rng.normal(size=n))


def test_resume_after_a_killed_run_has_no_duplicates_and_no_gaps(tmp_path):
    d = tmp_path / "many"
    _many_files(d)
    out = tmp_path / "out.ndjson"
    cmd = [PYTHON, "-m", "tscomplex", "analyze", str(d), "-d", "5", "-t", "1:12", "--jobs", "1", "-o", str(out)]
    proc = subprocess.Popen(cmd, env=_cli_env(), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= 24 * 12:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 0 < written < 240 * 12
    with open(out, "ab") as fh:  # as if killed in the middle of a line
        fh.write(b'{"source": "half a rec')
    again = subprocess.run(cmd + ["--resume"], env=_cli_env(), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "resuming" in again.stderr
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    keys = [(r["source"], r["tau"]) for r in recs]
    assert len(keys) == len(set(keys)) == 240 * 12
    assert {r["source"] for r in recs} == {str(p) for p in d.glob("*.npy")}


def test_resume_needs_an_ndjson_file(cli, folder, tmp_path):
    d, _ = folder
    result = cli(["analyze", d, "--resume"])
    assert result.exit_code == 2 and "--resume needs -o FILE" in result.stderr
    out = tmp_path / "done.ndjson"
    first = cli(["analyze", d, "-d", "3", "-o", out])
    assert first.exit_code == 0
    before = out.read_text()
    second = cli(["analyze", d, "-d", "3", "-o", out, "--resume"])
    assert second.exit_code == 0 and out.read_text() == before


# --------------------------------------------------------------------------- series larger than memory


def _assert_same_records(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x.keys() == y.keys()
        for k in x:
            same = (x[k] == y[k]) or (isinstance(x[k], float) and math.isnan(x[k]) and math.isnan(y[k]))
            assert same, (k, x[k], y[k])


def _in_memory(path, **options):
    records = []
    for series in read_series(str(path), nan=options.pop("nan", "error")):
        records.extend(analyze_records(series, **options))
    return records


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", ["1d", "c", "fortran"])
def test_chunked_npy_equals_in_memory_bit_for_bit(tmp_path, weighted, layout):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(5003, 3)).cumsum(axis=0)
    if layout == "1d":
        x = x[:, 0]
    elif layout == "fortran":
        x = np.asfortranarray(x)
    path = tmp_path / "x.npy"
    np.save(path, x.astype(np.float32))
    options = dict(dim=4, taus=(1, 3, 17), weighted=weighted, tie_precision=None, q=2.0)
    expected = _in_memory(path, **options)
    for chunk in (1, 5, 64, 1000, 5003):
        got = analyze_chunked_records(ChunkedTable(str(path), chunk_samples=chunk), **options)
        _assert_same_records(got, expected)


def test_chunked_parquet_with_time_column_and_dropped_nan(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(8)
    n = 4000
    flux = rng.normal(size=n)
    flux[[5, 6, 1999, 2000, 3999]] = np.nan
    counts = rng.integers(0, 50, size=n)
    path = tmp_path / "x.parquet"
    pq.write_table(pa.table({"time": np.arange(n) * 0.02, "flux": flux, "counts": counts}), path,
                   row_group_size=700)
    options = dict(dim=5, taus=(1, 2), weighted=True, tie_precision=1, q=None)
    expected = _in_memory(path, nan="drop", **options)
    assert [r["n"] for r in expected] == [n - 5] * 2 + [n] * 2
    for chunk in (3, 256, 1000):
        table = ChunkedTable(str(path), nan="drop", chunk_samples=chunk)
        _assert_same_records(analyze_chunked_records(table, **options), expected)
    with pytest.raises(InputError, match="first at data row 6"):
        list(ChunkedTable(str(path), chunk_samples=100).blocks())
    filled = _in_memory(path, nan="interpolate", **options)
    for chunk in (1, 2, 999):
        table = ChunkedTable(str(path), nan="interpolate", chunk_samples=chunk)
        _assert_same_records(analyze_chunked_records(table, **options), filled)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 300), chunk=st.integers(1, 50), nan_runs=st.lists(st.tuples(st.integers(0, 299),
       st.integers(1, 80)), max_size=4), policy=st.sampled_from(["drop", "interpolate"]), seed=st.integers(0, 99))
def test_chunked_nan_policies_equal_in_memory(tmp_path_factory, n, chunk, nan_runs, policy, seed):
    x = np.random.default_rng(seed).normal(size=n)
    for start, length in nan_runs:  # gaps at the ends, across chunks, longer than a chunk
        x[start:start + length] = np.nan if length % 3 else np.inf
    path = tmp_path_factory.mktemp("gaps") / "x.npy"
    np.save(path, x)
    try:
        whole = read_series(str(path), nan=policy)[0].values
    except InputError as exc:
        with pytest.raises(InputError, match=str(exc).split("(")[0][:30]):
            [b for b in ChunkedTable(str(path), nan=policy, chunk_samples=chunk).blocks()]
        return
    streamed = [b["value"] for b in ChunkedTable(str(path), nan=policy, chunk_samples=chunk).blocks()]
    assert all(b.size <= chunk for b in streamed)
    got = np.concatenate(streamed) if streamed else np.empty(0)
    assert got.tobytes() == whole.tobytes()


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 400), chunk=st.integers(1, 120), dim=st.integers(2, 5),
       taus=st.lists(st.integers(1, 30), min_size=1, max_size=3, unique=True), weighted=st.booleans(),
       seed=st.integers(0, 2**16))
def test_chunked_equals_in_memory_property(tmp_path_factory, n, chunk, dim, taus, weighted, seed):
    x = np.random.default_rng(seed).integers(0, 4, size=n).astype(np.float64)  # many ties
    path = tmp_path_factory.mktemp("prop") / "x.npy"
    np.save(path, x)
    options = dict(dim=dim, taus=tuple(taus), weighted=weighted, tie_precision=None, q=None)
    expected = _in_memory(path, **options)
    _assert_same_records(analyze_chunked_records(ChunkedTable(str(path), chunk_samples=chunk), **options),
                         expected)


def test_cli_streams_long_npy_and_agrees_with_whole_reading(cli, tmp_path):
    x = np.random.default_rng(9).normal(size=25_000)
    path = tmp_path / "long.npy"
    np.save(path, x)
    chunked = cli(["analyze", path, "-t", "1,4", "--weighted", "--chunk-size", "1000"])
    whole = cli(["analyze", path, "-t", "1,4", "--weighted"])
    assert chunked.exit_code == whole.exit_code == 0
    assert chunked.records == whole.records


# --------------------------------------------------------------------------- Dask


def test_dask_local_cluster_gives_the_same_records_as_one_job(cli, folder):
    distributed = pytest.importorskip("distributed")
    d, _ = folder
    serial = cli(["analyze", d, "-d", "4", "-t", "1,2", "--jobs", "1"])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, host="127.0.0.1", protocol="tcp",
                                  dashboard_address=None) as cluster:
        on_dask = cli(["analyze", d, "-d", "4", "-t", "1,2", "--dask", cluster.scheduler_address])
    assert on_dask.exit_code == serial.exit_code == 0, on_dask.stderr
    assert len(on_dask.records) == 400
    assert on_dask.records == serial.records


def test_dask_unreachable_scheduler_is_a_clear_error(cli, folder):
    d, _ = folder
    result = cli(["analyze", d, "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- pipes and progress


def test_head_closing_the_pipe_ends_quietly(tmp_path):
    x = np.random.default_rng(10).normal(size=30_000)
    path = tmp_path / "big.csv"
    path.write_text("x\n" + "\n".join(map(repr, x.tolist())) + "\n")
    proc = subprocess.run(f"'{PYTHON}' -m tscomplex analyze '{path}' -d 3 -t 1:3000 | head -1",
                          shell=True, env=_cli_env(), capture_output=True, text=True, timeout=120,
                          executable="/bin/bash")
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 1 and json.loads(proc.stdout)["tau"] == 1
    assert proc.stderr == ""


def test_no_progress_noise_when_stderr_is_not_a_terminal(cli, folder):
    d, _ = folder
    result = cli(["analyze", d, "-d", "3"])
    assert result.exit_code == 0 and result.stderr == ""


def test_resume_redoes_an_input_whose_records_were_cut_short(cli, tmp_path):
    """A kill or a full disk can cut one input's block of lines at a line boundary: those complete
    lines must not mark the input as done, or its other records are lost for good."""
    rng = np.random.default_rng(3)
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.csv"
        path.write_text("p,q,r\n" + "\n".join(",".join(repr(float(v)) for v in row)
                                              for row in rng.normal(size=(300, 3))) + "\n")
        paths.append(path)
    full = tmp_path / "full.ndjson"
    assert cli(["analyze", *paths, "-d", "3", "-t", "1:4", "-o", full, "--jobs", "1"]).exit_code == 0
    lines = full.read_text().splitlines(keepends=True)
    assert len(lines) == 24
    cut = tmp_path / "cut.ndjson"
    cut.write_text("".join(lines[:17]))  # all of a.csv and the first 5 of b.csv's 12 records
    result = cli(["analyze", *paths, "-d", "3", "-t", "1:4", "-o", cut, "--resume", "--jobs", "1"])
    assert result.exit_code == 0
    assert cut.read_text() == full.read_text()


def test_a_wrong_command_line_leaves_the_output_file_alone(cli, tmp_path):
    good = tmp_path / "good.ndjson"
    assert cli(["analyze", "--system", "logistic", "-o", good]).exit_code == 0
    before = good.read_text()
    bad = cli(["analyze", "--system", "logistic", tmp_path / "x.csv", "-o", good, "--force"])
    assert bad.exit_code == 2 and good.read_text() == before
    new = tmp_path / "new.ndjson"
    assert cli(["analyze", "--system", "nosuch", "-o", new]).exit_code == 2
    assert not new.exists()


@pytest.mark.parametrize("command", [["plane", "--plot", "{fig}"], ["sweep", "-t", "1:3", "--plot", "{fig}"],
                                     ["analyze", "--plot", "{fig}"]])
def test_group_key_survives_the_figure_paths(cli, tmp_path, command):
    """Drawing a figure runs in-process; the records must still carry the group key."""
    rng = np.random.default_rng(9)
    lines = ["id,x"] + [f"{g},{v!r}" for g in ("a", "b") for v in rng.normal(size=3000).tolist()]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n")
    fig = tmp_path / "f.png"
    args = [a.replace("{fig}", str(fig)) for a in command]
    result = cli([args[0], path, "--group-by", "id", *args[1:]])
    assert result.exit_code == 0, result.stderr
    groups = {r["group"] for r in result.records}
    assert groups == {"a", "b"} and fig.exists()


def test_plane_runs_on_workers_in_input_order(cli, tmp_path):
    """plane --jobs 2 gives the records of --jobs 1, in input order, and still draws the figure;
    a file that fails is reported and the others are drawn."""
    rng = np.random.default_rng(4)
    paths = []
    for i in range(6):
        p = tmp_path / f"s{i}.txt"
        _write_txt(p, rng.normal(size=10 if i == 3 else 2000).cumsum())  # s3 is too short for d=5, tau=3
        paths.append(p)
    out = {}
    for jobs in ("1", "2"):
        fig = tmp_path / f"p{jobs}.png"
        result = cli(["plane", *paths, "-t", "1:3", "--plot", fig, "--jobs", jobs])
        assert result.exit_code == 1 and "s3.txt" in result.stderr and fig.exists()
        out[jobs] = [r for r in result.records if "error" not in r]
    assert out["1"] == out["2"]
    assert [r["source"] for r in out["2"]] == [str(p) for p in paths if p.name != "s3.txt" for _ in range(3)]
    for r in out["2"][::4]:
        x = np.loadtxt(r["source"])
        h, c = complexity_entropy(x, 5, r["tau"])
        assert r["permutation_entropy"] == pytest.approx(h, abs=1e-12)
        assert r["statistical_complexity"] == pytest.approx(c, abs=1e-12)


def test_plane_points_of_a_long_table_are_labelled_by_group():
    from tscomplex.plots.plane import points_from_records

    records = [{"source": "t.csv", "group": g, "series": "x", "n": 500, "dim": 4, "tau": tau,
                "permutation_entropy": 0.9, "statistical_complexity": 0.1} for g in ("a", "b") for tau in (1, 2)]
    points = points_from_records(records)
    assert [p.label for p in points] == ["a:x", "b:x"] and all(list(p.taus) == [1, 2] for p in points)
