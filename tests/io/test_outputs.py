"""Where records go, through the real command line in a subprocess: an output that is an input, devices and
FIFOs, two runs on one output, names that are not UTF-8, integer types, streamed JSON and tables that fit."""

from __future__ import annotations

import fcntl
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


def _env(**extra) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("COLUMNS", None)
    env.update(extra)
    return env


def tsc(*args, cwd, timeout=120, input=None, env=None):
    return subprocess.run([sys.executable, "-m", "tscomplex", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, input=input, env=env or _env())


def one_error_line(proc) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:"), proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.fixture()
def data(tmp_path):
    rng = np.random.default_rng(7)
    for name in ("a", "b"):
        x = rng.normal(size=400)
        y = np.sin(0.3 * np.arange(400))
        (tmp_path / f"{name}.csv").write_text("x,y\n" + "".join(f"{float(u)!r},{float(v)!r}\n" for u, v in zip(x, y)))
    return tmp_path


# --------------------------------------------------------------------------- an output that is an input


@pytest.mark.parametrize("spelling", ["b.csv", "./b.csv", "{dir}/b.csv", "hard.csv", "link.csv"])
def test_output_that_is_an_input_is_refused_before_it_is_opened(data, spelling):
    os.link(data / "b.csv", data / "hard.csv")
    os.symlink("b.csv", data / "link.csv")
    before = (data / "b.csv").read_bytes()
    proc = tsc("analyze", "a.csv", "b.csv", "-f", "ndjson", "--force", "-o", spelling.format(dir=data), cwd=data)
    assert proc.returncode == 2
    assert "is also an input" in one_error_line(proc)
    assert (data / "b.csv").read_bytes() == before
    assert not list(data.glob(".*lock")) and not list(data.glob(".tscomplex-*"))


def test_output_inside_an_input_folder_is_refused(data):
    before = (data / "b.csv").read_bytes()
    proc = tsc("analyze", ".", "-f", "csv", "--force", "-o", "b.csv", cwd=data)
    assert proc.returncode == 2 and "is also an input" in one_error_line(proc)
    assert (data / "b.csv").read_bytes() == before


def test_figure_that_is_an_input_is_refused(data):
    (data / "c.png").write_bytes(b"not a picture")
    proc = tsc("analyze", "a.csv", "c.png", "--plot", "c.png", cwd=data)
    assert proc.returncode == 2 and "figure c.png is also an input" in one_error_line(proc)
    assert (data / "c.png").read_bytes() == b"not a picture"


# --------------------------------------------------------------------------- devices and FIFOs


def test_dev_null_is_written_in_place_without_force(data):
    for fmt in ("ndjson", "csv", "json", "parquet"):
        proc = tsc("analyze", "a.csv", "-f", fmt, "-o", os.devnull, cwd=data)
        assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_character_device_made_here_stays_a_device(data):
    node = data / "mynull"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the numbers of /dev/null on Linux
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device node needs root (CAP_MKNOD); /dev/null itself is tested above")
    for fmt in ("csv", "ndjson", "json"):
        proc = tsc("analyze", "a.csv", "-f", fmt, "-o", "mynull", "--force", cwd=data)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_ISCHR(os.stat(node).st_mode), "the device was replaced by a regular file"


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "json"])
def test_a_fifo_is_written_by_opening_it(data, fmt):
    fifo = data / "pipe"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as fh:
            got["data"] = fh.read()

    reader = threading.Thread(target=read)
    reader.start()
    proc = tsc("analyze", "a.csv", "-f", fmt, "-o", "pipe", "--force", cwd=data, timeout=60)
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    text = got["data"].decode()
    if fmt == "csv":
        assert text.splitlines()[0].startswith("source,series")
    elif fmt == "json":
        assert len(json.loads(text)) == 2
    else:
        assert len(text.splitlines()) == 2


def test_resume_into_a_fifo_is_refused(data):
    os.mkfifo(data / "pipe")
    proc = tsc("analyze", "a.csv", "-f", "ndjson", "-o", "pipe", "--resume", cwd=data, timeout=30)
    assert proc.returncode == 2 and "needs a regular file" in one_error_line(proc)


def test_a_socket_is_refused(data):
    import socket

    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(data / "sock.csv"))
        proc = tsc("analyze", "a.csv", "-o", "sock.csv", "--force", cwd=data)
    finally:
        sock.close()
    assert proc.returncode == 2 and "cannot be replaced safely" in one_error_line(proc)


def test_a_symlinked_output_replaces_its_target_and_keeps_the_link(data):
    (data / "real.csv").write_text("old\n")
    os.symlink("real.csv", data / "out.csv")
    proc = tsc("analyze", "a.csv", "-o", "out.csv", "--force", cwd=data)
    assert proc.returncode == 0, proc.stderr
    assert os.path.islink(data / "out.csv")
    assert (data / "real.csv").read_text().startswith("source,series")


