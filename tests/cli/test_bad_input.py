"""Hostile and mistaken input, through the real command line in a subprocess.

Each case runs ``python -m tscomplex ...`` as a user would and checks the
contract of ARCHITECTURE.md: exit 0 when all went well, 1 when an input failed
(each failure ONE line ``tscomplex: error: INPUT...: REASON`` on stderr, the
other inputs still produce records), 2 when the command line itself is wrong
(one line too, ending with the help to read). Never a traceback.

A constant series is not a failure: it has a well-defined H = 0, so it gets its
record and exit 0, with a ``tscomplex: warning:`` line saying it is constant.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    @property
    def errors(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("tscomplex: error:")]

    @property
    def warnings(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("tscomplex: warning:")]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("COLUMNS", None)
    return env


def tsc(*args, cwd, timeout=120) -> Result:
    """``python -m tscomplex ARGS`` in ``cwd``; stdout is a pipe, so records are NDJSON."""
    proc = subprocess.run([sys.executable, "-m", "tscomplex", *map(str, args)], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_one_error(result: Result, code: int, *fragments: str) -> str:
    """Exit ``code``, no traceback, exactly one error line on stderr holding every fragment; return it."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stderr)
    assert len(result.errors) == 1, result.stderr
    line = result.errors[0]
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    if code == 2:  # a wrong command line: nothing else on stderr, and where to read more
        assert result.stderr.strip() == line and "(see " in line, result.stderr
        assert result.stdout == ""
    return line


# --------------------------------------------------------------------------- data


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A folder of good, bad and odd inputs shared by the cases below."""
    d = tmp_path_factory.mktemp("bad_input")
    x = np.random.default_rng(0).standard_normal(500)
    np.savetxt(d / "good.csv", x)
    (d / "empty.csv").write_text("")
    (d / "header.csv").write_text("a,b\n")
    (d / "mixed.csv").write_text("x,label\n" + "".join(f"{v!r},lab{i}\n" for i, v in enumerate(x.tolist())))
    cells = [repr(v) for v in x.tolist()]
    cells[7] = "nan"
    cells[40] = "NaN"
    cells[100] = ""
    cells[200] = "inf"
    (d / "holes.csv").write_text("x,y\n" + "".join(f"{c},{v!r}\n" for c, v in zip(cells, x.tolist())))
    np.savetxt(d / "const.csv", np.full(500, 3.0))
    np.savetxt(d / "tiny.csv", [1.0, 2.0, 3.0])
    (d / "one.csv").write_text("1\n")
    (d / "garbage.csv").write_bytes(np.random.default_rng(1).integers(0, 256, 4000, dtype=np.uint8).tobytes())
    (d / "words.csv").write_text("name,colour\nalpha,red\nbeta,blue\n")
    (d / "bad.parquet").write_bytes(b"NOT-PARQUET" * 100)
    with gzip.open(d / "packed.csv.gz", "wt") as fh:
        fh.write("flux\n" + "".join(f"{v!r}\n" for v in x.tolist()))
    (d / "nodata").mkdir()
    (d / "nodata" / "notes.md").write_text("no series here\n")
    (d / "nodata" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return d


class Unpickled:
    """Unpickling this creates a marker file: proof that a reader ran pickle."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


# --------------------------------------------------------------------------- analyze: readers


@pytest.mark.parametrize("name, fragments", [
    ("empty.csv", ["empty.csv", "file is empty"]),
    ("header.csv", ["header.csv", "header but no data rows"]),
    ("garbage.csv", ["garbage.csv", "not a text file", "expected CSV"]),
    ("words.csv", ["words.csv", "no numeric column"]),
    ("bad.parquet", ["bad.parquet", "not a valid Parquet file"]),
    ("missing.csv", ["missing.csv", "no such file"]),
    ("nodata", ["nodata", "no supported files", ".csv"]),
])
def test_unreadable_inputs_fail_in_one_line(data, name, fragments):
    result = tsc("analyze", name, cwd=data)
    line = assert_one_error(result, 1, *fragments)
    assert line.startswith(f"tscomplex: error: {name}")
    assert result.records == [{"source": name, "series": None, "error": line.split(": ", 3)[3]}]


