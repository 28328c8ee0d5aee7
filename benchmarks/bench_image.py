"""2-D ordinal patterns (H, C of an image): tscomplex against ordpy on the same arrays, with ratios.

    python benchmarks/bench_image.py            # 64^2 .. 512^2 pixels, dx x dy = 2x2, 3x2, 3x3
    python benchmarks/bench_image.py --quick    # 64^2 and 128^2 only

Both tools get the same array (uniform random integers 0..255, so ties occur
as in 8-bit pictures) and the same number of timed repeats after one untimed
warm-up call (numba compiles once); the minimum and the median are printed,
and the ratio ordpy / tscomplex of the medians (above 1: tscomplex is
faster). Times are the CPU time of this process (``time.process_time``;
both tools run on one thread), so that other work on a shared machine does
not count as theirs; ``--wall`` times the wall clock instead. Each row says
whether the two agree to 1e-10 on H and C. The machine's core count and load
average are printed first and last. Install the peer with `pip install ordpy`.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time

import numpy as np


def timings(func, repeats, clock=time.process_time):
    func()  # warm-up, not timed
    times = []
    for _ in range(repeats):
        t0 = clock()
        func()
        times.append(clock() - t0)
    return min(times), statistics.median(times)


def machine_line():
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"cores available: {cores}   load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="64^2 and 128^2 pixels only")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats per tool and size")
    parser.add_argument("--wall", action="store_true", help="time the wall clock, not this process's CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time

    from tscomplex.ordinal.image import complexity_entropy_2d

    try:
        import ordpy
    except ImportError:
        ordpy = None
        print("ordpy is not installed (pip install ordpy): only tscomplex is timed")
    print(machine_line())
    sides = (64, 128) if args.quick else (64, 128, 256, 512)
    rng = np.random.default_rng(2012)
    print(f"clock: {'wall' if args.wall else 'CPU time of this process'}")
    print(f"{'pixels':>8} {'dx x dy':>7} {'tscomplex ms (min, median)':>27} {'ordpy ms (min, median)':>24} "
          f"{'ratio':>7} {'agree':>6}")
    for side in sides:
        image = rng.integers(0, 256, size=(side, side)).astype(np.float64)
        for dx, dy in ((2, 2), (3, 2), (3, 3)):
            ours = timings(lambda: complexity_entropy_2d(image, dx, dy), args.repeats, clock)
            peer, agree = None, "-"
            if ordpy is not None:
                peer = timings(lambda: ordpy.complexity_entropy(image, dx=dx, dy=dy), args.repeats, clock)
                a, b = complexity_entropy_2d(image, dx, dy), ordpy.complexity_entropy(image, dx=dx, dy=dy)
                agree = "yes" if abs(a[0] - b[0]) < 1e-10 and abs(a[1] - b[1]) < 1e-10 else "NO"
            peer_text = f"{1e3 * peer[0]:11.2f} {1e3 * peer[1]:11.2f}" if peer else f"{'-':>11} {'-':>11}"
            ratio = f"{peer[1] / ours[1]:7.0f}" if peer else f"{'-':>7}"
            print(f"{side * side:>8} {f'{dx} x {dy}':>7} {1e3 * ours[0]:13.2f} {1e3 * ours[1]:13.2f} {peer_text} "
                  f"{ratio} {agree:>6}", flush=True)
    print(machine_line())


if __name__ == "__main__":
    main()