# --------------------------------------------------------------------------- one run per output


def _wait_for_lock(path: Path, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and path.read_text().strip():
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


def test_a_second_run_on_the_same_output_is_refused(data):
    # the first run holds the lock while it waits for its stdin, which this test keeps open
    first = subprocess.Popen([sys.executable, "-m", "tscomplex", "analyze", "-", "-o", "out.ndjson"], cwd=data,
                             env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        _wait_for_lock(data / ".out.ndjson.lock")
        second = tsc("analyze", "a.csv", "-o", "out.ndjson", "--force", cwd=data)
        assert second.returncode == 2
        assert "being written by another tscomplex run" in one_error_line(second)
        out, err = first.communicate("\n".join(str(v) for v in np.sin(np.arange(300.0))) + "\n", timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    records = [json.loads(line) for line in (data / "out.ndjson").read_text().splitlines()]
    assert [r["source"] for r in records] == ["-"]
    assert not (data / ".out.ndjson.lock").exists()
    # once the first run is over the name is free again
    assert tsc("analyze", "a.csv", "-o", "out.ndjson", "--force", cwd=data).returncode == 0


def test_a_lock_left_by_a_killed_run_does_not_block(data):
    (data / ".out.csv.lock").write_text("12345\n")  # the file survives a SIGKILL, its flock does not
    proc = tsc("analyze", "a.csv", "-o", "out.csv", cwd=data)
    assert proc.returncode == 0, proc.stderr
    assert not (data / ".out.csv.lock").exists()


def test_a_held_lock_refuses_every_format(data):
    with open(data / ".out.json.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        proc = tsc("analyze", "a.csv", "-o", "out.json", cwd=data)
    assert proc.returncode == 2 and "another tscomplex run" in one_error_line(proc)
    assert not (data / "out.json").exists()


# --------------------------------------------------------------------------- names that are not UTF-8


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["csv", "tsv", "table", "json", "ndjson", "parquet"])
def test_a_file_name_that_is_not_utf8_is_written_escaped(data, fmt):
    folder = data / "in"
    folder.mkdir()
    (folder / "a.csv").write_bytes((data / "a.csv").read_bytes())
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.csv"), "wb") as fh:
        fh.write((data / "b.csv").read_bytes())
    out = f"out.{'txt' if fmt == 'table' else fmt}"
    proc = tsc("analyze", "in", "-f", fmt, "-o", out, cwd=data)
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr
    if fmt == "parquet":
        import pandas as pd

        sources = set(pd.read_parquet(data / out)["source"])
    elif fmt in ("json", "ndjson"):
        text = (data / out).read_text(encoding="utf-8")  # valid UTF-8: the name is escaped upstream, as text
        records = json.loads(text) if fmt == "json" else [json.loads(ln) for ln in text.splitlines()]
        sources = {r["source"] for r in records}
    else:
        sources = set((data / out).read_text(encoding="utf-8").split())
    assert os.path.join("in", "caf\\xe9.csv") in sources or any("caf\\xe9.csv" in s for s in sources)


# --------------------------------------------------------------------------- integer types


def test_parquet_keeps_integers_integer_beside_an_error_row(data):
    import pandas as pd

    (data / "bad.csv").write_text("x\n1\n")
    proc = tsc("analyze", "a.csv", "bad.csv", "-o", "out.parquet", cwd=data)
    assert proc.returncode == 1
    frame = pd.read_parquet(data / "out.parquet")
    for key in ("n", "dim", "tau"):
        assert str(frame[key].dtype) == "Int64", (key, frame[key].dtype)
    assert frame["n"].isna().sum() == 1 and frame["n"].dropna().tolist() == [400, 400]
    assert frame["permutation_entropy"].dtype == np.float64


def test_patch_rows_and_summary_rows_keep_their_integer_columns(data):
    import pandas as pd

    proc = tsc("patch", "a.csv", "-c", "x", "-o", "p.parquet", cwd=data)
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_parquet(data / "p.parquet")
    for key in ("start", "end", "length", "n_patches", "n"):
        if key in frame:
            assert str(frame[key].dtype) == "Int64", (key, frame[key].dtype)
    patches = frame[frame["record"] == "patch"]
    assert (patches["end"] - patches["start"] == patches["length"]).all() or \
        (patches["end"] - patches["start"] + 1 == patches["length"]).all()
    csv = tsc("patch", "a.csv", "-c", "x", "-f", "csv", cwd=data).stdout.splitlines()
    header = csv[0].split(",")
    for row in csv[1:]:
        cells = dict(zip(header, row.split(",")))
        for key in ("start", "end", "length"):
            assert "." not in cells.get(key, ""), row


# --------------------------------------------------------------------------- JSON streams


def test_json_is_the_same_list_streamed(data):
    proc = tsc("analyze", "a.csv", "b.csv", "-t", "1,2", "-f", "json", cwd=data)
    assert proc.returncode == 0
    streamed = json.loads(proc.stdout)
    nd = [json.loads(ln) for ln in tsc("analyze", "a.csv", "b.csv", "-t", "1,2", cwd=data).stdout.splitlines()]
    assert streamed == nd and len(streamed) == 8
    assert proc.stdout == json.dumps(nd, indent=2) + "\n"
    empty = tsc("analyze", "bad.csv", "-f", "json", cwd=data)
    assert empty.returncode == 1 and json.loads(empty.stdout) == [{"source": "bad.csv", "series": None,
                                                                 "error": json.loads(empty.stdout)[0]["error"]}]


def test_json_file_streams_into_a_temporary_file_and_holds_no_list():
    from tscomplex.io.writers import RecordWriter

    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out.json")
        writer = RecordWriter("json", path)
        writer.write({"source": "a", "n": 1})
        assert writer.records == [] and not os.path.exists(path)
        assert len(os.listdir(folder)) == 1  # the temporary file, renamed at close
        writer.write_many([{"source": "b", "n": 2}, {"source": "c", "n": None}])
        writer.close()
        assert json.load(open(path)) == [{"source": "a", "n": 1}, {"source": "b", "n": 2},
                                         {"source": "c", "n": None}]
        aborted = RecordWriter("json", os.path.join(folder, "gone.json"))
        aborted.write({"source": "a"})
        aborted.abort()
        assert sorted(os.listdir(folder)) == ["out.json"]


# --------------------------------------------------------------------------- tables that fit


def test_the_default_table_fits_the_terminal_and_says_what_it_left_out(data):
    from tscomplex.io.writers import RecordWriter

    import io

    records = [{"source": "a.csv", "series": "x", "n": 400, "dt": None, "dim": 5, "tau": 1, "weighted": False,
                "permutation_entropy": 0.97154276, "statistical_complexity": 0.0520982, "fisher_information": 0.08,
                "missing_patterns": 0, "regime": "stochastic", "regime_rule": "noise_curve",
                "periodic_entropy_bound": 0.61, "noise_curve_complexity": 0.06,
                "regime_complexity_threshold": 0.1, "multi_turn_fraction": 0.5}]
    out, notes = io.StringIO(), []
    env = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        writer = RecordWriter("table", stdout=out, command="analyze", notes=notes.append)
        writer.write_many(records)
        writer.close()
    finally:
        if env is None:
            os.environ.pop("COLUMNS")
        else:
            os.environ["COLUMNS"] = env
    lines = out.getvalue().splitlines()
    assert max(map(len, lines)) <= 80
    shown = lines[0].split()
    assert shown[:5] == ["source", "series", "tau", "permutation_entropy", "statistical_complexity"]
    assert len(notes) == 1 and "-f wide" in notes[0] and "multi_turn_fraction" in notes[0]
    hidden = notes[0].split("(")[1].split(")")[0].split(", ")
    assert sorted(shown + hidden) == sorted(records[0])  # every column is either shown or named


def test_wide_and_columns_through_the_cli(data):
    wide = tsc("analyze", "a.csv", "-f", "wide", cwd=data, env=_env(COLUMNS="80"))
    assert wide.returncode == 0 and "multi_turn_fraction" in wide.stdout.splitlines()[0]
    table = tsc("analyze", "a.csv", "-f", "table", cwd=data, env=_env(COLUMNS="80"))
    assert max(map(len, table.stdout.splitlines())) <= 80
    assert table.stderr == ""  # the note on left-out columns is for a terminal, not for a log
    full = tsc("analyze", "a.csv", "-f", "table", cwd=data)  # piped, no COLUMNS: nothing to fit
    assert full.stdout == wide.stdout
    picked = tsc("analyze", "a.csv", "--columns", "series,tau,permutation_entropy", "-f", "csv", cwd=data)
    assert picked.stdout.splitlines()[0] == "series,tau,permutation_entropy"
    nd = tsc("analyze", "a.csv", "--columns", "series,n", cwd=data)
    assert [json.loads(ln) for ln in nd.stdout.splitlines()] == [{"series": "x", "n": 400}, {"series": "y", "n": 400}]


def test_columns_with_resume_is_refused_before_the_file_is_touched(data):
    (data / "out.ndjson").write_text('{"source": "a.csv", "series": "x"}\n{"half')
    proc = tsc("analyze", "a.csv", "--columns", "series", "-o", "out.ndjson", "--resume", cwd=data)
    assert proc.returncode == 2 and "--columns cannot be combined with --resume" in one_error_line(proc)
    assert (data / "out.ndjson").read_text().endswith('{"half')
