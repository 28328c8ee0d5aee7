"""Interrupted at any moment, the real command stops at once, cleanly, and loses nothing.

Each case starts ``python -m tscomplex`` in its own session (process group),
waits until it has installed its signal handlers, sleeps a seeded random
time, and sends a real signal: SIGINT to the whole group (as Ctrl-C does),
SIGTERM or SIGHUP to the parent alone (as ``kill`` does), or SIGKILL. Then
it checks the exit status (128 + signal, or 0 if the run finished first), the
time to exit (under 3 s), that no process of the group survives, that the
output is valid (NDJSON: whole records of whole inputs; CSV, JSON, Parquet:
the complete file or none; no temporary files), and, for NDJSON, that
``--resume`` then gives exactly the records of an uninterrupted run.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = 21
EXIT_WITHIN = 3.0


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("TSCOMPLEX_DEBUG", None)
    return env


def _command(args) -> list[str]:
    return [sys.executable, "-m", "tscomplex", *map(str, args)]


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group ``pgid``, from /proc (no psutil)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            alive.append(int(entry))
    return alive


def _handlers_ready(pid: int) -> bool:
    """True once the process runs tscomplex and catches SIGTERM (its handlers are installed), or has exited.

    The command line is checked too: between fork and exec the child is a copy of this test process,
    which may catch SIGTERM itself (after an in-process CLI test of another module).
    """
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = fh.read().split(b"\0")
            if b"-m" not in argv or argv[argv.index(b"-m") + 1:argv.index(b"-m") + 2] != [b"tscomplex"]:
                return False
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    except OSError:
        return True
    return False


class Stopped:
    def __init__(self, returncode, seconds, stdout, stderr, survivors):
        self.returncode, self.seconds, self.stdout, self.stderr, self.survivors = (
            returncode, seconds, stdout, stderr, survivors)


def interrupt(args, cwd, signum, delay, stdout=subprocess.PIPE, after_output=None) -> Stopped:
    """Start tscomplex ARGS, send ``signum`` ``delay`` seconds after it is ready (or after the file
    ``after_output`` got its first record, to stop a run midway), and wait for it."""
    proc = subprocess.Popen(_command(args), cwd=cwd, env=_env(), stdout=stdout, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    ready_by = time.monotonic() + 60
    while not _handlers_ready(proc.pid) and proc.poll() is None and time.monotonic() < ready_by:
        time.sleep(0.01)
    while after_output is not None and proc.poll() is None and time.monotonic() < ready_by:
        if after_output.exists() and after_output.stat().st_size:
            break
        time.sleep(0.01)
    time.sleep(delay)
    sent = time.monotonic()
    if proc.poll() is None:
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole foreground group, workers included
        else:
            os.kill(proc.pid, signum)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"still running 30 s after {signal.Signals(signum).name}")
    seconds = time.monotonic() - sent
    survivors = _group(proc.pid)
    deadline = time.monotonic() + 1.0  # a worker killed by its parent's death takes a moment to be reaped
    while survivors and time.monotonic() < deadline:
        time.sleep(0.05)
        survivors = _group(proc.pid)
    for pid in survivors:  # never leave them behind, even when the test fails
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return Stopped(proc.returncode, seconds, out.decode() if out else "", err.decode(), survivors)


def run(args, cwd, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(_command(args), cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def expected_code(signum) -> int:
    return {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129, signal.SIGKILL: -9}[signum]


def check_stopped(stopped: Stopped, signum) -> bool:
    """Common checks; True if the run was interrupted, False if it had finished before the signal."""
    assert "Traceback" not in stopped.stderr and "internal error" not in stopped.stderr, stopped.stderr
    assert stopped.returncode in (0, expected_code(signum)), (stopped.returncode, stopped.stderr)
    assert stopped.seconds < EXIT_WITHIN, f"took {stopped.seconds:.2f} s to exit after the signal"
    assert not stopped.survivors, f"processes of the run survive it: {stopped.survivors}"
    if stopped.returncode != 0 and signum != signal.SIGKILL:
        lines = [ln for ln in stopped.stderr.splitlines() if ln.startswith("tscomplex: interrupted")]
        assert len(lines) == 1, stopped.stderr
    return stopped.returncode != 0


def no_temporary_files(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if p.name.startswith(".tscomplex-")]
    assert not left, f"temporary files left behind: {left}"


def ndjson(path: Path) -> list[dict]:
    text = path.read_text() if path.exists() else ""
    assert text == "" or text.endswith("\n"), "the last NDJSON line is cut"
    return [json.loads(line) for line in text.splitlines()]


# --------------------------------------------------------------------------- data and reference runs


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """Six 100 000-sample series (a few seconds of work for each command) and four short ones for lyapunov."""
    root = tmp_path_factory.mktemp("interrupt")
    rng = np.random.default_rng(SEED)
    (root / "long").mkdir()
    (root / "short").mkdir()
    for i in range(6):
        np.save(root / "long" / f"s{i}.npy", rng.standard_normal(100_000))
    for i in range(4):
        t = np.arange(2000)
        np.save(root / "short" / f"s{i}.npy", np.sin(0.05 * (1 + i / 10) * t) + 0.1 * rng.standard_normal(t.size))
    return root


COMMANDS = {
    "analyze": ["analyze", "long", "-t", "1:30"],
    "sweep": ["sweep", "long", "-t", "1:30"],
    "patch": ["patch", "long", "--summary"],
    "lyapunov": ["lyapunov", "short"],
}
_references: dict = {}


def reference(work, command) -> list[dict]:
    """The records of an uninterrupted run (computed once)."""
    if command not in _references:
        out = work / f"reference-{command}.ndjson"
        result = run([*COMMANDS[command], "--jobs", "2", "-o", out, "--force"], work)
        assert result.returncode == 0, result.stderr
        _references[command] = ndjson(out)
    return _references[command]


def _cases():
    """Seeded random moments over signals x commands x formats x jobs (each combination of a row once)."""
    rng = random.Random(SEED)
    rows = [
        ("analyze", "ndjson", 2, signal.SIGINT), ("analyze", "csv", 2, signal.SIGTERM),
        ("analyze", "json", 1, signal.SIGHUP), ("analyze", "parquet", 2, signal.SIGINT),
        ("sweep", "ndjson", 1, signal.SIGTERM), ("sweep", "csv", 2, signal.SIGINT),
        ("patch", "ndjson", 2, signal.SIGHUP), ("patch", "parquet", 1, signal.SIGTERM),
        ("lyapunov", "ndjson", 2, signal.SIGTERM), ("lyapunov", "json", 1, signal.SIGINT),
        ("analyze", "ndjson", 1, signal.SIGKILL), ("patch", "ndjson", 2, signal.SIGKILL),
    ]
    cases = []
    for command, fmt, jobs, signum in rows:
        # NDJSON: a moment after the first input's records are out (a run stopped midway, then resumed);
        # other formats: a moment after start, while the records are still held in memory
        delay = round(rng.uniform(0.0, 0.4) if fmt == "ndjson" else rng.uniform(0.2, 2.0), 2)
        marks = [pytest.mark.slow] if command in ("sweep", "lyapunov") else []
        cases.append(pytest.param(command, fmt, jobs, signum, delay, marks=marks,
                                  id=f"{command}-{fmt}-jobs{jobs}-{signal.Signals(signum).name}-{delay}s"))
    return cases


@pytest.mark.parametrize("command,fmt,jobs,signum,delay", _cases())
def test_signal_stops_batch_cleanly(work, command, fmt, jobs, signum, delay):
    out = work / f"out-{command}-{fmt}-{jobs}-{int(signum)}.{fmt}"
    if out.exists():
        out.unlink()
    stopped = interrupt([*COMMANDS[command], "--jobs", jobs, "-f", fmt, "-o", out], work, signum, delay,
                        after_output=out if fmt == "ndjson" else None)
    interrupted = check_stopped(stopped, signum)
    no_temporary_files(work)
    want = reference(work, command)
    if fmt == "ndjson":
        got = ndjson(out)
        # whole inputs only: every source present has all of its reference records, in order
        sources = list(dict.fromkeys(r["source"] for r in got))
        assert got == [r for r in want if r["source"] in sources]
        if interrupted:
            resumed = run([*COMMANDS[command], "--jobs", jobs, "-o", out, "--resume"], work)
            assert resumed.returncode == 0, resumed.stderr
        assert ndjson(out) == want  # each record exactly once, as an uninterrupted run gives them
        return
    # a signal that lands while the finished output is being written waits for the write, and says so:
    # the output is then complete (checked below); any other interrupted run leaves no output at all
    completed = interrupted and "were written" in stopped.stderr
    if interrupted and not completed:
        assert not out.exists(), f"{fmt} output written by an interrupted run"
        return
    assert out.exists()
    if fmt == "csv":
        with open(out, newline="") as fh:
            assert len(list(csv.DictReader(fh))) == len(want)
    elif fmt == "json":
        assert len(json.loads(out.read_text())) == len(want)
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows == len(want)


def test_closed_pipe_stops_quietly_and_at_once(work):
    """`tscomplex ... --jobs 2 | head -1`: exit 0 soon after the reader goes, nothing on stderr, no workers."""
    proc = subprocess.Popen(_command([*COMMANDS["analyze"], "--jobs", "2"]), cwd=work, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    first = proc.stdout.readline()
    assert json.loads(first)["source"].startswith("long")
    proc.stdout.close()  # as head does after its line
    closed = time.monotonic()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("still running 30 s after its stdout was closed")
    err = proc.stderr.read().decode()
    # the next write finds the pipe closed: at most one input's worth of work after the close
    assert time.monotonic() - closed < 10
    assert proc.returncode == 0, err
    assert err == "", err
    assert not _group(proc.pid)


def test_sigkill_of_the_parent_takes_its_workers_and_resume_completes(work):
    """SIGKILL cannot be handled: workers must still die with the parent, so a pipe reader sees end-of-file."""
    out = work / "killed.ndjson"
    if out.exists():
        out.unlink()
    proc = subprocess.Popen(_command([*COMMANDS["analyze"], "--jobs", "2", "-o", out]), cwd=work, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    while not _group(proc.pid)[1:] and proc.poll() is None:  # wait for the workers
        time.sleep(0.02)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    killed = time.monotonic()
    assert proc.stdout.read() == b""  # end-of-file: no worker holds the pipe open
    proc.wait()
    assert time.monotonic() - killed < EXIT_WITHIN
    deadline = time.monotonic() + 2.0
    while _group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = _group(proc.pid)
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "workers outlived their killed parent"
    resumed = run([*COMMANDS["analyze"], "--jobs", "2", "-o", out, "--resume"], work)
    assert resumed.returncode == 0, resumed.stderr
    assert ndjson(out) == reference(work, "analyze")


@pytest.mark.parametrize("args,signum", [
    (["simulate", "lorenz", "-n", "50000000", "-o", "lorenz.parquet"], signal.SIGINT),
    (["simulate", "lorenz", "-n", "50000000", "-f", "csv"], signal.SIGHUP),
    (["lyapunov", "--system", "lorenz", "--spectrum", "--steps", "50000000", "-f", "json"], signal.SIGINT),
    (["lyapunov", "--system", "lorenz", "--spectrum", "--steps", "50000000", "-f", "json"], signal.SIGTERM),
], ids=["simulate-SIGINT", "simulate-stdout-SIGHUP", "spectrum-SIGINT", "spectrum-SIGTERM"])
def test_signal_during_a_long_numba_kernel(work, args, signum):
    """Inside compiled integration a signal used to segfault (spectrum) or end in 'internal error' (simulate)."""
    target = work / "lorenz.parquet"
    if target.exists():
        target.unlink()
    stopped = interrupt(args, work, signum, random.Random(SEED + len(args)).uniform(0.5, 1.0))
    assert stopped.returncode == expected_code(signum), (stopped.returncode, stopped.stderr, stopped.seconds,
                                                         stopped.stdout[-300:])
    check_stopped(stopped, signum)
    assert stopped.stdout == ""
    assert not target.exists()
    no_temporary_files(work)


def test_in_process_calls_give_the_signal_handlers_back(cli, tmp_path):
    """A notebook or test that runs the CLI in-process keeps its own Ctrl-C and SIGTERM behaviour afterwards."""
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    path = tmp_path / "x.npy"
    np.save(path, np.random.default_rng(0).standard_normal(500))
    assert cli(["analyze", path]).exit_code == 0
    assert {s: signal.getsignal(s) for s in before} == before


SWALLOWED = """
import os, signal, time
from tscomplex.batch import interrupts
interrupts.install()

