"""The first run compiles its kernels side by side (tscomplex/_warm.py, cli/firstrun.py): the warm-up groups must
leave nothing for the run to compile, and a first run must give what a later one gives."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Runs the warm-up groups named in argv[1] (comma-separated; may be empty), then the command line in argv[2:]
#: in this process, and prints the tscomplex kernels numba compiled during the command (not during the groups).
PROBE = """
import sys
from numba.core import event
compiled = []
class Listener(event.Listener):
    def on_start(self, ev): pass
    def on_end(self, ev):
        f = ev.data["dispatcher"].py_func
        compiled.append(f.__module__ + "." + f.__name__)
event.register("numba:compile", Listener())
from tscomplex import _warm
for name in filter(None, sys.argv[1].split(",")):
    getattr(_warm, name)()
compiled.clear()
from tscomplex.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
print("COMPILED", sorted({n for n in compiled if n.startswith("tscomplex")}), file=sys.stderr)
"""


def _env(cache: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NUMBA_CACHE_DIR": str(cache)}
    env.pop("NUMBA_DISABLE_JIT", None)
    env.pop("TSCOMPLEX_THREADS", None)
    return env


def _probe(tmp_path, groups: str, args: list[str], cache: Path):
    done = subprocess.run([sys.executable, "-c", PROBE, groups, *args], cwd=tmp_path, env=_env(cache), check=False,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("COMPILED")][-1]
    return ast.literal_eval(line.removeprefix("COMPILED "))


@pytest.mark.slow
def test_the_analyze_groups_leave_nothing_to_compile(tmp_path):
    """After the groups of ``analyze`` ran (empty cache before), analyzing a CSV compiles no kernel; without
    them the same run compiles several (so the probe can see a compile)."""
    from tscomplex._warm import GROUPS

    np.savetxt(tmp_path / "x.csv", np.random.default_rng(3).normal(size=2000))
    names = ",".join(group.__name__ for group in GROUPS["analyze"])
    cold = _probe(tmp_path, "", ["analyze", "x.csv", "--jobs", "1"], tmp_path / "cold")
    assert len(cold) >= 3
    warmed = _probe(tmp_path, names, ["analyze", "x.csv", "--jobs", "1"], tmp_path / "warm")
    assert warmed == []


@pytest.mark.slow
def test_a_first_run_that_compiles_side_by_side_gives_the_records_of_a_later_run(tmp_path):
    """A first run (empty cache, two jobs: the groups compile in a forked process and in this one) says the note
    once and gives the same records as the next run; its forked process is gone when it returns."""
    np.savetxt(tmp_path / "x.csv", np.random.default_rng(4).normal(size=3000))
    env = _env(tmp_path / "cache")

    def run():
        return subprocess.run([sys.executable, "-m", "tscomplex", "analyze", "x.csv", "--jobs", "2", "-f", "ndjson"],
                              cwd=tmp_path, env=env, check=False, capture_output=True, text=True, timeout=600)

    first = run()
    assert first.returncode == 0, first.stderr
    assert [ln for ln in first.stderr.splitlines() if "compiling the numerical kernels" in ln] != []
    assert first.stderr.count("compiling the numerical kernels") == 1
    assert list((tmp_path / "cache").rglob("*.nbi"))  # the kernels are in the cache
    second = run()
    assert second.returncode == 0 and "compiling" not in second.stderr
    assert second.stdout == first.stdout


def test_jobs_1_and_a_warm_cache_fork_nothing(monkeypatch):
    """--jobs 1 (or a filled cache) never forks: the warm-up only runs where it can use a second core."""
    from tscomplex.cli import firstrun

    def no_fork():
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    assert firstrun.start_warm_up("analyze", 1) == 0
    assert firstrun.start_warm_up("simulate", 2) == 0  # a command without groups
    monkeypatch.setattr(firstrun, "_group_cached", lambda group: True)
    assert firstrun.start_warm_up("analyze", 2) == 0
    assert firstrun._forked == [] and firstrun._own_group == []


def test_a_system_run_forks_one_process_for_every_group(monkeypatch):
    """With ``--system`` this process compiles the integrator, so one forked process compiles every cold group,
    one after the other, and this one keeps none (two cores, two even loads)."""
    import threading

    from tscomplex._warm import GROUPS
    from tscomplex.cli import firstrun

    forks = []

    def fake_fork():
        forks.append(1)
        return 2 ** 22 + 12345  # a pid no process has: wait_warm_up's waitpid finds no child and goes on

    monkeypatch.setattr(os, "fork", fake_fork)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(firstrun, "_group_cached", lambda group: False)
    monkeypatch.setattr(firstrun, "_forked", [])
    monkeypatch.setattr(firstrun, "_own_group", [])
    monkeypatch.setattr(firstrun, "_said", True)  # no note on this test's stderr
    assert firstrun.start_warm_up("analyze", 2, integrates=True) == len(GROUPS["analyze"])
    assert forks == [1] and firstrun._own_group == []
    firstrun.wait_warm_up()
    assert firstrun._forked == []
    monkeypatch.setattr(firstrun, "_forked", [])
    forks.clear()
    assert firstrun.start_warm_up("analyze", 2) == len(GROUPS["analyze"])  # files: the last group stays here
    assert len(forks) == len(GROUPS["analyze"]) - 1 and len(firstrun._own_group) == 1


@pytest.mark.slow
def test_a_first_system_run_gives_the_records_of_a_later_run(tmp_path):
    """``analyze --system`` on an empty cache (the groups compile in one forked process while this one compiles
    the integrator) gives byte-identical records to the next run, which compiles nothing."""
    env = _env(tmp_path / "cache")

    def run():
        return subprocess.run([sys.executable, "-m", "tscomplex", "analyze", "--system", "lorenz", "-n", "3000",
                               "-f", "ndjson"], cwd=tmp_path, env=env, check=False, capture_output=True, text=True,
                              timeout=600)

    first = run()
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("compiling the numerical kernels") == 1
    second = run()
    assert second.returncode == 0 and "compiling" not in second.stderr
    assert second.stdout == first.stdout