def test_a_failing_input_does_not_stop_the_others(data):
    result = tsc("analyze", "good.csv", "missing.csv", "good.csv", "-f", "ndjson", cwd=data)
    assert_one_error(result, 1, "missing.csv")
    good = [r for r in result.records if "error" not in r]
    assert [r["source"] for r in result.records] == ["good.csv", "missing.csv", "good.csv"]
    assert len(good) == 2 and good[0]["permutation_entropy"] == good[1]["permutation_entropy"]


def test_non_numeric_column_lists_the_others(data):
    result = tsc("analyze", "mixed.csv", "-c", "label", cwd=data)
    assert_one_error(result, 1, "mixed.csv", "column 'label' is not numeric", "other columns are: x")


def test_missing_column_lists_the_columns(data):
    result = tsc("analyze", "mixed.csv", "-c", "nope", cwd=data)
    assert_one_error(result, 1, "mixed.csv", "column 'nope' not found", "columns are: x, label")


def test_nan_inf_blank_default_error_names_count_and_first_row(data):
    result = tsc("analyze", "holes.csv", "-c", "x", cwd=data)
    assert_one_error(result, 1, "holes.csv", "column 'x' has 4 NaN, inf or blank values",
                     "first at data row 8", "--nan drop", "--nan interpolate")


@pytest.mark.parametrize("policy, n", [("drop", 496), ("interpolate", 500)])
def test_nan_policies(data, policy, n):
    result = tsc("analyze", "holes.csv", "--nan", policy, cwd=data)
    assert result.returncode == 0 and result.stderr == ""
    by_series = {r["series"]: r for r in result.records}
    assert by_series["x"]["n"] == n and by_series["y"]["n"] == 500
    assert 0.9 < by_series["x"]["permutation_entropy"] <= 1.0


def test_bad_nan_policy_is_a_usage_error(data):
    assert_one_error(tsc("analyze", "good.csv", "--nan", "zero", cwd=data), 2, "--nan", "zero")


def test_constant_series_gives_zero_with_a_warning_and_exit_0(data):
    result = tsc("analyze", "const.csv", cwd=data)
    assert result.returncode == 0 and result.errors == [] and "Traceback" not in result.stderr
    assert len(result.warnings) == 1 and "const.csv [value]" in result.warnings[0]
    assert "constant series" in result.warnings[0]
    (record,) = result.records
    assert record["permutation_entropy"] == 0.0 and record["statistical_complexity"] == 0.0
    assert '"permutation_entropy": 0.0' in result.stdout  # never -0.0


def test_too_short_for_dim_and_tau(data):
    result = tsc("analyze", "tiny.csv", "-d", "3", "-t", "1,2", cwd=data)
    line = assert_one_error(result, 1, "tiny.csv [value]", "too short for dim=3, tau=2", "at least")
    assert "needs at least (dim-1)*tau+1 = 5" in line
    ok = [r for r in result.records if "error" not in r]
    assert [r["tau"] for r in ok] == [1]  # tau=1 fits in 3 samples; only tau=2 fails


@pytest.mark.parametrize("args, fragments", [
    (["-d", "1"], ["--dim", "1 is not in the range 2<=x<=10"]),
    (["-d", "11"], ["--dim", "11 is not in the range"]),
    (["-t", "0"], ["--tau", "must be >= 1, got 0"]),
    (["-t", "-1"], ["--tau", "must be >= 1, got -1"]),
    (["-t", "1:x"], ["--tau", "is not an integer"]),
    (["-f", "xml"], ["--format", "xml"]),
])
def test_bad_parameters_are_usage_errors(data, args, fragments):
    assert_one_error(tsc("analyze", "good.csv", *args, cwd=data), 2, *fragments, "tscomplex analyze --help")


def test_npy_of_objects_is_never_unpickled(data, tmp_path):
    marker = tmp_path / "unpickled"
    np.save(tmp_path / "objects.npy", np.array([Unpickled(marker), 1], dtype=object), allow_pickle=True)
    np.savez(tmp_path / "objects.npz", a=np.array([Unpickled(marker)], dtype=object))
    # sanity: the payload does fire when unpickled
    pickle.loads(pickle.dumps(Unpickled(tmp_path / "fires")))
    assert (tmp_path / "fires").exists()
    for name in ("objects.npy", "objects.npz"):
        result = tsc("analyze", name, cwd=tmp_path)
        assert_one_error(result, 1, name, "Python objects", "never unpickled")
    assert not marker.exists()


