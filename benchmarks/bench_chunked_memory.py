"""Peak memory of ``analyze``, ``patch`` and ``sweep`` on one long NPY file, each command in its own process.

One NPY file of SAMPLES float64 samples (10^8 = 800 MB by default) is written
to a temporary folder, then each command runs on it with the default chunk
size, with ``--summary`` where the command has it. The peak resident memory
of each child process (its ``ru_maxrss`` from os.wait4, through a tiny
go-between so the benchmark's own pages are not counted) is printed with the
wall time and exit status. The goal (issue 21) is under 300 MB for every
command. The file is deleted afterwards.

Usage: python benchmarks/bench_chunked_memory.py [--samples N] [--commands analyze,patch,sweep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOAL_MB = 300

_WRAPPER = """import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read().decode(errors="replace").strip().splitlines()
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), (err or [""])[-1])
"""

COMMANDS = {
    "analyze": ["analyze"],
    "patch": ["patch", "--summary"],
    "sweep": ["sweep", "--summary"],
}


def write_series(path: str, samples: int, block: int = 1 << 22) -> None:
    """A random walk plus a sine, written block by block so this process stays small too."""
    rng = np.random.default_rng(0)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float64, shape=(samples,))
    level = 0.0
    for start in range(0, samples, block):
        n = min(block, samples - start)
        t = np.arange(start, start + n)
        walk = level + np.cumsum(rng.standard_normal(n)) * 0.01
        level = walk[-1]
        out[start:start + n] = walk + np.sin(2 * np.pi * t / 500.0)
    out.flush()
    del out


def measure(args: list[str]) -> tuple[float, float, int, str]:
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "tscomplex", *args]
    env = {**os.environ, "PYTHONPATH": ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout.split(" ", 3)
    return float(out[0]), float(out[1]), int(out[2]), out[3].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000_000)
    parser.add_argument("--commands", default="analyze,patch,sweep")
    opts = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tscomplex-bench-")
    try:
        path = os.path.join(folder, "long.npy")
        write_series(path, opts.samples)
        print(f"{opts.samples:.3g} samples ({os.path.getsize(path) / 2**20:.0f} MiB on disk), default chunk size")
        print(f"{'command':<34} {'peak RSS MB':>12} {'seconds':>9} {'exit':>5}  goal < {GOAL_MB} MB")
        for name in opts.commands.split(","):
            args = [*COMMANDS[name], path]
            seconds, rss, code, last = measure(args)
            verdict = "ok" if code == 0 and rss < GOAL_MB else "OVER" if code == 0 else f"failed: {last}"
            print(f"{' '.join(COMMANDS[name]):<34} {rss:>12.0f} {seconds:>9.1f} {code:>5}  {verdict}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
