"""Start-up cost of the command line: `--help`, warm runs, first runs after install, and numba's own floor.

    python benchmarks/bench_startup.py [--repeats 5] [--cold-repeats 3]

Goals (issue 14): --help under 0.3 s (no numba, pandas, pyarrow or matplotlib
imported); the first `tscomplex analyze --system lorenz` after install (an
empty numba cache) under 4 s; a warm `analyze` of a 10^4-sample CSV under
0.6 s. The floor row is a script that imports numba and calls ONE cached
kernel: no command that runs a numba kernel can start faster than that.
A first run is timed with an empty cache folder (NUMBA_CACHE_DIR) each time,
with the default jobs (kernels compiled side by side on the cores, see
tscomplex/cli/firstrun.py) and with --jobs 1 (one after the other). Each
figure is the min and median of fresh processes; the core count and the
load are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

FLOOR = """
import numpy as np
from numba import njit
@njit(cache=True, nogil=True)
def total(x):
    s = 0.0
    for v in x:
        s += v
    return s
total(np.ones(3))
"""


def wall(cmd, repeats, env=None, fresh_cache=False):
    times = []
    for _ in range(repeats):
        run_env = dict(env or os.environ)
        with tempfile.TemporaryDirectory() as cache:
            if fresh_cache:
                run_env["NUMBA_CACHE_DIR"] = cache
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=run_env)
            times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def row(label, times, goal=""):
    print(f"{label:44s} {times[0]:6.2f} s  {times[1]:6.2f} s   {goal}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cold-repeats", type=int, default=3)
    args = parser.parse_args(argv)
    exe = [sys.executable, "-m", "tscomplex"]
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f} before")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.csv")
        np.savetxt(path, np.random.default_rng(0).normal(size=10_000), header="flux", comments="")
        floor = os.path.join(tmp, "floor.py")
        with open(floor, "w") as fh:
            fh.write(FLOOR)
        subprocess.run(exe + ["analyze", path], check=True, stdout=subprocess.DEVNULL)  # fill numba's cache
        subprocess.run(exe + ["analyze", "--system", "lorenz"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, floor], check=True, cwd=tmp)
        modules = subprocess.run(exe[:1] + ["-c", "import sys, tscomplex.cli; print(sorted(m for m in "
                                 "('numba','pandas','pyarrow','matplotlib','scipy') if m in sys.modules))"],
                                 capture_output=True, text=True).stdout.strip()
        print(f"{'':44s} {'min':>8s} {'median':>9s}")
        row("python -c pass", wall([sys.executable, "-c", "pass"], args.repeats))
        row("tscomplex --help", wall(exe + ["--help"], args.repeats), f"goal < 0.3 s; imports {modules}")
        row("numba floor: one cached kernel", wall([sys.executable, floor], args.repeats))
        row("warm: analyze 10^4-sample CSV", wall(exe + ["analyze", path], args.repeats), "goal < 0.6 s")
        row("warm: analyze --system lorenz", wall(exe + ["analyze", "--system", "lorenz"], args.repeats))
        cold = args.cold_repeats
        row("first run: analyze --system lorenz", wall(exe + ["analyze", "--system", "lorenz"], cold,
                                                        fresh_cache=True), "goal < 4 s")
        row("first run: analyze --system lorenz --jobs 1",
            wall(exe + ["analyze", "--system", "lorenz", "--jobs", "1"], cold, fresh_cache=True))
        row("first run: analyze 10^4-sample CSV", wall(exe + ["analyze", path], cold, fresh_cache=True))
        row("first run: analyze 10^4-sample CSV --jobs 1", wall(exe + ["analyze", path, "--jobs", "1"], cold,
                                                                 fresh_cache=True))
    print(f"load {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
