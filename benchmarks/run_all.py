"""Every benchmark in one run: tscomplex against ordpy, antropy, nolds, peccary and scipy, with ratios.

    python benchmarks/run_all.py            # the full sizes of each issue's goal (tens of minutes)
    python benchmarks/run_all.py --quick    # smaller sizes, a few minutes

Install the peers first: pip install '.[bench]'. Each benchmark is its own
script (run one alone for its options); this runs them in turn, in fresh
processes so one's imports and caches do not colour the next, and prints
their tables one after another.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

BENCHMARKS = [
    ("ordinal patterns vs ordpy, antropy", "bench_ordinal.py", True),
    ("H-C plane and tau sweep vs peccary", "bench_plane.py", True),
    ("systems: integrator vs scipy", "bench_systems.py", True),
    ("Lyapunov from data vs nolds", "bench_lyapunov.py", True),
    ("entropy-guided patching vs numpy", "bench_patching.py", True),
    ("batch: files per second, chunked memory", "bench_batch.py", True),
    ("one long series: read pass, peers, two threads", "bench_io.py", False),
    ("command-line start-up", "bench_startup.py", False),
]


def main():
    quick = "--quick" in sys.argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    failed = []
    for title, script, takes_quick in BENCHMARKS:
        print(f"\n=== {title} ({script}{' --quick' if quick and takes_quick else ''})", flush=True)
        t0 = time.perf_counter()
        cmd = [sys.executable, os.path.join(here, script)] + (["--quick"] if quick and takes_quick else [])
        if subprocess.run(cmd).returncode != 0:
            failed.append(script)
        print(f"--- {script}: {time.perf_counter() - t0:.0f} s", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