class Victim:
    def __del__(self):  # the signal lands here, where a raised exception would be printed and dropped
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):
            pass

start = time.monotonic()
try:
    Victim()
    while time.monotonic() - start < 10:
        pass
    print("not interrupted")
except interrupts.Interrupted as exc:
    interrupts.acknowledge()
    print("interrupted", exc.signum, time.monotonic() - start < 3)
"""


def test_a_signal_that_lands_where_exceptions_are_dropped_is_delivered_again(tmp_path):
    result = subprocess.run([sys.executable, "-c", SWALLOWED], cwd=tmp_path, env=_env(), capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.split() == ["interrupted", str(int(signal.SIGTERM)), "True"], result
    assert result.stderr == ""


ORPHAN = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from tscomplex.batch import interrupts
interrupts._parent_death_signal = lambda: False  # as on a system without prctl: only the watchdog is left
pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=interrupts.worker_setup)
print(pool.submit(os.getpid).result(), flush=True)
pool.submit(time.sleep, 60)
time.sleep(0.2)
os._exit(0)  # the parent vanishes without cleaning up, as after SIGKILL
"""


def test_the_watchdog_alone_ends_an_orphaned_worker(tmp_path):
    result = subprocess.run([sys.executable, "-c", ORPHAN], cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=60)
    worker = int(result.stdout.split()[0])
    deadline = time.monotonic() + 3.0
    while os.path.exists(f"/proc/{worker}") and time.monotonic() < deadline:
        with open(f"/proc/{worker}/stat") as fh:
            if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
        time.sleep(0.05)
    alive = os.path.exists(f"/proc/{worker}")
    if alive:
        with open(f"/proc/{worker}/stat") as fh:
            alive = fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    if alive:
        os.kill(worker, signal.SIGKILL)
    assert not alive, "the orphaned worker outlived its parent by 3 s"
