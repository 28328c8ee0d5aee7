"""Start-up cost of the command line: `tscomplex --help` and a warm `analyze` of a 10^4-sample CSV.

    python benchmarks/bench_startup.py

Goals: --help under 0.3 s (no numba, pandas, pyarrow or matplotlib imported),
and a warm analyze (numba's on-disk cache filled by a first run) under 1 s.
Each figure is the median of 7 runs of a fresh process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def wall(cmd, repeats=7):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    exe = [sys.executable, "-m", "tscomplex"]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.csv")
        np.savetxt(path, np.random.default_rng(0).normal(size=10_000), header="flux", comments="")
        subprocess.run(exe + ["analyze", path], check=True, stdout=subprocess.DEVNULL)  # fill numba's cache
        baseline = wall([sys.executable, "-c", "pass"])
        help_s = wall(exe + ["--help"])
        analyze_s = wall(exe + ["analyze", path])
    modules = subprocess.run(exe[:1] + ["-c", "import sys, tscomplex.cli; "
                             "print(sorted(m for m in ('numba','pandas','pyarrow','matplotlib','scipy') if m in sys.modules))"],
                             capture_output=True, text=True).stdout.strip()
    print(f"python -c pass            {baseline:6.3f} s")
    print(f"tscomplex --help          {help_s:6.3f} s   (goal < 0.3 s)   heavy modules imported: {modules}")
    print(f"tscomplex analyze 10^4    {analyze_s:6.3f} s   (goal < 1 s, warm cache)")


if __name__ == "__main__":
    main()