def test_gzipped_csv_simply_works(data):
    result = tsc("analyze", "packed.csv.gz", cwd=data)
    plain = tsc("analyze", "good.csv", cwd=data)
    assert result.returncode == 0 and result.stderr == ""
    (record,) = result.records
    assert record["series"] == "flux" and record["n"] == 500
    assert record["permutation_entropy"] == plain.records[0]["permutation_entropy"]


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.csv"
    np.savetxt(path, np.arange(50.0) % 7)
    path.chmod(0)
    try:
        result = tsc("analyze", "secret.csv", cwd=tmp_path)
        if os.access(path, os.R_OK):  # root (as in many CI containers): permissions are not enforced
            assert result.returncode == 0 and result.errors == []
            assert result.records[0]["n"] == 50
        else:
            assert_one_error(result, 1, "secret.csv", "permission denied", "chmod +r")
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- outputs


def test_output_folder_must_exist(data, tmp_path):
    result = tsc("analyze", data / "good.csv", "-o", tmp_path / "nope" / "out.json", cwd=tmp_path)
    assert_one_error(result, 2, "output folder", "does not exist", "create it first")
    assert not (tmp_path / "nope").exists()


def test_existing_output_needs_force(data, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("precious\n")
    result = tsc("analyze", data / "good.csv", "-o", out, cwd=tmp_path)
    assert_one_error(result, 2, "out.json exists", "--force")
    assert out.read_text() == "precious\n"
    forced = tsc("analyze", data / "good.csv", "-o", out, "--force", cwd=tmp_path)
    assert forced.returncode == 0 and forced.stderr == ""
    assert json.loads(out.read_text())[0]["n"] == 500


def test_output_file_mode_follows_the_umask(data, tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    for name in ("out.json", "out.csv", "out.ndjson", "out.parquet"):
        assert tsc("analyze", data / "good.csv", "-o", name, cwd=tmp_path).returncode == 0
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~mask, name
    # a trajectory and a figure (save_figure) too
    assert tsc("simulate", "henon", "-n", "300", "-o", "h.csv", "--plot", "h.png", cwd=tmp_path).returncode == 0
    for name in ("h.csv", "h.png"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~mask, name
    assert (tmp_path / "h.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tscomplex-")]


def _pipeline(command: str, cwd) -> subprocess.CompletedProcess:
    """Run a shell pipeline; its exit status is the first command's (PIPESTATUS)."""
    script = f"{command}; exit ${{PIPESTATUS[0]}}"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fmt", ["ndjson", "table", "csv"])
def test_pipe_into_head_ends_quietly(tmp_path, fmt):
    np.savetxt(tmp_path / "big.csv", np.random.default_rng(2).standard_normal((3000, 3)), delimiter=",")
    py = shlex.quote(sys.executable)
    # 3 series x 300 taus: far more than a pipe buffer, so head's exit really breaks the pipe
    proc = _pipeline(f"{py} -m tscomplex analyze big.csv -d 3 -t 1:300 -f {fmt} | head -1", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_simulate_into_head_ends_quietly(tmp_path):
    py = shlex.quote(sys.executable)
    proc = _pipeline(f"{py} -m tscomplex simulate henon -n 200000 | head -2", tmp_path)
    assert proc.returncode == 0 and "Error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.splitlines()[0] == "time,x,y"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_batch_leaves_valid_ndjson(tmp_path, jobs):
    np.savetxt(tmp_path / "s.csv", np.random.default_rng(3).standard_normal(20000))
    out = tmp_path / "out.ndjson"
    # the same file 400 times: a long batch without writing 400 files
    args = [sys.executable, "-m", "tscomplex", "analyze", *(["s.csv"] * 400), "-t", "1:20", "-o", str(out),
            "--jobs", jobs]
    proc = subprocess.Popen(args, cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 0:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group, workers included
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "interrupted after" in stderr and "--resume" in stderr
    text = out.read_text()
    assert text.endswith("\n")
    records = [json.loads(line) for line in text.splitlines()]
    assert 0 < len(records) < 400 * 20
    assert all(r["source"] == "s.csv" and "error" not in r for r in records)


# --------------------------------------------------------------------------- the other commands


@pytest.mark.parametrize("command", [
    ["sweep", "-t", "1:5"], ["plane", "--plot", "p.png"], ["lyapunov"], ["patch"],
])
def test_other_commands_missing_file(data, command):
    result = tsc(command[0], "missing.csv", *command[1:], cwd=data)
    assert_one_error(result, 1, "missing.csv", "no such file")
    assert not (data / "p.png").exists()


@pytest.mark.parametrize("command, fragments", [
    (["sweep", "tiny.csv"], ["tiny.csv [value]", "too short for dim=5"]),
    (["plane", "tiny.csv", "--plot", "p.png"], ["tiny.csv [value]", "too short for dim=5"]),
    (["lyapunov", "tiny.csv"], ["tiny.csv [value]", "too short"]),
    (["patch", "one.csv"], ["one.csv [value]", "too short for order 2"]),
    (["patch", "tiny.csv", "--estimator", "ordinal"], ["tiny.csv [value]", "too short for dim 5"]),
])
def test_other_commands_too_short(data, command, fragments):
    result = tsc(*command, cwd=data)
    assert_one_error(result, 1, *fragments)
    assert not (data / "p.png").exists()


@pytest.mark.parametrize("command, fragments", [
    (["sweep", "good.csv", "--plot", "no/s.png"], ["--plot", "does not exist"]),
    (["sweep", "good.csv", "--plot", "s.gif"], ["--plot", "suffix must be one of .png, .svg, .pdf"]),
    (["plane", "good.csv", "--plot", "no/p.png"], ["--plot", "does not exist"]),
    (["lyapunov", "good.csv", "--plot", "no/l.png"], ["--plot", "does not exist"]),
    (["patch", "good.csv", "--plot", "no/x.png"], ["does not exist"]),
    (["analyze", "good.csv", "--plot", "no/a.png"], ["--plot", "does not exist"]),
    (["simulate", "lorenz", "--plot", "no/a.png"], ["does not exist"]),
])
def test_bad_figure_path_is_refused_before_any_work(data, command, fragments):
    result = tsc(*command, cwd=data)
    assert_one_error(result, 2, *fragments, "create it first" if "does not exist" in fragments else "")


@pytest.mark.parametrize("command, fragments", [
    (["sweep", "good.csv", "-t", "0"], ["--tau", "must be >= 1"]),
    (["sweep", "good.csv", "-d", "11"], ["--dim"]),
    (["plane", "good.csv", "--plot", "p.png", "-d", "3"], ["--dim", "4<=x<=8"]),
    (["lyapunov", "good.csv", "-d", "0"], ["--dim"]),
    (["lyapunov", "good.csv", "-m", "0"], ["--embedding-dim"]),
    (["lyapunov", "good.csv", "--lag", "-2"], ["--lag"]),
    (["patch", "good.csv", "--bins", "1"], ["--bins"]),
    (["patch", "good.csv", "--threshold", "qq"], ["--threshold", "q95"]),
    (["patch", "good.csv", "--min-len", "5", "--max-len", "2"], ["--max-len", "must be >= --min-len"]),
    (["sweep", "good.csv", "--system", "logistic"], ["not both"]),
])
def test_other_commands_bad_parameter(data, command, fragments):
    assert_one_error(tsc(*command, cwd=data), 2, *fragments, f"tscomplex {command[0]} --help")


@pytest.mark.parametrize("command", [
    ["simulate", "lorenzz"], ["systems", "show", "lorenzz"], ["analyze", "--system", "lorenzz"],
    ["lyapunov", "--system", "lorenzz", "--spectrum"],
])
def test_unknown_system_lists_the_closest_names(data, command):
    line = assert_one_error(tsc(*command, cwd=data), 2, "unknown system 'lorenzz'", "closest: lorenz",
                            "tscomplex systems list")
    assert line.count("(see") == 1


@pytest.mark.parametrize("command", [
    ["simulate", "lorenz", "--param", "sigmaa=3"], ["analyze", "--system", "lorenz", "--param", "sigmaa=3"],
])
def test_unknown_parameter_lists_the_valid_ones(data, command):
    assert_one_error(tsc(*command, cwd=data), 2, "no parameter 'sigmaa'", "valid parameters: sigma, rho, beta")


def test_simulate_output_checks(data, tmp_path):
    assert_one_error(tsc("simulate", "henon", "-o", "no/h.csv", cwd=tmp_path), 2, "does not exist")
    (tmp_path / "h.csv").write_text("keep\n")
    assert_one_error(tsc("simulate", "henon", "-o", "h.csv", cwd=tmp_path), 2, "exists", "--force")
    assert (tmp_path / "h.csv").read_text() == "keep\n"
    assert_one_error(tsc("simulate", "henon", "--param", "a", cwd=tmp_path), 2, "name=number")


def test_unknown_command_and_missing_argument(data):
    assert_one_error(tsc("analyse", "good.csv", cwd=data), 2, "No such command 'analyse'", "tscomplex --help")
    assert_one_error(tsc("systems", "show", cwd=data), 2, "Missing argument 'NAME'")
    assert_one_error(tsc("analyze", cwd=data), 2, "no input")


def test_batch_level_error_has_the_same_prefix(data):
    result = tsc("analyze", "good.csv", "--dask", "tcp://127.0.0.1:9", cwd=data, timeout=60)
    assert_one_error(result, 1, "cannot connect to the Dask scheduler")
    assert "Error:" not in result.stderr


# --------------------------------------------------------------------------- the program itself


def test_version_and_python_dash_m(tmp_path):
    from tscomplex import __version__

    result = tsc("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"tscomplex, version {__version__}"
    short = tsc("-V", cwd=tmp_path)
    assert short.stdout == result.stdout
    helped = tsc("--help", cwd=tmp_path)
    assert helped.returncode == 0 and helped.stdout.startswith("Usage: tscomplex ")
    for name in ("analyze", "sweep", "plane", "lyapunov", "patch", "simulate", "systems"):
        assert f"\n  {name} " in helped.stdout
    listed = tsc("systems", "list", "-f", "json", cwd=tmp_path)
    assert listed.returncode == 0 and any(r["system"] == "lorenz" for r in json.loads(listed.stdout))


def _all_commands():
    """(path, click command) of every command and subcommand, imported as `tscomplex --help` would."""
    import click

    from tscomplex.cli import COMMANDS, main

    ctx = click.Context(main, info_name="tscomplex")
    out = []
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        out.append((name, command))
        if isinstance(command, click.Group):
            out.extend((f"{name} {sub}", command.get_command(ctx, sub)) for sub in command.list_commands(ctx))
    return out


@pytest.mark.parametrize("path, command", _all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_help_has_an_example_and_a_whole_short_help(cli, path, command):
    result = cli([*path.split(), "--help"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Example:" in [ln.strip() for ln in lines], path
    start = [ln.strip() for ln in lines].index("Example:")
    examples = [ln.strip() for ln in lines[start + 1:start + 10] if ln.startswith("    tscomplex ")]
    assert examples and all(ex.startswith(f"tscomplex {path.split()[0]}") or path == "systems"
                            for ex in examples), examples
    # the one-line summary in the parent's command list: a whole sentence, not cut by click
    short = command.get_short_help_str(limit=60)
    assert not short.endswith("..."), (path, short)
    assert short.endswith("."), (path, short)


def test_top_level_command_list_is_not_truncated(cli):
    result = cli(["--help"])
    listing = result.stdout.split("Commands:")[1]
    assert "..." not in listing
    from tscomplex.cli import COMMANDS

    assert len([ln for ln in listing.splitlines() if ln.strip()]) == len(COMMANDS)  # one line each, none wrapped


def test_a_bug_is_one_line_too(cli, monkeypatch, tmp_path):
    """An unexpected exception still ends in one line and exit 1; TSCOMPLEX_DEBUG=1 lets it through."""
    import tscomplex.cli.analyze as analyze_module

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug\nover two lines")

    monkeypatch.setattr(analyze_module, "iter_sources", broken)
    monkeypatch.delenv("TSCOMPLEX_DEBUG", raising=False)
    result = cli(["analyze", "x.csv"])
    assert result.exit_code == 1 and result.exception is None
    assert result.stderr == ("tscomplex: error: internal error (RuntimeError: simulated bug over two lines); "
                             "please report it (set TSCOMPLEX_DEBUG=1 to see the traceback)\n")
    monkeypatch.setenv("TSCOMPLEX_DEBUG", "1")
    assert isinstance(cli(["analyze", "x.csv"]).exception, RuntimeError)


def test_truncated_gzip_and_damaged_parquet_through_the_cli(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "cut.csv").write_bytes(gzip.compress(b"x\n1\n2\n3\n")[:12])
    (tmp_path / "cut.csv.gz").write_bytes(gzip.compress(b"x\n1\n2\n3\n")[:12])
    pq.write_table(pa.table({"x": np.arange(100.0)}), tmp_path / "ok.parquet")
    data = bytearray((tmp_path / "ok.parquet").read_bytes())
    data[4:40] = bytes(36)  # damage the first column chunk, keep the footer
    (tmp_path / "hurt.parquet").write_bytes(bytes(data))
    result = tsc("analyze", "cut.csv", "cut.csv.gz", "hurt.parquet", "ok.parquet", "-d", "3", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [ln.split(":")[2].strip() for ln in result.errors] == ["cut.csv", "cut.csv.gz", "hurt.parquet"]
    assert "cannot be decompressed" in result.errors[0] and "cannot decompress" in result.errors[1]
    assert "not a valid Parquet file" in result.errors[2]
    assert [r["source"] for r in result.records if "error" not in r] == ["ok.parquet"]


def test_stdin_is_named_and_repeated_columns_count_once(data):
    proc = subprocess.run([sys.executable, "-m", "tscomplex", "analyze", "-"], cwd=data, env=_env(), input="",
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr == "tscomplex: error: - (stdin): file is empty\n"
    result = tsc("analyze", "mixed.csv", "-c", "x", "-c", "x", cwd=data)
    assert result.returncode == 0 and [r["series"] for r in result.records] == ["x"]


def test_a_full_disk_is_one_line(data):
    """Writing to /dev/full (Linux) fails with ENOSPC: one line and exit 1, not a traceback."""
    assert os.path.exists("/dev/full") or sys.platform != "linux"
    if not os.path.exists("/dev/full"):  # other systems: nothing to fill; the output path still must work
        assert tsc("analyze", "good.csv", "-f", "json", cwd=data).returncode == 0
        return
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "tscomplex", "analyze", "good.csv", "-f", "json"], cwd=data,
                              env=_env(), stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr == "tscomplex: error: No space left on device\n"


@pytest.mark.parametrize("command", [
    ["simulate", "logistic", "--param", "r=5", "-n", "100"],
    ["analyze", "--system", "logistic", "--param", "r=5"],
    ["lyapunov", "--system", "lorenz", "--spectrum", "--param", "rho=1e300", "--steps", "100"],
])
def test_a_diverging_system_is_exit_1_everywhere(data, command):
    """A well-formed request whose run blows up is a failed run (1), not a wrong command line (2)."""
    assert_one_error(tsc(*command, cwd=data), 1, "diverged at t =", "try ")


def test_review_findings_are_clear_errors(tmp_path):
    """Garbage behind .npz, stdin given twice, q = inf, unknown output suffixes: one line, no traceback."""
    (tmp_path / "bad.npz").write_bytes(b"garbage, not a zip")
    result = tsc("analyze", "bad.npz", cwd=tmp_path)
    line = assert_one_error(result, 1, "bad.npz", "not a valid NPY/NPZ file")
    assert "Python objects" not in line
    assert_one_error(tsc("analyze", "-", "-", cwd=tmp_path), 2, "stdin", "only once")
    assert_one_error(tsc("analyze", "--system", "logistic", "-q", "inf", cwd=tmp_path), 2, "--q")
    assert_one_error(tsc("analyze", "--system", "logistic", "-o", "r.csv.gz", cwd=tmp_path), 2,
                     "cannot tell the output format")
    assert_one_error(tsc("simulate", "henon", "-n", "50", "-o", "s.npy", cwd=tmp_path), 2,
                     "cannot tell the format")
    assert not (tmp_path / "r.csv.gz").exists() and not (tmp_path / "s.npy").exists()
