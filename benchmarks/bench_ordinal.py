"""Permutation entropy and (H, C): tscomplex against antropy and ordpy, d = 3..10, in one run, with ratios.

    python benchmarks/bench_ordinal.py            # N = 1e3 .. 1e6, d = 3 .. 10
    python benchmarks/bench_ordinal.py --quick    # N = 1e3 .. 1e5, d = 3, 5, 8, 10
    python benchmarks/bench_ordinal.py --max-n 1e7

Every tool gets the same number of timed repeats after one untimed warm-up
call (numba compiles once, tables are built once), and both the minimum and
the median are printed. antropy has permutation entropy only; ordpy has both
(``permutation_entropy``, ``complexity_entropy``). A ratio above 1 means
tscomplex is faster, computed from the medians. Each row also says whether
the three agree (|difference| < 1e-9). The machine's core count and load
average are printed first and last: on a busy machine every tool slows down.
Install the peers with `pip install ordpy antropy`.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time

import numpy as np


def timings(func, repeats):
    func()  # warm-up, not timed
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def repeats_for(n):
    return 7 if n <= 10**4 else 5 if n <= 10**5 else 3


def machine_line():
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"cores available: {cores}   load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def ms(pair):
    return f"{1e3 * pair[0]:8.2f} {1e3 * pair[1]:8.2f}" if pair else f"{'-':>8} {'-':>8}"


def ratio(peer, ours):
    return f"{peer[1] / ours[1]:7.1f}" if peer else f"{'-':>7}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller grid")
    parser.add_argument("--max-n", type=float, default=1e6, help="largest N (powers of ten from 1e3)")
    args = parser.parse_args()

    from tscomplex import complexity_entropy, permutation_entropy

    try:
        import ordpy
    except ImportError:
        ordpy = None
    try:
        import antropy
    except ImportError:
        antropy = None

    top = 5 if args.quick else int(round(math.log10(args.max_n)))
    sizes = [10**e for e in range(3, top + 1)]
    dims = [3, 5, 8, 10] if args.quick else list(range(3, 11))
    x_all = np.random.default_rng(0).normal(size=max(sizes))

    print(machine_line())
    print("times in ms: min and median of the same number of repeats for every tool; x = peer median / ours")
    print(f"{'N':>8} {'d':>2} {'rep':>3} | {'PE ours':>17} {'antropy':>17} {'ordpy':>17} {'x ant':>7} {'x ord':>7} | "
          f"{'(H,C) ours':>17} {'ordpy':>17} {'x ord':>7} | agree")
    behind = []
    for n in sizes:
        x = np.ascontiguousarray(x_all[:n])
        reps = repeats_for(n)
        for d in dims:
            h = permutation_entropy(x, dim=d)
            hc = complexity_entropy(x, dim=d)
            pe = timings(lambda: permutation_entropy(x, dim=d), reps)
            ce = timings(lambda: complexity_entropy(x, dim=d), reps)
            agree = True
            ant = ord_pe = ord_ce = None
            if antropy is not None:
                ant = timings(lambda: antropy.perm_entropy(x, order=d, delay=1, normalize=True), reps)
                agree &= abs(antropy.perm_entropy(x, order=d, delay=1, normalize=True) - h) < 1e-9
            if ordpy is not None:
                ord_pe = timings(lambda: ordpy.permutation_entropy(x, dx=d), reps)
                ord_ce = timings(lambda: ordpy.complexity_entropy(x, dx=d), reps)
                oh, oc = ordpy.complexity_entropy(x, dx=d)
                agree &= abs(oh - hc[0]) < 1e-9 and abs(oc - hc[1]) < 1e-9
            for name, peer, ours in (("PE antropy", ant, pe), ("PE ordpy", ord_pe, pe), ("(H,C) ordpy", ord_ce, ce)):
                if peer and peer[1] < ours[1]:
                    behind.append(f"N={n} d={d} {name}: {peer[1] / ours[1]:.2f}x")
            print(f"{n:>8} {d:>2} {reps:>3} | {ms(pe)} {ms(ant)} {ms(ord_pe)} {ratio(ant, pe)} {ratio(ord_pe, pe)} | "
                  f"{ms(ce)} {ms(ord_ce)} {ratio(ord_ce, ce)} | {agree}", flush=True)
    print("tscomplex behind (peer median faster): " + ("; ".join(behind) if behind else "nowhere"))
    print(machine_line())


if __name__ == "__main__":
    main()
